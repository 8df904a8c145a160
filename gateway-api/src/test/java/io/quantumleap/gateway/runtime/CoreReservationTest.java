package io.quantumleap.gateway.runtime;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class CoreReservationTest
{
    private static final int SCHED_OTHER = SchedulingPolicy.OTHER;
    private static final int SCHED_DEADLINE = SchedulingPolicy.DEADLINE;
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Executor NO_TASKS = task -> fail("no task expected on the reserved thread");

    @Test
    void shouldReserveByDefaultOnlyWhereTheCoreThreadServesTheIoLoopWithoutRealtimePriority()
    {
        assertEquals(CoreReservation.AUTO_PERCENT, CoreReservation.percent("auto", true, 0));
        assertEquals(CoreReservation.AUTO_PERCENT, CoreReservation.percent("", true, 0));
        assertEquals(CoreReservation.AUTO_PERCENT, CoreReservation.percent(null, true, 0));
        assertEquals(0, CoreReservation.percent("auto", false, 0));
        assertEquals(0, CoreReservation.percent("AUTO", true, 10));
        assertEquals(0, CoreReservation.percent("off", true, 0));
        assertEquals(0, CoreReservation.percent("0", false, 10));
        assertEquals(35, CoreReservation.percent(" 35 ", true, 0));
    }

    @Test
    void shouldRefuseASettingItCannotHonourNamingWhy()
    {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CoreReservation.percent("lots", true, 0))
            .getMessage().contains("QLEAP_CORE_RESERVATION=lots: expected auto, off or"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CoreReservation.percent("95", true, 0))
            .getMessage().contains("10-90"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CoreReservation.percent("5", true, 0))
            .getMessage().contains("10-90"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CoreReservation.percent("50", true, 10))
            .getMessage().contains("choose one"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CoreReservation.percent("50", false, 0))
            .getMessage().contains("yield"));
        assertThrows(IllegalArgumentException.class, () -> new CoreReservation(91, TASKS, NO_TASKS));
    }

    @Test
    void shouldSayWhatToDoWhenTheKernelRefusesTheReservation()
    {
        assertTrue(CoreReservation.advice("sched_setattr: [16] Device or resource busy")
            .contains("set a smaller QLEAP_CORE_RESERVATION"));
        assertTrue(CoreReservation.advice("sched_setattr: [1] Operation not permitted")
            .contains("CAP_SYS_NICE"));
    }

    @Test
    void shouldGiveTheReservationUpWhileTheThreadNeedsMoreAndTakeItBackWhenItIsQuiet() throws Exception
    {
        final Queue<Runnable> onCore = new ConcurrentLinkedQueue<>();
        final CoreReservation reservation = new CoreReservation(30, TASKS, onCore::add);
        final AtomicBoolean spin = new AtomicBoolean();
        final CountDownLatch stop = new CountDownLatch(1);
        final AtomicReference<String> tid = new AtomicReference<>();
        final CountDownLatch attached = new CountDownLatch(1);
        final Thread core = new Thread(() ->
        {
            reservation.attachCurrentThread();
            tid.set(Long.toString(reservation.tid()));
            attached.countDown();
            while (stop.getCount() > 0)
            {
                runAll(onCore);
                if (spin.get())
                {
                    Thread.onSpinWait();
                }
                else
                {
                    await(stop, 20);
                }
            }
        }, "crt-core");
        core.start();
        try
        {
            assertTrue(attached.await(5, TimeUnit.SECONDS));
            assertEquals(CoreReservation.State.PENDING, reservation.state());

            reservation.tick();

            if (reservation.state() == CoreReservation.State.REFUSED)
            {
                assertNotNull(reservation.refusal());
                assertEquals(SCHED_OTHER, SchedulingPolicy.of(tid.get()));
                return;
            }
            assertEquals(CoreReservation.State.RESERVED, reservation.state());
            assertNull(reservation.refusal());
            assertEquals(SCHED_DEADLINE, SchedulingPolicy.of(tid.get()));
            assertEquals("30000000/100000000/100000000", deadlineParameters(tid.get()));
            assertEquals("deadline", new ThreadTimes(TASKS, "crt-core").schedulingClass());

            Thread.sleep(300);
            reservation.tick();
            assertEquals(CoreReservation.State.RESERVED, reservation.state());

            spin.set(true);
            Thread.sleep(1_000);
            reservation.tick();
            assertEquals(CoreReservation.State.RELEASED, reservation.state());
            assertEquals(SCHED_OTHER, SchedulingPolicy.of(tid.get()));
            assertEquals("normal", new ThreadTimes(TASKS, "crt-core").schedulingClass());
            assertEquals(1, reservation.releases());

            Thread.sleep(300);
            reservation.tick();
            assertEquals(CoreReservation.State.RELEASED, reservation.state());
            spin.set(false);
            for (int i = 0; i < CoreReservation.QUIET_WINDOWS - 1; i++)
            {
                Thread.sleep(100);
                reservation.tick();
                assertEquals(CoreReservation.State.RELEASED, reservation.state(), "quiet window " + i);
            }
            Thread.sleep(100);
            reservation.tick();
            assertEquals(CoreReservation.State.RESERVED, reservation.state());
            assertEquals(SCHED_DEADLINE, SchedulingPolicy.of(tid.get()));
            assertEquals(CoreReservation.QUIET_WINDOWS, reservation.quietSecondsNeeded());

            spin.set(true);
            Thread.sleep(1_000);
            reservation.tick();
            assertEquals(CoreReservation.State.RELEASED, reservation.state());
            assertEquals(2, reservation.releases());
            assertEquals(2 * CoreReservation.QUIET_WINDOWS, reservation.quietSecondsNeeded());
            Thread.sleep(300);
            reservation.tick();
            spin.set(false);
            for (int i = 0; i < 2 * CoreReservation.QUIET_WINDOWS - 1; i++)
            {
                Thread.sleep(100);
                reservation.tick();
                assertEquals(CoreReservation.State.RELEASED, reservation.state(), "quiet window " + i + " of twice");
            }
            Thread.sleep(100);
            reservation.tick();
            assertEquals(CoreReservation.State.RESERVED, reservation.state());
        }
        finally
        {
            stop.countDown();
            core.join();
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (reservation.state() != CoreReservation.State.ENDED && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
            reservation.tick();
        }
        assertEquals(CoreReservation.State.ENDED, reservation.state());
    }

    @Test
    void shouldLeaveTheReservationOnlyWhileTheThreadIsOnACpu() throws Exception
    {
        final BlockingQueue<Runnable> onCore = new LinkedBlockingQueue<>();
        final AtomicReference<Thread> taskThread = new AtomicReference<>();
        final CoreReservation reservation = new CoreReservation(30, TASKS, task -> onCore.add(() ->
        {
            taskThread.set(Thread.currentThread());
            task.run();
        }));

        try (ReservedThread core = new ReservedThread(reservation, "crt-bursts", () ->
        {
            final Runnable task = onCore.poll();
            if (task != null)
            {
                task.run();
            }
            Thread.onSpinWait();
        }))
        {
            if (reservation.state() == CoreReservation.State.REFUSED)
            {
                return;
            }
            assertEquals(CoreReservation.State.RESERVED, reservation.state());
            Thread.sleep(2_000);

            reservation.tick();

            assertEquals(CoreReservation.State.RELEASED, reservation.state());
            assertSame(core.thread, taskThread.get());
            assertEquals(SCHED_OTHER, SchedulingPolicy.of(Long.toString(reservation.tid())));
        }
    }

    @Test
    void shouldGiveTheReservationUpWhenTheKernelHoldsTheThreadAfterBurstsLongerThanItsShare() throws Exception
    {
        final BlockingQueue<Runnable> onCore = new LinkedBlockingQueue<>();
        final CoreReservation reservation = new CoreReservation(30, TASKS, onCore::add);
        try (ReservedThread core = new ReservedThread(reservation, "crt-held", () ->
        {
            final Runnable task = onCore.poll();
            if (task != null)
            {
                task.run();
            }
            runOnCpu(50);
            Thread.sleep(120);
        }))
        {
            if (reservation.state() == CoreReservation.State.REFUSED)
            {
                return;
            }
            final long[] before = ThreadTimes.read(TASKS, reservation.tid());
            final long wallBefore = System.nanoTime();
            Thread.sleep(2_000);
            final long[] after = ThreadTimes.read(TASKS, reservation.tid());
            final double used = (double)(after[0] - before[0]) / (System.nanoTime() - wallBefore);

            reservation.tick();

            assertTrue(used < 0.9 * 0.3, "used " + used + " of a CPU: the test needs a thread under the usage mark");
            assertTrue(used >= 0.5 * 0.3, "used " + used + " of a CPU: the test needs a thread over half its share");
            assertTrue(after[1] - before[1] > TimeUnit.MILLISECONDS.toNanos(200),
                "waited " + (after[1] - before[1]) + " ns");
            assertEquals(CoreReservation.State.RELEASED, reservation.state());
            assertEquals(1, reservation.releases());
            assertTrue(core.thread.isAlive());
            assertEquals(SCHED_OTHER, SchedulingPolicy.of(Long.toString(reservation.tid())));
        }
    }

    @Test
    void shouldKeepTheReservationOfAThreadHeldNowAndThenThatUsesLittleOfItsShare() throws Exception
    {
        final CoreReservation reservation = new CoreReservation(10, TASKS, NO_TASKS);
        try (ReservedThread core = new ReservedThread(reservation, "crt-rare", () ->
        {
            runOnCpu(15);
            Thread.sleep(600);
        }))
        {
            if (reservation.state() == CoreReservation.State.REFUSED)
            {
                return;
            }
            final long[] before = ThreadTimes.read(TASKS, reservation.tid());
            Thread.sleep(2_000);
            final long[] after = ThreadTimes.read(TASKS, reservation.tid());

            reservation.tick();

            assertTrue(after[1] - before[1] > TimeUnit.MILLISECONDS.toNanos(60),
                "waited " + (after[1] - before[1]) + " ns: the test needs a thread the kernel held");
            assertTrue(core.thread.isAlive());
            assertEquals(CoreReservation.State.RESERVED, reservation.state());
            assertEquals(0, reservation.releases());
        }
    }

    @Test
    void shouldKeepTheReservationOfAThreadThatWorksWithinItsShare() throws Exception
    {
        final CoreReservation reservation = new CoreReservation(30, TASKS, NO_TASKS);
        try (ReservedThread core = new ReservedThread(reservation, "crt-within", () ->
        {
            runOnCpu(3);
            Thread.sleep(20);
        }))
        {
            if (reservation.state() == CoreReservation.State.REFUSED)
            {
                return;
            }
            Thread.sleep(2_000);

            reservation.tick();

            assertEquals(CoreReservation.State.RESERVED, reservation.state());
            assertEquals(0, reservation.releases());
            assertTrue(core.thread.isAlive());
            assertEquals(SCHED_DEADLINE, SchedulingPolicy.of(Long.toString(reservation.tid())));
        }
    }

    @Test
    void shouldKeepTheReservationWhenTheThreadDoesNotRunTheTaskThatLeavesIt() throws Exception
    {
        final AtomicInteger tasksGiven = new AtomicInteger();
        final CoreReservation reservation = new CoreReservation(30, TASKS, task -> tasksGiven.incrementAndGet());

        final ReservedThread deaf = new ReservedThread(reservation, "crt-deaf", Thread::onSpinWait);
        try
        {
            if (reservation.state() == CoreReservation.State.REFUSED)
            {
                return;
            }
            Thread.sleep(2_000);

            reservation.tick();

            assertEquals(1, tasksGiven.get());
            assertEquals(CoreReservation.State.RESERVED, reservation.state());
            assertEquals(0, reservation.releases());
            assertEquals(SCHED_DEADLINE, SchedulingPolicy.of(Long.toString(reservation.tid())));
        }
        finally
        {
            deaf.close();
        }
    }

    @Test
    void shouldLetAReservedThreadRunABurstOfSeveralMillisecondsWithoutBeingHeldBack() throws Exception
    {
        final CoreReservation reservation = new CoreReservation(CoreReservation.AUTO_PERCENT, TASKS, NO_TASKS);
        final AtomicLong bestStretchPermille = new AtomicLong(Long.MAX_VALUE);

        runReserved(reservation, "crt-burst", () ->
        {
            for (int burst = 0; burst < 8; burst++)
            {
                Thread.sleep(30);
                final long wallStart = System.nanoTime();
                final long cpuStart = THREADS.getCurrentThreadCpuTime();
                long cpu;
                do
                {
                    cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
                }
                while (cpu < TimeUnit.MILLISECONDS.toNanos(5));
                final long wall = System.nanoTime() - wallStart;
                bestStretchPermille.accumulateAndGet(wall * 1_000 / cpu, Math::min);
            }
        });

        if (reservation.state() == CoreReservation.State.REFUSED)
        {
            return;
        }
        assertTrue(bestStretchPermille.get() < 1_300,
            "5 ms of CPU took at best " + bestStretchPermille.get() / 1_000.0 + "x as long on the clock");
    }

    @Test
    void shouldLeaveAThreadTheReservedThreadStartsInTheNormalClass() throws Exception
    {
        final CoreReservation reservation = new CoreReservation(20, TASKS, NO_TASKS);
        final AtomicInteger spawnerPolicy = new AtomicInteger(-1);
        final AtomicInteger childPolicy = new AtomicInteger(-1);
        final AtomicReference<Throwable> childFailure = new AtomicReference<>();

        runReserved(reservation, "crt-spawner", () ->
        {
            spawnerPolicy.set(SchedulingPolicy.of(Path.of("/proc/thread-self")));
            final Thread child = new Thread(() ->
            {
                try
                {
                    childPolicy.set(SchedulingPolicy.of(Path.of("/proc/thread-self")));
                }
                catch (final IOException ex)
                {
                    childFailure.set(ex);
                }
            }, "crt-child");
            child.start();
            child.join();
        });

        assertNull(childFailure.get());
        assertEquals(reservation.state() == CoreReservation.State.RESERVED ? SCHED_DEADLINE : SCHED_OTHER,
            spawnerPolicy.get());
        assertEquals(SCHED_OTHER, childPolicy.get());
    }

    private static void runReserved(final CoreReservation reservation, final String name, final Body body)
        throws InterruptedException
    {
        final CountDownLatch attached = new CountDownLatch(1);
        final CountDownLatch ticked = new CountDownLatch(1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            reservation.attachCurrentThread();
            attached.countDown();
            try
            {
                ticked.await();
                body.run();
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        }, name);
        thread.start();
        try
        {
            assertTrue(attached.await(5, TimeUnit.SECONDS));
            reservation.tick();
        }
        finally
        {
            ticked.countDown();
            thread.join();
        }
        assertNull(failure.get());
    }

    /** A thread the reservation is for, repeating a step until closed; the reservation has ticked once it is made. */
    private static final class ReservedThread implements AutoCloseable
    {
        final Thread thread;
        private final CountDownLatch stop = new CountDownLatch(1);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        ReservedThread(final CoreReservation reservation, final String name, final Body step)
            throws InterruptedException
        {
            final CountDownLatch attached = new CountDownLatch(1);
            thread = new Thread(() ->
            {
                reservation.attachCurrentThread();
                attached.countDown();
                try
                {
                    while (stop.getCount() > 0)
                    {
                        step.run();
                    }
                }
                catch (final Throwable ex)
                {
                    failure.set(ex);
                }
            }, name);
            thread.start();
            if (!attached.await(5, TimeUnit.SECONDS))
            {
                close();
                fail(name + " did not attach itself within 5 s");
            }
            reservation.tick();
        }

        @Override
        public void close()
        {
            stop.countDown();
            try
            {
                thread.join();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                fail("interrupted while " + thread.getName() + " stopped");
            }
            assertNull(failure.get());
        }
    }

    private static void runOnCpu(final long ms)
    {
        final long start = THREADS.getCurrentThreadCpuTime();
        while (THREADS.getCurrentThreadCpuTime() - start < TimeUnit.MILLISECONDS.toNanos(ms))
        {
            Thread.onSpinWait();
        }
    }

    private interface Body
    {
        void run() throws Exception;
    }

    private static void runAll(final Queue<Runnable> tasks)
    {
        Runnable task;
        while ((task = tasks.poll()) != null)
        {
            task.run();
        }
    }

    private static void await(final CountDownLatch latch, final long ms)
    {
        try
        {
            latch.await(ms, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static String deadlineParameters(final String tid) throws Exception
    {
        final Process chrt = new ProcessBuilder("chrt", "-p", tid).redirectErrorStream(true).start();
        final String output = new String(chrt.getInputStream().readAllBytes());
        chrt.waitFor();
        return output.lines().filter(l -> l.contains("runtime/deadline/period")).map(l -> l.substring(
            l.lastIndexOf(' ') + 1)).findFirst().orElse(output);
    }
}
