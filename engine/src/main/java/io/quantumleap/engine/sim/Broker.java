package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paper broker and exchange: validates orders with Kite's RMS rules, walks them through Kite's statuses,
 * matches them against the simulated depth, and keeps trades, positions, holdings and margins.
 * Owned by the simulator thread.
 */
final class Broker
{
    static final int MAX_MODIFICATIONS = 25;
    static final int MAX_SLICES = 10;

    private final ObjectMapper mapper;
    private final Market market;
    private final SimClock clock;
    private final String userId;
    private final long openingBalancePaise;
    private final boolean requireMarketProtection;
    private final boolean enforceMarketHours;
    private final OrderListener listener;
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final List<Order> liveOrders = new ArrayList<>();
    private final List<Trade> trades = new ArrayList<>();
    private final Map<String, Position> positions = new LinkedHashMap<>();
    private final List<Holding> holdings = new ArrayList<>();
    private long orderSequence;
    private long tradeSequence;

    /** A seeded delivery holding. */
    static final class Holding
    {
        final Instrument instrument;
        final long qty;
        final long averagePricePaise;
        final String isin;

        Holding(final Instrument instrument, final long qty, final long averagePricePaise, final String isin)
        {
            this.instrument = instrument;
            this.qty = qty;
            this.averagePricePaise = averagePricePaise;
            this.isin = isin;
        }
    }

    Broker(
        final ObjectMapper mapper,
        final InstrumentUniverse universe,
        final Market market,
        final SimClock clock,
        final String userId,
        final long openingBalancePaise,
        final boolean requireMarketProtection,
        final boolean enforceMarketHours,
        final OrderListener listener)
    {
        this.mapper = mapper;
        this.market = market;
        this.clock = clock;
        this.userId = userId;
        this.openingBalancePaise = openingBalancePaise;
        this.requireMarketProtection = requireMarketProtection;
        this.enforceMarketHours = enforceMarketHours;
        this.listener = listener;
        addHolding(universe, "INFY", 10, 1_420_50L, "INE009A01021");
        addHolding(universe, "SBIN", 16, 801_78L, "INE062A01020");
        addHolding(universe, "AARON", 1, 161_00L, "INE721Z01010");
        addHolding(universe, "RELIANCE", 5, 1_250_00L, "INE002A01018");
    }

    private void addHolding(
        final InstrumentUniverse universe, final String symbol, final long qty, final long avgPaise, final String isin)
    {
        final Instrument instrument = universe.byKey("NSE", symbol);
        if (instrument != null)
        {
            holdings.add(new Holding(instrument, qty, avgPaise, isin));
        }
    }

    String userId()
    {
        return userId;
    }

    Iterable<Order> orders()
    {
        return orders.values();
    }

    Order order(final String orderId)
    {
        final Order order = orders.get(orderId);
        if (order == null)
        {
            throw KiteError.order("Couldn't find that `order_id`: " + orderId + ".");
        }
        return order;
    }

    List<Trade> trades()
    {
        return trades;
    }

    Iterable<Position> positions()
    {
        return positions.values();
    }

    List<Holding> holdings()
    {
        return holdings;
    }

    Market market()
    {
        return market;
    }

    /**
     * Place an order. Syntax errors and untradable instruments throw; business rule breaches give a REJECTED order.
     */
    Order place(final OrderRequest request, final Instrument instrument)
    {
        return place(request, instrument, null);
    }

    /** The result of an autosliced placement: the parent id and each child order. */
    static final class Slices
    {
        final String parentOrderId;
        final List<Order> children;

        Slices(final String parentOrderId, final List<Order> children)
        {
            this.parentOrderId = parentOrderId;
            this.children = children;
        }
    }

