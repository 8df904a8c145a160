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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchlistRepositoryTest
{
    private static final WatchlistItemRow INFY =
        new WatchlistItemRow(408065, "NSE", "INFY", "NSE", new BigDecimal("0.05"), 1, "full");
    private static final WatchlistItemRow NIFTY_FUT =
        new WatchlistItemRow(13238786, "NFO", "NIFTY26JANFUT", "NFO-FUT", new BigDecimal("0.10"), 75, "quote");
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
    void shouldReadBackTheItemsInTheirOrderWithTheirModesAndTheSelection()
    {
        final UUID user = newUser("watch-order");

        watchlists.save(user, new WatchlistRow(List.of(NIFTY_FUT, SENSEX, INFY), 265L));

        final WatchlistRow row = watchlists.find(user).orElseThrow();
        assertEquals(Stream.of(NIFTY_FUT, SENSEX, INFY).map(WatchlistRepositoryTest::stripped).toList(),
            row.items().stream().map(WatchlistRepositoryTest::stripped).toList());
        assertEquals(265L, row.selected());
    }

    @Test
    void shouldReplaceTheWholeListAndKeepAnEmptyOneAsSaved()
    {
        final UUID user = newUser("watch-replace");
        watchlists.save(user, new WatchlistRow(List.of(INFY, NIFTY_FUT), 408065L));

        watchlists.save(user, new WatchlistRow(List.of(NIFTY_FUT), null));
        assertEquals(List.of(13238786L), tokens(user));
        assertNull(watchlists.find(user).orElseThrow().selected());

        watchlists.save(user, new WatchlistRow(List.of(), null));
        assertEquals(List.of(), watchlists.find(user).orElseThrow().items());
    }

    @Test
    void shouldKeepEachUsersListApart()
    {
        final UUID first = newUser("watch-first");
        final UUID second = newUser("watch-second");

        watchlists.save(first, new WatchlistRow(List.of(INFY), null));
        watchlists.save(second, new WatchlistRow(List.of(SENSEX, NIFTY_FUT), null));

        assertEquals(List.of(408065L), tokens(first));
        assertEquals(List.of(265L, 13238786L), tokens(second));
    }

    @Test
    void shouldLeaveTheSavedListAsItWasWhenASaveFails()
    {
        final UUID user = newUser("watch-failed");
        watchlists.save(user, new WatchlistRow(List.of(INFY), 408065L));
        final WatchlistItemRow badMode =
            new WatchlistItemRow(265, "BSE", "SENSEX", "INDICES", new BigDecimal("0.01"), 1, "depth");

        assertThrows(StorageException.class,
            () -> watchlists.save(user, new WatchlistRow(List.of(NIFTY_FUT, badMode), null)));

        assertEquals(List.of(408065L), tokens(user));
        assertEquals(408065L, watchlists.find(user).orElseThrow().selected());
    }

    @Test
    void shouldGoWithTheUser()
    {
        final UUID user = newUser("watch-deleted");
        watchlists.save(user, new WatchlistRow(List.of(INFY), null));

        assertTrue(users.delete(user));

        assertEquals(Optional.empty(), watchlists.find(user));
    }

    private static List<Long> tokens(final UUID user)
    {
        return watchlists.find(user).orElseThrow().items().stream().map(WatchlistItemRow::instrumentToken).toList();
    }

    private static WatchlistItemRow stripped(final WatchlistItemRow row)
    {
        return new WatchlistItemRow(row.instrumentToken(), row.exchange(), row.tradingsymbol(), row.segment(),
            row.tickSize().stripTrailingZeros(), row.lotSize(), row.mode());
    }
}
