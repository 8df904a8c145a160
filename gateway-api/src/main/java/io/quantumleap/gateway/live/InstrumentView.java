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
 * @param freezeQuantity the most Kite lets one order carry before it must be sliced, in units (the exchange's freeze
 *                quantity of an index's futures and options, 1,00,000 shares of a stock; see {@code FreezeLimits}), 0
 *                when none is known; one order may carry floor(freeze / lot) x lot.
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
    int lotSize,
    long freezeQuantity)
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
