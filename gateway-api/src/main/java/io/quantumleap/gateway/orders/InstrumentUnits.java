package io.quantumleap.gateway.orders;

import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.live.InstrumentView;

import java.math.BigDecimal;

/** Checks of an order's numbers against its instrument's trading units: whole lots, prices on the tick. */
final class InstrumentUnits
{
    private InstrumentUnits()
    {
    }

    /**
     * @throws ApiException 400 naming {@code field} unless {@code quantity} is a whole number of lots, and at most the
     *                      largest order the engine takes.
     */
    static void wholeLots(final String field, final long quantity, final InstrumentView instrument)
    {
        if (quantity > TradingCore.MAX_QTY)
        {
            throw ApiException.badRequest(field + ": " + quantity + " is more than the largest order, " +
                TradingCore.MAX_QTY);
        }
        if (instrument.lotSize() > 1 && quantity % instrument.lotSize() != 0)
        {
            throw ApiException.badRequest(field + ": " + quantity + " is not a whole number of lots of " +
                instrument.key() + " (lot size " + instrument.lotSize() + ")");
        }
    }

    /**
     * An order's quantity in whole lots, and the prices its type carries on the tick: {@code price} for LIMIT and SL,
     * {@code trigger_price} for SL and SL-M.
     *
     * @throws ApiException 400 naming the first field off its unit.
     */
    static void order(
        final long quantity, final String orderType, final BigDecimal price, final BigDecimal triggerPrice,
        final InstrumentView instrument)
    {
        wholeLots("quantity", quantity, instrument);
        final String type = orderType == null ? "" : OrdersController.upper(orderType.trim());
        if ("LIMIT".equals(type) || "SL".equals(type))
        {
            onTick("price", price, instrument);
        }
        if ("SL".equals(type) || "SL-M".equals(type))
        {
            onTick("trigger_price", triggerPrice, instrument);
        }
    }

    /** @throws ApiException 400 naming {@code field} unless {@code price} is above 0 and a multiple of the tick. */
    static void onTick(final String field, final BigDecimal price, final InstrumentView instrument)
    {
        if (price == null || price.signum() <= 0)
        {
            throw ApiException.badRequest(field + ": a price above 0 is required, not " +
                (price == null ? "null" : shown(price)));
        }
        final BigDecimal tick = instrument.tickSize();
        if (tick != null && tick.signum() > 0 && price.remainder(tick).signum() != 0)
        {
            throw ApiException.badRequest(field + ": " + shown(price) + " is not a multiple of the tick size " +
                shown(tick) + " of " + instrument.key());
        }
    }

    /**
     * @return a price as a refusal shows it: plain and without trailing zeros, 1496 rather than 1496.0 or 1496.00,
     *     however the number was written or read.
     */
    static String shown(final BigDecimal price)
    {
        return price.stripTrailingZeros().toPlainString();
    }
}
