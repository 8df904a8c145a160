package io.quantumleap.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One token bucket per key (a user, a client address), as the generic cell rate algorithm: each key keeps the
 * theoretical arrival time of its next request; a request is let through when that time is at most
 * {@code burst - 1} emission intervals ahead of now. An idle key's bucket is full again, so idle keys are
 * forgotten by {@link #sweep()}, which runs by itself whenever the map grows past {@code sweepAbove} keys.
 *
 * <p>Thread safe and lock free: each key's state is one {@link AtomicLong} updated by compare-and-set.
 */
public final class KeyedRateLimiter
{
    private final LongSupplier nanoClock;
    private final long emissionIntervalNs;
    private final long burstToleranceNs;
    private final int ratePerSecond;
    private final int burst;
    private final int sweepAbove;
    private final ConcurrentHashMap<String, AtomicLong> arrivals = new ConcurrentHashMap<>();

    /**
     * @param nanoClock     monotonic nanoseconds ({@code System::nanoTime}; tests drive it by hand).
     * @param ratePerSecond sustained requests per second, at least 1.
     * @param burst         requests let through at once after idling, at least 1.
     * @param sweepAbove    keys kept before idle ones are dropped.
     */
    public KeyedRateLimiter(
        final LongSupplier nanoClock, final int ratePerSecond, final int burst, final int sweepAbove)
    {
        if (ratePerSecond < 1 || burst < 1)
        {
            throw new IllegalArgumentException(
                "rate and burst must be at least 1, were " + ratePerSecond + " and " + burst);
        }
        this.nanoClock = nanoClock;
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.sweepAbove = sweepAbove;
        this.emissionIntervalNs = 1_000_000_000L / ratePerSecond;
        this.burstToleranceNs = emissionIntervalNs * (burst - 1);
    }

    /**
     * Takes one token from the key's bucket if there is one.
     *
     * @return 0 when the request may go ahead, else the nanoseconds until the bucket holds a token again.
     */
    public long tryAcquire(final String key)
    {
        if (arrivals.size() > sweepAbove)
        {
            sweep();
        }
        final AtomicLong arrival = arrivals.computeIfAbsent(key, k -> new AtomicLong(Long.MIN_VALUE));
        final long nowNs = nanoClock.getAsLong();
        while (true)
        {
            final long tat = arrival.get();
            final long start = Math.max(tat, nowNs);
            final long allowedAtNs = start - burstToleranceNs;
            if (allowedAtNs > nowNs)
            {
                return allowedAtNs - nowNs;
            }
            if (arrival.compareAndSet(tat, start + emissionIntervalNs))
            {
                return 0;
            }
        }
    }

    /** Forgets keys whose bucket is full again (idle long enough); their next request starts a fresh bucket. */
    public void sweep()
    {
        final long nowNs = nanoClock.getAsLong();
        arrivals.values().removeIf(arrival -> arrival.get() <= nowNs);
    }

    public int ratePerSecond()
    {
        return ratePerSecond;
    }

    public int burst()
    {
        return burst;
    }

    /** @return keys currently tracked. */
    public int keys()
    {
        return arrivals.size();
    }
}
