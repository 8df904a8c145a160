package io.quantumleap.persistence.users;

import io.quantumleap.persistence.StorageException;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Users' price alerts ({@code price_alerts}). Failures are {@link StorageException}s. Thread safe: every call takes
 * its own connection from the pool.
 */
public final class AlertRepository
{
    private static final String COLUMNS = "id, user_id, instrument_token, exchange, tradingsymbol, direction, price, " +
        "note, status, created_at, triggered_at, triggered_price";

    private final DataSource dataSource;

    public AlertRepository(final DataSource dataSource)
    {
        this.dataSource = dataSource;
    }

    /**
     * Adds an active alert, unless the user has {@code maxActive} active ones already.
     *
     * @return the alert as stored; empty when the user is at {@code maxActive}, and nothing was stored.
     */
    public Optional<AlertRow> create(
        final UUID userId, final long instrumentToken, final String exchange, final String tradingsymbol,
        final String direction, final BigDecimal price, final String note, final Instant createdAt,
        final int maxActive)
    {
        final String failure = "price alert of user " + userId + " not stored";
        return UserTransactions.lockedForUser(dataSource, userId, failure, c ->
        {
            if (activeCount(c, userId) >= maxActive)
            {
                return Optional.empty();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO price_alerts (user_id, instrument_token, " +
                "exchange, tradingsymbol, direction, price, note, status, created_at) " +
                "VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?) RETURNING " + COLUMNS))
            {
                ps.setObject(1, userId);
                ps.setLong(2, instrumentToken);
                ps.setString(3, exchange);
                ps.setString(4, tradingsymbol);
                ps.setString(5, direction);
                ps.setBigDecimal(6, price);
                ps.setString(7, note);
                ps.setTimestamp(8, Timestamp.from(createdAt));
                return Optional.of(one(ps).orElseThrow());
            }
        });
    }

    /** @return the user's alerts, newest first. */
    public List<AlertRow> ofUser(final UUID userId)
    {
        return query("SELECT " + COLUMNS + " FROM price_alerts WHERE user_id = ? ORDER BY id DESC", userId,
            "price alerts of user " + userId + " not read");
    }

    /** @return the alert, whoever's it is, or empty when there is none. */
    public Optional<AlertRow> find(final long id)
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM price_alerts WHERE id = ?"))
        {
            ps.setLong(1, id);
            return one(ps);
        }
        catch (final SQLException ex)
        {
            throw new StorageException("price alert " + id + " not read", ex);
        }
    }

    /** @return every user's active alerts, oldest first. */
    public List<AlertRow> active()
    {
        return query("SELECT " + COLUMNS + " FROM price_alerts WHERE status = 'active' ORDER BY id", null,
            "active price alerts not read");
    }

    /**
     * Changes one of the user's alerts and makes it active again (a triggered one is re-armed), unless that would
     * make more than {@code maxActive} active.
     *
     * @return the alert as stored; empty when the user has no such alert.
     * @throws IllegalStateException when re-arming it would exceed {@code maxActive}; nothing is changed then.
     */
    public Optional<AlertRow> update(
        final UUID userId, final long id, final String direction, final BigDecimal price, final String note,
        final int maxActive)
    {
        final String failure = "price alert " + id + " of user " + userId + " not changed";
        return UserTransactions.lockedForUser(dataSource, userId, failure, c ->
        {
            final Optional<AlertRow> before;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM price_alerts " +
                "WHERE user_id = ? AND id = ?"))
            {
                ps.setObject(1, userId);
                ps.setLong(2, id);
                before = one(ps);
            }
            if (before.isEmpty())
            {
                return Optional.empty();
            }
            if (!AlertRow.ACTIVE.equals(before.get().status()) && activeCount(c, userId) >= maxActive)
            {
                throw new IllegalStateException("at most " + maxActive + " alerts may be active");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE price_alerts SET direction = ?, price = ?, " +
                "note = ?, status = 'active', triggered_at = NULL, triggered_price = NULL " +
                "WHERE user_id = ? AND id = ? RETURNING " + COLUMNS))
            {
                ps.setString(1, direction);
                ps.setBigDecimal(2, price);
                ps.setString(3, note);
                ps.setObject(4, userId);
                ps.setLong(5, id);
                return Optional.of(one(ps).orElseThrow());
            }
        });
    }

    /**
     * Marks an active alert triggered; a second call (another gateway saw the same tick) changes nothing.
     *
     * @return the alert as triggered, or empty when it is not active (triggered already, changed or deleted).
     */
    public Optional<AlertRow> trigger(
        final long id, final BigDecimal price, final BigDecimal lastPrice, final Instant at)
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement ps = c.prepareStatement("UPDATE price_alerts SET status = 'triggered', " +
                "triggered_at = ?, triggered_price = ? WHERE id = ? AND status = 'active' AND price = ? RETURNING " +
                COLUMNS))
        {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setBigDecimal(2, lastPrice);
            ps.setLong(3, id);
            ps.setBigDecimal(4, price);
            return one(ps);
        }
        catch (final SQLException ex)
        {
            throw new StorageException("price alert " + id + " not marked triggered", ex);
        }
    }

    /** @return whether the user had the alert, now deleted. */
    public boolean delete(final UUID userId, final long id)
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement ps = c.prepareStatement("DELETE FROM price_alerts WHERE user_id = ? AND id = ?"))
        {
            ps.setObject(1, userId);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        }
        catch (final SQLException ex)
        {
            throw new StorageException("price alert " + id + " of user " + userId + " not deleted", ex);
        }
    }

    private static int activeCount(final Connection c, final UUID userId) throws SQLException
    {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM price_alerts WHERE user_id = ? AND " +
            "status = 'active'"))
        {
            ps.setObject(1, userId);
            try (ResultSet rs = ps.executeQuery())
            {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private List<AlertRow> query(final String sql, final UUID userId, final String failure)
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement ps = c.prepareStatement(sql))
        {
            if (userId != null)
            {
                ps.setObject(1, userId);
            }
            final List<AlertRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery())
            {
                while (rs.next())
                {
                    rows.add(row(rs));
                }
            }
            return rows;
        }
        catch (final SQLException ex)
        {
            throw new StorageException(failure, ex);
        }
    }

    private static Optional<AlertRow> one(final PreparedStatement ps) throws SQLException
    {
        try (ResultSet rs = ps.executeQuery())
        {
            return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        }
    }

    private static AlertRow row(final ResultSet rs) throws SQLException
    {
        final Timestamp triggeredAt = rs.getTimestamp("triggered_at");
        return new AlertRow(
            rs.getLong("id"),
            rs.getObject("user_id", UUID.class),
            rs.getLong("instrument_token"),
            rs.getString("exchange"),
            rs.getString("tradingsymbol"),
            rs.getString("direction"),
            Amounts.plain(rs.getBigDecimal("price")),
            rs.getString("note"),
            rs.getString("status"),
            rs.getTimestamp("created_at").toInstant(),
            triggeredAt == null ? null : triggeredAt.toInstant(),
            Amounts.plain(rs.getBigDecimal("triggered_price")));
    }
}
