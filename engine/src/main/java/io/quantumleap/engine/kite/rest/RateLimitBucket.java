package io.quantumleap.engine.kite.rest;

/**
 * Kite's rate-limit buckets: each REST call counts against exactly one.
 */
public enum RateLimitBucket
{
    /** {@code /quote}, {@code /quote/ohlc}, {@code /quote/ltp}. */
    QUOTE,
    /** Historical candles. */
    HISTORICAL,
    /** Order placement, modification and cancellation. */
    ORDER,
    /** Everything else. */
    OTHER
}
