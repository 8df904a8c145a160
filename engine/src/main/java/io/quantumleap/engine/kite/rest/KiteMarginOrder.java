package io.quantumleap.engine.kite.rest;

import java.util.Objects;

/**
 * One order of a margin calculation: Kite takes the variety with each order, not once per request.
 *
 * @param variety of this order, e.g. {@code regular} or {@code amo}.
 * @param order   exchange, symbol, side, product, order type, quantity and prices.
 */
public record KiteMarginOrder(String variety, KiteOrderParams order)
{
    /**
     * @param variety of this order, e.g. {@code regular} or {@code amo}.
     * @param order   exchange, symbol, side, product, order type, quantity and prices.
     */
    public KiteMarginOrder
    {
        Objects.requireNonNull(variety, "variety");
        Objects.requireNonNull(order, "order");
    }
}
