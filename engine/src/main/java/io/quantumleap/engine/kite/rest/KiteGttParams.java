package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GTT to place or to put in place of an active one ({@code POST /gtt/triggers}, {@code PUT /gtt/triggers/{id}}):
 * sent as the form fields {@code type}, {@code condition} and {@code orders}, the last two JSON, as the official
 * clients send them. Every order is a LIMIT order for the condition's instrument.
 *
 * @param type          {@code single} or {@code two-leg}.
 * @param exchange      e.g. {@code NSE}.
 * @param tradingsymbol exchange symbol.
 * @param triggerValues one value for single, lower then upper for two-leg.
 * @param lastPrice     the instrument's last price now, which the broker checks the values against.
 * @param orders        one for single, two (for the lower, then the upper value) for two-leg.
 */
public record KiteGttParams(
    String type,
    String exchange,
    String tradingsymbol,
    List<BigDecimal> triggerValues,
    BigDecimal lastPrice,
    List<Order> orders)
{
    /** One LIMIT order of the trigger. */
    public record Order(String transactionType, long quantity, String product, BigDecimal price)
    {
    }

    Map<String, String> form() throws JsonProcessingException
    {
        final ObjectNode condition = KiteJson.MAPPER.createObjectNode();
        condition.put("exchange", exchange);
        condition.put("tradingsymbol", tradingsymbol);
        final ArrayNode values = condition.putArray("trigger_values");
        triggerValues.forEach(values::add);
        condition.put("last_price", lastPrice);
        final ArrayNode legs = KiteJson.MAPPER.createArrayNode();
        for (final Order order : orders)
        {
            legs.addObject()
                .put("exchange", exchange)
                .put("tradingsymbol", tradingsymbol)
                .put("transaction_type", order.transactionType())
                .put("quantity", order.quantity())
                .put("order_type", "LIMIT")
                .put("product", order.product())
                .put("price", order.price());
        }
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("type", type);
        fields.put("condition", KiteJson.MAPPER.writeValueAsString(condition));
        fields.put("orders", KiteJson.MAPPER.writeValueAsString(legs));
        return fields;
    }
}
