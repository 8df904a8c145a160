package io.quantumleap.persistence.account;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** Users and broker accounts. Thread safe (a connection per call). */
public final class AccountRepository
{
    private final DataSource dataSource;

    /** @param dataSource the pool. */
    public AccountRepository(final DataSource dataSource)
    {
        this.dataSource = dataSource;
    }

    /**
     * Creates a user with roles.
     *
     * @param passwordHash an already-hashed password (hashing belongs to the gateway).
     * @return the new user's id.
     */
    public UUID createUser(final String username, final String passwordHash, final String email, final String... roles)
        throws SQLException
    {
        try (Connection c = dataSource.getConnection())
        {
            c.setAutoCommit(false);
            try
            {
                final UUID id;
                try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO users (username, password_hash, email) VALUES (?, ?, ?) RETURNING id"))
                {
                    s.setString(1, username);
                    s.setString(2, passwordHash);
                    s.setString(3, email);
                    try (ResultSet rs = s.executeQuery())
                    {
                        rs.next();
                        id = rs.getObject(1, UUID.class);
                    }
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO user_roles (user_id, role) VALUES (?, ?)"))
                {
                    for (final String role : roles)
                    {
                        s.setObject(1, id);
                        s.setString(2, role);
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                c.commit();
                return id;
            }
            catch (final SQLException | RuntimeException ex)
            {
                c.rollback();
                throw ex;
            }
        }
    }

    /**
     * Creates the account of an engine account id, or claims the row the persister created for it.
     *
     * @return the account's id.
     */
    public UUID upsertAccount(final long engineAccountId, final UUID userId, final String brokerUserId,
        final String name) throws SQLException
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement("INSERT INTO accounts (engine_account_id, user_id, " +
                "broker_user_id, name) VALUES (?, ?, ?, ?) ON CONFLICT (engine_account_id) DO UPDATE SET " +
                "user_id = EXCLUDED.user_id, broker_user_id = EXCLUDED.broker_user_id, name = EXCLUDED.name " +
                "RETURNING id");
            PreparedStatement link = c.prepareStatement("INSERT INTO account_users (account_id, user_id) " +
                "SELECT ?, ? WHERE ?::uuid IS NOT NULL ON CONFLICT DO NOTHING"))
        {
            s.setLong(1, engineAccountId);
            s.setObject(2, userId);
            s.setString(3, brokerUserId);
            s.setString(4, name);
            try (ResultSet rs = s.executeQuery())
            {
                rs.next();
                final UUID id = rs.getObject(1, UUID.class);
                link.setObject(1, id);
                link.setObject(2, userId);
                link.setObject(3, userId);
                link.executeUpdate();
                return id;
            }
        }
    }

    /** The account id of an engine account id. */
    public Optional<UUID> accountOf(final long engineAccountId) throws SQLException
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement("SELECT id FROM accounts WHERE engine_account_id = ?"))
        {
            s.setLong(1, engineAccountId);
            try (ResultSet rs = s.executeQuery())
            {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }
}
