package io.quantumleap.gateway.runtime;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;

/**
 * How many watchers want each instrument from the market-data feed, and in which mode: this process's WebSocket
 * clients, each gateway that follows the engine, price alerts and the accounts' open positions in full mode, and
 * (with the in-process simulator) the whole instrument list in quote mode, which carries the prices, volumes and
 * totals without the five levels of depth and open interest, and so takes less than half the journal's space for
 * an instrument nobody looks at. The feed streams an instrument from its first watch to the release of its last, in
 * full mode while any full watch holds it, so Kite's 3,000 instruments per connection are not used up by instruments
 * nobody looks at any more.
 *
 * <p>Thread safe.
 */
final class FeedDemand
{
    private final Long2LongHashMap watches = new Long2LongHashMap(0);
    private final Long2LongHashMap fullWatches = new Long2LongHashMap(0);
    private long unmatchedReleases;

    /** What a release asks of the feed: the instruments to drop, and those to stream in quote mode from now on. */
    record Released(long[] gone, long[] toQuote)
    {
    }

    /**
     * Counts a full-mode watch of each instrument.
     *
     * @return the tokens the feed must stream in full mode from now on: nobody watched them before, or only in quote
     * mode.
     */
    synchronized long[] watch(final long[] tokens)
    {
        final LongArrayList toFull = new LongArrayList();
        for (final long token : tokens)
        {
            watches.put(token, watches.get(token) + 1);
            final long full = fullWatches.get(token);
            fullWatches.put(token, full + 1);
            if (full == 0)
            {
                toFull.addLong(token);
            }
        }
        return toFull.toLongArray();
    }

    /**
     * Counts a quote-mode watch of each instrument, which is never released.
     *
     * @return the tokens nobody watched before: the feed must stream them in quote mode.
     */
    synchronized long[] watchQuotes(final long[] tokens)
    {
        final LongArrayList fresh = new LongArrayList();
        for (final long token : tokens)
        {
            final long count = watches.get(token);
            watches.put(token, count + 1);
            if (count == 0)
            {
                fresh.addLong(token);
            }
        }
        return fresh.toLongArray();
    }

    /** Takes back one full-mode watch of each instrument. */
    synchronized Released release(final long[] tokens)
    {
        final LongArrayList gone = new LongArrayList();
        final LongArrayList toQuote = new LongArrayList();
        for (final long token : tokens)
        {
            final long full = fullWatches.get(token);
            if (full == 0)
            {
                unmatchedReleases++;
                continue;
            }
            if (full == 1)
            {
                fullWatches.remove(token);
            }
            else
            {
                fullWatches.put(token, full - 1);
            }
            final long count = watches.get(token);
            if (count == 1)
            {
                watches.remove(token);
                gone.addLong(token);
            }
            else
            {
                watches.put(token, count - 1);
                if (full == 1)
                {
                    toQuote.addLong(token);
                }
            }
        }
        return new Released(gone.toLongArray(), toQuote.toLongArray());
    }

    /**
     * @param full whether the instruments streamed in full mode are asked for, else those streamed in quote mode.
     * @return every instrument someone watches in that mode (full mode wins over quote mode).
     */
    synchronized long[] watched(final boolean full)
    {
        final LongArrayList all = new LongArrayList(watches.size(), LongArrayList.DEFAULT_NULL_VALUE);
        watches.forEachLong((token, count) ->
        {
            if (fullWatches.containsKey(token) == full)
            {
                all.addLong(token);
            }
        });
        return all.toLongArray();
    }

    /** @return how many watches the instrument has, in either mode. */
    synchronized long watches(final long token)
    {
        return watches.get(token);
    }

    /** @return how many of them want it in full mode. */
    synchronized long fullWatches(final long token)
    {
        return fullWatches.get(token);
    }

    /** @return releases of instruments nobody watched in full mode (a watcher's bug, or a gateway that restarted). */
    synchronized long unmatchedReleases()
    {
        return unmatchedReleases;
    }
}
