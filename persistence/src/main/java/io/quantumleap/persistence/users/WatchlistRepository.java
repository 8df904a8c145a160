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
 * Users' watchlists ({@code watchlists}, {@code watchlist_lists}, {@code watchlist_items}). Failures are
 * {@link StorageException}s. Thread safe: every call takes its own connection from the pool.
 */
public final class WatchlistRepository
{
    private final DataSource dataSource;

    public WatchlistRepository(final DataSource dataSource)
    {
        this.dataSource = dataSource;
    }

    /** @return the user's saved watchlists, or empty when the user never saved any. */
    public Optional<UserWatchlists> find(final UUID userId)
    {
        try (Connection c = dataSource.getConnection())
        {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try
            {
                final Optional<UserWatchlists> found = read(c, userId);
                c.commit();
                return found;
            }
            catch (final SQLException | RuntimeException ex)
            {
                c.rollback();
                throw ex;
            }
        }
        catch (final SQLException ex)
        {
            throw new StorageException("watchlists of user " + userId + " not read", ex);
        }
    }

    /**
     * Replaces the user's watchlists with {@code lists}, in one transaction, when the saved ones are still those of
     * {@code expectedVersion} (0 while the user has saved none), or whatever they are when it is null.
     *
     * @return the lists as saved, with their new version; empty when {@code expectedVersion} is not the saved
     * version any more (another save came first), and nothing was saved.
     */
    public Optional<UserWatchlists> save(
        final UUID userId, final List<WatchlistRow> lists, final int active, final Long expectedVersion)
    {
        try (Connection c = dataSource.getConnection())
        {
            c.setAutoCommit(false);
            try
            {
                final long current = lockedVersion(c, userId);
                if (expectedVersion != null && expectedVersion != current)
                {
                    c.rollback();
                    return Optional.empty();
                }
                final UserWatchlists saved = new UserWatchlists(lists, active, current + 1);
                write(c, userId, saved);
                c.commit();
                return Optional.of(saved);
            }
            catch (final SQLException | RuntimeException ex)
            {
                c.rollback();
                throw ex;
            }
        }
        catch (final SQLException ex)
        {
            throw new StorageException("watchlists of user " + userId + " not saved", ex);
        }
    }

    /** The saved version, 0 for a user with none, the user's row locked (made first) until the transaction ends. */
    private static long lockedVersion(final Connection c, final UUID userId) throws SQLException
    {
        try (PreparedStatement s = c.prepareStatement(
            "INSERT INTO watchlists (user_id, active, version) VALUES (?, 0, 0) ON CONFLICT (user_id) DO NOTHING"))
        {
            s.setObject(1, userId);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT version FROM watchlists WHERE user_id = ? FOR UPDATE"))
        {
            s.setObject(1, userId);
            try (ResultSet rs = s.executeQuery())
            {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Optional<UserWatchlists> read(final Connection c, final UUID userId) throws SQLException
    {
        final int active;
        final long version;
        try (PreparedStatement s = c.prepareStatement("SELECT active, version FROM watchlists WHERE user_id = ?"))
        {
            s.setObject(1, userId);
            try (ResultSet rs = s.executeQuery())
            {
                if (!rs.next())
                {
                    return Optional.empty();
                }
                active = rs.getInt(1);
                version = rs.getLong(2);
            }
        }
        final List<List<WatchlistItemRow>> items = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final List<Long> selected = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
            "SELECT name, selected FROM watchlist_lists WHERE user_id = ? ORDER BY list_no"))
        {
            s.setObject(1, userId);
            try (ResultSet rs = s.executeQuery())
            {
                while (rs.next())
                {
                    names.add(rs.getString(1));
                    final long token = rs.getLong(2);
                    selected.add(rs.wasNull() ? null : token);
                    items.add(new ArrayList<>());
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(
            "SELECT list_no, instrument_token, exchange, tradingsymbol, segment, tick_size, lot_size, mode " +
                "FROM watchlist_items WHERE user_id = ? ORDER BY list_no, position"))
        {
            s.setObject(1, userId);
            try (ResultSet rs = s.executeQuery())
            {
                while (rs.next())
                {
                    items.get(rs.getInt(1)).add(new WatchlistItemRow(rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getBigDecimal(6), rs.getInt(7), rs.getString(8)));
                }
            }
        }
        final List<WatchlistRow> lists = new ArrayList<>(names.size());
        for (int n = 0; n < names.size(); n++)
        {
            lists.add(new WatchlistRow(names.get(n), items.get(n), selected.get(n)));
        }
        return Optional.of(new UserWatchlists(lists, active, version));
    }

    private static void write(final Connection c, final UUID userId, final UserWatchlists watchlists)
        throws SQLException
    {
        try (PreparedStatement s = c.prepareStatement(
            "UPDATE watchlists SET active = ?, version = ?, updated_at = now() WHERE user_id = ?"))
        {
            s.setInt(1, watchlists.active());
            s.setLong(2, watchlists.version());
            s.setObject(3, userId);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM watchlist_lists WHERE user_id = ?"))
        {
            s.setObject(1, userId);
            s.executeUpdate();
        }
        try (PreparedStatement lists = c.prepareStatement(
            "INSERT INTO watchlist_lists (user_id, list_no, name, selected) VALUES (?, ?, ?, ?)");
            PreparedStatement items = c.prepareStatement(
                "INSERT INTO watchlist_items (user_id, list_no, position, instrument_token, exchange, " +
                    "tradingsymbol, segment, tick_size, lot_size, mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
        {
            for (int listNo = 0; listNo < watchlists.lists().size(); listNo++)
            {
                final WatchlistRow list = watchlists.lists().get(listNo);
                lists.setObject(1, userId);
                lists.setInt(2, listNo);
                lists.setString(3, list.name());
                if (list.selected() == null)
                {
                    lists.setNull(4, Types.BIGINT);
                }
                else
                {
                    lists.setLong(4, list.selected());
                }
                lists.addBatch();
                int position = 0;
                for (final WatchlistItemRow item : list.items())
                {
                    items.setObject(1, userId);
                    items.setInt(2, listNo);
                    items.setInt(3, position++);
                    items.setLong(4, item.instrumentToken());
                    items.setString(5, item.exchange());
                    items.setString(6, item.tradingsymbol());
                    items.setString(7, item.segment());
                    items.setBigDecimal(8, item.tickSize());
                    items.setInt(9, item.lotSize());
                    items.setString(10, item.mode());
                    items.addBatch();
                }
            }
            lists.executeBatch();
            items.executeBatch();
        }
    }
}
