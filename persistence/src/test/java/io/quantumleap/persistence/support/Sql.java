package io.quantumleap.persistence.support;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

public final class Sql
{
    private Sql()
    {
    }

    public static long count(final DataSource dataSource, final String query)
    {
        final List<Long> values = longs(dataSource, query);
        return values.isEmpty() ? -1 : values.get(0);
    }

    public static List<Long> longs(final DataSource dataSource, final String query)
    {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery(query))
        {
            final List<Long> values = new ArrayList<>();
            while (rs.next())
            {
                values.add(rs.getLong(1));
            }
            return values;
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(query + ": " + ex, ex);
        }
    }

    public static List<String> strings(final DataSource dataSource, final String query)
    {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery(query))
        {
            final List<String> values = new ArrayList<>();
            while (rs.next())
            {
                values.add(rs.getString(1));
            }
            return values;
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(query + ": " + ex, ex);
        }
    }

    public static void execute(final DataSource dataSource, final String sql)
    {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement())
        {
            s.execute(sql);
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException(sql + ": " + ex, ex);
        }
    }
}
