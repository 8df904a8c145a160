package io.quantumleap.engine.pipeline;

import io.quantumleap.engine.core.CoreSettings;
import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.engine.testing.Allocations;
import io.quantumleap.engine.testing.InMemoryInputJournal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EnginePipelineAllocationTest
{
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 100_000;

    @ParameterizedTest
    @ValueSource(strings = {"own", "core", "core+feed"})
    void shouldAllocateZeroBytesPerCommandInProducerJournalHandlerAndCoreAfterWarmUp(final String layout)
    {
        final InMemoryInputJournal commands = Allocations.encode(11L, 48, 6, WARM_UP + MEASURED);
        final InMemoryInputJournal journal = new InMemoryInputJournal(400 << 20, WARM_UP + MEASURED + 1);
        final TradingCore core = new TradingCore(
            (sequence, buffer, offset, length) -> { },
            new CoreSettings().retainedTerminalOrders(256).ordersPerAccountCapacity(1 << 17)
                .preallocatedOrders(1 << 17));
        try (EnginePipeline pipeline = new EnginePipeline(
            EnginePipelineTest.layout(layout).ringSize(4_096), journal, core,
            (sequence, buffer, offset, length) -> { }))
        {
            final List<Thread> threads = pipeline.threads();
            final long[] before = new long[threads.size()];
            Allocations.of(threads.get(0));
            Allocations.currentThread();
            publish(pipeline, commands, 0, WARM_UP);
            for (int t = 0; t < threads.size(); t++)
            {
                before[t] = Allocations.of(threads.get(t));
            }
            final long producerBefore = Allocations.currentThread();

            publish(pipeline, commands, WARM_UP, WARM_UP + MEASURED);

            final long producerAllocated = Allocations.currentThread() - producerBefore;
            for (int t = 0; t < threads.size(); t++)
            {
                final long allocated = Allocations.of(threads.get(t)) - before[t];
                assertEquals(0, allocated / MEASURED, threads.get(t).getName() + " allocated " + allocated +
                    " bytes over " + MEASURED + " commands");
            }
            assertEquals(0, producerAllocated / MEASURED, "producer allocated " + producerAllocated + " bytes");
            assertEquals(WARM_UP + MEASURED, journal.count());
        }
    }

    private static void publish(
        final EnginePipeline pipeline, final InMemoryInputJournal commands, final int from, final int to)
    {
        final CommandPublisher publisher = pipeline.publisher();
        for (int i = from; i < to; i++)
        {
            publisher.publish(commands.buffer(), commands.offset(i), commands.length(i));
        }
        while (!pipeline.isDrained())
        {
            Thread.onSpinWait();
        }
    }
}
