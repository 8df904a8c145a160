package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Reply of a place, modify or cancel call: the order id, plus the slices of an autoslice order.
 *
 * @param orderId  the (parent) order id.
 * @param children autoslice children, empty otherwise.
 */
public record PlaceOrderResult(String orderId, List<Child> children)
{
    /**
     * One autoslice child: placed (order id) or refused (error).
     *
     * @param orderId the child's order id, null when refused.
     * @param error   why it was refused, null when placed.
     */
    public record Child(String orderId, KiteException error)
    {
    }

    static PlaceOrderResult from(final JsonNode data, final String endpoint)
    {
        KiteJson.requireObject(data, "data");
        final String orderId = KiteJson.text(data, "order_id");
        if (null == orderId || orderId.isEmpty())
        {
            throw new IllegalArgumentException("field order_id: missing from the order reply");
        }
        final JsonNode childrenNode = KiteJson.array(data, "children");
        final Child[] children = new Child[childrenNode.size()];
        for (int i = 0; i < children.length; i++)
        {
            final JsonNode child = KiteJson.requireObject(childrenNode.get(i), "children[" + i + "]");
            final JsonNode error = child.get("error");
            if (null != error && error.isObject())
            {
                children[i] = new Child(null, new KiteException(
                    KiteErrorType.fromWire(KiteJson.text(error, "error_type")),
                    (int)KiteJson.longValue(error, "code"),
                    endpoint,
                    KiteJson.textOrEmpty(error, "message"),
                    null));
            }
            else
            {
                children[i] = new Child(KiteJson.text(child, "order_id"), null);
            }
        }
        return new PlaceOrderResult(orderId, List.of(children));
    }
}
