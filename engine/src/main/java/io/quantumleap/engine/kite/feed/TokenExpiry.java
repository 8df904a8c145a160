package io.quantumleap.engine.kite.feed;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Kite access tokens die at 06:00 IST every day (a regulatory rule), whatever time they were issued.
 */
public final class TokenExpiry
{
    /** India has no daylight saving, so the zone is a fixed +05:30. */
    public static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final LocalTime EXPIRY_TIME = LocalTime.of(6, 0);

    private TokenExpiry()
    {
    }

    /**
     * @param nowEpochMs wall-clock time.
     * @return the first 06:00 IST strictly after it, in epoch milliseconds.
     */
    public static long nextExpiryEpochMs(final long nowEpochMs)
    {
        final ZonedDateTime now = Instant.ofEpochMilli(nowEpochMs).atZone(IST);
        ZonedDateTime expiry = now.toLocalDate().atTime(EXPIRY_TIME).atZone(IST);
        if (!expiry.isAfter(now))
        {
            expiry = expiry.plusDays(1);
        }
        return expiry.toInstant().toEpochMilli();
    }
}
