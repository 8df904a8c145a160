package io.quantumleap.engine.sim;

/**
 * Kite's request buckets in fixed calendar windows of the injected clock (Zerodha counts per calendar second).
 * A limit of 0 disables that bucket. Owned by the simulator thread.
 */
final class RateLimiter
{
    enum Bucket
    {
        QUOTE, ORDERS, OTHER, HISTORICAL
    }

    private final int quotePerSecond;
    private final int historicalPerSecond;
    private final int otherPerSecond;
    private final int ordersPerSecond;
    private final int ordersPerMinute;
    private final int ordersPerDay;

    private final long[] windowSecond = new long[Bucket.values().length];
    private final int[] countInSecond = new int[Bucket.values().length];
    private long orderMinute = Long.MIN_VALUE;
    private int ordersInMinute;
    private long orderDay = Long.MIN_VALUE;
    private int ordersInDay;

    RateLimiter(
        final int quotePerSecond,
        final int historicalPerSecond,
        final int otherPerSecond,
        final int ordersPerSecond,
        final int ordersPerMinute,
        final int ordersPerDay)
    {
        this.quotePerSecond = quotePerSecond;
        this.historicalPerSecond = historicalPerSecond;
        this.otherPerSecond = otherPerSecond;
        this.ordersPerSecond = ordersPerSecond;
        this.ordersPerMinute = ordersPerMinute;
        this.ordersPerDay = ordersPerDay;
        java.util.Arrays.fill(windowSecond, Long.MIN_VALUE);
    }

    /**
     * Count one request and say whether it is within the limits.
     *
     * @return true if allowed.
     */
    boolean tryAcquire(final Bucket bucket, final long nowMs)
    {
        final int b = bucket.ordinal();
        final long second = Math.floorDiv(nowMs, 1000L);
        if (windowSecond[b] != second)
        {
            windowSecond[b] = second;
            countInSecond[b] = 0;
        }
        final int perSecond = bucket == Bucket.QUOTE ? quotePerSecond :
            bucket == Bucket.HISTORICAL ? historicalPerSecond :
            bucket == Bucket.ORDERS ? ordersPerSecond : otherPerSecond;
        if (perSecond > 0 && countInSecond[b] >= perSecond)
        {
            return false;
        }
        if (bucket == Bucket.ORDERS)
        {
            final long minute = Math.floorDiv(nowMs, 60_000L);
            if (minute != orderMinute)
            {
                orderMinute = minute;
                ordersInMinute = 0;
            }
            final long day = KiteTime.date(nowMs).toEpochDay();
            if (day != orderDay)
            {
                orderDay = day;
                ordersInDay = 0;
            }
            if ((ordersPerMinute > 0 && ordersInMinute >= ordersPerMinute) ||
                (ordersPerDay > 0 && ordersInDay >= ordersPerDay))
            {
                return false;
            }
            ordersInMinute++;
            ordersInDay++;
        }
        countInSecond[b]++;
        return true;
    }
}
