package io.quantumleap.gateway.runtime;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class FeedDemandTest
{
    private final FeedDemand demand = new FeedDemand();

    @Test
    void shouldAskForAnInstrumentOnItsFirstWatchAndDropItOnTheReleaseOfItsLast()
    {
        assertArrayEquals(new long[]{408_065, 256_265}, demand.watch(new long[]{408_065, 256_265}));
        assertArrayEquals(new long[]{738_561}, demand.watch(new long[]{408_065, 738_561}));
        assertEquals(2, demand.watches(408_065));

        assertArrayEquals(new long[]{256_265}, demand.release(new long[]{408_065, 256_265}).gone());
        assertEquals(1, demand.watches(408_065));
        assertArrayEquals(new long[]{408_065}, demand.release(new long[]{408_065}).gone());
        assertEquals(0, demand.watches(408_065));
        assertArrayEquals(new long[]{408_065}, demand.watch(new long[]{408_065}));
    }

    @Test
    void shouldCountAReleaseOfAnInstrumentNobodyWatchesAndDropNothing()
    {
        demand.watch(new long[]{408_065});

        assertArrayEquals(new long[0], demand.release(new long[]{256_265}).gone());
        assertEquals(1, demand.unmatchedReleases());
        assertEquals(1, demand.watches(408_065));
    }

    @Test
    void shouldListEveryWatchedInstrumentOnce()
    {
        demand.watch(new long[]{408_065, 256_265});
        demand.watch(new long[]{408_065});
        demand.release(new long[]{256_265});

        final long[] watched = demand.watched(true);
        Arrays.sort(watched);
        assertArrayEquals(new long[]{408_065}, watched);
        assertArrayEquals(new long[0], demand.watched(false));
    }

    @Test
    void shouldStreamAnInstrumentInFullModeWhileAFullWatchHoldsItAndInQuoteModeWhenOnlyTheWholeListDoes()
    {
        assertArrayEquals(new long[]{408_065, 256_265}, demand.watchQuotes(new long[]{408_065, 256_265}));
        assertArrayEquals(new long[0], demand.watchQuotes(new long[]{408_065}));
        final long[] quotedFirst = demand.watched(false);
        Arrays.sort(quotedFirst);
        assertArrayEquals(new long[]{256_265, 408_065}, quotedFirst);

        assertArrayEquals(new long[]{408_065, 738_561}, demand.watch(new long[]{408_065, 738_561}));
        assertArrayEquals(new long[0], demand.watch(new long[]{408_065}));
        assertEquals(4, demand.watches(408_065));
        assertEquals(2, demand.fullWatches(408_065));
        assertArrayEquals(new long[]{256_265}, demand.watched(false));

        FeedDemand.Released released = demand.release(new long[]{408_065, 738_561});
        assertArrayEquals(new long[]{738_561}, released.gone());
        assertArrayEquals(new long[0], released.toQuote());
        released = demand.release(new long[]{408_065});
        assertArrayEquals(new long[0], released.gone());
        assertArrayEquals(new long[]{408_065}, released.toQuote());
        assertEquals(2, demand.watches(408_065));
        assertEquals(0, demand.fullWatches(408_065));
        final long[] quoted = demand.watched(false);
        Arrays.sort(quoted);
        assertArrayEquals(new long[]{256_265, 408_065}, quoted);
        assertArrayEquals(new long[0], demand.watched(true));
    }

    @Test
    void shouldNotLetAReleaseTakeAQuoteWatchAway()
    {
        demand.watchQuotes(new long[]{408_065});

        final FeedDemand.Released released = demand.release(new long[]{408_065});

        assertArrayEquals(new long[0], released.gone());
        assertArrayEquals(new long[0], released.toQuote());
        assertEquals(1, demand.unmatchedReleases());
        assertEquals(1, demand.watches(408_065));
    }
}
