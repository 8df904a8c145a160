package io.quantumleap.gateway.runtime;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;

import java.util.Locale;

/**
 * The kernel's {@code sched_setattr(2)}, called through JNA (the JDK has no call for it) on the thread whose class
 * changes: a thread that leaves the deadline class while it is on a CPU hands its share back to the kernel's
 * admission, where one moved from outside while it sleeps or is held for its share can leave the share counted for
 * nobody (benchmarks/README.md, "The reservation's period, and leaving it on a CPU"). The call takes microseconds,
 * where spawning {@code chrt} took milliseconds of the thread's time. Rare by design: a thread's class changes at its
 * start and when the load crosses a threshold, never per event.
 */
final class SchedAttr
{
    static final int SCHED_OTHER = 0;
    static final int SCHED_FIFO = 1;
    static final int SCHED_DEADLINE = 6;
    /** A child of the thread starts in the normal class. */
    static final long SCHED_FLAG_RESET_ON_FORK = 0x01;
    /** {@code struct sched_attr} as the kernel first defined it (SCHED_ATTR_SIZE_VER0). */
    private static final int SIZE = 48;

    private static final Syscalls SYSCALLS;
    private static final long SCHED_SETATTR;
    private static final String UNAVAILABLE;

    static
    {
        final String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        final long number = switch (arch)
        {
            case "amd64", "x86_64" -> 314;
            case "aarch64" -> 274;
            default -> -1;
        };
        Syscalls syscalls = null;
        String unavailable = null;
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux") || number < 0)
        {
            unavailable = "sched_setattr is called only on Linux on x86_64 or aarch64, not " +
                System.getProperty("os.name") + " on " + arch;
        }
        else
        {
            try
            {
                syscalls = Native.load("c", Syscalls.class);
            }
            catch (final LinkageError | RuntimeException ex)
            {
                unavailable = "the C library could not be loaded through JNA: " + ex.getMessage();
            }
        }
        SYSCALLS = syscalls;
        SCHED_SETATTR = number;
        UNAVAILABLE = unavailable;
    }

    /** The C library's {@code syscall(2)}; a failure throws with {@code errno}. */
    interface Syscalls extends Library
    {
        long syscall(long number, Object... args) throws LastErrorException;
    }

    private SchedAttr()
    {
    }

    /** @return null when the call is available here, else why not. */
    static String unavailable()
    {
        return UNAVAILABLE;
    }

    /**
     * Moves the calling thread to the normal class. Only the thread itself: leaving the deadline class, it is then
     * sure to be on a CPU.
     *
     * @return null when it was moved, else what the kernel said.
     */
    static String normal()
    {
        return set(0, SCHED_OTHER, 0, 0, 0, 0, 0);
    }

    /**
     * Moves a thread to the deadline class with {@code runtimeNs} of every {@code periodNs}, due by the end of the
     * period; its children start in the normal class.
     *
     * @param tid the thread as the kernel numbers it, 0 for the calling thread.
     * @return null when it was moved, else what the kernel said (its admission refusing the share reads
     *         "Device or resource busy").
     */
    static String deadline(final long tid, final long runtimeNs, final long periodNs)
    {
        return set(tid, SCHED_DEADLINE, SCHED_FLAG_RESET_ON_FORK, runtimeNs, periodNs, periodNs, 0);
    }

    /**
     * Moves a thread to the real-time class ({@code SCHED_FIFO}) at {@code priority}; its children start in the
     * normal class.
     *
     * @param tid the thread as the kernel numbers it, 0 for the calling thread.
     * @return null when it was moved, else what the kernel said.
     */
    static String fifo(final long tid, final int priority)
    {
        return set(tid, SCHED_FIFO, SCHED_FLAG_RESET_ON_FORK, 0, 0, 0, priority);
    }

    private static String set(final long tid, final int policy, final long flags, final long runtimeNs,
        final long deadlineNs, final long periodNs, final int priority)
    {
        if (UNAVAILABLE != null)
        {
            return UNAVAILABLE;
        }
        try (Memory attr = new Memory(SIZE))
        {
            attr.clear();
            attr.setInt(0, SIZE);
            attr.setInt(4, policy);
            attr.setLong(8, flags);
            attr.setInt(16, 0);
            attr.setInt(20, priority);
            attr.setLong(24, runtimeNs);
            attr.setLong(32, deadlineNs);
            attr.setLong(40, periodNs);
            SYSCALLS.syscall(SCHED_SETATTR, tid, attr, 0L);
            return null;
        }
        catch (final LastErrorException ex)
        {
            return "sched_setattr: " + describe(ex);
        }
    }

    private static String describe(final LastErrorException ex)
    {
        final String message = ex.getMessage();
        return message == null ? "errno " + ex.getErrorCode() : message;
    }
}
