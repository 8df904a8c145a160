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
    /** Order placement ({@code POST /orders/{variety}}): 10 a second, 200 a minute and a daily cap. */
    ORDER,
    /**
     * Everything else (10 a second), order modification and cancellation included: Kite counts those with every
     * other endpoint, not against the order caps.
     */
    OTHER
}
