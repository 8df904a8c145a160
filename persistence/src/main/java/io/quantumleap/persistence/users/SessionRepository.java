package io.quantumleap.persistence.users;

import io.quantumleap.persistence.StorageException;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Login sessions ({@code user_sessions}), keyed by the SHA-256 of the session id: the id itself never reaches the
 * database, so reading the table does not yield a usable session. Failures are {@link StorageException}s.
 * Thread safe: every call takes its own connection from the pool.
 */
public final class SessionRepository
{
    private final DataSource dataSource;

    public SessionRepository(final DataSource dataSource)
    {
        this.dataSource = dataSource;
    }

    /** Records a new session of {@code userId}, valid until {@code expiresAt}. */
    public void open(final String sessionId, final UUID userId, final Instant createdAt, final Instant expiresAt)
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement(
                "INSERT INTO user_sessions (session_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)"))
        {
            s.setBytes(1, hash(sessionId));
            s.setObject(2, userId);
            s.setTimestamp(3, Timestamp.from(createdAt));
            s.setTimestamp(4, Timestamp.from(expiresAt));
            s.executeUpdate();
        }
        catch (final SQLException ex)
        {
            throw new StorageException("session of user " + userId + " not stored", ex);
        }
    }

    /** @return the session, revoked or expired ones included; empty when it was never opened or was swept. */
    public Optional<SessionRow> find(final String sessionId)
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement(
                "SELECT user_id, expires_at, revoked_at FROM user_sessions WHERE session_hash = ?"))
        {
            s.setBytes(1, hash(sessionId));
            try (ResultSet rs = s.executeQuery())
            {
                if (!rs.next())
                {
                    return Optional.empty();
                }
                final Timestamp revoked = rs.getTimestamp(3);
                return Optional.of(new SessionRow(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                    null == revoked ? null : revoked.toInstant()));
            }
        }
        catch (final SQLException ex)
        {
            throw new StorageException("session lookup failed", ex);
        }
    }

    /** @return true when the session was open and is now revoked. */
    public boolean revoke(final String sessionId, final Instant at)
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement(
                "UPDATE user_sessions SET revoked_at = ? WHERE session_hash = ? AND revoked_at IS NULL"))
        {
            s.setTimestamp(1, Timestamp.from(at));
            s.setBytes(2, hash(sessionId));
            return s.executeUpdate() > 0;
        }
        catch (final SQLException ex)
        {
            throw new StorageException("session not revoked", ex);
        }
    }

    /** Revokes every open session of the user (disabled, password or roles changed). @return sessions revoked. */
    public int revokeAllOf(final UUID userId, final Instant at)
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement(
                "UPDATE user_sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?"))
        {
            s.setTimestamp(1, Timestamp.from(at));
            s.setObject(2, userId);
            s.setTimestamp(3, Timestamp.from(at));
            return s.executeUpdate();
        }
        catch (final SQLException ex)
        {
            throw new StorageException("sessions of user " + userId + " not revoked", ex);
        }
    }

    /** Deletes the sessions that expired at or before {@code now}, revoked or not. @return rows deleted. */
    public int deleteExpired(final Instant now)
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement("DELETE FROM user_sessions WHERE expires_at <= ?"))
        {
            s.setTimestamp(1, Timestamp.from(now));
            return s.executeUpdate();
        }
        catch (final SQLException ex)
        {
            throw new StorageException("expired sessions not deleted", ex);
        }
    }

    private static byte[] hash(final String sessionId)
    {
        if (null == sessionId || sessionId.isEmpty())
        {
            throw new IllegalArgumentException("session id must not be empty");
        }
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
        }
    }
}
