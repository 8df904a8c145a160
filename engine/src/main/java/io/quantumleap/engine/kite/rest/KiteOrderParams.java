package io.quantumleap.engine.kite.rest;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Form fields of an order placement or modification, in Kite's names. Prices are decimal strings made
 * from integer price units by {@link KitePrices#format(long, int)}, never from doubles. Null or non-positive
 * optional values are left out of the form.
 *
 * @param exchange          e.g. {@code NSE}; place only.
 * @param tradingsymbol     exchange symbol; place only.
 * @param transactionType   {@code BUY} or {@code SELL}; place only.
 * @param orderType         {@code MARKET}, {@code LIMIT}, {@code SL}, {@code SL-M}.
 * @param quantity          quantity.
 * @param product           product; place only.
 * @param price             decimal price, null for none.
 * @param triggerPrice      decimal trigger price, null for none.
 * @param disclosedQuantity disclosed quantity, 0 for none.
 * @param validity          {@code DAY}, {@code IOC}, {@code TTL}, null for the default.
 * @param validityTtl       minutes, for TTL.
 * @param icebergLegs       legs, for the iceberg variety.
 * @param icebergQuantity   quantity per leg, for the iceberg variety.
 * @param marketProtection  0 none, 1..100 percent, -1 automatic.
 * @param tag               up to 20 alphanumeric characters, null for none.
 * @param auctionNumber     the auction, for the auction variety; null otherwise.
 * @param parentOrderId     parent of a cover order's second leg when modifying it; null otherwise.
 */
public record KiteOrderParams(
    String exchange,
    String tradingsymbol,
    String transactionType,
    String orderType,
    long quantity,
    String product,
    String price,
    String triggerPrice,
    long disclosedQuantity,
    String validity,
    int validityTtl,
    int icebergLegs,
    long icebergQuantity,
    int marketProtection,
    String tag,
    String auctionNumber,
    String parentOrderId)
{
    /** Kite's longest accepted tag. */
    public static final int MAX_TAG_LENGTH = 20;

    /**
     * An order without an auction number or a parent order (every variety but auction, and no CO leg modify).
     *
     * @param exchange          e.g. {@code NSE}; place only.
     * @param tradingsymbol     exchange symbol; place only.
     * @param transactionType   {@code BUY} or {@code SELL}; place only.
     * @param orderType         {@code MARKET}, {@code LIMIT}, {@code SL}, {@code SL-M}.
     * @param quantity          quantity.
     * @param product           product; place only.
     * @param price             decimal price, null for none.
     * @param triggerPrice      decimal trigger price, null for none (for a CO, the stop-loss trigger).
     * @param disclosedQuantity disclosed quantity, 0 for none.
     * @param validity          {@code DAY}, {@code IOC}, {@code TTL}, null for the default.
     * @param validityTtl       minutes, for TTL.
     * @param icebergLegs       legs, for the iceberg variety.
     * @param icebergQuantity   quantity per leg, for the iceberg variety.
     * @param marketProtection  0 none, 1..100 percent, -1 automatic.
     * @param tag               up to 20 alphanumeric characters, null for none.
     */
    public KiteOrderParams(
        final String exchange,
        final String tradingsymbol,
        final String transactionType,
        final String orderType,
        final long quantity,
        final String product,
        final String price,
        final String triggerPrice,
        final long disclosedQuantity,
        final String validity,
        final int validityTtl,
        final int icebergLegs,
        final long icebergQuantity,
        final int marketProtection,
        final String tag)
    {
        this(exchange, tradingsymbol, transactionType, orderType, quantity, product, price, triggerPrice,
            disclosedQuantity, validity, validityTtl, icebergLegs, icebergQuantity, marketProtection, tag, null, null);
    }

    /**
     * @return form fields for {@code POST /orders/{variety}}.
     */
    public Map<String, String> placeForm()
    {
        final Map<String, String> form = new LinkedHashMap<>();
        form.put("exchange", exchange);
        form.put("tradingsymbol", tradingsymbol);
        form.put("transaction_type", transactionType);
        putCommon(form);
        form.put("product", product);
        if (icebergLegs > 0)
        {
            form.put("iceberg_legs", Integer.toString(icebergLegs));
            form.put("iceberg_quantity", Long.toString(icebergQuantity));
        }
        if (0 != marketProtection)
        {
            form.put("market_protection", Integer.toString(marketProtection));
        }
        if (null != tag && !tag.isEmpty())
        {
            form.put("tag", tag);
        }
        if (null != auctionNumber && !auctionNumber.isEmpty())
        {
            form.put("auction_number", auctionNumber);
        }
        return form;
    }

    /**
     * @return form fields for {@code PUT /orders/{variety}/{order_id}}.
     */
    public Map<String, String> modifyForm()
    {
        final Map<String, String> form = new LinkedHashMap<>();
        putCommon(form);
        if (null != parentOrderId && !parentOrderId.isEmpty())
        {
            form.put("parent_order_id", parentOrderId);
        }
        return form;
    }

    /**
     * @param variety the order's variety.
     * @return the order as an element of the JSON array {@code POST /margins/orders} takes: prices as numbers, only
     * the fields the margin calculator reads.
     */
    public Map<String, Object> marginJson(final String variety)
    {
        final Map<String, Object> order = new LinkedHashMap<>();
        order.put("exchange", exchange);
        order.put("tradingsymbol", tradingsymbol);
        order.put("transaction_type", transactionType);
        order.put("variety", variety);
        order.put("product", product);
        order.put("order_type", orderType);
        order.put("quantity", quantity);
        order.put("price", null == price ? BigDecimal.ZERO : new BigDecimal(price));
        order.put("trigger_price", null == triggerPrice ? BigDecimal.ZERO : new BigDecimal(triggerPrice));
        return order;
    }

    private void putCommon(final Map<String, String> form)
    {
        form.put("order_type", orderType);
        form.put("quantity", Long.toString(quantity));
        if (null != price)
        {
            form.put("price", price);
        }
        if (null != triggerPrice)
        {
            form.put("trigger_price", triggerPrice);
        }
        if (disclosedQuantity > 0)
        {
            form.put("disclosed_quantity", Long.toString(disclosedQuantity));
        }
        if (null != validity)
        {
            form.put("validity", validity);
            if (validityTtl > 0)
            {
                form.put("validity_ttl", Integer.toString(validityTtl));
            }
        }
    }
}
