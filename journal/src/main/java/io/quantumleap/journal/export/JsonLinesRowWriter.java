package io.quantumleap.journal.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** JSON lines: one object per row, keyed by the column names; integers as JSON numbers, text as JSON strings. */
public final class JsonLinesRowWriter implements RowWriter
{
    private final Writer out;
    private final List<Column> columns;
    private final StringBuilder line = new StringBuilder(512);
    private int column;

    /**
     * @param out     where the lines go; closed by {@link #close()}.
     * @param columns the keys, in order.
     */
    public JsonLinesRowWriter(final Writer out, final List<Column> columns)
    {
        this.out = out instanceof BufferedWriter ? out : new BufferedWriter(out);
        this.columns = columns;
    }

    @Override
    public void beginRow()
    {
        line.setLength(0);
        line.append('{');
        column = 0;
    }

    @Override
    public void int64(final long value)
    {
        key();
        line.append(value);
    }

    @Override
    public void none()
    {
        key();
        line.append("null");
    }

    @Override
    public void text(final CharSequence value)
    {
        key();
        string(value);
    }

    @Override
    public void endRow() throws IOException
    {
        line.append("}\n");
        out.append(line);
    }

    @Override
    public void close() throws IOException
    {
        out.close();
    }

    private void key()
    {
        if (column > 0)
        {
            line.append(',');
        }
        string(columns.get(column++).name());
        line.append(':');
    }

    private void string(final CharSequence value)
    {
        line.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        line.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }
}
