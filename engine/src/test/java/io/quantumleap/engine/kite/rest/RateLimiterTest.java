package io.quantumleap.engine.kite.rest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest
{
    private long nowNs = 1_000_000_000_000L;
    private final RateLimiter limiter = new RateLimiter(() -> nowNs, 1, 3, 10, 200, 10);

    @Test
    void shouldAllowABurstUpToTheLimitThenSpaceCallsEvenly()
    {
        for (int i = 0; i < 10; i++)
        {
            assertEquals(0, limiter.reserve(RateLimitBucket.OTHER));
        }
        assertEquals(100_000_000L, limiter.reserve(RateLimitBucket.OTHER));
        assertEquals(200_000_000L, limiter.reserve(RateLimitBucket.OTHER));
    }

    @Test
    void shouldAllowOneQuoteCallPerSecond()
    {
        assertTrue(limiter.tryAcquire(RateLimitBucket.QUOTE));
        assertFalse(limiter.tryAcquire(RateLimitBucket.QUOTE));
        nowNs += 999_999_999L;
        assertFalse(limiter.tryAcquire(RateLimitBucket.QUOTE));
        nowNs += 1;
        assertTrue(limiter.tryAcquire(RateLimitBucket.QUOTE));
    }

    @Test
    void shouldCapOrdersPerMinuteAsWellAsPerSecond()
    {
        int sent = 0;
        for (int second = 0; second < 60; second++)
        {
            for (int i = 0; i < 10; i++)
            {
                if (limiter.tryAcquire(RateLimitBucket.ORDER))
                {
                    sent++;
                }
            }
            nowNs += 1_000_000_000L;
        }
        assertTrue(sent <= 200 + 60 * 200 / 60, "sent " + sent);
        assertTrue(sent >= 200, "sent " + sent);
    }

    @Test
    void shouldKeepBucketsIndependent()
    {
        assertTrue(limiter.tryAcquire(RateLimitBucket.QUOTE));
        for (int i = 0; i < 10; i++)
        {
            assertTrue(limiter.tryAcquire(RateLimitBucket.ORDER));
        }
        assertTrue(limiter.tryAcquire(RateLimitBucket.OTHER));
        assertTrue(limiter.tryAcquire(RateLimitBucket.HISTORICAL));
    }

    @Test
    void shouldNotBookASlotWhenTryAcquireFails()
    {
        assertTrue(limiter.tryAcquire(RateLimitBucket.QUOTE));
        assertFalse(limiter.tryAcquire(RateLimitBucket.QUOTE));
        nowNs += 1_000_000_000L;
        assertEquals(0, limiter.reserve(RateLimitBucket.QUOTE));
    }
}
