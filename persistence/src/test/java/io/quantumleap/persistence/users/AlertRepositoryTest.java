package io.quantumleap.persistence.users;

import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertRepositoryTest
{
    private static final Instant NOW = Instant.parse("2026-12-03T05:00:00Z");
    private static Database database;
    private static AlertRepository alerts;
    private static UserRepository users;

    @BeforeAll
    static void start()
    {
        database = TestDatabase.freshSchema();
        alerts = new AlertRepository(database.dataSource());
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

    private static AlertRow infy(final UUID user, final String direction, final String price)
    {
        return alerts.create(user, 408065, "NSE", "INFY", direction, new BigDecimal(price), "note " + price, NOW, 10)
            .orElseThrow();
    }

    @Test
    void shouldStoreAnAlertActiveAndListAUsersAlertsNewestFirst()
    {
        final UUID user = newUser("alerts-list");
        final AlertRow first = infy(user, "above", "1600.50");
        final AlertRow second = alerts.create(user, 256265, "NSE", "NIFTY 50", "below", new BigDecimal("23000"), "",
            NOW.plusSeconds(5), 10).orElseThrow();

        assertTrue(second.id() > first.id());
        assertEquals(List.of(second, first), alerts.ofUser(user));
        assertEquals(user, first.userId());
        assertEquals(408065, first.instrumentToken());
        assertEquals("NSE", first.exchange());
        assertEquals("INFY", first.tradingsymbol());
        assertEquals("above", first.direction());
        assertEquals(new BigDecimal("1600.5"), first.price());
        assertEquals("note 1600.50", first.note());
        assertEquals("active", first.status());
        assertEquals(NOW, first.createdAt());
        assertNull(first.triggeredAt());
        assertNull(first.triggeredPrice());
        assertEquals(List.of(), alerts.ofUser(newUser("alerts-none")));
    }

    @Test
    void shouldMarkAnAlertTriggeredOnceAndNotAfterItsPriceChanged()
    {
        final UUID user = newUser("alerts-trigger");
        final AlertRow alert = infy(user, "below", "1400");
        final Instant at = NOW.plus(1, ChronoUnit.HOURS);

        final AlertRow triggered = alerts.trigger(alert.id(), alert.price(), new BigDecimal("1399.95"), at)
            .orElseThrow();

        assertEquals("triggered", triggered.status());
        assertEquals(at, triggered.triggeredAt());
        assertEquals(new BigDecimal("1399.95"), triggered.triggeredPrice());
        assertEquals(Optional.empty(), alerts.trigger(alert.id(), alert.price(), new BigDecimal("1390"), at));
        assertEquals(List.of(triggered), alerts.ofUser(user));
        assertEquals(Optional.of(triggered), alerts.find(alert.id()));
        assertEquals(Optional.empty(), alerts.find(alert.id() + 1_000_000));
        assertFalse(alerts.active().stream().anyMatch(a -> a.id() == alert.id()));

        final AlertRow rearmed = alerts.update(user, alert.id(), "above", new BigDecimal("1700"), "rearmed", 10)
            .orElseThrow();
        assertEquals("active", rearmed.status());
        assertNull(rearmed.triggeredAt());
        assertNull(rearmed.triggeredPrice());
        assertEquals(new BigDecimal("1700"), rearmed.price());
        assertEquals("rearmed", rearmed.note());
        assertEquals(Optional.empty(), alerts.trigger(alert.id(), new BigDecimal("1400"), new BigDecimal("1390"), at));
        assertTrue(alerts.active().contains(rearmed));
    }

    @Test
    void shouldRefuseMoreActiveAlertsThanTheLimitButCountOnlyActiveOnes()
    {
        final UUID user = newUser("alerts-limit");
        final AlertRow a = alerts.create(user, 408065, "NSE", "INFY", "above", BigDecimal.TEN, "", NOW, 2)
            .orElseThrow();
        alerts.create(user, 408065, "NSE", "INFY", "above", BigDecimal.ONE, "", NOW, 2).orElseThrow();

        assertEquals(Optional.empty(),
            alerts.create(user, 408065, "NSE", "INFY", "above", BigDecimal.valueOf(2), "", NOW, 2));
        alerts.trigger(a.id(), a.price(), BigDecimal.TEN, NOW).orElseThrow();
        assertThrows(IllegalStateException.class,
            () -> alerts.update(user, a.id(), "above", BigDecimal.valueOf(2), "", 1));
        assertEquals("triggered", alerts.ofUser(user).get(1).status());
        assertTrue(alerts.create(user, 408065, "NSE", "INFY", "above", BigDecimal.valueOf(2), "", NOW, 2).isPresent());
        assertEquals(3, alerts.ofUser(user).size());
    }

    @Test
    void shouldLetExactlyTheLimitOfCreationsReleasedTogetherThrough() throws Exception
    {
        final UUID user = newUser("alerts-race");
        final int threads = 6;
        final CyclicBarrier barrier = new CyclicBarrier(threads);
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try
        {
            final List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++)
            {
                final BigDecimal price = BigDecimal.valueOf(100 + i);
                results.add(pool.submit(() ->
                {
                    barrier.await(10, TimeUnit.SECONDS);
                    return alerts.create(user, 408065, "NSE", "INFY", "above", price, "", NOW, 3).isPresent();
                }));
            }
            int stored = 0;
            for (final Future<Boolean> result : results)
            {
                stored += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(3, stored);
            assertEquals(3, alerts.ofUser(user).size());
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldChangeAndDeleteOnlyTheUsersOwnAlertsAndDropThemWithTheUser()
    {
        final UUID owner = newUser("alerts-owner");
        final UUID other = newUser("alerts-other");
        final AlertRow alert = infy(owner, "above", "1800");

        assertEquals(Optional.empty(), alerts.update(other, alert.id(), "below", BigDecimal.ONE, "", 10));
        assertFalse(alerts.delete(other, alert.id()));
        assertEquals(List.of(alert), alerts.ofUser(owner));

        assertTrue(alerts.delete(owner, alert.id()));
        assertFalse(alerts.delete(owner, alert.id()));
        assertEquals(List.of(), alerts.ofUser(owner));

        infy(other, "below", "1200");
        users.delete(other);
        assertFalse(alerts.active().stream().anyMatch(a -> a.userId().equals(other)));
    }

    @Test
    void shouldTellWhetherALastPriceMeetsTheCondition()
    {
        final UUID user = newUser("alerts-met");
        final AlertRow above = infy(user, "above", "1500");
        final AlertRow below = infy(user, "below", "1500");

        assertTrue(above.metBy(new BigDecimal("1500.00")));
        assertTrue(above.metBy(new BigDecimal("1500.05")));
        assertFalse(above.metBy(new BigDecimal("1499.95")));
        assertTrue(below.metBy(new BigDecimal("1500")));
        assertTrue(below.metBy(new BigDecimal("1499.95")));
        assertFalse(below.metBy(new BigDecimal("1500.05")));
    }
}
