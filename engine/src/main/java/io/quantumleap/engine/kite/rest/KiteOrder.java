package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;

/**
 * One order snapshot: an order-book row ({@code GET /orders}), a history entry ({@code GET /orders/{id}}),
 * a WebSocket order update or a postback. Prices are decimal rupees exactly as sent.
 *
 * @param orderId           Kite order id (up to 19 digits).
 * @param exchangeOrderId   null until the order reaches the exchange.
 * @param parentOrderId     parent of a CO leg or autoslice child, may be null.
 * @param status            Kite status text, e.g. {@code TRIGGER PENDING}; any value is accepted.
 * @param statusMessage     reason text, may be null.
 * @param orderTimestamp    IST {@code yyyy-mm-dd hh:mm:ss}.
 * @param exchangeTimestamp IST, null until the exchange saw the order.
 * @param variety           {@code regular}, {@code amo}, {@code co}, {@code iceberg}, {@code auction}.
 * @param exchange          e.g. {@code NSE}.
 * @param tradingsymbol     exchange symbol.
 * @param instrumentToken   Kite instrument token.
 * @param orderType         {@code MARKET}, {@code LIMIT}, {@code SL}, {@code SL-M}.
 * @param transactionType   {@code BUY} or {@code SELL}.
 * @param validity          {@code DAY}, {@code IOC}, {@code TTL}.
 * @param product           {@code CNC}, {@code NRML}, {@code MIS}, {@code MTF}, {@code CO}, {@code BO}.
 * @param quantity          ordered quantity.
 * @param disclosedQuantity disclosed quantity.
 * @param price             limit price.
 * @param triggerPrice      trigger price.
 * @param averagePrice      average fill price.
 * @param filledQuantity    filled so far.
 * @param pendingQuantity   still open.
 * @param cancelledQuantity cancelled.
 * @param tag               the tag the placer set, may be null.
 * @param tags              all tags (autoslice, mktp...), may be empty.
 * @param auctionNumber     string or number in Kite's fixtures, kept as text; may be null.
 */
public record KiteOrder(
    String orderId,
    String exchangeOrderId,
    String parentOrderId,
    String status,
    String statusMessage,
    String orderTimestamp,
    String exchangeTimestamp,
    String variety,
    String exchange,
    String tradingsymbol,
    long instrumentToken,
    String orderType,
    String transactionType,
    String validity,
    String product,
    long quantity,
    long disclosedQuantity,
    BigDecimal price,
    BigDecimal triggerPrice,
    BigDecimal averagePrice,
    long filledQuantity,
    long pendingQuantity,
    long cancelledQuantity,
    String tag,
    List<String> tags,
    String auctionNumber)
{
    /**
     * Reads an order object.
     *
     * @param node the JSON object.
     * @return the order.
     * @throws IllegalArgumentException naming the field that is malformed.
     */
    public static KiteOrder from(final JsonNode node)
    {
        KiteJson.requireObject(node, "order");
        final String orderId = KiteJson.text(node, "order_id");
        if (null == orderId || orderId.isEmpty())
        {
            throw new IllegalArgumentException("field order_id: missing from the order");
        }
        return new KiteOrder(
            orderId,
            KiteJson.text(node, "exchange_order_id"),
            KiteJson.text(node, "parent_order_id"),
            KiteJson.textOrEmpty(node, "status"),
            KiteJson.text(node, "status_message"),
            KiteJson.textOrEmpty(node, "order_timestamp"),
            KiteJson.text(node, "exchange_timestamp"),
            KiteJson.textOrEmpty(node, "variety"),
            KiteJson.textOrEmpty(node, "exchange"),
            KiteJson.textOrEmpty(node, "tradingsymbol"),
            KiteJson.longValue(node, "instrument_token"),
            KiteJson.textOrEmpty(node, "order_type"),
            KiteJson.textOrEmpty(node, "transaction_type"),
            KiteJson.textOrEmpty(node, "validity"),
            KiteJson.textOrEmpty(node, "product"),
            KiteJson.longValue(node, "quantity"),
            KiteJson.longValue(node, "disclosed_quantity"),
            KiteJson.decimal(node, "price"),
            KiteJson.decimal(node, "trigger_price"),
            KiteJson.decimal(node, "average_price"),
            KiteJson.longValue(node, "filled_quantity"),
            KiteJson.longValue(node, "pending_quantity"),
            KiteJson.longValue(node, "cancelled_quantity"),
            KiteJson.text(node, "tag"),
            KiteJson.strings(node, "tags"),
            KiteJson.text(node, "auction_number"));
    }

    static List<KiteOrder> listFrom(final JsonNode data)
    {
        KiteJson.requireArray(data, "data");
        final KiteOrder[] orders = new KiteOrder[data.size()];
        for (int i = 0; i < orders.length; i++)
        {
            orders[i] = from(data.get(i));
        }
        return List.of(orders);
    }
}
