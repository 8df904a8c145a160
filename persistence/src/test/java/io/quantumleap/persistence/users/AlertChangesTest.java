package io.quantumleap.persistence.users;

import io.quantumleap.persistence.Storage;
import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.secret.SecretCipher;
import io.quantumleap.persistence.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.security.SecureRandom;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertChangesTest
{
    private static final Instant NOW = Instant.parse("2026-12-03T05:00:00Z");
    private static Database database;
    private static Database otherSchema;
    private static Storage storage;
    private static UUID user;

    private final LinkedBlockingQueue<Instant> told = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start()
    {
        database = TestDatabase.freshSchema();
        otherSchema = TestDatabase.freshSchema();
        storage = new Storage(database, new SecretCipher(Map.of("k1", new byte[SecretCipher.KEY_LENGTH]), "k1",
            new SecureRandom()));
        user = storage.users().create(new UserRow(UUID.randomUUID(), "asha", "h", Set.of("trader"), true, List.of()))
            .id();
    }

    @AfterAll
    static void stop()
    {
        otherSchema.close();
        database.close();
    }

    private AlertChanges listening() throws InterruptedException
    {
        final AlertChanges changes = storage.alertChanges(() -> told.add(Instant.now()));
        assertNotNull(told.poll(10, TimeUnit.SECONDS), "told once listening");
        return changes;
    }

    private void assertTold(final String what) throws InterruptedException
    {
        assertNotNull(told.poll(10, TimeUnit.SECONDS), what);
        told.clear();
    }

    private void assertNotTold(final String what) throws InterruptedException
    {
        assertNull(told.poll(1_500, TimeUnit.MILLISECONDS), what);
    }

    private AlertRow alert(final AlertRepository alerts, final UUID owner)
    {
        return alerts.create(owner, 408065, "NSE", "INFY", "above", new BigDecimal("1600"), "", NOW, 10).orElseThrow();
    }

    @Test
    void shouldTellOfEveryChangeMadeThroughAnotherConnectionAndOnlyOfCommittedOnesOfItsSchema() throws Exception
    {
        final AlertRepository alerts = new AlertRepository(database.dataSource());
        final AlertChanges changes = listening();
        try
        {
            final AlertRow made = alert(alerts, user);
            assertTold("a new alert");
            alerts.update(user, made.id(), "below", new BigDecimal("1400"), "changed", 10);
            assertTold("a changed alert");
            alerts.trigger(made.id(), new BigDecimal("1400"), new BigDecimal("1399.95"), NOW);
            assertTold("a triggered alert");
            alerts.delete(user, made.id());
            assertTold("a deleted alert");

            try (Connection c = database.dataSource().getConnection())
            {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement())
                {
                    s.executeUpdate("DELETE FROM price_alerts");
                }
                c.rollback();
            }
            assertNotTold("a change rolled back");
            final UUID elsewhere = new UserRepository(otherSchema.dataSource())
                .create(new UserRow(UUID.randomUUID(), "ravi", "h", Set.of("trader"), true, List.of())).id();
            alert(new AlertRepository(otherSchema.dataSource()), elsewhere);
            assertNotTold("an alert of another schema");
        }
        finally
        {
            changes.close();
        }
        alert(alerts, user);
        assertNotTold("a change after the listener closed");
    }

    @Test
    void shouldStopEveryListenerItStartedBeforeTheDatabaseStops() throws Exception
    {
        final AlertRepository alerts = new AlertRepository(database.dataSource());
        listening();
        assertEquals(1, listeningConnections());

        storage.stopListening();

        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (listeningConnections() > 0 && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }
        assertEquals(0, listeningConnections());
        alert(alerts, user);
        assertNotTold("a change after the listeners stopped");
    }

    private static int listeningConnections() throws Exception
    {
        try (Connection c = database.dataSource().getConnection();
            PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN " +
                AlertChanges.CHANNEL + "'");
            ResultSet rs = ps.executeQuery())
        {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void shouldListenAgainAfterItsConnectionWasCutAndTellOnceItDoes() throws Exception
    {
        final AlertRepository alerts = new AlertRepository(database.dataSource());
        final AlertChanges changes = listening();
        try
        {
            final int cut;
            try (Connection c = database.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM " +
                    "pg_stat_activity WHERE query = 'LISTEN " + AlertChanges.CHANNEL + "'");
                ResultSet rs = ps.executeQuery())
            {
                rs.next();
                cut = rs.getInt(1);
            }
            assertTrue(cut >= 1, "no listening connection to cut");
            assertTold("listening again");

            alert(alerts, user);
            assertTold("a new alert after listening again");
        }
        finally
        {
            changes.close();
        }
    }
}
