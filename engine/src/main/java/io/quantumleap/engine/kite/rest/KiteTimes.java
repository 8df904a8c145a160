package io.quantumleap.engine.kite.rest;

import io.quantumleap.engine.kite.feed.TokenExpiry;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Kite's times, which it writes as local Indian time without a zone ({@code 2026-12-04 09:15:00}) in order updates,
 * orders, trades and GTTs.
 */
public final class KiteTimes
{
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private KiteTimes()
    {
    }

    /**
     * @param ist a Kite time, surrounding blanks allowed.
     * @return the time in Unix seconds.
     * @throws DateTimeParseException when the text is not in Kite's form.
     */
    public static long epochSeconds(final String ist)
    {
        return LocalDateTime.parse(ist.trim(), FORMAT).atZone(TokenExpiry.IST).toEpochSecond();
    }
}
