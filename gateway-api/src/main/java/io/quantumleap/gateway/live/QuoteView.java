package io.quantumleap.gateway.live;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.engine.protocol.TickMode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The latest market state of one instrument in the shape of Kite's {@code /quote} item; prices in rupees.
 * {@code last_trade_time} is null when the feed gave none (an index, an LTP tick), as Kite's quote leaves it out.
 * An instrument the feed streams in quote mode (the in-process simulator's instruments nobody watches) has what
 * that mode carries: its {@code timestamp} is when the tick was received, {@code last_trade_time} is null, its open
 * interest 0 and its depth empty, never what an earlier full-mode tick left.
 */
@Serdeable
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QuoteView(
    long instrumentToken,
    String tradingsymbol,
    boolean tradable,
    String mode,
    Instant timestamp,
    @io.micronaut.core.annotation.Nullable Instant lastTradeTime,
    BigDecimal lastPrice,
    long lastQuantity,
    long buyQuantity,
    long sellQuantity,
    long volume,
    BigDecimal averagePrice,
    long oi,
    long oiDayHigh,
    long oiDayLow,
    BigDecimal netChange,
    Ohlc ohlc,
    Depth depth)
{
    @Serdeable
    public record Ohlc(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close)
    {
    }

    @Serdeable
    public record Level(BigDecimal price, long quantity, long orders)
    {
    }

    @Serdeable
    public record Depth(List<Level> buy, List<Level> sell)
    {
    }

    /**
     * The view of a market update's fields, prices in rupees.
     *
     * @param instrument names it, or null.
     * @param receivedNs when the feed received the tick (epoch ns): the time of a tick without the exchange's.
     */
    static QuoteView of(final MarketFields f, final InstrumentView instrument, final long receivedNs)
    {
        final long token = f.instrumentToken;
        final boolean full = f.mode == TickMode.FULL;
        return new QuoteView(token, instrument == null ? null : instrument.tradingsymbol(),
            (token & 0xFF) != 9, f.mode.name().toLowerCase(java.util.Locale.ROOT),
            full ? Instant.ofEpochSecond(f.exchangeTimeS) : Instant.EPOCH.plusNanos(receivedNs),
            !full || f.lastTradeTimeS == 0 ? null : Instant.ofEpochSecond(f.lastTradeTimeS),
            Prices.rupees(f.lastPrice, token), f.lastTradedQty, f.totalBuyQty, f.totalSellQty,
            f.volumeTraded, Prices.rupees(f.averageTradedPrice, token), full ? f.oi : 0, full ? f.oiDayHigh : 0,
            full ? f.oiDayLow : 0, Prices.rupees(f.change, token),
            new Ohlc(Prices.rupees(f.open, token), Prices.rupees(f.high, token),
                Prices.rupees(f.low, token), Prices.rupees(f.close, token)),
            full ? new Depth(levels(f.bids, token), levels(f.asks, token)) : new Depth(List.of(), List.of()));
    }

    private static List<Level> levels(final long[] values, final long token)
    {
        final Level[] levels = new Level[values.length / MarketFields.LEVEL_VALUES];
        for (int i = 0, at = 0; i < levels.length; i++, at += MarketFields.LEVEL_VALUES)
        {
            levels[i] = new Level(Prices.rupees(values[at], token), values[at + 1], values[at + 2]);
        }
        return List.of(levels);
    }
}
