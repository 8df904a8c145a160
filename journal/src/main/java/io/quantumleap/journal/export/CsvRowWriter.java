package io.quantumleap.journal.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** RFC 4180 CSV with a header line; text is quoted only when it holds a comma, quote or line break. */
public final class CsvRowWriter implements RowWriter
{
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private int column;

    /**
     * @param file    created or truncated.
     * @param columns header.
     * @throws IOException when the file cannot be created.
     */
    public CsvRowWriter(final Path file, final List<Column> columns) throws IOException
    {
        this(Files.newBufferedWriter(file, StandardCharsets.UTF_8), columns);
    }

    /**
     * @param out     where the CSV goes; closed by {@link #close()}.
     * @param columns header.
     * @throws IOException when the header cannot be written.
     */
    public CsvRowWriter(final Writer out, final List<Column> columns) throws IOException
    {
        this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out);
        beginRow();
        for (final Column c : columns)
        {
            text(c.name());
        }
        endRow();
    }

    @Override
    public void beginRow()
    {
        line.setLength(0);
        column = 0;
    }

    @Override
    public void int64(final long value)
    {
        separator();
        line.append(value);
    }

    @Override
    public void none()
    {
        separator();
    }

    @Override
    public void text(final CharSequence value)
    {
        separator();
        boolean quote = false;
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r')
            {
                quote = true;
                break;
            }
        }
        if (!quote)
        {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"')
            {
                line.append('"');
            }
            line.append(c);
        }
        line.append('"');
    }

    @Override
    public void endRow() throws IOException
    {
        line.append('\n');
        out.append(line);
    }

    @Override
    public void close() throws IOException
    {
        out.close();
    }

    private void separator()
    {
        if (column++ > 0)
        {
            line.append(',');
        }
    }
}
