package io.quantumleap.gateway.live;

/**
 * One tick encoded once for every client that wants it: Kite's tick JSON in the three modes, each wrapped in the
 * WebSocket message {@code {"type":"tick","data":…}}. {@code quote} and {@code full} are null when the engine's
 * update carried only a last price.
 *
 * @param receivedNs  when the feed read the tick off its socket (epoch ns, the latency clock).
 * @param publishedNs when the tick's event reached the gateway, or {@link LiveState#UNMEASURED} for events of
 *                    inputs from before this process started (replayed, not timed).
 */
public record TickJson(long instrumentToken, String ltp, String quote, String full, long receivedNs, long publishedNs)
{
    /** @return true when the tick's path through this process was timed. */
    public boolean measured()
    {
        return publishedNs != LiveState.UNMEASURED;
    }

    /** The richest encoding not above the requested mode: 1 ltp, 2 quote, 3 full. */
    public String forMode(final int mode)
    {
        if (mode >= 3 && full != null)
        {
            return full;
        }
        if (mode >= 2 && quote != null)
        {
            return quote;
        }
        return ltp;
    }
}
