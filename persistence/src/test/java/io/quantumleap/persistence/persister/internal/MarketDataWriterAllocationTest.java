package io.quantumleap.persistence.persister.internal;

import io.quantumleap.persistence.persister.QueueMetrics;
import io.quantumleap.persistence.persister.TickPolicy;
import io.quantumleap.persistence.support.TestMessages;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;

import static io.quantumleap.persistence.support.TestMessages.T0_NS;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MarketDataWriterAllocationTest
{
    private static final int BATCH = 5_000;

    @ParameterizedTest
    @EnumSource(TickPolicy.class)
    void shouldAllocateNothingPerTickAfterWarmUp(final TickPolicy policy)
    {
        final TestMessages messages = new TestMessages();
        final UnsafeBuffer[] ticks = new UnsafeBuffer[64];
        for (int i = 0; i < ticks.length; i++)
        {
            ticks[i] = new UnsafeBuffer(messages.tick(T0_NS + i * 1_000_000L, 100 + i % 8, 1_000 + i, i));
        }
        final MarketDataWriter writer = new MarketDataWriter(policy, 1, new QueueMetrics("in"));
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        long index = 0;
        for (int round = 0; round < 20; round++)
        {
            for (int i = 0; i < BATCH; i++)
            {
                final UnsafeBuffer tick = ticks[i % ticks.length];
                writer.onMessage(index++, tick, 0, tick.capacity());
            }
            writer.committed();
        }

        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < BATCH; i++)
        {
            final UnsafeBuffer tick = ticks[i % ticks.length];
            writer.onMessage(index++, tick, 0, tick.capacity());
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        writer.committed();

        assertEquals(0, allocated, "bytes allocated for " + BATCH + " ticks");
    }
}
