package io.quantumleap.persistence.users;

import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BasketRepositoryTest
{
    private static final Instant NOW = Instant.parse("2026-12-03T05:00:00Z");
    private static Database database;
    private static BasketRepository baskets;
    private static UserRepository users;

    @BeforeAll
    static void start()
    {
        database = TestDatabase.freshSchema();
        baskets = new BasketRepository(database.dataSource());
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

    private static BasketItemRow sellCall()
    {
        return new BasketItemRow(12_345_678, "NFO", "NIFTY26D0124850CE", "SELL", "LIMIT", "NRML", "regular", "DAY", 75,
            new BigDecimal("120.05"), null, null);
    }

    private static BasketItemRow buyCall()
    {
        return new BasketItemRow(12_345_679, "NFO", "NIFTY26D0124900CE", "BUY", "MARKET", "NRML", "regular", "DAY", 75,
            null, null, -1);
    }

    private static BasketItemRow stopLoss()
    {
        return new BasketItemRow(408_065, "NSE", "INFY", "SELL", "SL", "CNC", "amo", "IOC", 3, new BigDecimal("1500"),
            new BigDecimal("1501.5"), null);
    }

    @Test
    void shouldStoreABasketsItemsInTheirOrderAndReadThemBackAsGiven()
    {
        final UUID user = newUser("basket-order");

        final BasketRow created = baskets.create(user, "Bear call", List.of(sellCall(), buyCall(), stopLoss()), NOW,
            10);

        assertEquals("Bear call", created.name());
        assertEquals(NOW, created.createdAt());
        assertEquals(NOW, created.updatedAt());
        assertEquals(List.of(sellCall(), buyCall(), stopLoss()), created.items());
        assertEquals(List.of(created), baskets.ofUser(user));
        assertEquals(created, baskets.find(user, created.id()).orElseThrow());
        assertEquals("120.05", created.items().get(0).price().toString());
        assertEquals("1500", created.items().get(2).price().toString());
    }

    @Test
    void shouldListNewestFirstAndKeepEachUsersBasketsToThemselves()
    {
        final UUID user = newUser("basket-list");
        final UUID other = newUser("basket-other");
        final BasketRow first = baskets.create(user, "first", List.of(buyCall()), NOW, 10);
        final BasketRow empty = baskets.create(user, "empty", List.of(), NOW.plusSeconds(1), 10);
        final BasketRow theirs = baskets.create(other, "first", List.of(sellCall()), NOW, 10);

        assertEquals(List.of(empty, first), baskets.ofUser(user));
        assertEquals(List.of(), empty.items());
        assertTrue(baskets.find(other, first.id()).isEmpty());
        assertFalse(baskets.delete(other, first.id()));
        assertTrue(baskets.update(other, first.id(), "mine", List.of(), NOW).isEmpty());
        assertEquals(List.of(theirs), baskets.ofUser(other));
        assertEquals(List.of(buyCall()), baskets.find(user, first.id()).orElseThrow().items());
        assertTrue(baskets.find(user, 0).isEmpty());
        assertTrue(baskets.find(user, -1).isEmpty());
        assertFalse(baskets.delete(user, 0));
    }

    @Test
    void shouldRenameAndReplaceTheItemsOnUpdate()
    {
        final UUID user = newUser("basket-update");
        final BasketRow created = baskets.create(user, "spread", List.of(sellCall(), buyCall()), NOW, 10);
        final Instant later = NOW.plusSeconds(60);

        final BasketRow updated = baskets.update(user, created.id(), "SPREAD", List.of(buyCall()), later).orElseThrow();

        assertEquals("SPREAD", updated.name());
        assertEquals(List.of(buyCall()), updated.items());
        assertEquals(NOW, updated.createdAt());
        assertEquals(later, updated.updatedAt());
        assertEquals(updated, baskets.find(user, created.id()).orElseThrow());
        assertTrue(baskets.update(user, created.id() + 1_000, "gone", List.of(), later).isEmpty());
    }

    @Test
    void shouldRefuseANameTakenWhateverItsCaseAndChangeNothing()
    {
        final UUID user = newUser("basket-names");
        final BasketRow hedge = baskets.create(user, "Hedge", List.of(buyCall()), NOW, 10);
        final BasketRow other = baskets.create(user, "Other", List.of(sellCall()), NOW, 10);

        final BasketRepository.Conflict created = assertThrows(BasketRepository.Conflict.class,
            () -> baskets.create(user, "hEDGE", List.of(), NOW, 10));
        final BasketRepository.Conflict renamed = assertThrows(BasketRepository.Conflict.class,
            () -> baskets.update(user, other.id(), "HEDGE", List.of(stopLoss()), NOW.plusSeconds(5)));

        assertEquals("name_taken", created.reason());
        assertEquals("name_taken", renamed.reason());
        assertTrue(renamed.getMessage().contains("HEDGE"), renamed.getMessage());
        assertEquals(List.of(other, hedge), baskets.ofUser(user));
    }

    @Test
    void shouldDeleteABasketWithItsItems()
    {
        final UUID user = newUser("basket-delete");
        final BasketRow created = baskets.create(user, "gone", List.of(sellCall(), buyCall()), NOW, 10);

        assertTrue(baskets.delete(user, created.id()));
        assertFalse(baskets.delete(user, created.id()));
        assertEquals(List.of(), baskets.ofUser(user));
        final BasketRow again = baskets.create(user, "gone", List.of(stopLoss()), NOW, 10);
        assertEquals(List.of(stopLoss()), again.items());
    }

    @Test
    void shouldStoreNoMoreThanTheLimitWhenCreationsRace() throws Exception
    {
        final UUID user = newUser("basket-limit");
        final int racers = 6;
        final CyclicBarrier start = new CyclicBarrier(racers);
        final ExecutorService pool = Executors.newFixedThreadPool(racers);
        final List<Future<Boolean>> outcomes = new ArrayList<>();
        try
        {
            for (int i = 0; i < racers; i++)
            {
                final String name = "basket " + i;
                outcomes.add(pool.submit(() ->
                {
                    start.await(10, TimeUnit.SECONDS);
                    try
                    {
                        baskets.create(user, name, List.of(buyCall()), NOW, 3);
                        return true;
                    }
                    catch (final BasketRepository.Conflict ex)
                    {
                        assertEquals("too_many_baskets", ex.reason());
                        return false;
                    }
                }));
            }
            int stored = 0;
            for (final Future<Boolean> outcome : outcomes)
            {
                stored += outcome.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(3, stored);
        }
        finally
        {
            pool.shutdownNow();
        }
        assertEquals(3, baskets.ofUser(user).size());
    }
}
