package io.quantumleap.persistence.users;

import io.quantumleap.persistence.StorageException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Users' watchlists ({@code watchlists}, {@code watchlist_items}). Failures are {@link StorageException}s.
 * Thread safe: every call takes its own connection from the pool.
 */
public final class WatchlistRepository
{
    private final DataSource dataSource;

    public WatchlistRepository(final DataSource dataSource)
    {
        this.dataSource = dataSource;
    }

    /** @return the user's saved watchlist, or empty when the user never saved one. */
    public Optional<WatchlistRow> find(final UUID userId)
    {
        try (Connection c = dataSource.getConnection())
        {
            final Long selected;
            try (PreparedStatement s = c.prepareStatement("SELECT selected FROM watchlists WHERE user_id = ?"))
            {
                s.setObject(1, userId);
                try (ResultSet rs = s.executeQuery())
                {
                    if (!rs.next())
                    {
                        return Optional.empty();
                    }
                    final long value = rs.getLong(1);
                    selected = rs.wasNull() ? null : value;
                }
            }
            final List<WatchlistItemRow> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                "SELECT instrument_token, exchange, tradingsymbol, segment, tick_size, lot_size, mode " +
                    "FROM watchlist_items WHERE user_id = ? ORDER BY position"))
            {
                s.setObject(1, userId);
                try (ResultSet rs = s.executeQuery())
                {
                    while (rs.next())
                    {
                        items.add(new WatchlistItemRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getBigDecimal(5), rs.getInt(6), rs.getString(7)));
                    }
                }
            }
            return Optional.of(new WatchlistRow(items, selected));
        }
        catch (final SQLException ex)
        {
            throw new StorageException("watchlist of user " + userId + " not read", ex);
        }
    }

    /** Replaces the user's watchlist with {@code watchlist}, in one transaction. */
    public void save(final UUID userId, final WatchlistRow watchlist)
    {
        try (Connection c = dataSource.getConnection())
        {
            c.setAutoCommit(false);
            try
            {
                write(c, userId, watchlist);
                c.commit();
            }
            catch (final SQLException | RuntimeException ex)
            {
                c.rollback();
                throw ex;
            }
        }
        catch (final SQLException ex)
        {
            throw new StorageException("watchlist of user " + userId + " not saved", ex);
        }
    }

    private static void write(final Connection c, final UUID userId, final WatchlistRow watchlist) throws SQLException
    {
        try (PreparedStatement s = c.prepareStatement(
            "INSERT INTO watchlists (user_id, selected, updated_at) VALUES (?, ?, now()) " +
                "ON CONFLICT (user_id) DO UPDATE SET selected = EXCLUDED.selected, updated_at = now()"))
        {
            s.setObject(1, userId);
            if (watchlist.selected() == null)
            {
                s.setNull(2, Types.BIGINT);
            }
            else
            {
                s.setLong(2, watchlist.selected());
            }
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM watchlist_items WHERE user_id = ?"))
        {
            s.setObject(1, userId);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
            "INSERT INTO watchlist_items (user_id, position, instrument_token, exchange, tradingsymbol, segment, " +
                "tick_size, lot_size, mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"))
        {
            int position = 0;
            for (final WatchlistItemRow item : watchlist.items())
            {
                s.setObject(1, userId);
                s.setInt(2, position++);
                s.setLong(3, item.instrumentToken());
                s.setString(4, item.exchange());
                s.setString(5, item.tradingsymbol());
                s.setString(6, item.segment());
                s.setBigDecimal(7, item.tickSize());
                s.setInt(8, item.lotSize());
                s.setString(9, item.mode());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
