package io.quantumleap.gateway.live;

import io.quantumleap.engine.protocol.OrderStatus;

import java.math.BigDecimal;
import java.util.Locale;

/** Why the engine refused a command, for the API's 422 answer. */
public record RejectView(long accountId, long clientOrderId, String reason, long limitValue, long actualValue)
{
    /**
     * One sentence naming what was wrong in the trader's units (rupees, percent, shares, the setting that limits it);
     * the engine's raw limit and value for a reason without its own wording.
     *
     * @param instrumentToken the order's instrument: its prices are in its segment's unit.
     */
    public String message(final long instrumentToken)
    {
        final long limit = limitValue;
        final long actual = actualValue;
        final String text = switch (reason)
        {
            case "PRICE_OFF_TICK" -> "price " + price(actual, instrumentToken) +
                " is not a multiple of the tick size " + price(limit, instrumentToken);
            case "PRICE_BAND" -> "the price is " + Prices.percent(actual) + " past the last price (a stop-loss " +
                "order's: past its trigger) on the side it would trade at, beyond the price band of " +
                Prices.percent(limit) + " (risk limit price_band_bps " + limit + "): a price within the band is " +
                "taken, or an admin widens the band on the Risk page";
            case "MAX_ORDER_VALUE" -> "the order's value, ₹" + rupees(actual) + ", is above the limit of ₹" +
                rupees(limit) + " (risk limit max_order_value)";
            case "MAX_POSITION" -> "the position would be " + actual + ", above the limit of " + limit +
                " (risk limit max_position_qty)";
            case "QUANTITY_NOT_LOT_MULTIPLE" -> "quantity " + actual + " is not a multiple of the lot size " + limit;
            case "FREEZE_QUANTITY" -> "quantity " + actual + " is above the freeze quantity " + limit + ", the " +
                "most one order may carry (the exchange's for futures and options, Kite's 1,00,000 shares for a " +
                "stock): place it with autoslice, as several orders, or as an iceberg order whose legs are each " +
                "within it";
            case "RATE_LIMIT_SECOND" -> actual + " orders in the last second: the limit is " + limit +
                " (risk limit orders_per_second)";
            case "RATE_LIMIT_MINUTE" -> actual + " orders in the last minute: the limit is " + limit +
                " (risk limit orders_per_minute)";
            case "RATE_LIMIT_DAY" -> actual + " orders today: the limit is " + limit + " (risk limit orders_per_day)";
            case "MARKET_PROTECTION_REQUIRED" -> "MARKET and SL-M orders need market_protection (SEBI's rule for API " +
                "orders): a percentage from 1 to 100, or -1 for the exchange's default";
            case "UNKNOWN_INSTRUMENT" -> limit == 1 ? "instrument " + actual + " cannot be traded (an index)" :
                "no instrument with token " + actual + " is known to the engine";
            case "ORDER_NOT_OPEN" -> "the order is " + status(actual) + ", not open: nothing to modify or cancel";
            case "MAX_MODIFICATIONS" -> "the order has been modified " + limit + " times, the most Kite allows";
            case "DUPLICATE_CLIENT_ORDER_ID" -> "client_order_id " + actual + " is already taken by another order " +
                "of this account";
            case "UNKNOWN_ACCOUNT" -> "account " + actual + " is not known to the engine: give it to a user first";
            case "KILL_SWITCH_HALT" -> "the kill switch halts trading";
            case "KILL_SWITCH_REDUCE_ONLY" -> "the kill switch allows only orders that reduce the position (up to " +
                limit + "); this one is for " + actual;
            case "NO_REFERENCE_PRICE" -> "no last price yet to check the price band against: wait for the first tick";
            case "INVALID_PRICE" -> "price " + price(actual, instrumentToken) + " is out of range";
            default -> raw();
        };
        return "rejected by the engine: " + text;
    }

    private String raw()
    {
        final String rule = reason.toLowerCase(Locale.ROOT).replace('_', ' ');
        return limitValue == 0 && actualValue == 0 ? rule :
            rule + " (limit " + limitValue + ", got " + actualValue + ")";
    }

    private static String price(final long units, final long instrumentToken)
    {
        final BigDecimal rupees = Prices.rupees(units, instrumentToken).stripTrailingZeros();
        return (rupees.scale() < 2 ? rupees.setScale(2) : rupees).toPlainString();
    }

    private static String rupees(final long paise)
    {
        return Prices.money(Prices.rupees(paise));
    }

    private static String status(final long value)
    {
        final OrderStatus status = value < 0 || value > Short.MAX_VALUE ? OrderStatus.NULL_VAL :
            OrderStatus.get((short)value);
        return status == OrderStatus.NULL_VAL || status == OrderStatus.SBE_UNKNOWN ? "no longer open" :
            status.name().replace('_', ' ');
    }
}
