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

        assertArrayEquals(new long[]{256_265}, demand.release(new long[]{408_065, 256_265}));
        assertEquals(1, demand.watches(408_065));
        assertArrayEquals(new long[]{408_065}, demand.release(new long[]{408_065}));
        assertEquals(0, demand.watches(408_065));
        assertArrayEquals(new long[]{408_065}, demand.watch(new long[]{408_065}));
    }

    @Test
    void shouldCountAReleaseOfAnInstrumentNobodyWatchesAndDropNothing()
    {
        demand.watch(new long[]{408_065});

        assertArrayEquals(new long[0], demand.release(new long[]{256_265}));
        assertEquals(1, demand.unmatchedReleases());
        assertEquals(1, demand.watches(408_065));
    }

    @Test
    void shouldListEveryWatchedInstrumentOnce()
    {
        demand.watch(new long[]{408_065, 256_265});
        demand.watch(new long[]{408_065});
        demand.release(new long[]{256_265});

        final long[] watched = demand.watched();
        Arrays.sort(watched);
        assertArrayEquals(new long[]{408_065}, watched);
    }
}
