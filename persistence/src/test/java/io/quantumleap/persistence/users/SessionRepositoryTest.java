package io.quantumleap.persistence.users;

import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionRepositoryTest
{
    private static final Instant T0 = Instant.parse("2026-11-30T04:00:00Z");

    private static Database database;
    private static SessionRepository sessions;
    private static UserRepository users;

    @BeforeAll
    static void start()
    {
        database = TestDatabase.freshSchema();
        sessions = new SessionRepository(database.dataSource());
        users = new UserRepository(database.dataSource());
    }

    @AfterAll
    static void stop()
    {
        database.close();
    }

    private static UUID newUser(final String name)
    {
        return users.create(new UserRow(UUID.randomUUID(), name, "h", Set.of("trader"), true, List.of())).id();
    }

    @Test
    void shouldFindAnOpenSessionByItsIdUntilItExpires()
    {
        final UUID user = newUser("sess-open");
        sessions.open("sid-open-1", user, T0, T0.plus(Duration.ofHours(8)));

        final SessionRow row = sessions.find("sid-open-1").orElseThrow();

        assertEquals(user, row.userId());
        assertTrue(row.validAt(T0.plus(Duration.ofHours(7))));
        assertFalse(row.validAt(T0.plus(Duration.ofHours(8))));
        assertTrue(sessions.find("sid-never-opened").isEmpty());
    }

    @Test
    void shouldKeepARevokedSessionRevoked()
    {
        final UUID user = newUser("sess-revoke");
        sessions.open("sid-revoke-1", user, T0, T0.plus(Duration.ofHours(8)));

        assertTrue(sessions.revoke("sid-revoke-1", T0.plusSeconds(60)));
        assertFalse(sessions.revoke("sid-revoke-1", T0.plusSeconds(120)));

        final SessionRow row = sessions.find("sid-revoke-1").orElseThrow();
        assertEquals(T0.plusSeconds(60), row.revokedAt());
        assertFalse(row.validAt(T0.plusSeconds(61)));
    }

    @Test
    void shouldRevokeEverySessionOfAUser()
    {
        final UUID user = newUser("sess-all");
        final UUID other = newUser("sess-other");
        sessions.open("sid-all-1", user, T0, T0.plus(Duration.ofHours(8)));
        sessions.open("sid-all-2", user, T0, T0.plus(Duration.ofHours(8)));
        sessions.open("sid-other-1", other, T0, T0.plus(Duration.ofHours(8)));

        assertEquals(2, sessions.revokeAllOf(user, T0.plusSeconds(5)));

        assertNotNull(sessions.find("sid-all-2").orElseThrow().revokedAt());
        assertTrue(sessions.find("sid-other-1").orElseThrow().validAt(T0.plusSeconds(6)));
    }

    @Test
    void shouldDeleteExpiredSessionsAndKeepLiveOnes()
    {
        final UUID user = newUser("sess-sweep");
        sessions.open("sid-sweep-old", user, T0.minus(Duration.ofDays(2)), T0.minus(Duration.ofDays(1)));
        sessions.open("sid-sweep-live", user, T0, T0.plus(Duration.ofHours(8)));

        assertTrue(sessions.deleteExpired(T0) >= 1);

        assertTrue(sessions.find("sid-sweep-old").isEmpty());
        assertTrue(sessions.find("sid-sweep-live").isPresent());
    }

    @Test
    void shouldDropTheSessionsOfADeletedUser()
    {
        final UUID user = newUser("sess-gone");
        sessions.open("sid-gone-1", user, T0, T0.plus(Duration.ofHours(8)));

        users.delete(user);

        assertTrue(sessions.find("sid-gone-1").isEmpty());
    }

    @Test
    void shouldStoreOnlyAHashOfTheSessionId() throws Exception
    {
        final String sessionId = "sid-plain-" + UUID.randomUUID();
        sessions.open(sessionId, newUser("sess-hash"), T0, T0.plus(Duration.ofHours(8)));

        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT * FROM user_sessions"))
        {
            final byte[] plain = sessionId.getBytes(StandardCharsets.UTF_8);
            while (rs.next())
            {
                for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++)
                {
                    final byte[] value = rs.getBytes(column);
                    final String text = rs.getString(column);
                    assertFalse(null != text && text.contains(sessionId), "column " + column + " holds the id");
                    assertFalse(null != value && java.util.Arrays.equals(value, plain), "column " + column);
                }
            }
        }
    }
}