    /**
     * Place an order split into slices of at most the freeze-limited quantity (Kite's {@code autoslice=true}),
     * at most {@link #MAX_SLICES} of them.
     */
    Slices placeSliced(final OrderRequest request, final Instrument instrument)
    {
        final long maxQty = instrument.maxOrderQty();
        final long total = request.quantity;
        final long slices = maxQty == Long.MAX_VALUE ? 1 : (total + maxQty - 1) / maxQty;
        if (slices > MAX_SLICES)
        {
            throw KiteError.input("`quantity` " + total + " needs " + slices + " slices of at most " + maxQty +
                "; autoslice makes at most " + MAX_SLICES + ".");
        }
        final String parentOrderId = nextOrderId(clock.epochMillis());
        final List<Order> children = new ArrayList<>();
        long remaining = total;
        while (remaining > 0)
        {
            final long qty = Math.min(remaining, maxQty);
            remaining -= qty;
            request.quantity = qty;
            children.add(place(request, instrument, parentOrderId));
        }
        request.quantity = total;
        return new Slices(parentOrderId, children);
    }

    private String nextOrderId(final long nowMs)
    {
        return String.format(Locale.ROOT, "%s%09d", KiteTime.date(nowMs).toString().substring(2).replace("-", ""),
            ++orderSequence);
    }

    private Order place(final OrderRequest request, final Instrument instrument, final String sliceParentId)
    {
        if (instrument.isIndex())
        {
            throw KiteError.input("`tradingsymbol` " + instrument.tradingsymbol + " is an index and cannot be traded.");
        }
        checkProduct(instrument, request.product);
        final long nowMs = clock.epochMillis();
        if (enforceMarketHours && !MarketHours.isOpen(nowMs))
        {
            throw KiteError.input(MarketHours.CLOSED_MESSAGE);
        }
        final String orderId = nextOrderId(nowMs);
        final Order order = new Order(orderId, request.variety, instrument, request.transactionType, request.product,
            request.tag, String.format(Locale.ROOT, "%dsim%06d", nowMs / 1000, orderSequence), nowMs,
            request.marketProtection == null ? 0 : request.marketProtection);
        order.orderType = request.orderType;
        order.quantity = request.quantity;
        order.pricePaise = request.pricePaise == null ? 0 : request.pricePaise;
        order.triggerPricePaise = request.triggerPricePaise == null ? 0 : request.triggerPricePaise;
        order.disclosedQuantity = request.disclosedQuantity == null ? 0 : request.disclosedQuantity;
        order.validity = request.validity == null ? "DAY" : request.validity;
        order.validityTtl = request.validityTtl == null ? 0 : request.validityTtl;
        if (sliceParentId != null)
        {
            order.extraTags.add("autoslice");
            order.extraTags.add("autoslice:" + sliceParentId);
        }
        orders.put(orderId, order);

        record(order, Order.PUT_ORDER_REQ_RECEIVED, nowMs);
        record(order, Order.VALIDATION_PENDING, nowMs);
        final String rejection = validate(order, order.quantity, true);
        if (rejection != null)
        {
            order.statusMessage = rejection;
            record(order, Order.REJECTED, nowMs);
            return order;
        }
        record(order, Order.OPEN_PENDING, nowMs);
        order.exchangeOrderId = String.format(Locale.ROOT, "13%014d", orderSequence);
        order.exchangeTimestampMs = nowMs;
        order.exchangeUpdateTimestampMs = nowMs;
        liveOrders.add(order);
        order.marginBlockedPaise = requiredMarginPaise(order, order.pendingQuantity());
        if (order.isStop())
        {
            record(order, Order.TRIGGER_PENDING, nowMs);
        }
        else
        {
            record(order, Order.OPEN, nowMs);
            match(order, nowMs);
        }
        return order;
    }

