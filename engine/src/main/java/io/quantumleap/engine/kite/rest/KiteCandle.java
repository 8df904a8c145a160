package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * One candle of Kite's historical data ({@code GET /instruments/historical/{token}/{interval}}), which Kite sends as a
 * row {@code [time, open, high, low, close, volume(, oi)]} with the time as {@code 2026-11-30T09:15:00+0530}: the
 * market's own record of minutes (or days) the engine may not have seen, such as the session before it started.
 *
 * @param time         the start of the candle's interval.
 * @param open         first price, in rupees.
 * @param high         highest price.
 * @param low          lowest price.
 * @param close        last price.
 * @param volume       quantity traded in the interval.
 * @param openInterest open interest at its end, or null when it was not asked for ({@code oi=0}).
 */
public record KiteCandle(
    Instant time, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, long volume, Long openInterest)
{
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxx");

    static List<KiteCandle> listFrom(final JsonNode data)
    {
        KiteJson.requireObject(data, "data");
        final JsonNode rows = KiteJson.requireArray(data.get("candles"), "field candles");
        final KiteCandle[] candles = new KiteCandle[rows.size()];
        for (int i = 0; i < candles.length; i++)
        {
            candles[i] = from(rows.get(i), i);
        }
        return List.of(candles);
    }

    private static KiteCandle from(final JsonNode row, final int index)
    {
        final String what = "candle " + index;
        if (!row.isArray() || row.size() < 6 || row.size() > 7)
        {
            throw new IllegalArgumentException(what + ": expected [time, open, high, low, close, volume(, oi)], was " +
                snippet(row));
        }
        final JsonNode time = row.get(0);
        if (!time.isTextual())
        {
            throw new IllegalArgumentException(what + ": time: expected a string like 2026-11-30T09:15:00+0530, was " +
                snippet(time));
        }
        final Instant start;
        try
        {
            start = OffsetDateTime.parse(time.asText(), TIME).toInstant();
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException(what + ": time: expected a time like 2026-11-30T09:15:00+0530, was \"" +
                time.asText() + "\"", ex);
        }
        return new KiteCandle(start,
            price(row.get(1), what, "open"), price(row.get(2), what, "high"), price(row.get(3), what, "low"),
            price(row.get(4), what, "close"), count(row.get(5), what, "volume"),
            row.size() == 7 ? count(row.get(6), what, "oi") : null);
    }

    private static BigDecimal price(final JsonNode value, final String what, final String field)
    {
        if (!value.isNumber())
        {
            throw new IllegalArgumentException(what + ": " + field + ": expected a number, was " + snippet(value));
        }
        return value.decimalValue();
    }

    private static long count(final JsonNode value, final String what, final String field)
    {
        if (!value.isNumber())
        {
            throw new IllegalArgumentException(what + ": " + field + ": expected a whole number, was " +
                snippet(value));
        }
        try
        {
            final long count = value.decimalValue().longValueExact();
            if (count < 0)
            {
                throw new IllegalArgumentException(what + ": " + field + ": expected a count, was " + count);
            }
            return count;
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException(what + ": " + field + ": expected a whole number, was " +
                value.asText(), ex);
        }
    }

    private static String snippet(final JsonNode value)
    {
        final String text = String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
