package io.quantumleap.persistence.account;

import io.quantumleap.persistence.secret.SecretCipher;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Kite app credentials per account; the api_secret is stored encrypted. Thread safe. */
public final class BrokerConfigRepository
{
    private final DataSource dataSource;
    private final SecretCipher cipher;

    /**
     * @param dataSource the pool.
     * @param cipher     encrypts the api_secret.
     */
    public BrokerConfigRepository(final DataSource dataSource, final SecretCipher cipher)
    {
        this.dataSource = dataSource;
        this.cipher = cipher;
    }

    private static String aad(final UUID accountId)
    {
        return "broker_configs.api_secret:" + accountId;
    }

    /** Stores (or replaces) an account's credentials. */
    public void save(final BrokerConfig config) throws SQLException
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement("INSERT INTO broker_configs (account_id, api_key, api_secret, " +
                "secret_key_id, redirect_url) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET " +
                "api_key = EXCLUDED.api_key, api_secret = EXCLUDED.api_secret, " +
                "secret_key_id = EXCLUDED.secret_key_id, redirect_url = EXCLUDED.redirect_url, updated_at = now()"))
        {
            s.setObject(1, config.accountId());
            s.setString(2, config.apiKey());
            s.setBytes(3, cipher.encrypt(config.apiSecret(), aad(config.accountId())));
            s.setString(4, cipher.currentKeyId());
            s.setString(5, config.redirectUrl());
            s.executeUpdate();
        }
    }

    /** An account's credentials, decrypted. */
    public Optional<BrokerConfig> find(final UUID accountId) throws SQLException
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement(
                "SELECT api_key, api_secret, redirect_url FROM broker_configs WHERE account_id = ?"))
        {
            s.setObject(1, accountId);
            try (ResultSet rs = s.executeQuery())
            {
                if (!rs.next())
                {
                    return Optional.empty();
                }
                return Optional.of(new BrokerConfig(accountId, rs.getString(1),
                    cipher.decryptString(rs.getBytes(2), aad(accountId)), rs.getString(3)));
            }
        }
    }

    /**
     * Re-encrypts every secret not under the current key (after a new key was put first).
     *
     * @return how many were re-encrypted.
     */
    public int reencrypt() throws SQLException
    {
        final List<UUID> stale = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement("SELECT account_id FROM broker_configs WHERE secret_key_id <> ?"))
        {
            s.setString(1, cipher.currentKeyId());
            try (ResultSet rs = s.executeQuery())
            {
                while (rs.next())
                {
                    stale.add(rs.getObject(1, UUID.class));
                }
            }
        }
        for (final UUID accountId : stale)
        {
            find(accountId).ifPresent((config) ->
            {
                try
                {
                    save(config);
                }
                catch (final SQLException ex)
                {
                    throw new IllegalStateException("cannot re-encrypt broker config of account " + accountId, ex);
                }
            });
        }
        return stale.size();
    }
}
