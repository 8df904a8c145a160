package io.quantumleap.persistence.account;

import io.quantumleap.persistence.secret.SecretCipher;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Kite access tokens per account, stored encrypted. Thread safe. */
public final class OAuthTokenRepository
{
    private final DataSource dataSource;
    private final SecretCipher cipher;

    /**
     * @param dataSource the pool.
     * @param cipher     encrypts the tokens.
     */
    public OAuthTokenRepository(final DataSource dataSource, final SecretCipher cipher)
    {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    private static String aad(final String column, final UUID id)
    {
        return "oauth_tokens." + column + ":" + id;
    }

    /**
     * Stores a newly issued token.
     *
     * @return the row id.
     */
    public UUID save(final UUID accountId, final String accessToken, final String refreshToken,
        final String brokerUserId, final Instant issuedAt, final Instant expiresAt) throws SQLException
    {
        final UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement("INSERT INTO oauth_tokens (id, account_id, access_token, " +
                "refresh_token, secret_key_id, broker_user_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"))
        {
            s.setObject(1, id);
            s.setObject(2, accountId);
            s.setBytes(3, cipher.encrypt(accessToken, aad("access_token", id)));
            s.setBytes(4, null == refreshToken ? null : cipher.encrypt(refreshToken, aad("refresh_token", id)));
            s.setString(5, cipher.currentKeyId());
            s.setString(6, brokerUserId);
            s.setTimestamp(7, Timestamp.from(issuedAt));
            s.setTimestamp(8, Timestamp.from(expiresAt));
            s.executeUpdate();
        }
        return id;
    }

    /** The newest token of the account that is neither revoked nor expired at {@code now}. */
    public Optional<OAuthToken> current(final UUID accountId, final Instant now) throws SQLException
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement("SELECT id, access_token, refresh_token, broker_user_id, " +
                "issued_at, expires_at FROM oauth_tokens WHERE account_id = ? AND revoked_at IS NULL " +
                "AND expires_at > ? ORDER BY issued_at DESC LIMIT 1"))
        {
            s.setObject(1, accountId);
            s.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = s.executeQuery())
            {
                if (!rs.next())
                {
                    return Optional.empty();
                }
                final UUID id = rs.getObject(1, UUID.class);
                final byte[] refresh = rs.getBytes(3);
                return Optional.of(new OAuthToken(id, accountId,
                    cipher.decryptString(rs.getBytes(2), aad("access_token", id)),
                    null == refresh ? null : cipher.decryptString(refresh, aad("refresh_token", id)),
                    rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()));
            }
        }
    }

    /** Revokes every token of the account (logout, token expired event). */
    public int revokeAll(final UUID accountId, final Instant at) throws SQLException
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement(
                "UPDATE oauth_tokens SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL"))
        {
            s.setTimestamp(1, Timestamp.from(at));
            s.setObject(2, accountId);
            return s.executeUpdate();
        }
    }
}
