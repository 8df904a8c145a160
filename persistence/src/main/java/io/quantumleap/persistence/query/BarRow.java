package io.quantumleap.persistence.query;

import java.time.Instant;

/**
 * An OHLC bar (prices in the instrument's integer unit).
 *
 * @param start  bucket start.
 * @param open   first price.
 * @param high   highest price.
 * @param low    lowest price.
 * @param close  last price.
 * @param volume traded in the bucket: the day's cumulative volume at its last tick less that at the last tick
 *               before it on the same IST day (0 before the day's first tick).
 * @param ticks  ticks in the bucket.
 */
public record BarRow(Instant start, long open, long high, long low, long close, long volume, long ticks)
{
}
