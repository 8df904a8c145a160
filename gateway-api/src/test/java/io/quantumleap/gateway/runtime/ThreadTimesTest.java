package io.quantumleap.gateway.runtime;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadTimesTest
{
    private static final Path TASKS = Path.of("/proc/self/task");

    @Test
    void shouldReadTheTimeAThreadRanFindingItByTheNameTheKernelHas() throws Exception
    {
        final ThreadTimes times = new ThreadTimes(TASKS, "thread-times-spinner");
        assertEquals("thread-times-sp", times.name());
        assertEquals(0, times.cpuNs());

        final CountDownLatch spun = new CountDownLatch(1);
        final Thread first = start("thread-times-spinner", TimeUnit.MILLISECONDS.toNanos(100), spun);
        assertTrue(spun.await(10, TimeUnit.SECONDS));
        final long whileRunning = times.cpuNs();
        assertEquals("normal", times.schedulingClass());
        first.join();
        awaitGone("thread-times-sp");
        final long afterItEnded = times.cpuNs();

        assertTrue(whileRunning >= TimeUnit.MILLISECONDS.toNanos(100), "ran " + whileRunning + " ns");
        assertTrue(whileRunning < TimeUnit.SECONDS.toNanos(10), "ran " + whileRunning + " ns");
        assertTrue(afterItEnded >= whileRunning, afterItEnded + " ns after it ended, " + whileRunning + " before");

        final CountDownLatch secondSpun = new CountDownLatch(1);
        final Thread second = start("thread-times-spinner", TimeUnit.MILLISECONDS.toNanos(50), secondSpun);
        assertTrue(secondSpun.await(10, TimeUnit.SECONDS));
        assertTrue(times.cpuNs() >= afterItEnded + TimeUnit.MILLISECONDS.toNanos(50));
        second.join();
    }

    @Test
    void shouldCountTheTimeAThreadWaitedForACpuHeldByOthers() throws Exception
    {
        final AtomicBoolean stop = new AtomicBoolean();
        final List<Thread> rivals = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++)
        {
            final Thread rival = new Thread(() ->
            {
                while (!stop.get())
                {
                    Thread.onSpinWait();
                }
            }, "thread-times-rival-" + i);
            rival.start();
            rivals.add(rival);
        }
        final ThreadTimes times = new ThreadTimes(TASKS, "thread-times-w");
        try
        {
            final CountDownLatch spun = new CountDownLatch(1);
            final Thread waiter = start("thread-times-w", TimeUnit.MILLISECONDS.toNanos(500), spun);
            assertTrue(spun.await(30, TimeUnit.SECONDS));
            final long waitedNs = times.waitNs();
            final long ranNs = times.cpuNs();
            waiter.join();

            assertTrue(ranNs >= TimeUnit.MILLISECONDS.toNanos(500), "ran " + ranNs + " ns");
            assertTrue(waitedNs >= TimeUnit.MILLISECONDS.toNanos(20), "waited " + waitedNs + " ns beside "
                + rivals.size() + " spinning threads");
        }
        finally
        {
            stop.set(true);
            for (final Thread rival : rivals)
            {
                rival.join();
            }
        }
    }

    @Test
    void shouldReadNothingForAThreadThatDoesNotExist()
    {
        final ThreadTimes times = new ThreadTimes(TASKS, "no-such-thread");

        assertEquals(0, times.cpuNs());
        assertEquals(0, times.waitNs());
        assertEquals("unknown", times.schedulingClass());
        assertEquals(-1, ThreadTimes.find(TASKS, "no-such-thread"));
        assertEquals(null, ThreadTimes.read(TASKS, Long.MAX_VALUE));
    }

    @Test
    void shouldTellEachThreadItsOwnKernelIdTheOneItsTaskEntryIsNamedBy() throws Exception
    {
        final AtomicReference<Object> seen = new AtomicReference<>();
        final Thread other = new Thread(() ->
        {
            try
            {
                final long id = ThreadTimes.currentThreadId();
                seen.set(id + " " + ThreadTimes.comm(TASKS.resolve(Long.toString(id))));
            }
            catch (final IOException ex)
            {
                seen.set(ex);
            }
        }, "thread-times-id");
        other.start();
        other.join();
        final String name = Thread.currentThread().getName();
        final long mine = ThreadTimes.currentThreadId();
        final String myComm;
        Thread.currentThread().setName("thread-times-me");
        try
        {
            myComm = ThreadTimes.comm(TASKS.resolve(Long.toString(mine)));
        }
        finally
        {
            Thread.currentThread().setName(name);
        }

        assertEquals("thread-times-me", myComm);
        final String[] theirs = String.valueOf(seen.get()).split(" ");
        assertEquals("thread-times-id", theirs[theirs.length - 1], "the other thread saw " + seen.get());
        assertNotEquals(mine, Long.parseLong(theirs[0]));
    }

    private static void awaitGone(final String name) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ThreadTimes.find(TASKS, name) >= 0)
        {
            assertTrue(System.nanoTime() < deadline, name + " still listed 10 s after it ended");
            Thread.sleep(5);
        }
    }

    /** Starts a thread that spins until it has run {@code cpuNs} on a CPU, counts down, then waits to be read. */
    private static Thread start(final String name, final long cpuNs, final CountDownLatch spun)
    {
        final Thread thread = new Thread(() ->
        {
            final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            final long start = threads.getCurrentThreadCpuTime();
            while (threads.getCurrentThreadCpuTime() - start < cpuNs)
            {
                Thread.onSpinWait();
            }
            spun.countDown();
            try
            {
                Thread.sleep(200);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.start();
        return thread;
    }
}
