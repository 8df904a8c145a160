package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One GTT (good till triggered) trigger as {@code GET /gtt/triggers[/{id}]} reads it: a condition on an instrument's
 * last price and the LIMIT orders the broker places when it is met.
 *
 * @param id              the trigger id.
 * @param type            {@code single} or {@code two-leg}.
 * @param status          {@code active}, {@code triggered}, {@code disabled}, {@code expired}, {@code cancelled},
 *                        {@code rejected} or {@code deleted}.
 * @param exchange        the condition's exchange.
 * @param tradingsymbol   the condition's symbol.
 * @param instrumentToken the condition's instrument.
 * @param lastPrice       the last price the trigger was placed (or last modified) against.
 * @param triggerValues   one value for single, lower then upper for two-leg.
 * @param orders          one order for single, two (for the lower, then the upper value) for two-leg.
 * @param createdAt       {@code yyyy-MM-dd HH:mm:ss} IST.
 * @param updatedAt       {@code yyyy-MM-dd HH:mm:ss} IST.
 * @param expiresAt       {@code yyyy-MM-dd HH:mm:ss} IST.
 * @param rejectionReason {@code meta.rejection_reason}, null when there is none.
 */
public record KiteGtt(
    long id,
    String type,
    String status,
    String exchange,
    String tradingsymbol,
    long instrumentToken,
    BigDecimal lastPrice,
    List<BigDecimal> triggerValues,
    List<Order> orders,
    String createdAt,
    String updatedAt,
    String expiresAt,
    String rejectionReason)
{
    /**
     * One order of a trigger.
     *
     * @param result what became of it once the trigger fired, null before.
     */
    public record Order(
        String transactionType, long quantity, String product, String orderType, BigDecimal price, Result result)
    {
    }

    /**
     * What a fired order became.
     *
     * @param status          {@code success} (the order went to the exchange's book) or {@code failed}.
     * @param orderId         the order placed, null when none was.
     * @param rejectionReason why it failed, null when it did not.
     * @param triggeredAt     the last price that fired it.
     * @param timestamp       when it fired, {@code yyyy-MM-dd HH:mm:ss} IST.
     */
    public record Result(
        String status, String orderId, String rejectionReason, BigDecimal triggeredAt, String timestamp)
    {
    }

    static List<KiteGtt> listFrom(final JsonNode data)
    {
        KiteJson.requireArray(data, "data");
        final List<KiteGtt> triggers = new ArrayList<>(data.size());
        for (final JsonNode node : data)
        {
            triggers.add(from(node));
        }
        return List.copyOf(triggers);
    }

    static KiteGtt from(final JsonNode data)
    {
        final JsonNode node = KiteJson.requireObject(data, "trigger");
        final JsonNode condition = KiteJson.object(node, "condition");
        final List<BigDecimal> values = new ArrayList<>();
        for (final JsonNode value : KiteJson.array(condition, "trigger_values"))
        {
            if (!value.isNumber())
            {
                throw new IllegalArgumentException("field trigger_values: expected numbers, was " +
                    value.getNodeType());
            }
            values.add(value.decimalValue());
        }
        final List<Order> orders = new ArrayList<>();
        for (final JsonNode order : KiteJson.array(node, "orders"))
        {
            KiteJson.requireObject(order, "order");
            final JsonNode result = order.get("result");
            orders.add(new Order(
                KiteJson.textOrEmpty(order, "transaction_type"),
                KiteJson.longValue(order, "quantity"),
                KiteJson.textOrEmpty(order, "product"),
                KiteJson.textOrEmpty(order, "order_type"),
                KiteJson.decimal(order, "price"),
                null == result || !result.isObject() ? null : result(result)));
        }
        final String reason = KiteJson.text(KiteJson.object(node, "meta"), "rejection_reason");
        return new KiteGtt(
            KiteJson.longValue(node, "id"),
            KiteJson.textOrEmpty(node, "type"),
            KiteJson.textOrEmpty(node, "status"),
            KiteJson.textOrEmpty(condition, "exchange"),
            KiteJson.textOrEmpty(condition, "tradingsymbol"),
            KiteJson.longValue(condition, "instrument_token"),
            KiteJson.decimal(condition, "last_price"),
            List.copyOf(values),
            List.copyOf(orders),
            KiteJson.textOrEmpty(node, "created_at"),
            KiteJson.textOrEmpty(node, "updated_at"),
            KiteJson.textOrEmpty(node, "expires_at"),
            null == reason || reason.isEmpty() ? null : reason);
    }

    private static Result result(final JsonNode result)
    {
        final JsonNode order = KiteJson.object(result, "order_result");
        final String orderId = KiteJson.text(order, "order_id");
        final String reason = KiteJson.text(order, "rejection_reason");
        return new Result(
            KiteJson.textOrEmpty(order, "status"),
            null == orderId || orderId.isEmpty() ? null : orderId,
            null == reason || reason.isEmpty() ? null : reason,
            KiteJson.decimal(result, "triggered_at"),
            KiteJson.textOrEmpty(result, "timestamp"));
    }
}
