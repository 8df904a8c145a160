package io.quantumleap.gateway.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RealtimeThreadsTest
{
    private static final int SCHED_OTHER = SchedulingPolicy.OTHER;
    private static final int SCHED_FIFO = SchedulingPolicy.FIFO;

    @TempDir
    Path tasks;

    @Test
    void shouldMoveOnlyHotPathThreadsIntoTheRealtimeClassOnceOrSayWhyNot() throws Exception
    {
        final CountDownLatch stop = new CountDownLatch(1);
        final Parked hot = parked("rtt-hot", stop);
        final Parked cold = parked("rtt-cold", stop);
        try
        {
            final String hotTid = hot.tid();
            final String coldTid = cold.tid();
            task(hotTid, "qleap-core");
            task(coldTid, "qleap-capture");
            final RealtimeThreads realtime = new RealtimeThreads(5, tasks);

            final int moved = realtime.apply();

            if (moved == 1)
            {
                assertEquals(SCHED_FIFO, SchedulingPolicy.of(hotTid));
                assertEquals(java.util.List.of("qleap-core (" + hotTid + ")"), realtime.applied());
            }
            else
            {
                assertEquals(0, moved);
                assertEquals(1, realtime.refused().size());
                assertTrue(realtime.refused().get(0).startsWith("qleap-core (" + hotTid + "): "));
            }
            assertEquals(SCHED_OTHER, SchedulingPolicy.of(coldTid));
            assertEquals(0, realtime.apply());
        }
        finally
        {
            stop.countDown();
            hot.thread().join();
            cold.thread().join();
        }
    }

    @Test
    void shouldLeaveAThreadAHotThreadStartsInTheNormalClass() throws Exception
    {
        final CountDownLatch spawn = new CountDownLatch(1);
        final CountDownLatch stop = new CountDownLatch(1);
        final Parked[] child = new Parked[1];
        final AtomicReference<String> spawnerTid = new AtomicReference<>();
        final CountDownLatch started = new CountDownLatch(1);
        final Thread hot = new Thread(() ->
        {
            spawnerTid.set(ownTid());
            started.countDown();
            try
            {
                spawn.await();
                child[0] = parked("rtt-child", stop);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "rtt-spawner");
        hot.start();
        started.await();
        try
        {
            final String hotTid = spawnerTid.get();
            task(hotTid, "order-router");
            final RealtimeThreads realtime = new RealtimeThreads(5, tasks);
            final int moved = realtime.apply();
            final int hotPolicy = SchedulingPolicy.of(hotTid);
            spawn.countDown();
            hot.join();

            assertEquals(moved == 1 ? SCHED_FIFO : SCHED_OTHER, hotPolicy);
            assertEquals(SCHED_OTHER, SchedulingPolicy.of(child[0].tid()));
        }
        finally
        {
            spawn.countDown();
            stop.countDown();
            hot.join();
            if (child[0] != null)
            {
                child[0].thread().join();
            }
        }
    }

    @Test
    void shouldTellTheHotPathThreadsByTheirKernelNames()
    {
        for (final String hot : new String[]{"qleap-journal", "qleap-journal-p", "qleap-core",
            "order-router", "kite-feed-1-1", "default-eventLo", "default-nioEven"})
        {
            assertTrue(RealtimeThreads.isHot(hot), hot);
        }
        for (final String cold : new String[]{"qleap-journal-x", "qleap-capture", "persister", "qleap-timer",
            "qleap-latency", "C2 CompilerThre", "event-stream-se", "gateway-followe"})
        {
            assertFalse(RealtimeThreads.isHot(cold), cold);
        }
    }

    @Test
    void shouldRefuseAPriorityOutsideTheRealtimeRange()
    {
        assertThrows(IllegalArgumentException.class, () -> new RealtimeThreads(0, tasks));
        assertThrows(IllegalArgumentException.class, () -> new RealtimeThreads(100, tasks));
    }

    private void task(final String tid, final String name) throws IOException
    {
        Files.createDirectories(tasks.resolve(tid));
        Files.writeString(tasks.resolve(tid).resolve("comm"), name + "\n");
    }

    private record Parked(Thread thread, String tid)
    {
    }

    private static Parked parked(final String name, final CountDownLatch stop) throws InterruptedException
    {
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicReference<String> tid = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            tid.set(ownTid());
            started.countDown();
            try
            {
                stop.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.start();
        started.await();
        return new Parked(thread, tid.get());
    }

    private static String ownTid()
    {
        try
        {
            return Long.toString(ThreadTimes.currentThreadId());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
