package io.quantumleap.engine.kite.feed;

import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter and a cap: attempt n waits about {@code initial * 2^n}, at most
 * {@code max}, spread by +/- {@code jitter} so reconnecting clients do not arrive in lockstep.
 */
public final class ReconnectBackoff
{
    private final long initialDelayNs;
    private final long maxDelayNs;
    private final double jitter;
    private final DoubleSupplier random;

    /**
     * @param initialDelayNs delay before the first retry.
     * @param maxDelayNs     cap of any delay.
     * @param jitter         fraction in [0, 1) by which a delay is spread either way.
     * @param random         uniform source in [0, 1), injected so tests are deterministic.
     */
    public ReconnectBackoff(
        final long initialDelayNs, final long maxDelayNs, final double jitter, final DoubleSupplier random)
    {
        if (initialDelayNs <= 0 || maxDelayNs < initialDelayNs)
        {
            throw new IllegalArgumentException("need 0 < initialDelayNs <= maxDelayNs, was " + initialDelayNs +
                ", " + maxDelayNs);
        }
        if (jitter < 0 || jitter >= 1)
        {
            throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
        }
        this.initialDelayNs = initialDelayNs;
        this.maxDelayNs = maxDelayNs;
        this.jitter = jitter;
        this.random = random;
    }

    /**
     * @param attempt 0 for the first retry after a loss.
     * @return delay before that attempt, in (0, maxDelayNs].
     */
    public long delayNs(final int attempt)
    {
        long base = initialDelayNs;
        for (int i = 0; i < attempt && base < maxDelayNs; i++)
        {
            base = base > maxDelayNs / 2 ? maxDelayNs : base * 2;
        }
        final double spread = 1.0 - jitter + 2.0 * jitter * random.getAsDouble();
        final long delay = (long)(base * spread);
        return Math.max(1, Math.min(maxDelayNs, delay));
    }
}
