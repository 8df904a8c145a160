package io.quantumleap.gateway.runtime;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedAttrTest
{
    private static final Path SELF = Path.of("/proc/thread-self");
    private static final long PERIOD_NS = 100_000_000;

    @Test
    void shouldMoveTheCallingThreadIntoTheDeadlineClassAndOutAgain() throws Exception
    {
        assertNull(SchedAttr.unavailable());
        final AtomicReference<Object> seen = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            try
            {
                final String reserved = SchedAttr.deadline(0, 20_000_000, PERIOD_NS);
                final int inside = SchedulingPolicy.of(SELF);
                final String left = SchedAttr.normal();
                seen.set(reserved == null ? inside + "/" + left + "/" + SchedulingPolicy.of(SELF) : reserved);
            }
            catch (final Exception ex)
            {
                seen.set(ex);
            }
        }, "sa-self");
        thread.start();
        thread.join();

        if (seen.get() instanceof String said && said.startsWith("sched_setattr:"))
        {
            assertTrue(said.contains("Operation not permitted") || said.contains("Device or resource busy"), said);
            return;
        }
        assertEquals(SchedulingPolicy.DEADLINE + "/null/" + SchedulingPolicy.OTHER, seen.get());
    }

    @Test
    void shouldReserveAnotherThreadByItsKernelNumber() throws Exception
    {
        final CountDownLatch numbered = new CountDownLatch(1);
        final CountDownLatch moved = new CountDownLatch(1);
        final AtomicReference<String> tid = new AtomicReference<>();
        final AtomicReference<String> left = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            try
            {
                tid.set(Files.readSymbolicLink(SELF).getFileName().toString());
                numbered.countDown();
                moved.await(5, TimeUnit.SECONDS);
                left.set(SchedAttr.normal());
            }
            catch (final Exception ex)
            {
                left.set(ex.toString());
            }
        }, "sa-other");
        thread.start();
        assertTrue(numbered.await(5, TimeUnit.SECONDS));

        final String reserved = SchedAttr.deadline(Long.parseLong(tid.get()), 10_000_000, PERIOD_NS);
        final int policy = SchedulingPolicy.of(tid.get());
        moved.countDown();
        thread.join();

        if (reserved != null)
        {
            assertTrue(reserved.contains("Operation not permitted") || reserved.contains("Device or resource busy"),
                reserved);
            return;
        }
        assertEquals(SchedulingPolicy.DEADLINE, policy);
        assertNull(left.get());
    }

    @Test
    void shouldMoveAThreadIntoTheRealtimeClassAtItsPriority() throws Exception
    {
        final AtomicReference<String> seen = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            try
            {
                final String moved = SchedAttr.fifo(0, 7);
                seen.set(moved == null ? SchedulingPolicy.of(SELF) + "/" + SchedulingPolicy.priority(SELF) : moved);
            }
            catch (final Exception ex)
            {
                seen.set(ex.toString());
            }
        }, "sa-fifo");
        thread.start();
        thread.join();

        if (seen.get().startsWith("sched_setattr:"))
        {
            assertTrue(seen.get().contains("Operation not permitted"), seen.get());
            return;
        }
        assertEquals(SchedulingPolicy.FIFO + "/7", seen.get());
    }

    @Test
    void shouldSayWhatTheKernelRefused()
    {
        assertEquals("sched_setattr: [22] Invalid argument", SchedAttr.deadline(0, 2 * PERIOD_NS, PERIOD_NS));
        assertEquals("sched_setattr: [3] No such process", SchedAttr.deadline(Integer.MAX_VALUE, 10_000_000,
            PERIOD_NS));
        assertEquals("sched_setattr: [22] Invalid argument", SchedAttr.fifo(0, 100));
    }
}
