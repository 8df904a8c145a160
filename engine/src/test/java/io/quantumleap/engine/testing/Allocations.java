package io.quantumleap.engine.testing;

import java.lang.management.ManagementFactory;

/**
 * Allocated bytes per thread, from {@code com.sun.management.ThreadMXBean}: the measure of the zero-allocation
 * tests. They assert zero bytes per command (total / commands), not a zero total: a rare path first run in the
 * interpreter after a JIT deoptimization resolves constants once, a few hundred bytes at an unpredictable moment,
 * which is no steady-state allocation.
 */
public final class Allocations
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private Allocations()
    {
    }

    /** @return bytes the calling thread allocated so far. */
    public static long currentThread()
    {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** @return bytes the thread allocated so far. */
    public static long of(final Thread thread)
    {
        return THREADS.getThreadAllocatedBytes(thread.getId());
    }

    /** @return the same seeded scenario pre-encoded into a journal, so encoding does not count as allocation. */
    public static InMemoryInputJournal encode(
        final long seed, final int instruments, final int accounts, final int commands)
    {
        final InMemoryInputJournal journal = new InMemoryInputJournal(commands * 200, commands);
        final RandomScenario scenario = new RandomScenario(seed, instruments, accounts);
        for (int i = 0; i < commands; i++)
        {
            final int length = scenario.next();
            journal.append(scenario.commands().buffer(), 0, length);
        }
        return journal;
    }
}
