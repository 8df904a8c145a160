package io.quantumleap.engine.kite.rest;

import org.agrona.concurrent.NanoClock;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * Client-side limiter that keeps this process inside Kite's published rate limits, so Kite never has to
 * answer 429. Kite counts the calls of each bucket per second (and orders per minute too), so a limit of N means
 * at most N calls in any window: each bucket keeps the send times of its last N calls and books the next call no
 * earlier than one window, plus {@link #JITTER_ALLOWANCE_NS}, after the oldest of them. A burst of N goes out at
 * once; the next waits for the window to pass. {@link #reserve(RateLimitBucket)} books the next free slot and
 * says how long to wait for it.
 *
 * <p>A token bucket refilling at N per second would let a burst of N and then one call every 1/N s through: up to
 * 2N - 1 calls in one second, which Kite refuses.
 *
 * <p>Thread safe: REST calls are issued from the router and from admin threads.
 */
public final class RateLimiter
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MINUTE = 60L * NANOS_PER_SECOND;
    /**
     * Added to every window: calls booked exactly one window apart may reach Kite less than one window apart when
     * the network delays the first more than the second.
     */
    public static final long JITTER_ALLOWANCE_NS = 50_000_000L;

    private final NanoClock clock;
    private final Map<RateLimitBucket, Cell[]> cells = new EnumMap<>(RateLimitBucket.class);

    /**
     * @param clock           monotonic clock, injected so tests drive time by hand.
     * @param quotePerSecond  limit of the quote bucket.
     * @param historicalPerSecond limit of the historical bucket.
     * @param ordersPerSecond limit of the order bucket per second.
     * @param ordersPerMinute limit of the order bucket per minute.
     * @param otherPerSecond  limit of every other call.
     */
    public RateLimiter(
        final NanoClock clock,
        final int quotePerSecond,
        final int historicalPerSecond,
        final int ordersPerSecond,
        final int ordersPerMinute,
        final int otherPerSecond)
    {
        this.clock = clock;
        cells.put(RateLimitBucket.QUOTE, new Cell[]{ new Cell(quotePerSecond, NANOS_PER_SECOND) });
        cells.put(RateLimitBucket.HISTORICAL, new Cell[]{ new Cell(historicalPerSecond, NANOS_PER_SECOND) });
        cells.put(RateLimitBucket.ORDER, new Cell[]{
            new Cell(ordersPerSecond, NANOS_PER_SECOND), new Cell(ordersPerMinute, NANOS_PER_MINUTE) });
        cells.put(RateLimitBucket.OTHER, new Cell[]{ new Cell(otherPerSecond, NANOS_PER_SECOND) });
    }

    /**
     * Kite's documented limits: quote 1/s, historical 3/s, orders 10/s and the given per-minute cap, others 10/s.
     *
     * @param clock           monotonic clock.
     * @param ordersPerMinute the per-minute order cap (400 by default, see KiteRestContext).
     * @return a limiter with Kite's limits.
     */
    public static RateLimiter kiteDefaults(final NanoClock clock, final int ordersPerMinute)
    {
        return new RateLimiter(clock, 1, 3, 10, ordersPerMinute, 10);
    }

    /**
     * Books the next free slot of the bucket.
     *
     * @param bucket the call counts against.
     * @return nanoseconds to wait before sending, 0 to send now.
     */
    public synchronized long reserve(final RateLimitBucket bucket)
    {
        final long nowNs = clock.nanoTime();
        final Cell[] bucketCells = cells.get(bucket);
        long delayNs = 0;
        for (final Cell cell : bucketCells)
        {
            delayNs = Math.max(delayNs, cell.delayAt(nowNs));
        }
        for (final Cell cell : bucketCells)
        {
            cell.book(nowNs + delayNs);
        }
        return delayNs;
    }

    /**
     * Books a slot only if one is free now.
     *
     * @param bucket the call counts against.
     * @return true if the call may be sent now; false leaves the limiter unchanged.
     */
    public boolean tryAcquire(final RateLimitBucket bucket)
    {
        return 0 == bookIfFree(bucket, 0);
    }

    /**
     * Books a slot only if one is free now, no call is waiting for a later one, and {@code headroom} more calls
     * could still go out now after this one: a call that can wait or be refused (a read on someone's behalf) never
     * takes the last slots from one that cannot (an order change), nor books ahead of it.
     *
     * @param bucket   the call counts against.
     * @param headroom slots of the window left free for calls that book with {@link #reserve}.
     * @return 0 when booked for now; else how many nanoseconds to wait before asking again (nothing booked).
     */
    public synchronized long bookIfFree(final RateLimitBucket bucket, final int headroom)
    {
        final long nowNs = clock.nanoTime();
        final Cell[] bucketCells = cells.get(bucket);
        long waitNs = 0;
        for (final Cell cell : bucketCells)
        {
            waitNs = Math.max(waitNs, cell.freeIn(nowNs, headroom));
        }
        if (waitNs > 0)
        {
            return waitNs;
        }
        for (final Cell cell : bucketCells)
        {
            cell.book(nowNs);
        }
        return 0;
    }

    /** The send times of a bucket's last {@code limit} calls, oldest first from {@code next}. */
    private static final class Cell
    {
        private final long windowNs;
        private final long[] sendTimesNs;
        private int next;

        Cell(final int limit, final long windowNs)
        {
            if (limit <= 0)
            {
                throw new IllegalArgumentException("rate limit must be > 0, was " + limit);
            }
            this.windowNs = windowNs + JITTER_ALLOWANCE_NS;
            sendTimesNs = new long[limit];
            Arrays.fill(sendTimesNs, Long.MIN_VALUE);
        }

        long delayAt(final long nowNs)
        {
            long earliestNs = nowNs;
            final long oldestNs = sendTimesNs[next];
            if (Long.MIN_VALUE != oldestNs)
            {
                earliestNs = Math.max(earliestNs, oldestNs + windowNs);
            }
            final long latestNs = sendTimesNs[(next + sendTimesNs.length - 1) % sendTimesNs.length];
            if (Long.MIN_VALUE != latestNs)
            {
                earliestNs = Math.max(earliestNs, latestNs);
            }
            return earliestNs - nowNs;
        }

        /**
         * Nanoseconds from {@code nowNs} until a call may go out with {@code headroom} more still free after it and
         * none booked later; 0 when that is now. Send times are booked in order, so the ring read from the oldest is
         * sorted.
         */
        long freeIn(final long nowNs, final int headroom)
        {
            if (headroom >= sendTimesNs.length)
            {
                return Long.MAX_VALUE;
            }
            final long latestNs = sendTimesNs[(next + sendTimesNs.length - 1) % sendTimesNs.length];
            final long neededNs = sendTimesNs[(next + headroom) % sendTimesNs.length];
            long freeAtNs = nowNs;
            if (Long.MIN_VALUE != latestNs)
            {
                freeAtNs = Math.max(freeAtNs, latestNs);
            }
            if (Long.MIN_VALUE != neededNs)
            {
                freeAtNs = Math.max(freeAtNs, neededNs + windowNs);
            }
            return freeAtNs - nowNs;
        }

        void book(final long atNs)
        {
            sendTimesNs[next] = atNs;
            next = (next + 1) % sendTimesNs.length;
        }
    }
}