    /**
     * Modify a live order along Kite's modify path; breaches of the rules leave the order as it was.
     */
    Order modify(final String variety, final String orderId, final OrderRequest request)
    {
        final Order order = order(orderId);
        if (!order.variety.equals(variety))
        {
            throw KiteError.input("`variety` " + variety + " does not match the order's variety " + order.variety +
                ".");
        }
        if (!order.isLive())
        {
            throw KiteError.order("Order cannot be modified as it is " + order.status + ".");
        }
        if (order.modifyCount >= MAX_MODIFICATIONS)
        {
            throw KiteError.order("Maximum allowed order modifications exceeded (" + MAX_MODIFICATIONS +
                "); cancel and place a new order.");
        }
        final long nowMs = clock.epochMillis();
        if (enforceMarketHours && !MarketHours.isOpen(nowMs))
        {
            throw KiteError.input(MarketHours.CLOSED_MESSAGE);
        }
        final String orderType = request.orderType != null ? request.orderType : order.orderType;
        final long quantity = request.quantity != null ? request.quantity : order.quantity;
        final long price = request.pricePaise != null ? request.pricePaise : order.pricePaise;
        final long trigger = request.triggerPricePaise != null ? request.triggerPricePaise : order.triggerPricePaise;
        if (("LIMIT".equals(orderType) || "SL".equals(orderType)) && price <= 0)
        {
            throw KiteError.input("`price` is required for " + orderType + " orders.");
        }
        if (("SL".equals(orderType) || "SL-M".equals(orderType)) && trigger <= 0)
        {
            throw KiteError.input("`trigger_price` is required for " + orderType + " orders.");
        }
        if (quantity <= order.filledQuantity)
        {
            throw KiteError.input("`quantity` " + quantity + " must exceed the filled quantity " +
                order.filledQuantity + ".");
        }
        final String oldType = order.orderType;
        final long oldQty = order.quantity;
        final long oldPrice = order.pricePaise;
        final long oldTrigger = order.triggerPricePaise;
        order.orderType = orderType;
        order.quantity = quantity;
        order.pricePaise = price;
        order.triggerPricePaise = trigger;
        final String rejection = validate(order, quantity - order.filledQuantity, !order.triggered);
        if (rejection != null)
        {
            order.orderType = oldType;
            order.quantity = oldQty;
            order.pricePaise = oldPrice;
            order.triggerPricePaise = oldTrigger;
            throw KiteError.order(rejection);
        }
        if (request.disclosedQuantity != null)
        {
            order.disclosedQuantity = request.disclosedQuantity;
        }
        if (request.validity != null)
        {
            order.validity = request.validity;
        }
        order.modifyCount++;
        order.modified = true;
        order.orderTimestampMs = nowMs;
        record(order, Order.MODIFY_VALIDATION_PENDING, nowMs);
        record(order, Order.MODIFY_PENDING, nowMs);
        order.exchangeUpdateTimestampMs = nowMs;
        record(order, Order.MODIFIED, nowMs);
        order.marginBlockedPaise = requiredMarginPaise(order, order.pendingQuantity());
        if (order.isStop() && !order.triggered)
        {
            record(order, Order.TRIGGER_PENDING, nowMs);
        }
        else
        {
            record(order, Order.OPEN, nowMs);
            match(order, nowMs);
        }
        return order;
    }

    Order cancel(final String variety, final String orderId)
    {
        final Order order = order(orderId);
        if (!order.variety.equals(variety))
        {
            throw KiteError.input("`variety` " + variety + " does not match the order's variety " + order.variety +
                ".");
        }
        if (!order.isLive())
        {
            throw KiteError.order("Order cannot be cancelled as it is " + order.status + ".");
        }
        final long nowMs = clock.epochMillis();
        record(order, Order.CANCEL_PENDING, nowMs);
        cancelRemainder(order, null, nowMs);
        return order;
    }

    /** Trigger, match and expire live orders after the market moved. */
    void onMarketStep()
    {
        if (liveOrders.isEmpty())
        {
            return;
        }
        final long nowMs = clock.epochMillis();
        final boolean closed = enforceMarketHours && !MarketHours.isOpen(nowMs);
        final Order[] live = liveOrders.toArray(new Order[0]);
        for (final Order order : live)
        {
            if (!order.isLive())
            {
                continue;
            }
            if (closed)
            {
                cancelRemainder(order, "Order cancelled at the end of the trading session.", nowMs);
                continue;
            }
            if ("TTL".equals(order.validity) && order.validityTtl > 0 &&
                nowMs >= order.orderTimestampMs + order.validityTtl * 60_000L)
            {
                cancelRemainder(order, "Order cancelled: TTL validity of " + order.validityTtl + " minutes expired.",
                    nowMs);
                continue;
            }
            final int i = order.instrument.index;
            if (order.isStop() && !order.triggered)
            {
                final long ltp = market.ltpPaise[i];
                final boolean hit = order.isBuy() ? ltp >= order.triggerPricePaise : ltp <= order.triggerPricePaise;
                if (!hit)
                {
                    continue;
                }
                order.triggered = true;
                order.exchangeUpdateTimestampMs = nowMs;
                record(order, Order.OPEN, nowMs);
            }
            match(order, nowMs);
        }
    }

