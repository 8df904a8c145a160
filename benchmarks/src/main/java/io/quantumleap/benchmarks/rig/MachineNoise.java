package io.quantumleap.benchmarks.rig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How much of a CPU a thread that never sleeps gets on this machine right now: one such thread per CPU reads the
 * clock in a loop, and every gap between two reads longer than {@link #GAP_NS} is time the thread did not run
 * (an interrupt, another thread, or on a virtual machine the host running something else on the vCPU's core). The
 * rig measures it before the system under test starts, as the floor under every latency of the run: a noisy host
 * takes tens of µs from a thread many times a second whatever the system does, and the half loopback round trip
 * the rig also reports mixes that with the kernel's network path and its scheduling of the rig's own threads.
 */
final class MachineNoise
{
    /** Reads of the clock further apart than this are a gap: far above a read's cost, under any wake-up. */
    static final long GAP_NS = 5_000;

    /**
     * @param threads       the spinning threads, one per CPU.
     * @param seconds       how long they spun.
     * @param lostShare     the share of the spinning threads' time spent in gaps.
     * @param over20usPerS  gaps over 20 µs per second per thread.
     * @param over50usPerS  gaps over 50 µs per second per thread.
     * @param over100usPerS gaps over 100 µs per second per thread.
     * @param longestNs     the longest gap.
     */
    record Result(int threads, double seconds, double lostShare, double over20usPerS, double over50usPerS,
        double over100usPerS, long longestNs)
    {
        String describe()
        {
            return String.format(Locale.ROOT, "a thread spinning on each of the %d CPUs for %.1f s lost %.1f%% of "
                + "its time; per CPU %,.0f gaps/s over 20 us, %,.1f over 50 us, %,.1f over 100 us; longest %,.0f us",
                threads, seconds, lostShare * 100, over20usPerS, over50usPerS, over100usPerS, longestNs / 1_000.0);
        }
    }

    /** One thread's gaps. */
    static final class Gaps
    {
        long spanNs;
        long lostNs;
        long over20us;
        long over50us;
        long over100us;
        long longestNs;

        /** Reads the clock until {@code durationNs} have passed, counting the gaps between reads. */
        static Gaps spin(final LongSupplier clock, final long durationNs)
        {
            final Gaps gaps = new Gaps();
            final long start = clock.getAsLong();
            long previous = start;
            long now;
            do
            {
                now = clock.getAsLong();
                final long gap = now - previous;
                previous = now;
                if (gap > GAP_NS)
                {
                    gaps.add(gap);
                }
            }
            while (now - start < durationNs);
            gaps.spanNs = now - start;
            return gaps;
        }

        private void add(final long gap)
        {
            lostNs += gap;
            over20us += gap > 20_000 ? 1 : 0;
            over50us += gap > 50_000 ? 1 : 0;
            over100us += gap > 100_000 ? 1 : 0;
            longestNs = Math.max(longestNs, gap);
        }
    }

    private MachineNoise()
    {
    }

    /** Spins a thread on each CPU for {@code durationNs} at once and sums what they lost. */
    static Result measure(final int threads, final long durationNs) throws InterruptedException
    {
        final List<Gaps> results = new ArrayList<>();
        final List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < threads; i++)
        {
            final Thread spinner = new Thread(() ->
            {
                final Gaps gaps = Gaps.spin(System::nanoTime, durationNs);
                synchronized (results)
                {
                    results.add(gaps);
                }
            }, "rig-noise-" + i);
            spinners.add(spinner);
        }
        spinners.forEach(Thread::start);
        for (final Thread spinner : spinners)
        {
            spinner.join();
        }
        return sum(results);
    }

    static Result sum(final List<Gaps> all)
    {
        long spanNs = 0;
        long lostNs = 0;
        long over20us = 0;
        long over50us = 0;
        long over100us = 0;
        long longestNs = 0;
        for (final Gaps g : all)
        {
            spanNs += g.spanNs;
            lostNs += g.lostNs;
            over20us += g.over20us;
            over50us += g.over50us;
            over100us += g.over100us;
            longestNs = Math.max(longestNs, g.longestNs);
        }
        final double threadSeconds = Math.max(1, spanNs) / (double)TimeUnit.SECONDS.toNanos(1);
        return new Result(all.size(), threadSeconds / Math.max(1, all.size()), (double)lostNs / Math.max(1, spanNs),
            over20us / threadSeconds, over50us / threadSeconds, over100us / threadSeconds, longestNs);
    }
}
