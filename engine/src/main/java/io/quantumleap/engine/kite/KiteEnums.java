package io.quantumleap.engine.kite;

import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.Validity;
import io.quantumleap.engine.protocol.Variety;

import java.util.List;

/**
 * The engine's order enums in Kite's wire spelling and back, the one mapping the REST client and the ticker's
 * order updates share. Unknown values give null (to Kite) or {@code NULL_VAL} (from Kite), so the caller can name
 * the field in its error.
 */
public final class KiteEnums
{
    /** Kite's exchanges, as an order or an instrument names them. */
    public static final List<String> EXCHANGES = List.of("NSE", "BSE", "NFO", "BFO", "CDS", "BCD", "MCX");

    private KiteEnums()
    {
    }

    public static String side(final Side side)
    {
        switch (side)
        {
            case BUY:
                return "BUY";
            case SELL:
                return "SELL";
            default:
                return null;
        }
    }

    public static Side side(final String side)
    {
        switch (side)
        {
            case "BUY":
                return Side.BUY;
            case "SELL":
                return Side.SELL;
            default:
                return Side.NULL_VAL;
        }
    }

    public static String orderType(final OrderType orderType)
    {
        switch (orderType)
        {
            case MARKET:
                return "MARKET";
            case LIMIT:
                return "LIMIT";
            case SL:
                return "SL";
            case SL_M:
                return "SL-M";
            default:
                return null;
        }
    }

    public static String product(final Product product)
    {
        switch (product)
        {
            case CNC:
            case NRML:
            case MIS:
            case MTF:
            case CO:
            case BO:
                return product.name();
            default:
                return null;
        }
    }

    public static Product product(final String product)
    {
        switch (product)
        {
            case "CNC":
                return Product.CNC;
            case "NRML":
                return Product.NRML;
            case "MIS":
                return Product.MIS;
            case "MTF":
                return Product.MTF;
            case "CO":
                return Product.CO;
            case "BO":
                return Product.BO;
            default:
                return Product.NULL_VAL;
        }
    }

    public static OrderType orderType(final String orderType)
    {
        switch (orderType)
        {
            case "MARKET":
                return OrderType.MARKET;
            case "LIMIT":
                return OrderType.LIMIT;
            case "SL":
                return OrderType.SL;
            case "SL-M":
                return OrderType.SL_M;
            default:
                return OrderType.NULL_VAL;
        }
    }

    public static Validity validity(final String validity)
    {
        switch (validity)
        {
            case "DAY":
                return Validity.DAY;
            case "IOC":
                return Validity.IOC;
            case "TTL":
                return Validity.TTL;
            default:
                return Validity.NULL_VAL;
        }
    }

    public static String validity(final Validity validity)
    {
        switch (validity)
        {
            case DAY:
            case IOC:
            case TTL:
                return validity.name();
            default:
                return null;
        }
    }

    public static String variety(final Variety variety)
    {
        switch (variety)
        {
            case REGULAR:
                return "regular";
            case AMO:
                return "amo";
            case CO:
                return "co";
            case ICEBERG:
                return "iceberg";
            case AUCTION:
                return "auction";
            default:
                return null;
        }
    }
}
