package io.quantumleap.gateway.live;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/**
 * An instrument the engine knows.
 *
 * @param segment the segment as Kite's instrument dump names it: {@code NSE}, {@code BSE}, {@code INDICES}, and for
 *                derivatives the exchange's with {@code -FUT} or {@code -OPT} ({@code NFO-FUT}, {@code MCX-OPT}).
 */
@Serdeable
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InstrumentView(
    long instrumentToken,
    String exchange,
    String tradingsymbol,
    String segment,
    String instrumentType,
    BigDecimal tickSize,
    int lotSize)
{
    /**
     * @param tickerSegment  the segment of the instrument's token (Kite's ticker segment code's name).
     * @param instrumentType EQ, FUT, CE, PE or INDEX.
     * @return the segment as the instrument dump names it.
     */
    public static String dumpSegment(final String tickerSegment, final String instrumentType)
    {
        return switch (instrumentType)
        {
            case "FUT" -> tickerSegment + "-FUT";
            case "CE", "PE" -> tickerSegment + "-OPT";
            default -> tickerSegment;
        };
    }

    public String key()
    {
        return exchange + ":" + tradingsymbol;
    }
}
