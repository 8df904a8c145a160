package io.quantumleap.persistence.users;

import io.quantumleap.persistence.StorageException;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Users' baskets of orders ({@code baskets}, {@code basket_items}). Names are unique per user, whatever their case.
 * Failures are {@link StorageException}s. Thread safe: every call takes its own connection from the pool.
 */
public final class BasketRepository
{
    /** Why a change was refused: the user has as many baskets as allowed, or one with the name already. */
    public static final class Conflict extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        /** {@code too_many_baskets} or {@code name_taken}. */
        private final String reason;

        Conflict(final String reason, final String message)
        {
            super(message);
            this.reason = reason;
        }

        public String reason()
        {
            return reason;
        }
    }

    private static final String COLUMNS = "id, user_id, name, created_at, updated_at";
    private static final String ITEM_COLUMNS = "basket_id, instrument_token, exchange, tradingsymbol, " +
        "transaction_type, order_type, product, variety, validity, quantity, price, trigger_price, market_protection";

    private final DataSource dataSource;

    public BasketRepository(final DataSource dataSource)
    {
        this.dataSource = dataSource;
    }

    /**
     * Adds a basket, unless the user has {@code maxBaskets} already or one of the same name.
     *
     * @return the basket as stored.
     * @throws Conflict when refused; nothing is stored then.
     */
    public BasketRow create(
        final UUID userId, final String name, final List<BasketItemRow> items, final Instant now, final int maxBaskets)
    {
        return UserTransactions.lockedForUser(dataSource, userId, "basket of user " + userId + " not stored", c ->
        {
            if (count(c, userId) >= maxBaskets)
            {
                throw new Conflict("too_many_baskets", "at most " + maxBaskets + " baskets are kept per user; " +
                    "delete one first");
            }
            requireFreeName(c, userId, name, 0);
            final long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO baskets (user_id, name, created_at, " +
                "updated_at) VALUES (?, ?, ?, ?) RETURNING id"))
            {
                ps.setObject(1, userId);
                ps.setString(2, name);
                ps.setTimestamp(3, Timestamp.from(now));
                ps.setTimestamp(4, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery())
                {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            insertItems(c, id, items);
            return read(c, userId, id).orElseThrow();
        });
    }

    /**
     * Renames one of the user's baskets and replaces its items.
     *
     * @return the basket as stored; empty when the user has no such basket.
     * @throws Conflict when another of the user's baskets has the name; nothing is changed then.
     */
    public Optional<BasketRow> update(
        final UUID userId, final long id, final String name, final List<BasketItemRow> items, final Instant now)
    {
        return UserTransactions.lockedForUser(dataSource, userId, "basket " + id + " of user " + userId +
            " not changed", c ->
        {
            requireFreeName(c, userId, name, id);
            try (PreparedStatement ps = c.prepareStatement("UPDATE baskets SET name = ?, updated_at = ? " +
                "WHERE user_id = ? AND id = ?"))
            {
                ps.setString(1, name);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setObject(3, userId);
                ps.setLong(4, id);
                if (ps.executeUpdate() == 0)
                {
                    return Optional.<BasketRow>empty();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM basket_items WHERE basket_id = ?"))
            {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            insertItems(c, id, items);
            return read(c, userId, id);
        });
    }

    /** @return the user's baskets, newest first, each with its items. */
    public List<BasketRow> ofUser(final UUID userId)
    {
        try (Connection c = dataSource.getConnection())
        {
            return baskets(c, "user_id = ?", userId, null);
        }
        catch (final SQLException ex)
        {
            throw new StorageException("baskets of user " + userId + " not read", ex);
        }
    }

    /** @return the user's basket with its items, or empty when the user has none with this id. */
    public Optional<BasketRow> find(final UUID userId, final long id)
    {
        try (Connection c = dataSource.getConnection())
        {
            return read(c, userId, id);
        }
        catch (final SQLException ex)
        {
            throw new StorageException("basket " + id + " of user " + userId + " not read", ex);
        }
    }

    /** @return whether the user had the basket, now deleted with its items. */
    public boolean delete(final UUID userId, final long id)
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement ps = c.prepareStatement("DELETE FROM baskets WHERE user_id = ? AND id = ?"))
        {
            ps.setObject(1, userId);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        }
        catch (final SQLException ex)
        {
            throw new StorageException("basket " + id + " of user " + userId + " not deleted", ex);
        }
    }

    private static Optional<BasketRow> read(final Connection c, final UUID userId, final long id) throws SQLException
    {
        return baskets(c, "user_id = ? AND id = ?", userId, id).stream().findFirst();
    }

    /** The baskets matching {@code where} (the user, and the id unless null), newest first, with their items. */
    private static List<BasketRow> baskets(final Connection c, final String where, final UUID userId, final Long id)
        throws SQLException
    {
        final Map<Long, BasketRow> baskets = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM baskets WHERE " + where +
            " ORDER BY id DESC"))
        {
            bind(ps, userId, id);
            try (ResultSet rs = ps.executeQuery())
            {
                while (rs.next())
                {
                    baskets.put(rs.getLong("id"), new BasketRow(rs.getLong("id"), rs.getObject("user_id", UUID.class),
                        rs.getString("name"), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant(), new ArrayList<>()));
                }
            }
        }
        if (baskets.isEmpty())
        {
            return List.of();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ITEM_COLUMNS + " FROM basket_items WHERE " +
            "basket_id IN (SELECT id FROM baskets WHERE " + where + ") ORDER BY basket_id, position"))
        {
            bind(ps, userId, id);
            try (ResultSet rs = ps.executeQuery())
            {
                while (rs.next())
                {
                    final BasketRow basket = baskets.get(rs.getLong("basket_id"));
                    if (basket != null)
                    {
                        basket.items().add(item(rs));
                    }
                }
            }
        }
        return baskets.values().stream().map((b) -> new BasketRow(b.id(), b.userId(), b.name(), b.createdAt(),
            b.updatedAt(), List.copyOf(b.items()))).toList();
    }

    private static void bind(final PreparedStatement ps, final UUID userId, final Long id) throws SQLException
    {
        ps.setObject(1, userId);
        if (id != null)
        {
            ps.setLong(2, id);
        }
    }

    private static BasketItemRow item(final ResultSet rs) throws SQLException
    {
        return new BasketItemRow(
            rs.getLong("instrument_token"),
            rs.getString("exchange"),
            rs.getString("tradingsymbol"),
            rs.getString("transaction_type"),
            rs.getString("order_type"),
            rs.getString("product"),
            rs.getString("variety"),
            rs.getString("validity"),
            rs.getLong("quantity"),
            Amounts.plain(rs.getBigDecimal("price")),
            Amounts.plain(rs.getBigDecimal("trigger_price")),
            rs.getObject("market_protection", Integer.class));
    }

    private static void insertItems(final Connection c, final long basketId, final List<BasketItemRow> items)
        throws SQLException
    {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO basket_items (" + ITEM_COLUMNS + ", position) " +
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))
        {
            for (int i = 0; i < items.size(); i++)
            {
                final BasketItemRow item = items.get(i);
                ps.setLong(1, basketId);
                ps.setLong(2, item.instrumentToken());
                ps.setString(3, item.exchange());
                ps.setString(4, item.tradingsymbol());
                ps.setString(5, item.transactionType());
                ps.setString(6, item.orderType());
                ps.setString(7, item.product());
                ps.setString(8, item.variety());
                ps.setString(9, item.validity());
                ps.setLong(10, item.quantity());
                decimal(ps, 11, item.price());
                decimal(ps, 12, item.triggerPrice());
                if (item.marketProtection() == null)
                {
                    ps.setNull(13, Types.INTEGER);
                }
                else
                {
                    ps.setInt(13, item.marketProtection());
                }
                ps.setInt(14, i);
                ps.addBatch();
            }
            if (!items.isEmpty())
            {
                ps.executeBatch();
            }
        }
    }

    private static void decimal(final PreparedStatement ps, final int index, final BigDecimal value)
        throws SQLException
    {
        if (value == null)
        {
            ps.setNull(index, Types.NUMERIC);
        }
        else
        {
            ps.setBigDecimal(index, value);
        }
    }

    private static int count(final Connection c, final UUID userId) throws SQLException
    {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM baskets WHERE user_id = ?"))
        {
            ps.setObject(1, userId);
            try (ResultSet rs = ps.executeQuery())
            {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Refuses a name another of the user's baskets (not {@code exceptId}) has, whatever the case. */
    private static void requireFreeName(final Connection c, final UUID userId, final String name, final long exceptId)
        throws SQLException
    {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM baskets WHERE user_id = ? AND " +
            "lower(name) = lower(?) AND id <> ?"))
        {
            ps.setObject(1, userId);
            ps.setString(2, name);
            ps.setLong(3, exceptId);
            try (ResultSet rs = ps.executeQuery())
            {
                if (rs.next())
                {
                    throw new Conflict("name_taken", "name: a basket named '" + name + "' exists already; " +
                        "choose another name");
                }
            }
        }
    }
}
