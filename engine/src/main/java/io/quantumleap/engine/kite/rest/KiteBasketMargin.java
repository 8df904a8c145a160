package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a basket of orders would need of the account's margin if placed together now, {@code POST /margins/basket}.
 *
 * @param initial what the orders need added up, each on its own.
 * @param after   what they need together ({@code final}): sold options covered by bought ones of the basket (and of
 *                the account's positions, when they were considered) need less; never more than {@code initial}.
 * @param orders  each order's own margin, in the basket's order.
 * @param charges what the orders would cost in charges if they all executed whole ({@code charges.total}).
 */
public record KiteBasketMargin(
    KiteOrderMargin initial, KiteOrderMargin after, List<KiteOrderMargin> orders, BigDecimal charges)
{
    static KiteBasketMargin from(final JsonNode data)
    {
        KiteJson.requireObject(data, "data");
        return new KiteBasketMargin(
            KiteOrderMargin.from(KiteJson.requireObject(data.get("initial"), "initial")),
            KiteOrderMargin.from(KiteJson.requireObject(data.get("final"), "final")),
            KiteOrderMargin.listFrom(data.get("orders")),
            KiteJson.decimal(KiteJson.object(data, "charges"), "total"));
    }
}
