package io.quantumleap.persistence.query;

import java.time.Instant;

/**
 * A stored tick (prices in the instrument's integer unit).
 *
 * @param journalIndex index in the {@code in} journal.
 * @param receivedAt   when the feed received it.
 * @param lastPrice    last traded price.
 * @param lastTradedQty last traded quantity.
 * @param volume       day volume.
 * @param open         day open.
 * @param high         day high.
 * @param low          day low.
 * @param close        previous close.
 * @param oi           open interest.
 * @param bidPrice     best bid or null.
 * @param askPrice     best ask or null.
 */
public record TickRow(long journalIndex, Instant receivedAt, long lastPrice, long lastTradedQty, long volume,
    long open, long high, long low, long close, long oi, Long bidPrice, Long askPrice)
{
}
