package io.quantumleap.engine.core;

import io.quantumleap.engine.testing.Allocations;
import io.quantumleap.engine.testing.InMemoryInputJournal;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TradingCoreAllocationTest
{
    private static final int WARM_UP = 300_000;
    private static final int MEASURED = 200_000;

    @Test
    void shouldAllocateZeroBytesPerCommandAfterWarmUp()
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
        final long before = Allocations.currentThread();
        for (int i = WARM_UP; i < WARM_UP + MEASURED; i++)
        {
            core.onCommand(i, commands.buffer(), commands.offset(i), commands.length(i));
        }
        final long allocated = Allocations.currentThread() - before;

        assertEquals(0, allocated / MEASURED, allocated + " bytes allocated over " + MEASURED + " commands and " +
            (events[0] - eventsBefore) + " events");
    }
}
