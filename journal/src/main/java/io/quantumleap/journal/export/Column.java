package io.quantumleap.journal.export;

/**
 * One column of an export.
 *
 * @param name   column name, as in the CSV header and the Parquet schema.
 * @param string true for text, false for a 64-bit integer.
 */
public record Column(String name, boolean string)
{
    /**
     * @param name column name.
     * @return an integer column.
     */
    public static Column int64(final String name)
    {
        return new Column(name, false);
    }

    /**
     * @param name column name.
     * @return a text column.
     */
    public static Column text(final String name)
    {
        return new Column(name, true);
    }
}
