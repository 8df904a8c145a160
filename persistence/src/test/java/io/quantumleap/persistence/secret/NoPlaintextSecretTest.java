package io.quantumleap.persistence.secret;

import io.quantumleap.persistence.account.AccountRepository;
import io.quantumleap.persistence.account.BrokerConfig;
import io.quantumleap.persistence.account.BrokerConfigRepository;
import io.quantumleap.persistence.account.OAuthTokenRepository;
import io.quantumleap.persistence.audit.AuditLog;
import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.support.Sql;
import io.quantumleap.persistence.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoPlaintextSecretTest
{
    private static final String API_SECRET = "apisecret-7f3a9c1e5b2d4a68";
    private static final String ACCESS_TOKEN = "accesstoken-Zx81Qw27Lm90Pk45";
    private static final String REFRESH_TOKEN = "refreshtoken-Hh12Jj34Kk56Ll78";

    @TempDir
    Path dir;

    private Database db;

    @BeforeEach
    void before()
    {
        db = TestDatabase.freshSchema();
    }

    @AfterEach
    void after()
    {
        db.close();
    }

    @Test
    void shouldStoreNoPlaintextSecretInAnyColumnOfAnyTable() throws Exception
    {
        final SecretCipher cipher = SecretKeys.fromFile(dir.resolve("secret.key"), true);
        final AccountRepository accounts = new AccountRepository(db.dataSource());
        final UUID user = accounts.createUser("asha", "$argon2id$hash", "asha@example.com", "trader");
        final UUID account = accounts.upsertAccount(11, user, "AB1234", "Asha");
        final BrokerConfigRepository configs = new BrokerConfigRepository(db.dataSource(), cipher);
        final OAuthTokenRepository tokens = new OAuthTokenRepository(db.dataSource(), cipher);
        configs.save(new BrokerConfig(account, "kiteapikey", API_SECRET, "http://localhost/callback"));
        final Instant now = Instant.parse("2026-11-30T03:00:00Z");
        tokens.save(account, ACCESS_TOKEN, REFRESH_TOKEN, "AB1234", now, now.plusSeconds(3_600));
        new AuditLog(db.dataSource()).recordOAuth(user, account, "TOKEN_EXCHANGED", "{\"user\":\"AB1234\"}", now);

        assertEquals(API_SECRET, configs.find(account).orElseThrow().apiSecret());
        assertEquals(ACCESS_TOKEN, tokens.current(account, now).orElseThrow().accessToken());
        assertEquals(REFRESH_TOKEN, tokens.current(account, now).orElseThrow().refreshToken());
        final List<String> columns = textAndBinaryColumns();
        assertTrue(columns.size() > 40, "columns scanned: " + columns.size());
        assertEquals(List.of("broker_configs.api_key.text"), columnsContaining(columns, List.of("kiteapikey")));
        final List<String> needles = new ArrayList<>();
        for (final String secret : List.of(API_SECRET, ACCESS_TOKEN, REFRESH_TOKEN))
        {
            needles.add(secret);
            needles.add(Base64.getEncoder().encodeToString(secret.getBytes()));
        }
        assertEquals(List.of(), columnsContaining(columns, needles));
    }

    private List<String> textAndBinaryColumns()
    {
        return Sql.strings(db.dataSource(), "SELECT table_name || '.' || column_name || '.' || data_type " +
            "FROM information_schema.columns WHERE table_schema = current_schema() " +
            "AND data_type IN ('text', 'character varying', 'bytea', 'jsonb', 'json', 'inet')");
    }

    private List<String> columnsContaining(final List<String> columns, final List<String> needles) throws Exception
    {
        final List<String> found = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection())
        {
            for (final String column : columns)
            {
                final String[] parts = column.split("\\.");
                final String expression = "bytea".equals(parts[2]) ?
                    "position(convert_to(n, 'UTF8') in t.\"" + parts[1] + "\") > 0" :
                    "t.\"" + parts[1] + "\"::text LIKE '%' || n || '%'";
                try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM \"" + parts[0] + "\" t, " +
                    "unnest(?::text[]) n WHERE " + expression))
                {
                    s.setArray(1, c.createArrayOf("text", needles.toArray()));
                    try (ResultSet rs = s.executeQuery())
                    {
                        rs.next();
                        if (rs.getLong(1) > 0)
                        {
                            found.add(column);
                        }
                    }
                }
            }
        }
        return found;
    }
}
