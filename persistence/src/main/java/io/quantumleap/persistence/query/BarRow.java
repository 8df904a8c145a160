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
 * @param volume traded in the bucket (difference of the day's cumulative volume).
 * @param ticks  ticks in the bucket.
 */
public record BarRow(Instant start, long open, long high, long low, long close, long volume, long ticks)
{
}
