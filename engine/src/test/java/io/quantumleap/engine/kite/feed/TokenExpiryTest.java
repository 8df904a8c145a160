package io.quantumleap.engine.kite.feed;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TokenExpiryTest
{
    @Test
    void shouldExpireAtTheNextSixOClockIst()
    {
        assertEquals(Instant.parse("2026-12-01T00:30:00Z").toEpochMilli(),
            TokenExpiry.nextExpiryEpochMs(Instant.parse("2026-11-30T03:45:00Z").toEpochMilli()));
        assertEquals(Instant.parse("2026-11-30T00:30:00Z").toEpochMilli(),
            TokenExpiry.nextExpiryEpochMs(Instant.parse("2026-11-29T23:00:00Z").toEpochMilli()));
        assertEquals(Instant.parse("2026-12-01T00:30:00Z").toEpochMilli(),
            TokenExpiry.nextExpiryEpochMs(Instant.parse("2026-11-30T00:30:00Z").toEpochMilli()));
    }
}