    private void match(final Order order, final long nowMs)
    {
        final int i = order.instrument.index;
        final boolean buy = order.isBuy();
        final boolean atMarket = order.executesAtMarket();
        final long ltp = market.ltpPaise[i];
        final long protectionBound = order.marketProtection > 0 ?
            Math.round(ltp * (buy ? 1 + order.marketProtection / 100.0 : 1 - order.marketProtection / 100.0)) : 0;
        final long before = order.filledQuantity;
        for (int level = 0; level < Market.DEPTH && order.pendingQuantity() > 0; level++)
        {
            final long price = market.levelPricePaise(i, buy, level);
            if (price <= 0 || market.levelQty(i, buy, level) == 0)
            {
                continue;
            }
            if (!atMarket && (buy ? price > order.pricePaise : price < order.pricePaise))
            {
                break;
            }
            if (atMarket && protectionBound > 0 && (buy ? price > protectionBound : price < protectionBound))
            {
                break;
            }
            final long qty = market.take(i, buy, level, order.pendingQuantity());
            fill(order, price, qty, nowMs);
        }
        if (order.pendingQuantity() == 0)
        {
            complete(order, nowMs);
        }
        else if ("IOC".equals(order.validity))
        {
            if (order.filledQuantity > before)
            {
                record(order, Order.OPEN, nowMs);
            }
            cancelRemainder(order, "IOC order cancelled: no more quantity available at the price.", nowMs);
        }
        else if (order.filledQuantity > before)
        {
            order.marginBlockedPaise = requiredMarginPaise(order, order.pendingQuantity());
            record(order, Order.OPEN, nowMs);
        }
    }

    private void fill(final Order order, final long pricePaise, final long qty, final long nowMs)
    {
        final Instrument instrument = order.instrument;
        order.filledQuantity += qty;
        order.filledValuePaise += qty * pricePaise;
        order.exchangeUpdateTimestampMs = nowMs;
        trades.add(new Trade(String.format(Locale.ROOT, "%08d", ++tradeSequence), order, pricePaise, qty, nowMs));
        position(instrument, order.product).fill(order.isBuy(), qty, pricePaise);
        market.trade(instrument.index, pricePaise, qty, nowMs / 1000);
    }

    private void complete(final Order order, final long nowMs)
    {
        order.marginBlockedPaise = 0;
        liveOrders.remove(order);
        record(order, Order.COMPLETE, nowMs);
    }

    private void cancelRemainder(final Order order, final String message, final long nowMs)
    {
        order.cancelledQuantity = order.quantity - order.filledQuantity;
        order.marginBlockedPaise = 0;
        order.statusMessage = message;
        order.exchangeUpdateTimestampMs = nowMs;
        liveOrders.remove(order);
        record(order, Order.CANCELLED, nowMs);
    }

    private Position position(final Instrument instrument, final String product)
    {
        return positions.computeIfAbsent(instrument.token + ":" + product, k -> new Position(instrument, product));
    }

