package io.quantumleap.gateway.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Opt-in ({@code QLEAP_REALTIME_PRIORITY}, 1-99): moves the threads a tick or an order waits on into the
 * {@code SCHED_FIFO} real-time class ({@link SchedAttr}), so that a woken hot-path thread runs at once instead of
 * waiting for its turn on a CPU behind the persister, PostgreSQL, the compilers or anything else on the machine.
 * On this project's 2-core machine that took the tick-to-WebSocket p99 from 2.5-3.4 ms to 0.3 ms (see
 * benchmarks/README.md). It needs root or {@code CAP_SYS_NICE}; without it each thread is reported once and left
 * as it was. The threads park when idle (none busy-spins by default), and the kernel keeps 5% of every second for
 * other threads ({@code sched_rt_runtime_us}), so they cannot lock the machine up.
 *
 * <p>Threads are found by name in {@code /proc/self/task}; {@link #apply()} runs again every second because
 * some (the server's event loops) start only with their first connection. Each is moved with reset-on-fork, so a
 * thread one of them starts (an event loop hands blocking work to a new pool thread) begins in the normal class
 * instead of inheriting the real-time one.
 */
final class RealtimeThreads
{
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeThreads.class);

    /**
     * Hot-path threads by name as the kernel has it (at most 15 characters). The journal's pretouch thread
     * ({@code qleap-journal-p}) is among them although no tick waits on it: it maps the journal's next chunk and
     * takes page faults, which hold locks the journal thread then waits for (the process's memory map, Chronicle's
     * chunk list); left at normal priority it was preempted while holding them and the journal stage's p99.9 went
     * from 0.15-0.3 ms to 6-13 ms. It works a few hundred µs per 50 ms.
     */
    static final Set<String> HOT_THREADS =
        Set.of("qleap-journal", "qleap-journal-p", "qleap-core", "order-router");
    /**
     * Hot-path thread pools by name prefix: the feed's event loops and the HTTP server's, which also run the
     * gateway follower ({@code default-eventLoopGroup-…} or {@code default-nioEventLoopGroup-…}, as Micronaut
     * names the group it builds).
     */
    static final List<String> HOT_THREAD_PREFIXES = List.of("kite-feed-", "default-eventLo", "default-nioEven");

    private final int priority;
    private final Path tasks;
    private final Set<String> seen = new HashSet<>();
    private final List<String> applied = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private boolean tasksUnreadable;

    /**
     * @param priority the SCHED_FIFO priority, 1-99.
     * @param tasks    the process's task folder, {@code /proc/self/task}.
     */
    RealtimeThreads(final int priority, final Path tasks)
    {
        if (priority < 1 || priority > 99)
        {
            throw new IllegalArgumentException("QLEAP_REALTIME_PRIORITY must be 1-99, " +
                "or 0 to leave the threads' scheduling alone; was " + priority);
        }
        this.priority = priority;
        this.tasks = tasks;
    }

    /**
     * Moves every hot-path thread not handled yet into SCHED_FIFO.
     *
     * @return threads moved by this call.
     */
    synchronized int apply()
    {
        final List<String> moved = new ArrayList<>();
        final List<Path> threads;
        try (Stream<Path> list = Files.list(tasks))
        {
            threads = list.toList();
        }
        catch (final IOException ex)
        {
            if (!tasksUnreadable)
            {
                tasksUnreadable = true;
                LOG.warn("cannot list the process's threads in {} ({}): no thread moves to SCHED_FIFO", tasks,
                    ex.toString());
            }
            return 0;
        }
        for (final Path thread : threads)
        {
            final String tid = thread.getFileName().toString();
            if (seen.contains(tid))
            {
                continue;
            }
            final String name = ThreadTimes.comm(thread);
            if (name == null)
            {
                continue;
            }
            seen.add(tid);
            if (!isHot(name))
            {
                continue;
            }
            final String problem = SchedAttr.fifo(Long.parseLong(tid), priority);
            if (problem == null)
            {
                applied.add(name + " (" + tid + ")");
                moved.add(name + " (" + tid + ")");
            }
            else
            {
                refused.add(name + " (" + tid + "): " + problem);
                LOG.warn("thread {} ({}) stays in the normal scheduling class: {} (run as root or with CAP_SYS_NICE "
                    + "to have it, or unset QLEAP_REALTIME_PRIORITY)", name, tid, problem);
            }
        }
        if (!moved.isEmpty())
        {
            LOG.info("hot-path threads now running SCHED_FIFO priority {}: {}", priority, moved);
        }
        return moved.size();
    }

    /** @return whether a thread of this name is on the hot path. */
    static boolean isHot(final String name)
    {
        return HOT_THREADS.contains(name) || HOT_THREAD_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** @return the threads moved so far, as "name (tid)". */
    synchronized List<String> applied()
    {
        return List.copyOf(applied);
    }

    /** @return the threads that could not be moved, with why. */
    synchronized List<String> refused()
    {
        return List.copyOf(refused);
    }
}
