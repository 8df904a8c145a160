package io.quantumleap.journal.schema;

import io.quantumleap.engine.kite.KiteEnums;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.protocol.Validity;
import io.quantumleap.engine.protocol.Variety;

import java.util.Locale;

/**
 * The journal's enums as Kite and the gateway's API spell them ({@code TRIGGER PENDING}, {@code SL-M},
 * {@code regular}), so exported rows and the replay's summary join with what the API and Kite's own reports say.
 * The order terms come from the engine's {@link KiteEnums}, the one mapping its REST client uses; the status, which
 * {@code KiteEnums} does not map, is spelt as the gateway's API spells it. A value the recording does not hold (an
 * enum's null value, or one a newer schema added) is empty.
 */
public final class KiteNames
{
    private KiteNames()
    {
    }

    /**
     * @param status an order status.
     * @return Kite's text, e.g. {@code TRIGGER PENDING}; the engine's own {@code PENDING_RISK} (sent to the broker,
     * no reply yet) reads {@code PENDING} and its {@code UNKNOWN} (outcome not known until reconciled) {@code UNKNOWN},
     * as in the API.
     */
    public static String status(final OrderStatus status)
    {
        if (status == OrderStatus.NULL_VAL || status == OrderStatus.SBE_UNKNOWN)
        {
            return "";
        }
        return status == OrderStatus.PENDING_RISK ? "PENDING" : status.name().replace('_', ' ');
    }

    /**
     * @param side a side.
     * @return {@code BUY} or {@code SELL}.
     */
    public static String side(final Side side)
    {
        return orEmpty(KiteEnums.side(side));
    }

    /**
     * @param orderType an order type.
     * @return {@code MARKET}, {@code LIMIT}, {@code SL} or {@code SL-M}.
     */
    public static String orderType(final OrderType orderType)
    {
        return orEmpty(KiteEnums.orderType(orderType));
    }

    /**
     * @param product a product.
     * @return {@code CNC}, {@code NRML}, {@code MIS}, {@code MTF}, {@code CO} or {@code BO}.
     */
    public static String product(final Product product)
    {
        return orEmpty(KiteEnums.product(product));
    }

    /**
     * @param validity a validity.
     * @return {@code DAY}, {@code IOC} or {@code TTL}.
     */
    public static String validity(final Validity validity)
    {
        return orEmpty(KiteEnums.validity(validity));
    }

    /**
     * @param variety a variety.
     * @return {@code regular}, {@code amo}, {@code co}, {@code iceberg} or {@code auction}, lower case as in Kite's
     * order URLs and order book.
     */
    public static String variety(final Variety variety)
    {
        return orEmpty(KiteEnums.variety(variety));
    }

    /**
     * @param mode the mode of the packet a tick came in.
     * @return {@code ltp}, {@code quote} or {@code full}, lower case as Kite's ticker (and the gateway's WebSocket)
     * name its modes.
     */
    public static String mode(final TickMode mode)
    {
        if (mode == TickMode.NULL_VAL || mode == TickMode.SBE_UNKNOWN)
        {
            return "";
        }
        return mode.name().toLowerCase(Locale.ROOT);
    }

    private static String orEmpty(final String name)
    {
        return null == name ? "" : name;
    }
}
