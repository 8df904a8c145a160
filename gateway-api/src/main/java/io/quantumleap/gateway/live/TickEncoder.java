package io.quantumleap.gateway.live;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Encodes a quote as Kite's tick JSON (the names the official Python and JS clients use), once per tick and mode,
 * when a client first asks for that mode ({@link TickJson}). {@code change} is the percent change from the
 * previous close, as those clients compute it.
 */
final class TickEncoder
{
    private TickEncoder()
    {
    }

    static String ltp(final QuoteView q)
    {
        return wrap(ltpBody(q));
    }

    static String quote(final QuoteView q)
    {
        return wrap(quoteBody(q));
    }

    static String full(final QuoteView q)
    {
        return wrap(fullBody(q));
    }

    private static String wrap(final StringBuilder data)
    {
        return "{\"type\":\"tick\",\"data\":" + data.append('}') + "}";
    }

    private static StringBuilder ltpBody(final QuoteView q)
    {
        return new StringBuilder(96)
            .append("{\"mode\":\"ltp\",\"tradable\":").append(q.tradable())
            .append(",\"instrument_token\":").append(q.instrumentToken())
            .append(",\"last_price\":").append(q.lastPrice().toPlainString());
    }

    private static StringBuilder quoteFields(final QuoteView q, final String mode)
    {
        final StringBuilder sb = new StringBuilder(mode.equals("full") ? 768 : 320)
            .append("{\"mode\":\"").append(mode).append("\",\"tradable\":").append(q.tradable())
            .append(",\"instrument_token\":").append(q.instrumentToken())
            .append(",\"last_price\":").append(q.lastPrice().toPlainString())
            .append(",\"last_traded_quantity\":").append(q.lastQuantity())
            .append(",\"average_traded_price\":").append(q.averagePrice().toPlainString())
            .append(",\"volume_traded\":").append(q.volume())
            .append(",\"total_buy_quantity\":").append(q.buyQuantity())
            .append(",\"total_sell_quantity\":").append(q.sellQuantity())
            .append(",\"ohlc\":{\"open\":").append(q.ohlc().open().toPlainString())
            .append(",\"high\":").append(q.ohlc().high().toPlainString())
            .append(",\"low\":").append(q.ohlc().low().toPlainString())
            .append(",\"close\":").append(q.ohlc().close().toPlainString())
            .append("},\"change\":").append(percentChange(q.lastPrice(), q.ohlc().close()));
        return sb;
    }

    private static StringBuilder quoteBody(final QuoteView q)
    {
        return quoteFields(q, "quote");
    }

    private static StringBuilder fullBody(final QuoteView q)
    {
        final StringBuilder sb = quoteFields(q, "full")
            .append(",\"last_trade_time\":")
            .append(q.lastTradeTime() == null ? 0 : q.lastTradeTime().getEpochSecond())
            .append(",\"exchange_timestamp\":").append(q.timestamp().getEpochSecond())
            .append(",\"oi\":").append(q.oi())
            .append(",\"oi_day_high\":").append(q.oiDayHigh())
            .append(",\"oi_day_low\":").append(q.oiDayLow())
            .append(",\"depth\":{\"buy\":");
        levels(sb, q.depth().buy()).append(",\"sell\":");
        return levels(sb, q.depth().sell()).append('}');
    }

    private static StringBuilder levels(final StringBuilder sb, final java.util.List<QuoteView.Level> levels)
    {
        sb.append('[');
        for (int i = 0; i < levels.size(); i++)
        {
            final QuoteView.Level l = levels.get(i);
            if (i > 0)
            {
                sb.append(',');
            }
            sb.append("{\"price\":").append(l.price().toPlainString())
                .append(",\"quantity\":").append(l.quantity())
                .append(",\"orders\":").append(l.orders()).append('}');
        }
        return sb.append(']');
    }

    static String percentChange(final BigDecimal last, final BigDecimal close)
    {
        if (close.signum() == 0)
        {
            return "0";
        }
        return last.subtract(close).multiply(BigDecimal.valueOf(100)).divide(close, 4, RoundingMode.HALF_EVEN)
            .stripTrailingZeros().toPlainString();
    }
}