    /**
     * Convert part of a day position from one product to another ({@code PUT /portfolio/positions}).
     */
    void convertPosition(
        final Instrument instrument, final boolean buy, final long qty, final String oldProduct,
        final String newProduct)
    {
        final Position from = positions.get(instrument.token + ":" + oldProduct);
        if (from == null)
        {
            throw KiteError.input("No " + oldProduct + " position in " + instrument.key() + " to convert.");
        }
        checkProduct(instrument, newProduct);
        final long available = buy ? Math.max(0, from.quantity()) : Math.max(0, -from.quantity());
        if (qty > available)
        {
            throw KiteError.input("`quantity` " + qty + " exceeds the convertible " + (buy ? "bought" : "sold") +
                " quantity " + available + ".");
        }
        final Position to = position(instrument, newProduct);
        if (buy)
        {
            final long value = from.buyValuePaise * qty / from.buyQty;
            from.buyQty -= qty;
            from.buyValuePaise -= value;
            to.buyQty += qty;
            to.buyValuePaise += value;
        }
        else
        {
            final long value = from.sellValuePaise * qty / from.sellQty;
            from.sellQty -= qty;
            from.sellValuePaise -= value;
            to.sellQty += qty;
            to.sellValuePaise += value;
        }
    }

    private static void checkProduct(final Instrument instrument, final String product)
    {
        if (instrument.isDerivative() ? !("NRML".equals(product) || "MIS".equals(product)) :
            !("CNC".equals(product) || "MIS".equals(product) || "MTF".equals(product)))
        {
            throw KiteError.input("Invalid `product` " + product + " for " + instrument.exchange + "; accepted: " +
                (instrument.isDerivative() ? "NRML, MIS." : "CNC, MIS, MTF."));
        }
    }

    /** The RMS checks; returns the rejection message or null. */
    private String validate(final Order order, final long openQty, final boolean checkTriggerSide)
    {
        final Instrument instrument = order.instrument;
        final int i = instrument.index;
        final long tick = Math.max(1, instrument.tickPaise);
        final long lot = Math.max(1, instrument.lotSize);
        if (instrument.isOption() && "SL-M".equals(order.orderType))
        {
            return "SL-M orders are not allowed for options; use SL (exchange error 16052).";
        }
        if (requireMarketProtection && order.executesAtMarket() && order.marketProtection == 0)
        {
            return "Market orders without market protection are not allowed via API; set `market_protection`.";
        }
        if (order.quantity % lot != 0)
        {
            return "Quantity should be a multiple of the lot size " + lot + " for " + instrument.tradingsymbol + ".";
        }
        if (order.quantity > instrument.maxOrderQty())
        {
            return "Quantity " + order.quantity + " exceeds the freeze limit for " + instrument.tradingsymbol +
                " (freeze " + instrument.freezeQty + ", at most " + instrument.maxOrderQty() +
                " per order); slice the order.";
        }
        if (!order.executesAtMarket() && order.pricePaise % tick != 0)
        {
            return "Tick size for this script is " + InstrumentUniverse.rupees(tick) +
                ". Kindly enter price in the multiple of tick size for this script.";
        }
        if (order.isStop() && order.triggerPricePaise % tick != 0)
        {
            return "Tick size for this script is " + InstrumentUniverse.rupees(tick) +
                ". Kindly enter trigger price in the multiple of tick size for this script.";
        }
        final long lower = instrument.lowerLimitPaise();
        final long upper = instrument.upperLimitPaise();
        if (!order.executesAtMarket() && (order.pricePaise < lower || order.pricePaise > upper))
        {
            return "Price " + InstrumentUniverse.rupees(order.pricePaise) + " is outside the circuit limits " +
                InstrumentUniverse.rupees(lower) + " - " + InstrumentUniverse.rupees(upper) + " for " +
                instrument.tradingsymbol + ".";
        }
        if (order.isStop())
        {
            final long ltp = market.ltpPaise[i];
            if (checkTriggerSide && (order.isBuy() ? order.triggerPricePaise <= ltp : order.triggerPricePaise >= ltp))
            {
                return "Trigger price for stoploss " + (order.isBuy() ? "buy" : "sell") + " orders should be " +
                    (order.isBuy() ? "higher" : "lower") + " than the last traded price " +
                    InstrumentUniverse.rupees(ltp) + ".";
            }
            if ("SL".equals(order.orderType) &&
                (order.isBuy() ? order.pricePaise < order.triggerPricePaise :
                order.pricePaise > order.triggerPricePaise))
            {
                return "Trigger price for stoploss " + (order.isBuy() ? "buy" : "sell") +
                    " orders cannot be " + (order.isBuy() ? "above" : "below") + " the limit price.";
            }
        }
        if ("CNC".equals(order.product) && !order.isBuy())
        {
            final long available = sellableQty(instrument, order);
            if (openQty > available)
            {
                return "Insufficient holdings: " + available + " of " + instrument.tradingsymbol +
                    " available to sell under CNC.";
            }
        }
        final long required = requiredMarginPaise(order, openQty);
        final long available = availableMarginPaise(order);
        if (required > available)
        {
            return String.format(Locale.ROOT, "Insufficient funds. Required margin is %.2f but available margin " +
                "is %.2f.", required / 100.0, available / 100.0);
        }
        return null;
    }

