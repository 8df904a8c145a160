package io.quantumleap.gateway.runtime;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadEventLoop;
import org.agrona.concurrent.Agent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventLoopAgentRunnerTest
{
    private static final long NO_BACKSTOP_NS = TimeUnit.HOURS.toNanos(1);

    private final EventLoop loop = new DefaultEventLoop();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopLoop()
    {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private static void await(final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.onSpinWait();
        }
    }

    private void drain()
    {
        loop.submit(() -> { }).awaitUninterruptibly();
    }

    @Test
    void shouldStartOnTheLoopWorkWhenSignalledAndCloseOnTheLoop()
    {
        final AtomicInteger pending = new AtomicInteger();
        final EventLoopAgentRunner runner = new EventLoopAgentRunner(
            new RecordingAgent(pending), loop, NO_BACKSTOP_NS, errors::add);
        drain();
        assertEquals(List.of("start on loop"), log.subList(0, 1));

        pending.set(3);
        runner.signal();
        await(() -> pending.get() == 0);
        drain();
        runner.close();
        final int workCalls = (int)log.stream().filter(e -> e.startsWith("work")).count();

        pending.set(5);
        runner.signal();
        drain();
        assertEquals("close on loop", log.get(log.size() - 1));
        assertEquals(workCalls, (int)log.stream().filter(e -> e.startsWith("work")).count());
        assertEquals(5, pending.get());
        assertTrue(log.stream().allMatch(e -> e.endsWith("on loop")), log.toString());
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void shouldNeverLoseASignalFromAnotherThread() throws Exception
    {
        final AtomicInteger pending = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final Agent consumer = new Agent()
        {
            @Override
            public int doWork()
            {
                int work = 0;
                while (pending.get() > 0)
                {
                    pending.decrementAndGet();
                    done.incrementAndGet();
                    work++;
                }
                return work;
            }

            @Override
            public String roleName()
            {
                return "consumer";
            }
        };
        final EventLoopAgentRunner runner = new EventLoopAgentRunner(consumer, loop, NO_BACKSTOP_NS, errors::add);
        try (runner)
        {
            final Thread producer = new Thread(() ->
            {
                for (int i = 0; i < 100_000; i++)
                {
                    pending.incrementAndGet();
                    runner.signal();
                    if (i % 64 == 0)
                    {
                        Thread.yield();
                    }
                }
            });
            producer.start();
            producer.join();
            await(() -> done.get() == 100_000);
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void shouldNotLoseASignalThatArrivesWhileATurnIsRunning()
    {
        final AtomicInteger pending = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final EventLoopAgentRunner[] runner = new EventLoopAgentRunner[1];
        final Agent agent = new Agent()
        {
            private boolean produced;

            @Override
            public int doWork() throws InterruptedException
            {
                if (pending.get() > 0)
                {
                    pending.decrementAndGet();
                    done.incrementAndGet();
                    return 1;
                }
                if (!produced && runner[0] != null)
                {
                    produced = true;
                    final Thread producer = new Thread(() ->
                    {
                        pending.incrementAndGet();
                        runner[0].signal();
                    });
                    producer.start();
                    producer.join();
                }
                return 0;
            }

            @Override
            public String roleName()
            {
                return "late-signal";
            }
        };
        runner[0] = new EventLoopAgentRunner(agent, loop, NO_BACKSTOP_NS, errors::add);
        try (EventLoopAgentRunner started = runner[0])
        {
            started.signal();
            await(() -> done.get() == 1);
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void shouldNotWorkWhenTheAgentCouldNotStart()
    {
        final AtomicInteger pending = new AtomicInteger(1);
        final Agent broken = new RecordingAgent(pending)
        {
            @Override
            public void onStart()
            {
                throw new IllegalStateException("no journal");
            }
        };
        final EventLoopAgentRunner runner = new EventLoopAgentRunner(broken, loop, NO_BACKSTOP_NS, errors::add);
        runner.signal();
        drain();
        runner.close();
        assertEquals(1, pending.get());
        assertEquals(1, errors.size());
        assertEquals("no journal", errors.get(0).getMessage());
    }

    @Test
    void shouldLetTheLoopsOtherTasksRunBetweenTurnsOfABacklog()
    {
        final AtomicInteger pending = new AtomicInteger(EventLoopAgentRunner.ROUNDS_PER_TURN * 3);
        loop.execute(() ->
        {
            new EventLoopAgentRunner(new RecordingAgent(pending), loop, NO_BACKSTOP_NS, errors::add);
            loop.execute(() -> log.add("other task"));
        });
        await(() -> pending.get() == 0);
        drain();

        final int other = log.indexOf("other task");
        final long workBefore = log.subList(0, other).stream().filter(e -> e.startsWith("work")).count();
        assertEquals(EventLoopAgentRunner.ROUNDS_PER_TURN, workBefore, log.toString());
    }

    @Test
    void shouldWorkOnTheBackstopWithoutASignal()
    {
        final AtomicInteger pending = new AtomicInteger();
        final EventLoopAgentRunner runner = new EventLoopAgentRunner(
            new RecordingAgent(pending), loop, TimeUnit.MILLISECONDS.toNanos(5), errors::add);
        try (runner)
        {
            drain();
            pending.set(2);
            await(() -> pending.get() == 0);
        }
    }

    @Test
    void shouldReportAFailedTurnAndGoOn()
    {
        final AtomicInteger pending = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger(1);
        final Agent failing = new RecordingAgent(pending)
        {
            @Override
            public int doWork()
            {
                if (failures.getAndDecrement() > 0)
                {
                    throw new IllegalStateException("bad event");
                }
                return super.doWork();
            }
        };
        try (EventLoopAgentRunner runner = new EventLoopAgentRunner(failing, loop, NO_BACKSTOP_NS, errors::add))
        {
            drain();
            assertEquals(1, errors.size());
            assertEquals("bad event", errors.get(0).getMessage());
            pending.set(2);
            runner.signal();
            await(() -> pending.get() == 0);
        }
    }

    @Test
    void shouldWaitForABusyUpstreamAndWriteItsWorkInTheSameTurnWithoutAnotherTask()
    {
        final AtomicInteger pending = new AtomicInteger();
        final AtomicBoolean upstreamBusy = new AtomicBoolean();
        final AtomicInteger busyLooks = new AtomicInteger();
        final SingleThreadEventLoop countingLoop = (SingleThreadEventLoop)loop;
        try (EventLoopAgentRunner runner = new EventLoopAgentRunner(new RecordingAgent(pending), loop,
            NO_BACKSTOP_NS, errors::add, () -> busyLooks.incrementAndGet() > 0 && upstreamBusy.get(),
            TimeUnit.SECONDS.toNanos(10)))
        {
            drain();
            upstreamBusy.set(true);
            final int looksBefore = busyLooks.get();
            runner.signal();
            await(() -> busyLooks.get() > looksBefore + 2);

            pending.set(1);
            runner.signal();
            assertEquals(0, countingLoop.pendingTasks());
            assertEquals(1, pending.get());
            upstreamBusy.set(false);
            await(() -> pending.get() == 0);
            drain();
        }
        assertTrue(errors.isEmpty(), errors.toString());
        assertTrue(log.stream().allMatch(e -> e.endsWith("on loop")), log.toString());
    }

    @Test
    void shouldGiveTheLoopBackWhenTheUpstreamStaysBusyLongerThanTheSpin()
    {
        final AtomicInteger pending = new AtomicInteger();
        try (EventLoopAgentRunner runner = new EventLoopAgentRunner(new RecordingAgent(pending), loop,
            NO_BACKSTOP_NS, errors::add, () -> true, TimeUnit.MILLISECONDS.toNanos(5)))
        {
            drain();
            final int looksBefore = log.size();
            runner.signal();
            drain();
            assertEquals(2, log.size() - looksBefore);
            assertTrue(loop.submit(() -> { }).awaitUninterruptibly(1, TimeUnit.SECONDS));
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void shouldNeverWaitForTheUpstreamInATurnThatFoundWork()
    {
        final AtomicInteger pending = new AtomicInteger();
        final AtomicBoolean upstreamBusy = new AtomicBoolean();
        try (EventLoopAgentRunner runner = new EventLoopAgentRunner(new RecordingAgent(pending), loop,
            NO_BACKSTOP_NS, errors::add, upstreamBusy::get, TimeUnit.SECONDS.toNanos(10)))
        {
            drain();
            upstreamBusy.set(true);
            pending.set(3);
            runner.signal();
            await(() -> pending.get() == 0);
            assertTrue(loop.submit(() -> { }).awaitUninterruptibly(1, TimeUnit.SECONDS));
            upstreamBusy.set(false);
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void shouldRefuseANegativeSpin()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new EventLoopAgentRunner(new RecordingAgent(new AtomicInteger()), loop, NO_BACKSTOP_NS, errors::add,
                () -> true, -1));
        assertTrue(ex.getMessage().contains("upstreamSpinNs"));
    }

    private class RecordingAgent implements Agent
    {
        private final AtomicInteger pending;

        RecordingAgent(final AtomicInteger pending)
        {
            this.pending = pending;
        }

        private String where()
        {
            return loop.inEventLoop() ? "on loop" : "off loop";
        }

        @Override
        public void onStart()
        {
            log.add("start " + where());
        }

        @Override
        public int doWork()
        {
            log.add("work " + where());
            if (pending.get() > 0)
            {
                pending.decrementAndGet();
                return 1;
            }
            return 0;
        }

        @Override
        public void onClose()
        {
            log.add("close " + where());
        }

        @Override
        public String roleName()
        {
            return "recording";
        }
    }
}
