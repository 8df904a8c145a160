package io.quantumleap.gateway.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * How long one of the process's threads has run, and how long it was ready to run but waited for a CPU, from the
 * kernel's scheduler statistics ({@code /proc/self/task/<tid>/schedstat}: time on a CPU and time on a run queue, in
 * ns). The wait is what the scheduler adds to the thread's latency: a tick that arrives while the core thread waits
 * for a CPU waits as long. It counts the time from a wake-up to running, the time other threads held the CPU, and, in
 * the deadline class, the time the kernel held the thread after it had used up its share of a period.
 *
 * <p>The thread is found by the name the kernel has for it (at most 15 characters) and looked for again when it has
 * ended; the totals never go down: an ended thread's last totals stay, and a later thread of the same name adds to
 * them. Read when asked (a scrape, a once-a-second check), never on the hot path.
 */
public final class ThreadTimes
{
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private final Path tasks;
    private final String name;
    private long tid = -1;
    private long baseCpuNs;
    private long baseWaitNs;
    private long lastCpuNs;
    private long lastWaitNs;

    /**
     * @param tasks the process's task folder, {@code /proc/self/task}.
     * @param name  the thread's name as the kernel has it (its first 15 characters).
     */
    public ThreadTimes(final Path tasks, final String name)
    {
        this.tasks = tasks;
        this.name = name.length() > 15 ? name.substring(0, 15) : name;
    }

    /** @return the thread's name as the kernel has it. */
    public String name()
    {
        return name;
    }

    /**
     * Both totals from one read of the kernel's statistics.
     *
     * @param cpuNs  ns the thread has run on a CPU, in total.
     * @param waitNs ns the thread was ready to run but waited for a CPU, in total.
     */
    public record Totals(long cpuNs, long waitNs)
    {
    }

    /** @return the thread's totals now (zero until a thread of the name has been seen). */
    public synchronized Totals totals()
    {
        refresh();
        return new Totals(lastCpuNs, lastWaitNs);
    }

    /** @return ns the thread has run on a CPU, in total. */
    public long cpuNs()
    {
        return totals().cpuNs();
    }

    /** @return ns the thread was ready to run but waited for a CPU, in total. */
    public long waitNs()
    {
        return totals().waitNs();
    }

    /**
     * @return the kernel's scheduling class for the thread now: {@code normal}, {@code batch}, {@code idle},
     *         {@code fifo}, {@code rr}, {@code deadline}, or {@code unknown} when it cannot tell (the thread has
     *         ended).
     */
    public synchronized String schedulingClass()
    {
        refresh();
        if (tid < 0)
        {
            return "unknown";
        }
        return switch (policy(tasks.resolve(Long.toString(tid))))
        {
            case 0 -> "normal";
            case 1 -> "fifo";
            case 2 -> "rr";
            case 3 -> "batch";
            case 5 -> "idle";
            case 6 -> "deadline";
            default -> "unknown";
        };
    }

    /** @return the thread's scheduling policy number (field 41 of its {@code stat}), or -1 when it has ended. */
    static int policy(final Path task)
    {
        return statField(task, 41);
    }

    /** @return the thread's real-time priority (field 40 of its {@code stat}), or -1 when it has ended. */
    static int priority(final Path task)
    {
        return statField(task, 40);
    }

    private static int statField(final Path task, final int field)
    {
        try
        {
            final String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
            // Fields after the name, which is in parentheses and may hold spaces: state is field 3.
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Integer.parseInt(fields[field - 3]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }

    private void refresh()
    {
        if (tid < 0 || !readTotals())
        {
            baseCpuNs = lastCpuNs;
            baseWaitNs = lastWaitNs;
            tid = find(tasks, name);
            if (tid >= 0 && !readTotals())
            {
                tid = -1;
            }
        }
    }

    private boolean readTotals()
    {
        final long[] times = read(tasks, tid);
        if (times == null)
        {
            return false;
        }
        lastCpuNs = baseCpuNs + times[0];
        lastWaitNs = baseWaitNs + times[1];
        return true;
    }

    /**
     * @param tasks the process's task folder.
     * @param tid   the thread, as the kernel numbers it.
     * @return ns on a CPU and ns waiting for one, or null when the thread has ended or the kernel does not say.
     */
    static long[] read(final Path tasks, final long tid)
    {
        try
        {
            final String[] fields = Files.readString(tasks.resolve(Long.toString(tid)).resolve("schedstat"),
                StandardCharsets.US_ASCII).trim().split(" ");
            return new long[] {Long.parseLong(fields[0]), Long.parseLong(fields[1])};
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }

    /**
     * @return the calling thread's id as the kernel numbers it (its {@code /proc/self/task} entry), read from
     *         {@code /proc/thread-self}, which names the caller without a listing of the process's threads.
     * @throws IOException where the kernel does not say.
     */
    public static long currentThreadId() throws IOException
    {
        final Path self = Files.readSymbolicLink(THREAD_SELF);
        final Path tid = self.getFileName();
        try
        {
            return Long.parseLong(String.valueOf(tid));
        }
        catch (final NumberFormatException ex)
        {
            throw new IOException(THREAD_SELF + " names " + self + ", not a thread id", ex);
        }
    }

    /** @return the thread of that name (the lowest number when there are several), or -1. */
    static long find(final Path tasks, final String name)
    {
        try (Stream<Path> threads = Files.list(tasks))
        {
            return threads.filter(t -> name.equals(comm(t)))
                .mapToLong(t -> Long.parseLong(t.getFileName().toString())).min().orElse(-1);
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
    }

    /** @return the thread's name as the kernel has it, or null when it has ended. */
    static String comm(final Path thread)
    {
        try
        {
            return Files.readString(thread.resolve("comm"), StandardCharsets.US_ASCII).trim();
        }
        catch (final IOException ex)
        {
            return null;
        }
    }
}
