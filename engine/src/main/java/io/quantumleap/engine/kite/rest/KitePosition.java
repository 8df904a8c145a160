package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;

/**
 * One row of {@code GET /portfolio/positions}; money in decimal rupees as sent.
 *
 * @param tradingsymbol     exchange symbol.
 * @param exchange          e.g. {@code MCX}.
 * @param instrumentToken   Kite instrument token.
 * @param product           product.
 * @param quantity          signed net quantity, negative is short.
 * @param overnightQuantity carried from the previous day.
 * @param multiplier        lot or price multiplier used in value and P&amp;L.
 * @param averagePrice      average price.
 * @param closePrice        previous close.
 * @param lastPrice         last price.
 * @param value             sell value minus buy value.
 * @param pnl               profit and loss.
 * @param m2m               mark to market.
 * @param realised          realised P&amp;L.
 * @param unrealised        unrealised P&amp;L.
 * @param buyQuantity       bought, including the overnight carry in the net book.
 * @param buyValue          buy value.
 * @param sellQuantity      sold.
 * @param sellValue         sell value.
 * @param dayBuyQuantity    bought today.
 * @param daySellQuantity   sold today.
 */
public record KitePosition(
    String tradingsymbol,
    String exchange,
    long instrumentToken,
    String product,
    long quantity,
    long overnightQuantity,
    long multiplier,
    BigDecimal averagePrice,
    BigDecimal closePrice,
    BigDecimal lastPrice,
    BigDecimal value,
    BigDecimal pnl,
    BigDecimal m2m,
    BigDecimal realised,
    BigDecimal unrealised,
    long buyQuantity,
    BigDecimal buyValue,
    long sellQuantity,
    BigDecimal sellValue,
    long dayBuyQuantity,
    long daySellQuantity)
{
    static KitePosition from(final JsonNode node)
    {
        KiteJson.requireObject(node, "position");
        return new KitePosition(
            KiteJson.textOrEmpty(node, "tradingsymbol"),
            KiteJson.textOrEmpty(node, "exchange"),
            KiteJson.longValue(node, "instrument_token"),
            KiteJson.textOrEmpty(node, "product"),
            KiteJson.longValue(node, "quantity"),
            KiteJson.longValue(node, "overnight_quantity"),
            KiteJson.longValue(node, "multiplier"),
            KiteJson.decimal(node, "average_price"),
            KiteJson.decimal(node, "close_price"),
            KiteJson.decimal(node, "last_price"),
            KiteJson.decimal(node, "value"),
            KiteJson.decimal(node, "pnl"),
            KiteJson.decimal(node, "m2m"),
            KiteJson.decimal(node, "realised"),
            KiteJson.decimal(node, "unrealised"),
            KiteJson.longValue(node, "buy_quantity"),
            KiteJson.decimal(node, "buy_value"),
            KiteJson.longValue(node, "sell_quantity"),
            KiteJson.decimal(node, "sell_value"),
            KiteJson.longValue(node, "day_buy_quantity"),
            KiteJson.longValue(node, "day_sell_quantity"));
    }

    static List<KitePosition> listFrom(final JsonNode array)
    {
        final KitePosition[] positions = new KitePosition[array.size()];
        for (int i = 0; i < positions.length; i++)
        {
            positions[i] = from(array.get(i));
        }
        return List.of(positions);
    }
}
