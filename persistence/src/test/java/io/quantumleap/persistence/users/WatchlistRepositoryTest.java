package io.quantumleap.persistence.users;

import io.quantumleap.persistence.StorageException;
import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
        final UserWatchlists saved = new UserWatchlists(List.of(
            new WatchlistRow("Indices and futures", List.of(NIFTY_FUT, SENSEX), 265L),
            new WatchlistRow("Empty", List.of(), null),
            new WatchlistRow("Stocks", List.of(INFY, NIFTY_FUT), 408065L)), 2);

        watchlists.save(user, saved);

        assertEquals(saved, watchlists.find(user).orElseThrow());
    }

    @Test
    void shouldReplaceAllTheListsAndKeepAnEmptyOneAsSaved()
    {
        final UUID user = newUser("watch-replace");
        watchlists.save(user, new UserWatchlists(List.of(
            new WatchlistRow("One", List.of(INFY, NIFTY_FUT), 408065L),
            new WatchlistRow("Two", List.of(SENSEX), null)), 1));

        final UserWatchlists fewer = new UserWatchlists(List.of(new WatchlistRow("Two", List.of(NIFTY_FUT), null)), 0);
        watchlists.save(user, fewer);
        assertEquals(fewer, watchlists.find(user).orElseThrow());

        final UserWatchlists empty = new UserWatchlists(List.of(new WatchlistRow("One", List.of(), null)), 0);
        watchlists.save(user, empty);
        assertEquals(empty, watchlists.find(user).orElseThrow());
    }

    @Test
    void shouldKeepEachUsersListsApart()
    {
        final UUID first = newUser("watch-first");
        final UUID second = newUser("watch-second");
        final UserWatchlists firsts = new UserWatchlists(List.of(new WatchlistRow("A", List.of(INFY), null)), 0);
        final UserWatchlists seconds =
            new UserWatchlists(List.of(new WatchlistRow("B", List.of(SENSEX, INFY), 265L)), 0);

        watchlists.save(first, firsts);
        watchlists.save(second, seconds);

        assertEquals(firsts, watchlists.find(first).orElseThrow());
        assertEquals(seconds, watchlists.find(second).orElseThrow());
    }

    @Test
    void shouldLeaveTheSavedListsAsTheyWereWhenASaveFails()
    {
        final UUID user = newUser("watch-failed");
        final UserWatchlists kept = new UserWatchlists(List.of(new WatchlistRow("Kept", List.of(INFY), 408065L)), 0);
        watchlists.save(user, kept);
        final WatchlistItemRow badMode =
            new WatchlistItemRow(265, "BSE", "SENSEX", "INDICES", new BigDecimal("0.01"), 1, "depth");

        assertThrows(StorageException.class, () -> watchlists.save(user, new UserWatchlists(List.of(
            new WatchlistRow("New", List.of(NIFTY_FUT), null),
            new WatchlistRow("Bad", List.of(badMode), null)), 0)));

        assertEquals(kept, watchlists.find(user).orElseThrow());
    }

    @Test
    void shouldGoWithTheUser()
    {
        final UUID user = newUser("watch-deleted");
        watchlists.save(user, new UserWatchlists(List.of(new WatchlistRow("Gone", List.of(INFY), null)), 0));

        assertTrue(users.delete(user));

        assertEquals(Optional.empty(), watchlists.find(user));
    }
}
