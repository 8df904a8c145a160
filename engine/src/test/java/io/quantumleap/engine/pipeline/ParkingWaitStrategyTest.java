package io.quantumleap.engine.pipeline;

import com.lmax.disruptor.Sequence;
import io.quantumleap.engine.testing.CapturingEventSink;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.engine.testing.InMemoryInputJournal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ParkingWaitStrategyTest
{
    private static final long NEVER_NS = TimeUnit.MINUTES.toNanos(10);

    @Test
    void shouldNeverLoseAWakeUpBetweenAProducerAndAParkingConsumer()
    {
        final ParkingWaitStrategy strategy = new ParkingWaitStrategy(NEVER_NS);
        final Sequence published = new Sequence(-1);
        final Sequence consumed = new Sequence(-1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final int rounds = 20_000;
        assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
        {
            final Thread consumer = new Thread(() ->
            {
                try
                {
                    for (long next = 0; next < rounds; next++)
                    {
                        strategy.waitFor(next, published, published, Alerts.NONE);
                        consumed.set(next);
                        strategy.signalAllWhenBlocking();
                    }
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            });
            consumer.start();
            for (long next = 0; next < rounds; next++)
            {
                if (next % 1_000 == 0)
                {
                    LockSupport.parkNanos(200_000);
                }
                published.set(next);
                strategy.signalAllWhenBlocking();
                strategy.waitFor(next, consumed, consumed, Alerts.NONE);
            }
            consumer.join();
        });
        assertNull(failure.get());
        assertEquals(rounds - 1, consumed.get());
    }

    @Test
    void shouldWakeTheCoreForEachCommandTheJournalHandlerFinishesWithoutWaitingForABackstop()
    {
        final InMemoryInputJournal journal = new InMemoryInputJournal();
        final AtomicLong handled = new AtomicLong(-1);
        final Commands commands = new Commands();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
        {
            try (EnginePipeline pipeline = new EnginePipeline(new PipelineContext().conclude(), journal,
                (sequence, buffer, offset, length) -> handled.set(sequence), new CapturingEventSink(),
                new ParkingWaitStrategy(NEVER_NS)))
            {
                for (int i = 0; i < 200; i++)
                {
                    LockSupport.parkNanos(1_000_000);
                    pipeline.publisher().publish(commands.buffer(), 0, commands.timer(i, 0));
                    while (handled.get() < i)
                    {
                        Thread.onSpinWait();
                    }
                }
            }
        });
        assertEquals(199, handled.get());
        assertEquals(200, journal.count());
    }
}
