package io.quantumleap.gateway.runtime;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;

/**
 * How many watchers want each instrument from the market-data feed: this process's WebSocket clients, each gateway
 * that follows the engine, the accounts' open positions, and (with the in-process simulator) the whole instrument
 * list. The feed streams an instrument from its first watch to the release of its last, so Kite's 3,000 instruments
 * per connection are not used up by instruments nobody looks at any more.
 *
 * <p>Thread safe.
 */
final class FeedDemand
{
    private final Long2LongHashMap watches = new Long2LongHashMap(0);
    private long unmatchedReleases;

    /** @return the tokens nobody watched before: the feed must be asked for them. */
    synchronized long[] watch(final long[] tokens)
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

    /** @return the tokens nobody watches any more: the feed may drop them. */
    synchronized long[] release(final long[] tokens)
    {
        final LongArrayList gone = new LongArrayList();
        for (final long token : tokens)
        {
            final long count = watches.get(token);
            if (count == 0)
            {
                unmatchedReleases++;
            }
            else if (count == 1)
            {
                watches.remove(token);
                gone.addLong(token);
            }
            else
            {
                watches.put(token, count - 1);
            }
        }
        return gone.toLongArray();
    }

    /** @return every instrument someone watches. */
    synchronized long[] watched()
    {
        final LongArrayList all = new LongArrayList(watches.size(), LongArrayList.DEFAULT_NULL_VALUE);
        watches.forEachLong((token, count) -> all.addLong(token));
        return all.toLongArray();
    }

    /** @return how many watches the instrument has. */
    synchronized long watches(final long token)
    {
        return watches.get(token);
    }

    /** @return releases of instruments nobody watched (a watcher's bug, or a gateway that restarted). */
    synchronized long unmatchedReleases()
    {
        return unmatchedReleases;
    }
}
