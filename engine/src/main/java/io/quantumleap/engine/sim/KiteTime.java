package io.quantumleap.engine.sim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Kite's timestamp formats: REST timestamps are {@code yyyy-mm-dd hh:mm:ss} in IST with no zone suffix.
 */
final class KiteTime
{
    static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final long IST_OFFSET_MS = IST.getTotalSeconds() * 1000L;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private KiteTime()
    {
    }

    static String dateTime(final long epochMs)
    {
        return DATE_TIME.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), IST));
    }

    static String time(final long epochMs)
    {
        return TIME.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), IST));
    }

    static LocalDate date(final long epochMs)
    {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), IST).toLocalDate();
    }

    /** @return the IST day of {@code epochMs} as an epoch day (IST has no daylight saving: a fixed +05:30). */
    static long epochDay(final long epochMs)
    {
        return Math.floorDiv(epochMs + IST_OFFSET_MS, 86_400_000L);
    }

    /** @return the second of the IST day at {@code epochMs}, 0 to 86,399. */
    static int secondOfDay(final long epochMs)
    {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), IST).toLocalTime().toSecondOfDay();
    }

    /** The next 06:00 IST strictly after {@code epochMs}: when Kite invalidates access tokens. */
    static long nextTokenExpiryMs(final long epochMs)
    {
        final LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), IST);
        LocalDateTime expiry = LocalDateTime.of(now.toLocalDate(), LocalTime.of(6, 0));
        if (!expiry.isAfter(now))
        {
            expiry = expiry.plusDays(1);
        }
        return expiry.toInstant(IST).toEpochMilli();
    }
}
