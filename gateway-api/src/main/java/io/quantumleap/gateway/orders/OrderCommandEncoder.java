package io.quantumleap.gateway.orders;

import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.engine.protocol.CancelOrderCommandEncoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.ModifyOrderCommandEncoder;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.PlaceOrderCommandEncoder;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.Validity;
import io.quantumleap.engine.protocol.Variety;
import io.quantumleap.gateway.live.InstrumentView;
import io.quantumleap.gateway.live.Names;
import io.quantumleap.gateway.live.OrderView;
import io.quantumleap.gateway.live.Prices;
import org.agrona.MutableDirectBuffer;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Turns validated API requests into SBE order commands. Every parse failure throws
 * {@link IllegalArgumentException} with a message naming the field and the accepted values.
 */
final class OrderCommandEncoder
{
    private static final java.util.regex.Pattern AUCTION_NUMBER = java.util.regex.Pattern.compile("[0-9]{1,8}");

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    int encodePlace(
        final MutableDirectBuffer buffer, final long timestampNs, final long accountId, final long clientOrderId,
        final InstrumentView instrument, final OrderRequests.Place r)
    {
        final long token = instrument.instrumentToken();
        final OrderType type = orderType(r.orderType());
        final Validity validity = r.validity() == null ? Validity.DAY : validity(r.validity());
        if ((type == OrderType.LIMIT || type == OrderType.SL) && r.price() == null)
        {
            throw new IllegalArgumentException("price: needed for a LIMIT or SL order");
        }
        if ((type == OrderType.LIMIT || type == OrderType.SL) && r.price().signum() <= 0)
        {
            throw new IllegalArgumentException("price: must be more than 0 for a LIMIT or SL order, got " +
                r.price().toPlainString());
        }
        final Variety variety = r.variety() == null ? Variety.REGULAR : variety(r.variety());
        final String auctionNumber = r.auctionNumber() == null ? "" : r.auctionNumber().trim();
        if (variety == Variety.AUCTION && !AUCTION_NUMBER.matcher(auctionNumber).matches())
        {
            throw new IllegalArgumentException("auction_number: an auction order sells holdings into the auction " +
                "of this number (1 to 8 digits; GET /api/holdings/auctions lists the auctions open now), got '" +
                auctionNumber + "'");
        }
        if (variety != Variety.AUCTION && !auctionNumber.isEmpty())
        {
            throw new IllegalArgumentException("auction_number: only an auction order (variety auction) has one");
        }
        if ((type == OrderType.SL || type == OrderType.SL_M) &&
            (r.triggerPrice() == null || r.triggerPrice().signum() == 0))
        {
            throw new IllegalArgumentException("trigger_price: needed for an SL or SL-M order");
        }
        final boolean buy = "BUY".equals(upper(r.transactionType()));
        if (type == OrderType.SL && (buy ? r.triggerPrice().compareTo(r.price()) > 0 :
            r.triggerPrice().compareTo(r.price()) < 0))
        {
            throw new IllegalArgumentException("trigger_price: a " + (buy ? "BUY" : "SELL") + " SL order's trigger " +
                "cannot be " + (buy ? "above" : "below") + " its price (" + r.triggerPrice().toPlainString() +
                (buy ? " > " : " < ") + r.price().toPlainString() + ")");
        }
        if (variety == Variety.CO && (r.triggerPrice() == null || r.triggerPrice().signum() == 0))
        {
            throw new IllegalArgumentException("trigger_price: a cover order needs the trigger of its stop-loss leg");
        }
        final Product product = product(r.product());
        if (variety == Variety.CO && product != Product.CO && product != Product.MIS)
        {
            throw new IllegalArgumentException("product: a cover order is intraday, CO (or MIS), not " +
                upper(r.product()));
        }
        if (variety != Variety.CO && product == Product.CO)
        {
            throw new IllegalArgumentException("product: CO goes with variety co");
        }
        final boolean derivative = switch (instrument.instrumentType())
        {
            case "FUT", "CE", "PE" -> true;
            default -> false;
        };
        if (derivative ? product == Product.CNC || product == Product.MTF : product == Product.NRML)
        {
            throw new IllegalArgumentException("product: " + upper(r.product()) + " is not taken for " +
                instrument.key() + (derivative ? ", a derivative: NRML or MIS" : ", an equity: CNC, MIS or MTF"));
        }
        if (r.disclosedQuantity() != null && (r.disclosedQuantity() < 0 || r.disclosedQuantity() > r.quantity()))
        {
            throw new IllegalArgumentException("disclosed_quantity: from 0 to the order's quantity (" + r.quantity() +
                "), got " + r.disclosedQuantity());
        }
        if (r.disclosedQuantity() != null && r.disclosedQuantity() > 0 && !"NSE".equals(instrument.exchange()) &&
            !"BSE".equals(instrument.exchange()))
        {
            throw new IllegalArgumentException("disclosed_quantity: only equity orders (NSE, BSE) may disclose part " +
                "of their quantity, not " + instrument.exchange() + " ones");
        }
        checkValidityOn(validity, instrument.exchange());
        if (validity == Validity.TTL && (r.validityTtl() == null || r.validityTtl() < 1 ||
            r.validityTtl() > TradingCore.MAX_TTL_MINUTES))
        {
            throw new IllegalArgumentException("validity_ttl: a TTL order needs its life in minutes, 1 to " +
                TradingCore.MAX_TTL_MINUTES + (r.validityTtl() == null ? "" : ", not " + r.validityTtl()));
        }
        if (validity != Validity.TTL && r.validityTtl() != null && r.validityTtl() != 0)
        {
            throw new IllegalArgumentException("validity_ttl: only a TTL order has one; this one is " + validity);
        }
        checkProtectionAndLegs(type, variety, r);
        final PlaceOrderCommandEncoder e = new PlaceOrderCommandEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .accountId(accountId)
            .clientOrderId(clientOrderId)
            .instrumentToken(token)
            .side(side(r.transactionType()))
            .orderType(type)
            .product(variety == Variety.CO ? Product.CO : product)
            .validity(validity)
            .variety(variety)
            .qty(r.quantity())
            .pricePaise(price("price", r.price(), token))
            .triggerPricePaise(price("trigger_price", r.triggerPrice(), token))
            .disclosedQty(r.disclosedQuantity() == null ? 0 : r.disclosedQuantity())
            .validityTtlMinutes(r.validityTtl() == null ? 0 : r.validityTtl())
            .marketProtectionPct(r.marketProtection() == null ? 0 : r.marketProtection())
            .icebergLegs(r.icebergLegs() == null ? 0 : r.icebergLegs())
            .icebergQty(r.icebergQuantity() == null ? 0 : r.icebergQuantity());
        e.tag(r.tag() == null ? "" : r.tag());
        e.auctionNumber(auctionNumber);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private static void checkProtectionAndLegs(final OrderType type, final Variety variety, final OrderRequests.Place r)
    {
        final Integer protection = r.marketProtection();
        if (protection != null && (protection < -1 || protection > 100 ||
            protection == 0 && (type == OrderType.MARKET || type == OrderType.SL_M)))
        {
            throw new IllegalArgumentException("market_protection: 1 to 100 (a percent) or -1 (the exchange's " +
                "default), not " + protection + (protection == 0 ? " (SEBI's rule for API orders)" : ""));
        }
        if (variety == Variety.ICEBERG)
        {
            if (r.icebergLegs() == null || r.icebergLegs() < TradingCore.MIN_ICEBERG_LEGS ||
                r.icebergLegs() > TradingCore.MAX_ICEBERG_LEGS)
            {
                throw new IllegalArgumentException("iceberg_legs: an iceberg order has " +
                    TradingCore.MIN_ICEBERG_LEGS + " to " + TradingCore.MAX_ICEBERG_LEGS + " legs" +
                    (r.icebergLegs() == null ? "" : ", not " + r.icebergLegs()));
            }
            if (r.icebergQuantity() == null || r.icebergQuantity() < 1 || r.icebergQuantity() > r.quantity())
            {
                throw new IllegalArgumentException("iceberg_quantity: the quantity of each leg, 1 to the order's " +
                    r.quantity() + (r.icebergQuantity() == null ? "" : ", not " + r.icebergQuantity()));
            }
        }
        else if ((r.icebergLegs() != null && r.icebergLegs() != 0) ||
            (r.icebergQuantity() != null && r.icebergQuantity() != 0))
        {
            throw new IllegalArgumentException((r.icebergLegs() != null && r.icebergLegs() != 0 ? "iceberg_legs" :
                "iceberg_quantity") + ": only an iceberg order (variety iceberg) has legs");
        }
    }

    int encodeModify(
        final MutableDirectBuffer buffer, final long timestampNs, final long accountId, final OrderView order,
        final OrderRequests.Modify r)
    {
        if (r.orderType() == null && r.quantity() == null && r.price() == null && r.triggerPrice() == null &&
            r.disclosedQuantity() == null && r.validity() == null)
        {
            throw new IllegalArgumentException("a modify names what to change: one or more of order_type, quantity, " +
                "price, trigger_price, disclosed_quantity, validity");
        }
        checkModified(order, r);
        final long clientOrderId = order.clientOrderId();
        final long token = order.instrumentToken();
        final ModifyOrderCommandEncoder e = new ModifyOrderCommandEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .accountId(accountId)
            .clientOrderId(clientOrderId)
            .orderType(r.orderType() == null ? OrderType.NULL_VAL : orderType(r.orderType()))
            .validity(r.validity() == null ? Validity.NULL_VAL : validity(r.validity()))
            .qty(r.quantity() == null ? ModifyOrderCommandEncoder.qtyNullValue() : r.quantity())
            .pricePaise(r.price() == null ? ModifyOrderCommandEncoder.pricePaiseNullValue() :
                price("price", r.price(), token))
            .triggerPricePaise(r.triggerPrice() == null ? ModifyOrderCommandEncoder.triggerPricePaiseNullValue() :
                price("trigger_price", r.triggerPrice(), token))
            .disclosedQty(r.disclosedQuantity() == null ? ModifyOrderCommandEncoder.disclosedQtyNullValue() :
                r.disclosedQuantity());
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    /**
     * What the order would be after the modify must be an order Kite takes, and a modify carries only Kite's
     * modify fields: no market protection, no TTL minutes.
     */
    private static void checkModified(final OrderView order, final OrderRequests.Modify r)
    {
        final String type = r.orderType() == null ? order.orderType() : Names.orderType(orderType(r.orderType()));
        checkVarietyModify(order, r, type);
        final boolean market = "MARKET".equals(type) || "SL-M".equals(type);
        // The broker holds the protection of a MARKET or SL-M order only: a LIMIT or SL order's is not sent with it.
        final boolean brokerHasProtection = ("MARKET".equals(order.orderType()) || "SL-M".equals(order.orderType())) &&
            order.marketProtection() != null && order.marketProtection() != 0;
        if (market && !type.equals(order.orderType()) && !brokerHasProtection)
        {
            throw new IllegalArgumentException("order_type: a " + type + " order needs market_protection (SEBI's " +
                "rule for API orders) and a modify cannot give it; cancel the order and place a " + type + " one" +
                (order.marketProtection() == null || order.marketProtection() == 0 ? "" : " (a " +
                    order.orderType() + " order's market_protection is not sent to the broker)"));
        }
        final BigDecimal trigger = r.triggerPrice() != null ? r.triggerPrice() : order.triggerPrice();
        if (("SL".equals(type) || "SL-M".equals(type)) && (trigger == null || trigger.signum() == 0))
        {
            throw new IllegalArgumentException("trigger_price: needed for an SL or SL-M order");
        }
        final BigDecimal price = r.price() != null ? r.price() : order.price();
        final boolean limit = "LIMIT".equals(type) || "SL".equals(type);
        if (limit && (price == null || r.price() == null && price.signum() == 0))
        {
            throw new IllegalArgumentException("price: needed for a LIMIT or SL order");
        }
        if (limit && price.signum() <= 0)
        {
            throw new IllegalArgumentException("price: must be more than 0 for a LIMIT or SL order, got " +
                price.toPlainString());
        }
        final long quantity = r.quantity() != null ? r.quantity() : order.quantity();
        if (r.disclosedQuantity() != null && (r.disclosedQuantity() < 0 || r.disclosedQuantity() > quantity))
        {
            throw new IllegalArgumentException("disclosed_quantity: from 0 to the order's quantity (" + quantity +
                "), got " + r.disclosedQuantity());
        }
        if (r.disclosedQuantity() != null && r.disclosedQuantity() > 0 && !"NSE".equals(order.exchange()) &&
            !"BSE".equals(order.exchange()))
        {
            throw new IllegalArgumentException("disclosed_quantity: only equity orders (NSE, BSE) may disclose part " +
                "of their quantity, not " + order.exchange() + " ones");
        }
        if (r.validity() != null && validity(r.validity()) == Validity.TTL && !"TTL".equals(order.validity()))
        {
            throw new IllegalArgumentException("validity: a TTL order needs its life in minutes (validity_ttl), " +
                "which a modify cannot give; cancel the order and place a TTL one");
        }
        if (r.validity() != null)
        {
            checkValidityOn(validity(r.validity()), order.exchange());
        }
    }

    /**
     * What each variety lets a modify change, as Kite does: a cover order's stop-loss leg only its trigger; a cover
     * order's entry stays MARKET or LIMIT; an auction order stays LIMIT; an iceberg leg keeps its quantity.
     */
    private static void checkVarietyModify(final OrderView order, final OrderRequests.Modify r, final String type)
    {
        final boolean typeChanged = !type.equals(order.orderType());
        if ("co".equals(order.variety()) && order.parentOrderId() != null)
        {
            final String changed = typeChanged ? "order_type" :
                r.quantity() != null && r.quantity() != order.quantity() ? "quantity" :
                r.price() != null && r.price().signum() != 0 ? "price" :
                r.validity() != null && !validity(r.validity()).name().equals(order.validity()) ? "validity" :
                r.disclosedQuantity() != null && r.disclosedQuantity() != 0 ? "disclosed_quantity" : null;
            if (changed != null)
            {
                throw new IllegalArgumentException(changed + ": only the trigger_price of a cover order's stop-loss " +
                    "leg can be modified");
            }
            return;
        }
        if ("co".equals(order.variety()) && typeChanged && !"MARKET".equals(type) && !"LIMIT".equals(type))
        {
            throw new IllegalArgumentException("order_type: a cover order's entry is MARKET or LIMIT, not " + type);
        }
        if ("auction".equals(order.variety()) && typeChanged)
        {
            throw new IllegalArgumentException("order_type: an auction order is a LIMIT order, not " + type);
        }
        if ("iceberg".equals(order.variety()) && r.quantity() != null && r.quantity() != order.quantity())
        {
            throw new IllegalArgumentException("quantity: an iceberg leg's quantity (" + order.quantity() + ") " +
                "cannot be modified; cancel the order and place it again");
        }
    }

    /** An order placed or modified to IOC on MCX is one Kite refuses from an API. */
    private static void checkValidityOn(final Validity validity, final String exchange)
    {
        if (validity == Validity.IOC && "MCX".equals(exchange))
        {
            throw new IllegalArgumentException("validity: IOC is not allowed on MCX for orders placed through an API " +
                "(SEBI's rules for algo orders); use DAY");
        }
    }

    int encodeCancel(
        final MutableDirectBuffer buffer, final long timestampNs, final long accountId, final long clientOrderId)
    {
        final CancelOrderCommandEncoder e = new CancelOrderCommandEncoder().wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs)
            .accountId(accountId)
            .clientOrderId(clientOrderId);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    private static long price(final String field, final BigDecimal rupees, final long token)
    {
        if (rupees == null)
        {
            return 0;
        }
        if (rupees.signum() < 0)
        {
            throw new IllegalArgumentException(field + ": must not be negative");
        }
        try
        {
            return Prices.units(rupees, token);
        }
        catch (final ArithmeticException ex)
        {
            if (rupees.stripTrailingZeros().scale() <= Prices.scale(token))
            {
                throw new IllegalArgumentException(field + ": " + rupees.stripTrailingZeros().toPlainString() +
                    " is too large");
            }
            throw new IllegalArgumentException(field + ": " + rupees.stripTrailingZeros().toPlainString() +
                " has more than " + Prices.scale(token) + " decimals");
        }
    }

    static Side side(final String s)
    {
        return switch (upper(s))
        {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> throw new IllegalArgumentException("transaction_type: '" + s + "' is not one of BUY, SELL");
        };
    }

    static OrderType orderType(final String s)
    {
        return switch (upper(s))
        {
            case "MARKET" -> OrderType.MARKET;
            case "LIMIT" -> OrderType.LIMIT;
            case "SL" -> OrderType.SL;
            case "SL-M" -> OrderType.SL_M;
            default -> throw new IllegalArgumentException(
                "order_type: '" + s + "' is not one of MARKET, LIMIT, SL, SL-M");
        };
    }

    static Product product(final String s)
    {
        return switch (upper(s))
        {
            case "CNC" -> Product.CNC;
            case "NRML" -> Product.NRML;
            case "MIS" -> Product.MIS;
            case "MTF" -> Product.MTF;
            case "CO" -> Product.CO;
            default -> throw new IllegalArgumentException("product: '" + s + "' is not one of CNC, NRML, MIS, MTF, CO");
        };
    }

    static Validity validity(final String s)
    {
        return switch (upper(s))
        {
            case "DAY" -> Validity.DAY;
            case "IOC" -> Validity.IOC;
            case "TTL" -> Validity.TTL;
            default -> throw new IllegalArgumentException("validity: '" + s + "' is not one of DAY, IOC, TTL");
        };
    }

    static Variety variety(final String s)
    {
        return switch (upper(s))
        {
            case "REGULAR" -> Variety.REGULAR;
            case "AMO" -> Variety.AMO;
            case "CO" -> Variety.CO;
            case "ICEBERG" -> Variety.ICEBERG;
            case "AUCTION" -> Variety.AUCTION;
            default -> throw new IllegalArgumentException(
                "variety: '" + s + "' is not one of regular, amo, co, iceberg, auction");
        };
    }

    /** The value as the encoder reads it: trimmed, upper case, empty for none. */
    static String upper(final String s)
    {
        return s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
    }
}
