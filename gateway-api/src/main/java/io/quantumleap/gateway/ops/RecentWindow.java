package io.quantumleap.gateway.ops;

import org.HdrHistogram.Histogram;

import java.util.function.Supplier;

/**
 * A sliding window over one stage's interval histograms: a ring of slots, each the sum of the intervals taken while
 * it was current; {@link #advance()} moves to the next slot and forgets what it held. So a window of six slots of
 * ten seconds answers for the last 50 to 60 seconds, and a slow moment at start-up leaves it after a minute, where
 * the since-start histogram keeps it. Used by one thread (the latency reader's); allocates only when made.
 */
final class RecentWindow
{
    private final Histogram[] slots;
    private final Histogram sum;
    private int current;

    /**
     * @param slotCount how many slots the window holds, at least 1.
     * @param histogram makes an empty histogram of the stage's range and precision.
     */
    RecentWindow(final int slotCount, final Supplier<Histogram> histogram)
    {
        if (slotCount < 1)
        {
            throw new IllegalArgumentException("a window needs at least one slot, not " + slotCount);
        }
        slots = new Histogram[slotCount];
        for (int i = 0; i < slotCount; i++)
        {
            slots[i] = histogram.get();
        }
        sum = histogram.get();
    }

    /** Adds one interval's samples to the current slot. */
    void add(final Histogram interval)
    {
        slots[current].add(interval);
    }

    /** Starts the next slot, empty: the oldest slot's samples leave the window. */
    void advance()
    {
        current = (current + 1) % slots.length;
        slots[current].reset();
    }

    /** @return the samples of every slot, in a histogram this window reuses on the next call. */
    Histogram sum()
    {
        sum.reset();
        for (final Histogram slot : slots)
        {
            sum.add(slot);
        }
        return sum;
    }

    /** @return what the last {@link #sum()} gave (empty before the first), without adding the slots again. */
    Histogram lastSum()
    {
        return sum;
    }
}
