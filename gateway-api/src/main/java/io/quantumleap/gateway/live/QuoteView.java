package io.quantumleap.gateway.live;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.engine.protocol.MarketUpdateEventDecoder;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The latest market state of one instrument in the shape of Kite's {@code /quote} item; prices in rupees. */
@Serdeable
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QuoteView(
    long instrumentToken,
    String tradingsymbol,
    boolean tradable,
    String mode,
    Instant timestamp,
    Instant lastTradeTime,
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

    static QuoteView of(final MarketUpdateEventDecoder e, final InstrumentView instrument)
    {
        final long token = e.instrumentToken();
        final List<Level> buy = new ArrayList<>(5);
        for (final MarketUpdateEventDecoder.BidsDecoder b : e.bids())
        {
            buy.add(new Level(Prices.rupees(b.pricePaise(), token), b.qty(), b.orders()));
        }
        final List<Level> sell = new ArrayList<>(5);
        for (final MarketUpdateEventDecoder.AsksDecoder a : e.asks())
        {
            sell.add(new Level(Prices.rupees(a.pricePaise(), token), a.qty(), a.orders()));
        }
        return new QuoteView(token, instrument == null ? null : instrument.tradingsymbol(),
            (token & 0xFF) != 9, e.mode().name().toLowerCase(java.util.Locale.ROOT),
            Instant.ofEpochSecond(e.exchangeTimeS()), Instant.ofEpochSecond(e.lastTradeTimeS()),
            Prices.rupees(e.lastPricePaise(), token), e.lastTradedQty(), e.totalBuyQty(), e.totalSellQty(),
            e.volumeTraded(), Prices.rupees(e.averageTradedPricePaise(), token), e.oi(), e.oiDayHigh(), e.oiDayLow(),
            Prices.rupees(e.changePaise(), token),
            new Ohlc(Prices.rupees(e.openPricePaise(), token), Prices.rupees(e.highPricePaise(), token),
                Prices.rupees(e.lowPricePaise(), token), Prices.rupees(e.closePricePaise(), token)),
            new Depth(List.copyOf(buy), List.copyOf(sell)));
    }
}
