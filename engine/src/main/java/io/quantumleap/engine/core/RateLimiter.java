package io.quantumleap.engine.core;

/**
 * Order-rate budget of one account in fixed calendar windows (second, minute, IST day) of command time, the way
 * the broker counts on its own clock. Shared by every strategy of the account. Owned by the core thread.
 */
final class RateLimiter
{
    static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final long NANOS_PER_MINUTE = 60 * NANOS_PER_SECOND;
    static final long NANOS_PER_DAY = 86_400 * NANOS_PER_SECOND;
    static final long IST_OFFSET_NS = (5 * 3600 + 1800) * NANOS_PER_SECOND;

    private long second = Long.MIN_VALUE;
    private long minute = Long.MIN_VALUE;
    private long day = Long.MIN_VALUE;
    private int inSecond;
    private int inMinute;
    private int inDay;

    /**
     * Takes one request from the budget if every window has room.
     *
     * @return {@code 0} when taken, else 1 (second), 2 (minute) or 3 (day): the window that is full.
     */
    int tryAcquire(final long timestampNs, final RiskLimits limits)
    {
        roll(timestampNs);
        if (inSecond >= limits.ordersPerSecond)
        {
            return 1;
        }
        if (inMinute >= limits.ordersPerMinute)
        {
            return 2;
        }
        if (inDay >= limits.ordersPerDay)
        {
            return 3;
        }
        inSecond++;
        inMinute++;
        inDay++;
        return 0;
    }

    /** Counts a request that is never refused for rate (a cancel reduces risk) but still uses the budget. */
    void record(final long timestampNs)
    {
        roll(timestampNs);
        inSecond++;
        inMinute++;
        inDay++;
    }

    int count(final int window)
    {
        return window == 1 ? inSecond : window == 2 ? inMinute : inDay;
    }

    /**
     * Moves the windows forward to this command time (a timer does it too, so a new IST day starts with an empty
     * daily budget). Windows never move back: a request stamped earlier than the current window, as commands from
     * different producers can be, counts in the current one instead of reopening an old, emptied one.
     */
    void roll(final long timestampNs)
    {
        final long s = Math.floorDiv(timestampNs, NANOS_PER_SECOND);
        if (s > second)
        {
            second = s;
            inSecond = 0;
        }
        final long m = Math.floorDiv(timestampNs, NANOS_PER_MINUTE);
        if (m > minute)
        {
            minute = m;
            inMinute = 0;
        }
        final long d = istDay(timestampNs);
        if (d > day)
        {
            day = d;
            inDay = 0;
        }
    }

    /** @return the IST calendar day (days since 1970-01-01 in IST) of a command time. */
    static long istDay(final long timestampNs)
    {
        return Math.floorDiv(timestampNs + IST_OFFSET_NS, NANOS_PER_DAY);
    }

    long hash(final long h)
    {
        long r = StateHash.mix(h, second);
        r = StateHash.mix(r, minute);
        r = StateHash.mix(r, day);
        r = StateHash.mix(r, inSecond);
        r = StateHash.mix(r, inMinute);
        return StateHash.mix(r, inDay);
    }
}
