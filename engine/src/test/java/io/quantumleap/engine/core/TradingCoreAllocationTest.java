package io.quantumleap.engine.core;

import io.quantumleap.engine.protocol.RejectReason;
import io.quantumleap.engine.testing.Allocations;
import io.quantumleap.engine.testing.InMemoryInputJournal;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradingCoreAllocationTest
{
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 100_000;

    @Test
    void shouldAllocateZeroBytesPerCommandAfterWarmUpIncludingTimersParkingAdoptionAndTheSessionBoundary()
    {
        final InMemoryInputJournal commands = Allocations.encode(7L, 48, 6, WARM_UP + MEASURED);
        final long[] events = new long[1];
        final TradingCore core = new TradingCore(
            (sequence, buffer, offset, length) -> events[0]++,
            new CoreSettings().retainedTerminalOrders(256).ordersPerAccountCapacity(1 << 17)
                .preallocatedOrders(1 << 17));
        Allocations.currentThread();
        for (int i = 0; i < WARM_UP; i++)
        {
            core.onCommand(i, commands.buffer(), commands.offset(i), commands.length(i));
        }

        final long eventsBefore = events[0];
        final long[] pathsBefore = paths(core);
        final long before = Allocations.currentThread();
        for (int i = WARM_UP; i < WARM_UP + MEASURED; i++)
        {
            core.onCommand(i, commands.buffer(), commands.offset(i), commands.length(i));
        }
        final long allocated = Allocations.currentThread() - before;
        final long[] pathsAfter = paths(core);

        assertEquals(0, allocated / MEASURED, allocated + " bytes allocated over " + MEASURED + " commands and " +
            (events[0] - eventsBefore) + " events");
        for (int i = 0; i < pathsBefore.length; i++)
        {
            assertTrue(pathsAfter[i] > pathsBefore[i], "path " + i + " not taken while measured");
        }
    }

    private static long[] paths(final TradingCore core)
    {
        return new long[]{core.sessionsStarted(), core.expiryCancels(), core.reconcileRequests(),
            core.externalOrders(), core.appliedFromPark(), core.parkedTotal(),
            core.rejectCount(RejectReason.BROKER_REJECTED), core.rejectCount(RejectReason.UNMATCHED_BROKER_UPDATE)};
    }
}
