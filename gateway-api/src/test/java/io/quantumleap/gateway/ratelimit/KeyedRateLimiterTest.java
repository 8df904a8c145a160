package io.quantumleap.gateway.ratelimit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyedRateLimiterTest
{
    private long nowNs = 1_000_000_000_000L;
    private final KeyedRateLimiter limiter = new KeyedRateLimiter(() -> nowNs, 2, 3, 100);

    @Test
    void shouldLetABurstThroughThenRefuseUntilATokenIsBack()
    {
        assertEquals(0, limiter.tryAcquire("alice"));
        assertEquals(0, limiter.tryAcquire("alice"));
        assertEquals(0, limiter.tryAcquire("alice"));

        assertEquals(500_000_000L, limiter.tryAcquire("alice"));

        nowNs += 499_999_999L;
        assertEquals(1, limiter.tryAcquire("alice"));
        nowNs += 1;
        assertEquals(0, limiter.tryAcquire("alice"));
        assertTrue(limiter.tryAcquire("alice") > 0);
    }

    @Test
    void shouldKeepEachKeysBucketApart()
    {
        for (int i = 0; i < 3; i++)
        {
            limiter.tryAcquire("alice");
        }

        assertTrue(limiter.tryAcquire("alice") > 0);
        assertEquals(0, limiter.tryAcquire("bob"));
    }

    @Test
    void shouldSustainTheConfiguredRate()
    {
        int allowed = 0;
        for (int tick = 0; tick < 10_000; tick++)
        {
            nowNs += 1_000_000L;
            if (limiter.tryAcquire("steady") == 0)
            {
                allowed++;
            }
        }

        assertEquals(2 * 10 + 2, allowed);
    }

    @Test
    void shouldForgetIdleKeysWhenSwept()
    {
        limiter.tryAcquire("alice");
        limiter.tryAcquire("bob");
        for (int i = 0; i < 3; i++)
        {
            limiter.tryAcquire("carol");
        }

        nowNs += 600_000_000L;
        limiter.sweep();

        assertEquals(1, limiter.keys());
    }
}
