package io.quantumleap.gateway.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The core thread's CPU reservation ({@code QLEAP_CORE_RESERVATION}). Below 4 CPUs one thread carries a tick from
 * the Kite socket to the WebSocket clients' sockets: feed, journal, core, gateway follower and HTTP server. In the
 * normal scheduling class a thread it wakes may run before it on its own CPU: on 2 CPUs a loopback client woken by a
 * write took the CPU from the core thread straight after about half its writes (benchmarks/README.md, "Where the
 * default tail is"). Reserved, the core thread runs in the kernel's deadline class ({@code SCHED_DEADLINE}): up to
 * its share of a CPU in every {@link #PERIOD_NS period}, ahead of every normal thread, and never more, so unlike
 * {@code SCHED_FIFO} ({@code QLEAP_REALTIME_PRIORITY}) it cannot take a CPU from the rest of the machine.
 *
 * <p>A reservation is also a ceiling: a core that needs more than its share would fall behind the feed, and the
 * kernel holds a thread that has used up its share of a period until the next one (up to 40 ms with the default
 * share). So {@link #tick()}, once a second, looks at the thread's times ({@link ThreadTimes}): when it has used 90%
 * of its share, or half of it while it waited for a CPU 2% of the second (held once after a burst, it waits up to
 * 40 ms), it goes back to the normal class, where it takes what it needs as it would without a reservation. The wait
 * alone is no proof of a hold: a reserved core thread under the rig waited 0.1-0.8% of most seconds and over 2% of a
 * few, at a fifth of a CPU, behind work the kernel does not preempt (this kernel is built without preemption). It
 * gets the reservation back after {@link #QUIET_WINDOWS} seconds under half its share: a thread that uses more is
 * held now and then, its demand in some periods above the share. Given up again within a minute of getting it back,
 * it waits twice as long for it each time, up to {@link #MAX_QUIET_WINDOWS} s, so a load that sits near the mark does
 * not flap between the classes. Each change is logged and counted. Changes are made with {@code sched_setattr(2)}
 * ({@link SchedAttr}); the thread leaves the deadline class by making the call itself, in a task on its own loop:
 * the kernel keeps the share of a thread moved out of the class while asleep or held counted as reserved, for
 * nobody.
 *
 * <p>The deadline class suits a thread that blocks when it waits and never yields: the kernel holds a deadline
 * thread that calls {@code sched_yield} until its next period. The core thread that serves the I/O loop waits that
 * way (a short spin, then the selector); the other wait strategies yield, so a reservation is made only for that
 * layout. It needs root or {@code CAP_SYS_NICE} and the kernel's admission (the deadline class may hold at most
 * {@code sched_rt_runtime_us} of every second of each CPU, summed over the machine's reservations); refused, the
 * thread stays in the normal class and the reason is logged once.
 */
public final class CoreReservation
{
    private static final Logger LOG = LoggerFactory.getLogger(CoreReservation.class);

    /** The share of a CPU {@code auto} reserves, percent. */
    static final int AUTO_PERCENT = 60;
    /**
     * The deadline class's period, and the reservation's deadline: the share is granted in every 100 ms. The kernel
     * stops a thread that has used its share of the period until the next one, so the period must hold the core
     * thread's bursts: on the 2-CPU box it ran 5-7 ms of 10 about twice a second (gone with the kernel's DAMON memory
     * monitor switched off), and with a 1 ms period it then sat out 0.2-3 ms at a time behind normal threads
     * (benchmarks/README.md, "The reservation's period, and leaving it on a CPU").
     */
    static final long PERIOD_NS = 100_000_000;
    /** Seconds under half the share before a released reservation is made again. */
    static final int QUIET_WINDOWS = 5;
    /** The longest a thread given up again and again waits for its reservation, in seconds under the mark. */
    static final int MAX_QUIET_WINDOWS = 320;
    /** A release this soon after the reservation came back doubles the wait for the next. */
    private static final long FLAP_NS = TimeUnit.SECONDS.toNanos(60);
    private static final int MIN_PERCENT = 10;
    private static final int MAX_PERCENT = 90;
    private static final double RELEASE_AT = 0.9;
    /** The share of a second spent waiting for a CPU at which a reserved thread is taken to be held by its ceiling. */
    private static final double RELEASE_AT_WAIT = 0.02;
    /** The share of its share a thread must have used for a wait to count as a hold. */
    private static final double HELD_AT_USE = 0.5;
    private static final double RESTORE_BELOW = 0.5;
    private static final String SETTING = "QLEAP_CORE_RESERVATION";
    /** Longest a release waits for the thread to run the task that makes it. */
    private static final long TASK_START_LIMIT_NS = TimeUnit.SECONDS.toNanos(1);
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int ABANDONED = 2;

    /** Where the reservation stands. */
    public enum State
    {
        /** Waiting for the core thread to say which thread it is. */
        PENDING,
        /** In the deadline class. */
        RESERVED,
        /** Back in the normal class because it needed more than its share; reserved again once it needs less. */
        RELEASED,
        /** The kernel or the machine refused it: the thread stays in the normal class. */
        REFUSED,
        /** The thread has ended. */
        ENDED
    }

    private final int percent;
    private final Path tasks;
    private final Executor onThread;
    private volatile long tid = -1;
    private volatile State state = State.PENDING;
    private volatile long releases;
    private volatile String refusal;
    private long lastCpuNs;
    private long lastWaitNs;
    private long lastWallNs;
    private int quietWindows;
    private int quietWindowsNeeded = QUIET_WINDOWS;
    private long restoredAtNs;
    private boolean restored;
    private String lastProblem;

    /**
     * @param percent  the share of one CPU, 10-90.
     * @param tasks    the process's task folder, {@code /proc/self/task}.
     * @param onThread runs a task on the reserved thread (its event loop).
     */
    CoreReservation(final int percent, final Path tasks, final Executor onThread)
    {
        checkShare(percent, Integer.toString(percent));
        this.percent = percent;
        this.tasks = tasks;
        this.onThread = onThread;
    }

    /**
     * What {@code QLEAP_CORE_RESERVATION} asks for in a given layout.
     *
     * @param setting          {@code auto} (or blank), {@code off}, or a share of one CPU in percent, 10-90.
     * @param coreServesIoLoop whether the core thread serves the I/O loop while it waits (the feed on the core thread).
     * @param realtimePriority {@code QLEAP_REALTIME_PRIORITY}, 0 when off.
     * @return the share to reserve, percent; 0 for none.
     * @throws IllegalArgumentException naming what is wrong with the setting or why this layout cannot take it.
     */
    static int percent(final String setting, final boolean coreServesIoLoop, final int realtimePriority)
    {
        final String value = setting == null ? "" : setting.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals("auto"))
        {
            return coreServesIoLoop && realtimePriority == 0 ? AUTO_PERCENT : 0;
        }
        if (value.equals("off") || value.equals("0"))
        {
            return 0;
        }
        final int percent;
        try
        {
            percent = Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(SETTING + "=" + setting + ": expected auto, off or a share of one CPU "
                + "in percent, 10-90", ex);
        }
        checkShare(percent, setting);
        if (realtimePriority != 0)
        {
            throw new IllegalArgumentException(SETTING + "=" + setting + " and QLEAP_REALTIME_PRIORITY=" +
                realtimePriority + " both set the core thread's scheduling class: choose one");
        }
        if (!coreServesIoLoop)
        {
            throw new IllegalArgumentException(SETTING + "=" + setting + " needs the core thread to serve the I/O loop "
                + "while it waits (QLEAP_FEED_THREAD=core, the default below 4 CPUs): its other wait strategies yield, "
                + "and the kernel holds a reserved thread that yields until its next period");
        }
        return percent;
    }

    private static void checkShare(final int percent, final String setting)
    {
        if (percent < MIN_PERCENT || percent > MAX_PERCENT)
        {
            throw new IllegalArgumentException(SETTING + "=" + setting + ": the share must be " + MIN_PERCENT + "-" +
                MAX_PERCENT + " (% of a CPU), or auto or off");
        }
    }

    /**
     * Tells the reservation which thread it is for; called on that thread, which then only needs the next
     * {@link #tick()} to be reserved. Where the kernel does not say ({@code /proc/thread-self}), the reservation is
     * refused.
     */
    void attachCurrentThread()
    {
        try
        {
            tid = ThreadTimes.currentThreadId();
        }
        catch (final IOException ex)
        {
            refusal = "cannot tell which thread this is from /proc/thread-self: " + ex;
            state = State.REFUSED;
            LOG.warn("the core thread stays in the normal scheduling class: {}", refusal);
        }
    }

    /**
     * Once a second: reserves the thread once it is known, releases it when it needs more than its share, and
     * reserves it again after enough quiet seconds ({@link #quietSecondsNeeded()}). Call at a steady interval from one
     * thread.
     */
    synchronized void tick()
    {
        final long wallNs = System.nanoTime();
        switch (state)
        {
            case PENDING ->
            {
                if (tid >= 0 && reserveOrRefuse())
                {
                    LOG.info("the core thread ({}) has {}% of a CPU reserved in every {} ms (SCHED_DEADLINE)", tid,
                        percent, PERIOD_NS / 1_000_000);
                    sample(wallNs);
                }
            }
            case RESERVED -> releaseIfHeld(sample(wallNs), wallNs);
            case RELEASED -> reserveAgainIfQuiet(sample(wallNs), wallNs);
            default ->
            {
                // REFUSED and ENDED are final.
            }
        }
    }

    private void releaseIfHeld(final Window window, final long wallNs)
    {
        final double share = percent / 100.0;
        if (window == null || window.used < RELEASE_AT * share &&
            (window.waited < RELEASE_AT_WAIT || window.used < HELD_AT_USE * share))
        {
            return;
        }
        final String problem = onTheThread(SchedAttr::normal);
        if (problem != null)
        {
            logOnce("the core thread (" + tid + ") needs more than its reservation but could not leave it (tried "
                + "again each second): " + problem);
            return;
        }
        state = State.RELEASED;
        releases++;
        quietWindows = 0;
        quietWindowsNeeded = restored && wallNs - restoredAtNs < FLAP_NS ?
            Math.min(quietWindowsNeeded * 2, MAX_QUIET_WINDOWS) : QUIET_WINDOWS;
        // A burst (a broker connecting, the instruments loading) gives the reservation up once and it comes back by
        // itself: said at INFO. A thread given it up again within a minute of getting it back is said at WARN.
        final String message = "the core thread ({}) used {}% of a CPU and waited for one {}% of the time, with a "
            + "reservation of {}%: it runs in the normal class, taking what it needs, until it uses less than {}% for "
            + "{} s";
        final Object[] values = {tid, Math.round(window.used * 100), Math.round(window.waited * 100), percent,
            Math.round(RESTORE_BELOW * percent), quietWindowsNeeded};
        if (quietWindowsNeeded > QUIET_WINDOWS)
        {
            LOG.warn(message, values);
        }
        else
        {
            LOG.info(message, values);
        }
    }

    /**
     * Runs a change of the thread's scheduling class on the thread itself, as a task of its loop, and waits for it.
     * The kernel (6.18 here) loses the deadline class's books on a thread moved out of the class from outside while it
     * sleeps or is held for its share: its share stays counted as reserved, for nobody, until the kernel rebuilds its
     * scheduling domains (a restart, a cpuset change), and after a few such releases it admits no reservation at all
     * (by hand: a sleeping reserved process moved to the normal class left its share in the root domain's
     * {@code total_bw}; a running one did not). A thread that makes the call itself is on a CPU.
     *
     * @return what went wrong, or null.
     */
    private String onTheThread(final Supplier<String> change)
    {
        final AtomicInteger phase = new AtomicInteger(QUEUED);
        final AtomicReference<String> outcome = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);
        try
        {
            onThread.execute(() ->
            {
                if (phase.compareAndSet(QUEUED, RUNNING))
                {
                    try
                    {
                        outcome.set(change.get());
                    }
                    catch (final RuntimeException ex)
                    {
                        outcome.set("the change failed: " + ex);
                    }
                    finally
                    {
                        done.countDown();
                    }
                }
            });
        }
        catch (final RejectedExecutionException ex)
        {
            return "the thread's loop takes no more tasks: " + ex.getMessage();
        }
        try
        {
            if (!done.await(TASK_START_LIMIT_NS, TimeUnit.NANOSECONDS) && phase.compareAndSet(QUEUED, ABANDONED))
            {
                return "the thread did not run the change within " + TimeUnit.NANOSECONDS.toMillis(TASK_START_LIMIT_NS)
                    + " ms";
            }
            done.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            phase.compareAndSet(QUEUED, ABANDONED);
            return "interrupted";
        }
        return outcome.get();
    }

    private void reserveAgainIfQuiet(final Window window, final long wallNs)
    {
        if (window == null)
        {
            return;
        }
        quietWindows = window.used < RESTORE_BELOW * percent / 100.0 ? quietWindows + 1 : 0;
        if (quietWindows >= quietWindowsNeeded && reserveOrRefuse())
        {
            restored = true;
            restoredAtNs = wallNs;
            LOG.info("the core thread ({}) has its reservation of {}% of a CPU again", tid, percent);
        }
    }

    /** @return seconds under the mark a released thread needs before it is reserved again. */
    synchronized int quietSecondsNeeded()
    {
        return quietWindowsNeeded;
    }

    /** @return whether the thread is now reserved; if not, the reservation is refused for good and said why. */
    private boolean reserveOrRefuse()
    {
        final long runtimeNs = PERIOD_NS * percent / 100;
        final String problem = SchedAttr.deadline(tid, runtimeNs, PERIOD_NS);
        if (problem == null)
        {
            state = State.RESERVED;
            return true;
        }
        refusal = problem;
        state = State.REFUSED;
        LOG.warn("the core thread ({}) stays in the normal scheduling class, without its reservation of {}% of a CPU: "
            + "{} ({})", tid, percent, problem, advice(problem));
        return false;
    }

    /** @return what to do about a refused reservation, from the kernel's answer. */
    static String advice(final String problem)
    {
        if (SchedAttr.unavailable() != null && problem.equals(SchedAttr.unavailable()))
        {
            return "this platform cannot make the reservation: set " + SETTING + "=off";
        }
        if (problem.contains("Device or resource busy"))
        {
            return "the kernel's admission control has no room for that share beside the machine's other "
                + "reservations: set a smaller " + SETTING + ", or " + SETTING + "=off";
        }
        return "run as root or with CAP_SYS_NICE to have it, or set " + SETTING + "=off";
    }

    /** @return where the reservation stands. */
    public State state()
    {
        return state;
    }

    /** @return the share of one CPU reserved, percent. */
    public int percent()
    {
        return percent;
    }

    /** @return how many times the thread went back to the normal class because it needed more than its share. */
    public long releases()
    {
        return releases;
    }

    /** @return why the reservation was refused, or null. */
    public String refusal()
    {
        return refusal;
    }

    /** @return the thread reserved for, as the kernel numbers it; -1 before it is known. */
    long tid()
    {
        return tid;
    }

    /** The thread's shares of the wall clock between two samples: on a CPU, and ready to run but waiting for one. */
    private record Window(double used, double waited)
    {
    }

    /** @return the thread's window since the last sample; null for the first, or when it has ended. */
    private Window sample(final long wallNs)
    {
        final long[] times = ThreadTimes.read(tasks, tid);
        if (times == null)
        {
            state = State.ENDED;
            return null;
        }
        final boolean first = lastWallNs == 0;
        final long elapsedNs = wallNs - lastWallNs;
        final Window window = first || elapsedNs <= 0 ? null :
            new Window((double)(times[0] - lastCpuNs) / elapsedNs, (double)(times[1] - lastWaitNs) / elapsedNs);
        lastCpuNs = times[0];
        lastWaitNs = times[1];
        lastWallNs = wallNs;
        return window;
    }

    private void logOnce(final String problem)
    {
        if (!problem.equals(lastProblem))
        {
            lastProblem = problem;
            LOG.warn(problem);
        }
    }
}
