package io.quantumleap.persistence.users;

import io.quantumleap.persistence.StorageException;
import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchlistRepositoryTest
{
    private static final WatchlistItemRow INFY =
        new WatchlistItemRow(408065, "NSE", "INFY", "NSE", new BigDecimal("0.05"), 1, "full");
    private static final WatchlistItemRow NIFTY_FUT =
        new WatchlistItemRow(13238786, "NFO", "NIFTY26JANFUT", "NFO-FUT", new BigDecimal("0.1"), 75, "quote");
    private static final WatchlistItemRow SENSEX =
        new WatchlistItemRow(265, "BSE", "SENSEX", "INDICES", new BigDecimal("0.01"), 1, "ltp");

    private static Database database;
    private static WatchlistRepository watchlists;
    private static UserRepository users;

    @BeforeAll
    static void start()
    {
        database = TestDatabase.freshSchema();
        watchlists = new WatchlistRepository(database.dataSource());
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
    void shouldFindNothingForAUserWhoNeverSavedAList()
    {
        assertEquals(Optional.empty(), watchlists.find(newUser("watch-never")));
    }

    @Test
    void shouldReadBackEachListInOrderWithItsItemsModesAndSelection()
    {
        final UUID user = newUser("watch-order");
        final List<WatchlistRow> lists = List.of(
            new WatchlistRow("Indices and futures", List.of(NIFTY_FUT, SENSEX), 265L),
            new WatchlistRow("Empty", List.of(), null),
            new WatchlistRow("Stocks", List.of(INFY, NIFTY_FUT), 408065L));

        final UserWatchlists saved = watchlists.save(user, lists, 2, 0L).orElseThrow();

        assertEquals(new UserWatchlists(lists, 2, 1), saved);
        assertEquals(saved, watchlists.find(user).orElseThrow());
    }

    @Test
    void shouldReplaceAllTheListsAndKeepAnEmptyOneAsSaved()
    {
        final UUID user = newUser("watch-replace");
        watchlists.save(user, List.of(
            new WatchlistRow("One", List.of(INFY, NIFTY_FUT), 408065L),
            new WatchlistRow("Two", List.of(SENSEX), null)), 1, 0L);

        final List<WatchlistRow> fewer = List.of(new WatchlistRow("Two", List.of(NIFTY_FUT), null));
        watchlists.save(user, fewer, 0, 1L);
        assertEquals(new UserWatchlists(fewer, 0, 2), watchlists.find(user).orElseThrow());

        final List<WatchlistRow> empty = List.of(new WatchlistRow("One", List.of(), null));
        watchlists.save(user, empty, 0, null);
        assertEquals(new UserWatchlists(empty, 0, 3), watchlists.find(user).orElseThrow());
    }

    @Test
    void shouldRefuseASaveOfListsReadBeforeAnotherSave()
    {
        final UUID user = newUser("watch-stale");
        final List<WatchlistRow> first = List.of(new WatchlistRow("First", List.of(INFY), null));
        final List<WatchlistRow> second = List.of(new WatchlistRow("Second", List.of(SENSEX), null));
        watchlists.save(user, first, 0, 0L).orElseThrow();
        watchlists.save(user, second, 0, 1L).orElseThrow();

        assertEquals(Optional.empty(), watchlists.save(user, first, 0, 1L));
        assertEquals(Optional.empty(), watchlists.save(user, first, 0, 0L));
        assertEquals(Optional.empty(), watchlists.save(newUser("watch-stale-new"), first, 0, 3L));

        assertEquals(new UserWatchlists(second, 0, 2), watchlists.find(user).orElseThrow());
    }

    @Test
    void shouldLetOnlyOneOfTwoSavesOfTheSameVersionThrough() throws Exception
    {
        final UUID user = newUser("watch-race");
        watchlists.save(user, List.of(new WatchlistRow("Start", List.of(INFY), null)), 0, 0L).orElseThrow();
        final ExecutorService pool = Executors.newFixedThreadPool(8);
        try
        {
            final List<Future<Optional<UserWatchlists>>> saves = new ArrayList<>();
            final CyclicBarrier together = new CyclicBarrier(8);
            for (int i = 0; i < 8; i++)
            {
                final List<WatchlistRow> mine = List.of(new WatchlistRow("Window " + i, List.of(SENSEX), null));
                saves.add(pool.submit(() ->
                {
                    together.await(30, TimeUnit.SECONDS);
                    return watchlists.save(user, mine, 0, 1L);
                }));
            }
            final List<UserWatchlists> through = new ArrayList<>();
            for (final Future<Optional<UserWatchlists>> save : saves)
            {
                save.get(30, TimeUnit.SECONDS).ifPresent(through::add);
            }

            assertEquals(1, through.size(), through.toString());
            assertEquals(through.get(0), watchlists.find(user).orElseThrow());
            assertEquals(2, through.get(0).version());
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldKeepEachUsersListsApart()
    {
        final UUID first = newUser("watch-first");
        final UUID second = newUser("watch-second");
        final List<WatchlistRow> firsts = List.of(new WatchlistRow("A", List.of(INFY), null));
        final List<WatchlistRow> seconds = List.of(new WatchlistRow("B", List.of(SENSEX, INFY), 265L));

        watchlists.save(first, firsts, 0, 0L);
        watchlists.save(second, seconds, 0, 0L);

        assertEquals(new UserWatchlists(firsts, 0, 1), watchlists.find(first).orElseThrow());
        assertEquals(new UserWatchlists(seconds, 0, 1), watchlists.find(second).orElseThrow());
    }

    @Test
    void shouldLeaveTheSavedListsAsTheyWereWhenASaveFails()
    {
        final UUID user = newUser("watch-failed");
        final List<WatchlistRow> kept = List.of(new WatchlistRow("Kept", List.of(INFY), 408065L));
        watchlists.save(user, kept, 0, 0L);
        final WatchlistItemRow badMode =
            new WatchlistItemRow(265, "BSE", "SENSEX", "INDICES", new BigDecimal("0.01"), 1, "depth");

        assertThrows(StorageException.class, () -> watchlists.save(user, List.of(
            new WatchlistRow("New", List.of(NIFTY_FUT), null),
            new WatchlistRow("Bad", List.of(badMode), null)), 0, 1L));

        assertEquals(new UserWatchlists(kept, 0, 1), watchlists.find(user).orElseThrow());
        assertEquals(Optional.empty(), watchlists.find(newUser("watch-failed-new")));
    }

    @Test
    void shouldGoWithTheUser()
    {
        final UUID user = newUser("watch-deleted");
        watchlists.save(user, List.of(new WatchlistRow("Gone", List.of(INFY), null)), 0, 0L);

        assertTrue(users.delete(user));

        assertEquals(Optional.empty(), watchlists.find(user));
    }
}
