package io.quantumleap.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import io.netty.channel.ManualIoEventLoop;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IoLoopWaitStrategyTest
{
    private static final long NEVER_NS = TimeUnit.MINUTES.toNanos(10);

    private final ManualIoEventLoop loop = new ManualIoEventLoop(null, null, NioIoHandler.newFactory());

    @AfterEach
    void shutDown()
    {
        loop.shutdownGracefully(0, 0, TimeUnit.NANOSECONDS);
    }

    @Test
    void shouldNeverLoseAWakeUpBetweenAProducerAndAConsumerBlockedInTheSelector()
    {
        final IoLoopWaitStrategy strategy = new IoLoopWaitStrategy(loop, NEVER_NS);
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
                    }
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            });
            loop.setOwningThread(consumer);
            consumer.start();
            for (long next = 0; next < rounds; next++)
            {
                if (next % 1_000 == 0)
                {
                    LockSupport.parkNanos(200_000);
                }
                published.set(next);
                strategy.signalAllWhenBlocking();
                while (consumed.get() < next)
                {
                    Thread.onSpinWait();
                }
            }
            consumer.join();
        });
        assertNull(failure.get());
        assertEquals(rounds - 1, consumed.get());
    }

    @Test
    void shouldRunTheLoopsTasksOnTheWaitingThreadAndReturnOnceATaskPublished()
    {
        final IoLoopWaitStrategy strategy = new IoLoopWaitStrategy(loop, NEVER_NS);
        final Sequence published = new Sequence(-1);
        final CompletableFuture<Long> returned = new CompletableFuture<>();
        final AtomicReference<String> taskThread = new AtomicReference<>();
        final Thread consumer = new Thread(() ->
        {
            try
            {
                returned.complete(strategy.waitFor(0, published, published, Alerts.NONE));
            }
            catch (final Throwable ex)
            {
                returned.completeExceptionally(ex);
            }
        }, "waiting-handler");
        loop.setOwningThread(consumer);
        consumer.start();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            loop.execute(() ->
            {
                taskThread.set(Thread.currentThread().getName());
                published.set(2);
            });
            assertEquals(2, returned.join());
        });
        assertEquals("waiting-handler", taskThread.get());
    }

    @Test
    void shouldRunTasksTheHandlerQueuedOnItsOwnLoopAsSoonAsItRunsOutOfCommands() throws AlertException
    {
        final IoLoopWaitStrategy strategy = new IoLoopWaitStrategy(loop, NEVER_NS);
        final AtomicInteger reads = new AtomicInteger();
        final Sequence published = new Sequence(-1)
        {
            @Override
            public long get()
            {
                reads.incrementAndGet();
                return super.get();
            }
        };
        final AtomicInteger readsBeforeTask = new AtomicInteger(-1);
        loop.setOwningThread(Thread.currentThread());
        loop.execute(() ->
        {
            readsBeforeTask.set(reads.get());
            published.set(0);
        });
        assertEquals(0, strategy.waitFor(0, published, published, Alerts.NONE));
        assertEquals(2, readsBeforeTask.get());
    }

    @Test
    void shouldServeTheLoopNowAndThenWhileBusyButOnlyWhenTheRingHasRoom() throws AlertException
    {
        final IoLoopWaitStrategy strategy = new IoLoopWaitStrategy(loop, NEVER_NS);
        final AtomicInteger freeSlots = new AtomicInteger(0);
        strategy.ring(freeSlots::get, 4);
        final Sequence published = new Sequence(1_000);
        final AtomicBoolean ran = new AtomicBoolean();
        loop.setOwningThread(Thread.currentThread());
        loop.execute(() -> ran.set(true));
        final long untilNs = System.nanoTime() + IoLoopWaitStrategy.BUSY_IO_INTERVAL_NS * 5;
        while (System.nanoTime() - untilNs < 0)
        {
            assertEquals(1_000, strategy.waitFor(0, published, published, Alerts.NONE));
        }
        assertFalse(ran.get());
        freeSlots.set(4);
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ran.get() && System.nanoTime() - deadlineNs < 0)
        {
            assertEquals(1_000, strategy.waitFor(0, published, published, Alerts.NONE));
        }
        assertTrue(ran.get());
    }

    @Test
    void shouldGiveTheLoopsTasksATimeBudgetSoATaskThatQueuesItselfAgainCannotHoldTheThread() throws AlertException
    {
        final IoLoopWaitStrategy strategy = new IoLoopWaitStrategy(loop, NEVER_NS);
        final Sequence published = new Sequence(1_000);
        loop.setOwningThread(Thread.currentThread());
        final long stopNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        final AtomicInteger runs = new AtomicInteger();
        final Runnable[] catchingUp = new Runnable[1];
        catchingUp[0] = () ->
        {
            runs.incrementAndGet();
            if (System.nanoTime() - stopNs < 0)
            {
                loop.execute(catchingUp[0]);
            }
        };
        loop.execute(catchingUp[0]);
        LockSupport.parkNanos(IoLoopWaitStrategy.BUSY_IO_INTERVAL_NS * 2);

        final long startNs = System.nanoTime();
        assertEquals(1_000, strategy.waitFor(0, published, published, Alerts.NONE));
        final long heldNs = System.nanoTime() - startNs;

        assertTrue(heldNs < TimeUnit.SECONDS.toNanos(1), heldNs + " ns in one wait");
        assertTrue(runs.get() > 0, "the task ran");
        assertTrue(System.nanoTime() - stopNs < 0, "the task was still queuing itself");
    }

    @Test
    void shouldLeaveTheSelectorWhenTheRingIsHalted()
    {
        final IoLoopWaitStrategy strategy = new IoLoopWaitStrategy(loop, NEVER_NS);
        final Sequence published = new Sequence(-1);
        final Alerts alerts = new Alerts();
        final CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        final Thread consumer = new Thread(() ->
        {
            try
            {
                strategy.waitFor(0, published, published, alerts);
                thrown.complete(null);
            }
            catch (final Throwable ex)
            {
                thrown.complete(ex);
            }
        });
        loop.setOwningThread(consumer);
        consumer.start();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            alerts.alert();
            strategy.signalAllWhenBlocking();
            assertInstanceOf(AlertException.class, thrown.join());
        });
    }

    @Test
    void shouldRefuseAWaitShorterThanTheSelectorCanBlock()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new IoLoopWaitStrategy(loop, TimeUnit.MICROSECONDS.toNanos(500)));
        assertTrue(ex.getMessage().contains("maxWaitNs"));
    }
}
