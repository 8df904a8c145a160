package io.quantumleap.engine.kite.rest;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest
{
    private long nowNs = 1_000_000_000_000L;
    private final RateLimiter limiter = new RateLimiter(() -> nowNs, 1, 3, 10, 200, 10);

    @Test
    void shouldAllowABurstUpToTheLimitThenWaitForTheWindowToPass()
    {
        for (int i = 0; i < 10; i++)
        {
            assertEquals(0, limiter.reserve(RateLimitBucket.OTHER));
        }
        final long window = 1_000_000_000L + RateLimiter.JITTER_ALLOWANCE_NS;
        assertEquals(window, limiter.reserve(RateLimitBucket.OTHER));
        nowNs += 300_000_000L;
        assertEquals(window - 300_000_000L, limiter.reserve(RateLimitBucket.OTHER));
    }

    @Test
    void shouldNeverBookMoreThanTheLimitInAnyWindowWhateverTheArrivals()
    {
        final Random random = new Random(42);
        final List<Long> booked = new ArrayList<>();
        for (int i = 0; i < 2_000; i++)
        {
            nowNs += random.nextInt(4) == 0 ? random.nextInt(400_000_000) : random.nextInt(20_000_000);
            booked.add(nowNs + limiter.reserve(RateLimitBucket.OTHER));
        }
        for (int i = 1; i < booked.size(); i++)
        {
            assertTrue(booked.get(i) >= booked.get(i - 1), "call " + i + " booked before the call before it");
        }
        for (int i = 10; i < booked.size(); i++)
        {
            final long span = booked.get(i) - booked.get(i - 10);
            assertTrue(span >= 1_000_000_000L + RateLimiter.JITTER_ALLOWANCE_NS,
                "calls " + (i - 10) + " to " + i + " booked within " + span + " ns");
        }
        final Map<Long, Integer> perCalendarSecond = new HashMap<>();
        booked.forEach((at) -> perCalendarSecond.merge(at / 1_000_000_000L, 1, Integer::sum));
        assertTrue(perCalendarSecond.values().stream().allMatch((count) -> count <= 10), perCalendarSecond.toString());
    }

    @Test
    void shouldLeaveTheLastSlotsOfTheWindowAndAnyQueueToCallsThatWait()
    {
        final long window = 1_000_000_000L + RateLimiter.JITTER_ALLOWANCE_NS;
        for (int i = 0; i < 7; i++)
        {
            assertEquals(0, limiter.bookIfFree(RateLimitBucket.OTHER, 3), "read " + i);
            nowNs += 1_000_000L;
        }
        assertEquals(window - 7_000_000L, limiter.bookIfFree(RateLimitBucket.OTHER, 3));
        for (int i = 0; i < 3; i++)
        {
            assertEquals(0, limiter.reserve(RateLimitBucket.OTHER), "order change " + i);
        }
        assertEquals(window - 7_000_000L, limiter.reserve(RateLimitBucket.OTHER));
        nowNs += 500_000_000L;
        assertEquals(window - 506_000_000L, limiter.bookIfFree(RateLimitBucket.OTHER, 0),
            "a read waits behind the call queued");
        nowNs += window - 506_000_000L;
        assertEquals(3_000_000L, limiter.bookIfFree(RateLimitBucket.OTHER, 3), "the fourth oldest call must expire");
        nowNs += 3_000_000L;
        assertEquals(0, limiter.bookIfFree(RateLimitBucket.OTHER, 3));
        assertEquals(0, limiter.reserve(RateLimitBucket.ORDER));
        assertEquals(Long.MAX_VALUE, limiter.bookIfFree(RateLimitBucket.QUOTE, 1), "a limit of 1 has no headroom");
    }

    @Test
    void shouldAllowOneQuoteCallPerSecond()
    {
        assertTrue(limiter.tryAcquire(RateLimitBucket.QUOTE));
        assertFalse(limiter.tryAcquire(RateLimitBucket.QUOTE));
        nowNs += 999_999_999L + RateLimiter.JITTER_ALLOWANCE_NS;
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
        assertEquals(200, sent);
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
        nowNs += 1_000_000_000L + RateLimiter.JITTER_ALLOWANCE_NS;
        assertEquals(0, limiter.reserve(RateLimitBucket.QUOTE));
    }
}
