package io.quantumleap.persistence.users;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Users, their roles and their accounts in PostgreSQL ({@code users}, {@code user_roles}, {@code accounts} and
 * {@code account_users}: several users may share an account).
 * Thread safe: every call takes its own connection from the pool.
 */
public final class UserRepository
{
    private static final String SELECT = """
    SELECT u.id, u.username, u.password_hash, NOT u.disabled AS enabled,
           COALESCE((SELECT array_agg(r.role ORDER BY r.role) FROM user_roles r WHERE r.user_id = u.id), '{}') AS roles,
           COALESCE((SELECT array_agg(a.engine_account_id ORDER BY a.engine_account_id) FROM accounts a
                     JOIN account_users au ON au.account_id = a.id WHERE au.user_id = u.id), '{}') AS accounts
      FROM users u
    """;

    private final DataSource dataSource;

    public UserRepository(final DataSource dataSource)
    {
        this.dataSource = dataSource;
    }

    public Optional<UserRow> findByUsername(final String username)
    {
        return queryOne(SELECT + " WHERE lower(u.username) = lower(?)", username);
    }

    public Optional<UserRow> findById(final UUID id)
    {
        return queryOne(SELECT + " WHERE u.id = ?", id);
    }

    public List<UserRow> list()
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY lower(u.username)");
            ResultSet rs = ps.executeQuery())
        {
            final List<UserRow> rows = new ArrayList<>();
            while (rs.next())
            {
                rows.add(row(rs));
            }
            return rows;
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot list users", ex);
        }
    }

    /** @throws IllegalStateException when the user name is taken. */
    public UserRow create(final UserRow user)
    {
        return inTransaction(c ->
        {
            try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO users (id, username, password_hash, disabled) VALUES (?, ?, ?, ?) " +
                    "ON CONFLICT (username) DO NOTHING"))
            {
                ps.setObject(1, user.id());
                ps.setString(2, user.username());
                ps.setString(3, user.passwordHash());
                ps.setBoolean(4, !user.enabled());
                if (ps.executeUpdate() == 0)
                {
                    throw new IllegalStateException("username: '" + user.username() + "' is taken");
                }
            }
            writeRolesAndAccounts(c, user);
            return user;
        });
    }

    public Optional<UserRow> update(final UserRow user)
    {
        return inTransaction(c ->
        {
            try (PreparedStatement ps = c.prepareStatement(
                "UPDATE users SET password_hash = ?, disabled = ?, updated_at = now() WHERE id = ?"))
            {
                ps.setString(1, user.passwordHash());
                ps.setBoolean(2, !user.enabled());
                ps.setObject(3, user.id());
                if (ps.executeUpdate() == 0)
                {
                    return Optional.empty();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM user_roles WHERE user_id = ?"))
            {
                ps.setObject(1, user.id());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM account_users WHERE user_id = ? AND " +
                "account_id IN (SELECT id FROM accounts WHERE NOT (engine_account_id = ANY (?)))"))
            {
                ps.setObject(1, user.id());
                ps.setArray(2, c.createArrayOf("bigint", user.engineAccountIds().toArray()));
                ps.executeUpdate();
            }
            handOverOwnership(c, user.id());
            writeRolesAndAccounts(c, user);
            return Optional.of(user);
        });
    }

    public boolean delete(final UUID id)
    {
        return inTransaction(c ->
        {
            try (PreparedStatement unlink = c.prepareStatement("DELETE FROM account_users WHERE user_id = ?");
                PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE id = ?"))
            {
                unlink.setObject(1, id);
                unlink.executeUpdate();
                handOverOwnership(c, id);
                ps.setObject(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** The accounts a user owns but may no longer use go to another user who may (or to nobody). */
    private static void handOverOwnership(final Connection c, final UUID userId) throws SQLException
    {
        try (PreparedStatement ps = c.prepareStatement("UPDATE accounts a SET user_id = (SELECT min(au.user_id::text)" +
            "::uuid FROM account_users au WHERE au.account_id = a.id) WHERE a.user_id = ? AND NOT EXISTS " +
            "(SELECT 1 FROM account_users au WHERE au.account_id = a.id AND au.user_id = ?)"))
        {
            ps.setObject(1, userId);
            ps.setObject(2, userId);
            ps.executeUpdate();
        }
    }

    private static void writeRolesAndAccounts(final Connection c, final UserRow user) throws SQLException
    {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_roles (user_id, role) VALUES (?, ?)"))
        {
            for (final String role : user.roles())
            {
                ps.setObject(1, user.id());
                ps.setString(2, role);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        // An account keeps its owner; the user is added to those who may use it.
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO accounts (engine_account_id, user_id) VALUES (?, ?) " +
                "ON CONFLICT (engine_account_id) DO UPDATE SET user_id = COALESCE(accounts.user_id, EXCLUDED.user_id)");
            PreparedStatement link = c.prepareStatement("INSERT INTO account_users (account_id, user_id) " +
                "SELECT id, ? FROM accounts WHERE engine_account_id = ? ON CONFLICT DO NOTHING"))
        {
            for (final long account : user.engineAccountIds())
            {
                ps.setLong(1, account);
                ps.setObject(2, user.id());
                ps.addBatch();
                link.setObject(1, user.id());
                link.setLong(2, account);
                link.addBatch();
            }
            ps.executeBatch();
            link.executeBatch();
        }
    }

    private Optional<UserRow> queryOne(final String sql, final Object param)
    {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql))
        {
            ps.setObject(1, param);
            try (ResultSet rs = ps.executeQuery())
            {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot read user " + param, ex);
        }
    }

    private static UserRow row(final ResultSet rs) throws SQLException
    {
        final Array roles = rs.getArray("roles");
        final Array accounts = rs.getArray("accounts");
        final Set<String> roleSet = new HashSet<>(Arrays.asList((String[])roles.getArray()));
        final List<Long> accountList = new ArrayList<>();
        for (final Object o : (Object[])accounts.getArray())
        {
            accountList.add(((Number)o).longValue());
        }
        return new UserRow((UUID)rs.getObject("id"), rs.getString("username"), rs.getString("password_hash"),
            roleSet, rs.getBoolean("enabled"), accountList);
    }

    @FunctionalInterface
    private interface Work<T>
    {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(final Work<T> work)
    {
        try (Connection c = dataSource.getConnection())
        {
            final boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try
            {
                final T result = work.run(c);
                c.commit();
                return result;
            }
            catch (final SQLException | RuntimeException ex)
            {
                c.rollback();
                throw ex;
            }
            finally
            {
                c.setAutoCommit(autoCommit);
            }
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("user update failed: " + ex.getMessage(), ex);
        }
    }
}
