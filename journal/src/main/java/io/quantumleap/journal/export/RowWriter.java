package io.quantumleap.journal.export;

import java.io.IOException;

/** Writes rows of a fixed list of columns, values given in column order. Used on one thread. */
public interface RowWriter extends AutoCloseable
{
    /** Starts a row. */
    void beginRow();

    /**
     * @param value the next column's value, an integer column.
     */
    void int64(long value);

    /** The next column, an {@link Column.Kind#INT64_OR_NULL} or {@link Column.Kind#TEXT_OR_NULL} one, has no value. */
    void none();

    /**
     * @param value the next column's value, a text column.
     */
    void text(CharSequence value);

    /**
     * Ends the row.
     *
     * @throws IOException when the file cannot be written.
     */
    void endRow() throws IOException;

    /**
     * Flushes and closes the file.
     *
     * @throws IOException when the file cannot be written.
     */
    @Override
    void close() throws IOException;
}