    private long sellableQty(final Instrument instrument, final Order exclude)
    {
        long qty = 0;
        for (final Holding holding : holdings)
        {
            if (holding.instrument == instrument)
            {
                qty += holding.qty;
            }
        }
        final Position position = positions.get(instrument.token + ":CNC");
        if (position != null)
        {
            qty += position.quantity();
        }
        for (final Order live : liveOrders)
        {
            if (live != exclude && live.instrument == instrument && "CNC".equals(live.product) && !live.isBuy())
            {
                qty -= live.pendingQuantity();
            }
        }
        return Math.max(0, qty);
    }

    /** Margin for the part of {@code qty} that adds to the position's exposure. */
    long requiredMarginPaise(final Order order, final long qty)
    {
        final Position position = positions.get(order.instrument.token + ":" + order.product);
        final long held = position == null ? 0 : position.quantity();
        final long signed = order.isBuy() ? qty : -qty;
        final long adding = Math.max(0, Math.abs(held + signed) - Math.abs(held));
        if (adding == 0)
        {
            return 0;
        }
        final int i = order.instrument.index;
        final long refPrice = order.executesAtMarket() || order.pricePaise == 0 ? market.ltpPaise[i] :
            order.pricePaise;
        if ("CNC".equals(order.product) && !order.isBuy())
        {
            return 0;
        }
        return marginPaise(order.instrument, order.product, order.isBuy(), adding, refPrice);
    }

    private long marginPaise(
        final Instrument instrument, final String product, final boolean buy, final long qty, final long pricePaise)
    {
        final boolean intraday = "MIS".equals(product);
        if (instrument.isOption())
        {
            if (buy)
            {
                return qty * pricePaise;
            }
            final long spot = market.ltpPaise[instrument.underlying.index];
            return qty * spot * (intraday ? 6 : 12) / 100;
        }
        if (instrument.isFuture())
        {
            return qty * pricePaise * (intraday ? 6 : 12) / 100;
        }
        if ("CNC".equals(product))
        {
            return qty * pricePaise;
        }
        return qty * pricePaise * 20 / 100;
    }

    long usedMarginPaise(final Order exclude)
    {
        long used = 0;
        for (final Order live : liveOrders)
        {
            if (live != exclude)
            {
                used += live.marginBlockedPaise;
            }
        }
        for (final Position position : positions.values())
        {
            final long qty = position.quantity();
            if (qty == 0 || ("CNC".equals(position.product) && qty < 0))
            {
                continue;
            }
            final Instrument instrument = position.instrument;
            used += marginPaise(instrument, position.product, qty > 0, Math.abs(qty),
                market.ltpPaise[instrument.index]);
        }
        return used;
    }

    long m2mPaise()
    {
        long m2m = 0;
        for (final Position position : positions.values())
        {
            m2m += position.pnlPaise(market.ltpPaise[position.instrument.index]);
        }
        return m2m;
    }

    long openingBalancePaise()
    {
        return openingBalancePaise;
    }

    private long availableMarginPaise(final Order exclude)
    {
        return openingBalancePaise + m2mPaise() - usedMarginPaise(exclude);
    }

    long availableMarginPaise()
    {
        return availableMarginPaise(null);
    }

    private void record(final Order order, final String status, final long nowMs)
    {
        order.status = status;
        final ObjectNode snapshot = KiteJson.order(mapper, order, userId);
        order.history.add(snapshot);
        listener.onOrderUpdate(order, snapshot);
    }
}
