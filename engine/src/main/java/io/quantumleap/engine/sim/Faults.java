package io.quantumleap.engine.sim;

/**
 * Fault switches for tests: set programmatically or through {@code POST /__sim/faults} (loopback only).
 * Read by the Netty and simulator threads, hence volatile; one-shot actions (drop connections, expire tokens)
 * are requested here and carried out by the simulator thread.
 */
public final class Faults
{
    private volatile boolean stallTicker;
    private volatile int failureStatus;
    private volatile int failureCount;
    private volatile long responseDelayMs;

    /**
     * Stop every ticker frame (ticks and heartbeats) while set, as if the feed stalled.
     *
     * @param stall true to stall.
     * @return this.
     */
    public Faults stallTicker(final boolean stall)
    {
        stallTicker = stall;
        return this;
    }

    /**
     * Answer REST calls with an error for this HTTP status (400, 429, 500, 502, 503, 504) and Kite's matching
     * error envelope (400: {@code InputException}, a refusal of what was asked).
     *
     * @param httpStatus the status, or 0 to stop failing.
     * @param count      how many calls to fail, or -1 for all until cleared.
     * @return this.
     */
    public Faults failRequests(final int httpStatus, final int count)
    {
        if (httpStatus != 0 && (httpStatus < 400 || httpStatus > 599))
        {
            throw new IllegalArgumentException("httpStatus must be 0 or 400..599: " + httpStatus);
        }
        if (httpStatus != 0 && count == 0 || count < -1)
        {
            throw new IllegalArgumentException("count must be -1 (until cleared) or > 0: " + count);
        }
        failureCount = count;
        failureStatus = httpStatus;
        return this;
    }

    /**
     * Delay every REST response.
     *
     * @param delayMs the delay in milliseconds, 0 for none.
     * @return this.
     */
    public Faults responseDelayMs(final long delayMs)
    {
        if (delayMs < 0)
        {
            throw new IllegalArgumentException("delayMs must be >= 0: " + delayMs);
        }
        responseDelayMs = delayMs;
        return this;
    }

    /**
     * Clear every switch.
     *
     * @return this.
     */
    public Faults clear()
    {
        stallTicker = false;
        failureStatus = 0;
        failureCount = 0;
        responseDelayMs = 0;
        return this;
    }

    /** @return true while the ticker is stalled. */
    public boolean tickerStalled()
    {
        return stallTicker;
    }

    /** @return the delay applied to REST responses, in milliseconds. */
    public long responseDelayMs()
    {
        return responseDelayMs;
    }

    /** @return the injected failure status, 0 for none. */
    public int failureStatus()
    {
        return failureStatus;
    }

    /** @return the injected failures left, -1 for unlimited. */
    public int failureCount()
    {
        return failureCount;
    }

    /** Consume one injected failure; called only by the simulator thread. */
    int takeFailure()
    {
        final int status = failureStatus;
        if (status == 0)
        {
            return 0;
        }
        final int count = failureCount;
        if (count > 0)
        {
            failureCount = count - 1;
            if (count == 1)
            {
                failureStatus = 0;
            }
        }
        return status;
    }
}
