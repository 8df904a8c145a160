package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;

/**
 * One fill ({@code GET /trades}, {@code GET /orders/{id}/trades}).
 *
 * @param tradeId           Kite trade id.
 * @param orderId           Kite order id.
 * @param exchangeOrderId   exchange order id.
 * @param exchange          e.g. {@code NSE}.
 * @param tradingsymbol     exchange symbol.
 * @param instrumentToken   Kite instrument token.
 * @param product           product.
 * @param transactionType   {@code BUY} or {@code SELL}.
 * @param averagePrice      the fill price.
 * @param quantity          filled quantity.
 * @param fillTimestamp     IST {@code yyyy-mm-dd hh:mm:ss}.
 * @param exchangeTimestamp IST.
 */
public record KiteTrade(
    String tradeId,
    String orderId,
    String exchangeOrderId,
    String exchange,
    String tradingsymbol,
    long instrumentToken,
    String product,
    String transactionType,
    BigDecimal averagePrice,
    long quantity,
    String fillTimestamp,
    String exchangeTimestamp)
{
    static KiteTrade from(final JsonNode node)
    {
        KiteJson.requireObject(node, "trade");
        final String tradeId = KiteJson.text(node, "trade_id");
        if (null == tradeId || tradeId.isEmpty())
        {
            throw new IllegalArgumentException("field trade_id: missing from the trade");
        }
        return new KiteTrade(
            tradeId,
            KiteJson.textOrEmpty(node, "order_id"),
            KiteJson.text(node, "exchange_order_id"),
            KiteJson.textOrEmpty(node, "exchange"),
            KiteJson.textOrEmpty(node, "tradingsymbol"),
            KiteJson.longValue(node, "instrument_token"),
            KiteJson.textOrEmpty(node, "product"),
            KiteJson.textOrEmpty(node, "transaction_type"),
            KiteJson.decimal(node, "average_price"),
            KiteJson.longValue(node, "quantity"),
            KiteJson.text(node, "fill_timestamp"),
            KiteJson.text(node, "exchange_timestamp"));
    }

    static List<KiteTrade> listFrom(final JsonNode data)
    {
        KiteJson.requireArray(data, "data");
        final KiteTrade[] trades = new KiteTrade[data.size()];
        for (int i = 0; i < trades.length; i++)
        {
            trades[i] = from(data.get(i));
        }
        return List.of(trades);
    }
}
