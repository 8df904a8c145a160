package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The paper broker and exchange: validates orders with Kite's RMS rules, walks them through Kite's statuses,
 * matches them against the simulated depth, and keeps trades, positions, holdings and margins.
 * Owned by the simulator thread.
 */
final class Broker
{
    static final int MAX_MODIFICATIONS = 25;
    static final int MAX_SLICES = 10;
    static final int MIN_ICEBERG_LEGS = 2;
    static final int MAX_ICEBERG_LEGS = 10;
    /** How far from the last price a cover order's stop may sit, in percent (the simulator's trigger range). */
    static final long COVER_RANGE_PERCENT = 3;
    /** With the market always open: how long an AMO waits for the exchange, time to change or cancel it. */
    static final long ALWAYS_OPEN_AMO_HOLD_MS = 60_000;
    /** In the {@code tags} of the orders the broker places itself to close intraday positions at square-off. */
    static final String SQUARE_OFF_TAG = "autosquareoff";
    /** NSE's range for a MARKET order's fill on an option: the last price ± max(20%, ₹10). */
    static final long OPTION_MARKET_RANGE_PERCENT = 20;
    static final long OPTION_MARKET_RANGE_MIN_PAISE = 10_00;
    static final String SESSION_END_MESSAGE = "Order cancelled at the end of the trading session.";
    static final String SQUARE_OFF_CANCEL_MESSAGE = "Order cancelled by the auto square-off of intraday positions.";
    /** SEBI's rule for API orders: a placement with it is REJECTED, a modification to it refused. */
    private static final String IOC_ON_MCX = "IOC orders are not allowed on MCX via API; use DAY validity.";

    private final ObjectMapper mapper;
    private final Market market;
    private final SimClock clock;
    private final String userId;
    /** Equity cash at the day's start: as configured, then each ended day's closing one ({@link #carryForward}). */
    long openingBalancePaise;
    /** Commodity cash at the day's start, as {@link #openingBalancePaise}. */
    long commodityBalancePaise;
    private final boolean requireMarketProtection;
    private final boolean enforceMarketHours;
    private final OrderListener listener;
    final Map<String, Order> orders = new LinkedHashMap<>();
    final List<Order> liveOrders = new ArrayList<>();
    final List<Trade> trades = new ArrayList<>();
    final Map<String, Position> positions = new LinkedHashMap<>();
    private final List<Holding> holdings = new ArrayList<>();

    final IdSequences ids;
    /** Changes to orders, trades and positions so far: the paper broker's book is saved when this moves. */
    long changes;
    /** Orders and positions changed since the book was last saved. */
    final Set<Order> changedOrders = new LinkedHashSet<>();
    final Set<Position> changedPositions = new LinkedHashSet<>();

    /** A delivery holding: seeded, or bought CNC on an earlier day ({@link #carryForward}). */
    static final class Holding
    {
        final Instrument instrument;
        /** Settled in the demat account. */
        long qty;
        /** Bought on the last trading day and not settled yet (Kite's {@code t1_quantity}). */
        long t1Qty;
        long averagePricePaise;
        final String isin;

        Holding(final Instrument instrument, final long qty, final long averagePricePaise, final String isin)
        {
            this.instrument = instrument;
            this.qty = qty;
            this.averagePricePaise = averagePricePaise;
            this.isin = isin;
        }

        long totalQty()
        {
            return qty + t1Qty;
        }
    }

    Broker(
        final ObjectMapper mapper,
        final InstrumentUniverse universe,
        final Market market,
        final SimClock clock,
        final String userId,
        final long openingBalancePaise,
        final long commodityBalancePaise,
        final boolean requireMarketProtection,
        final boolean enforceMarketHours,
        final IdSequences ids,
        final OrderListener listener)
    {
        this.mapper = mapper;
        this.market = market;
        this.clock = clock;
        this.userId = userId;
        this.openingBalancePaise = openingBalancePaise;
        this.commodityBalancePaise = commodityBalancePaise;
        this.requireMarketProtection = requireMarketProtection;
        this.enforceMarketHours = enforceMarketHours;
        this.ids = ids;
        this.listener = listener;
        addHolding(universe, "INFY", 10, 1_420_50L, "INE009A01021");
        addHolding(universe, "SBIN", 16, 801_78L, "INE062A01020");
        addHolding(universe, "AARON", 1, 161_00L, "INE721Z01010");
        addHolding(universe, "RELIANCE", 5, 1_250_00L, "INE002A01018");
    }

    /** An empty book of the same user over another day's universe, to read an earlier day's saved book into. */
    Broker emptyCopy(final InstrumentUniverse universe)
    {
        return new Broker(mapper, universe, market, clock, userId, openingBalancePaise, commodityBalancePaise,
            requireMarketProtection, enforceMarketHours, new IdSequences(), (order, snapshot) ->
            {
            });
    }

    /** Starts the shared id sequences at a second of the day ({@link IdSequences#startAt}), before the first order. */
    void startIdsAt(final int secondOfDay)
    {
        if (!orders.isEmpty())
        {
            throw new IllegalStateException("ids already issued");
        }
        ids.startAt(secondOfDay);
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

    /**
     * Opens a new day's book with what the ended day's book left, as a broker's book rolls over: NRML and MTF
     * positions are carried as overnight positions at their average price; CNC buys become holdings not settled yet
     * (T1) and CNC sells leave the holdings, whose T1 quantity settles; intraday (MIS and cover order) positions were
     * squared off at that day's close and are not carried. A contract that has expired since is not in this day's
     * universe, or has expired by {@code epochDay}, and was settled: its position is not carried either. Called before
     * the day's first trade.
     *
     * <p>Each segment's opening balance is the ended day's closing one, as the broker settles the day: the P&amp;L of
     * what is not carried at its last price ({@link #settlementPricePaise}), that of what is carried marked to this
     * day's close (today's m2m counts from there, so nothing is counted twice or lost), the cash of the day's
     * deliveries (CNC buys paid, sells received) and the day's charges, one contract note per order.
     *
     * @param epochDay the new day.
     * @param ended    the ended day's book, with its universe's instruments.
     * @return the positions carried.
     */
    int carryForward(final InstrumentUniverse universe, final long epochDay, final Broker ended)
    {
        if (!positions.isEmpty())
        {
            throw new IllegalStateException("the day's book has begun");
        }
        long equityPaise = ended.openingBalancePaise - ended.dayChargesPaise(false);
        long commodityPaise = ended.commodityBalancePaise - ended.dayChargesPaise(true);
        holdings.clear();
        for (final Holding earlier : ended.holdings)
        {
            final Instrument instrument = today(universe, epochDay, earlier.instrument);
            if (instrument != null && earlier.totalQty() > 0)
            {
                holdings.add(new Holding(instrument, earlier.totalQty(), earlier.averagePricePaise, earlier.isin));
            }
        }
        int carried = 0;
        for (final Position earlier : ended.positions.values())
        {
            final Instrument instrument = today(universe, epochDay, earlier.instrument);
            final long qty = earlier.quantity();
            final long settledPaise;
            if ("CNC".equals(earlier.product))
            {
                settledPaise = earlier.instrument.moneyPaise(earlier.daySellValueUnits() - earlier.dayBuyValueUnits());
                if (instrument != null && qty != 0)
                {
                    deliver(instrument, qty, Math.round(earlier.averagePriceUnits()));
                }
            }
            else if (instrument == null || qty == 0 || "MIS".equals(earlier.product) || "CO".equals(earlier.product))
            {
                settledPaise = earlier.m2mPaise(ended.settlementPricePaise(earlier));
            }
            else
            {
                final long closePaise = market.closePaise(instrument);
                settledPaise = earlier.m2mPaise(closePaise);
                final Position position = position(instrument, earlier.product);
                position.carry(qty, Math.round(earlier.averagePriceUnits()), closePaise);
                changedPositions.add(position);
                carried++;
            }
            if (earlier.instrument.isCommodity())
            {
                commodityPaise += settledPaise;
            }
            else
            {
                equityPaise += settledPaise;
            }
        }
        openingBalancePaise = equityPaise;
        commodityBalancePaise = commodityPaise;
        changes++;
        return carried;
    }

    /**
     * The price a position the day's end does not carry is settled at: the market's last price when this book's
     * market is of the instrument's day (a running simulator's roll), else the last price this book traded it at,
     * else the close its carry was marked from (a position only carried into the day and never traded).
     */
    private long settlementPricePaise(final Position position)
    {
        final Instrument instrument = position.instrument;
        if (market.trades(instrument))
        {
            return market.ltpPaise[instrument.index];
        }
        for (int i = trades.size() - 1; i >= 0; i--)
        {
            final Trade trade = trades.get(i);
            if (trade.order.instrument == instrument)
            {
                return trade.pricePaise;
            }
        }
        return position.overnightClosePaise;
    }

    /** @return the charges of the day's trades in a segment, one contract note per order, as the broker debits them. */
    private long dayChargesPaise(final boolean commodity)
    {
        final Map<Order, long[]> executed = new LinkedHashMap<>();
        for (final Trade trade : trades)
        {
            if (trade.order.instrument.isCommodity() == commodity)
            {
                final long[] valueAndTime = executed.computeIfAbsent(trade.order, (order) -> new long[2]);
                valueAndTime[0] += trade.qty * trade.pricePaise;
                valueAndTime[1] = trade.fillTimestampMs;
            }
        }
        long chargesPaise = 0;
        for (final Map.Entry<Order, long[]> e : executed.entrySet())
        {
            final Order order = e.getKey();
            chargesPaise += Margins.chargesPaise(order.instrument, order.product, order.isBuy(),
                order.instrument.moneyPaise(e.getValue()[0]), e.getValue()[1]);
        }
        return chargesPaise;
    }

    private static Instrument today(final InstrumentUniverse universe, final long epochDay, final Instrument earlier)
    {
        final Instrument instrument = universe.byKey(earlier.exchange, earlier.tradingsymbol);
        final boolean expired = instrument != null && instrument.isDerivative() && instrument.expiryEpochDay > 0 &&
            instrument.expiryEpochDay < epochDay;
        return expired ? null : instrument;
    }

    /**
     * Rolls a running broker's book into the new day {@code epochDay}, as a start on that day rolls a saved book: the
     * ended day's orders (but those still live, which the day's end left waiting: AMOs) and trades leave the book, its
     * positions and holdings are carried and its cash settled into the new opening balances ({@link #carryForward}).
     *
     * @return the positions carried.
     */
    int rollOver(final InstrumentUniverse universe, final long epochDay)
    {
        final Broker ended = emptyCopy(universe);
        ended.openingBalancePaise = openingBalancePaise;
        ended.commodityBalancePaise = commodityBalancePaise;
        ended.positions.putAll(positions);
        ended.restoreHoldings(holdings);
        ended.trades.addAll(trades);
        final Set<Order> live = new LinkedHashSet<>(liveOrders);
        orders.values().removeIf((order) -> !live.contains(order));
        trades.clear();
        positions.clear();
        changedOrders.clear();
        changedPositions.clear();
        return carryForward(universe, epochDay, ended);
    }

    /** A day's net CNC quantity into the holdings: bought shares as T1, sold ones out of the holding. */
    private void deliver(final Instrument instrument, final long qty, final long pricePaise)
    {
        Holding holding = null;
        for (final Holding h : holdings)
        {
            if (h.instrument == instrument)
            {
                holding = h;
                break;
            }
        }
        if (qty > 0)
        {
            if (holding == null)
            {
                holding = new Holding(instrument, 0, pricePaise, syntheticIsin(instrument));
                holdings.add(holding);
            }
            holding.averagePricePaise = (holding.averagePricePaise * holding.totalQty() + pricePaise * qty) /
                (holding.totalQty() + qty);
            holding.t1Qty += qty;
        }
        else if (holding != null)
        {
            holding.qty = Math.max(0, holding.qty + qty);
            if (holding.totalQty() == 0)
            {
                holdings.remove(holding);
            }
        }
    }

    /**
     * An ISIN of NSDL's shape (INE, six characters, 01, a digit) for a stock of the generated universe, which has
     * none: made up from its token, not a real security's.
     */
    private static String syntheticIsin(final Instrument instrument)
    {
        return String.format(Locale.ROOT, "INE%06d01%d", instrument.token % 1_000_000, instrument.token % 10);
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

    /** Takes back the holdings a saved book of the day kept, in place of the seeded ones. */
    void restoreHoldings(final List<Holding> kept)
    {
        holdings.clear();
        holdings.addAll(kept);
    }

    Market market()
    {
        return market;
    }

    /**
     * Place an order of any variety. Syntax errors, untradable instruments and variety rules throw; business rule
     * breaches give a REJECTED order.
     */
    Order place(final OrderRequest request, final Instrument instrument)
    {
        switch (request.variety)
        {
            case "amo":
                return placeAmo(request, instrument);
            case "co":
                return placeCover(request, instrument);
            case "iceberg":
                return placeIceberg(request, instrument);
            case "auction":
                return placeAuction(request, instrument);
            default:
                return placeRegular(request, instrument);
        }
    }

    /**
     * One slice of an autosliced placement: the order booked, or why the RMS refused it (then nothing is booked, as
     * Kite answers such a child with an error and no order id).
     */
    record Slice(Order order, String refusal)
    {
    }

    /** The result of an autosliced placement: the parent id and each child. */
    static final class Slices
    {
        final String parentOrderId;
        final List<Slice> children;

        Slices(final String parentOrderId, final List<Slice> children)
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
        checkTradable(instrument, request.product);
        final long nowMs = clock.epochMillis();
        checkSession(instrument, request.product, request.variety, request.orderType, request.validity,
            disclosed(request), nowMs);
        final String parentOrderId = nextOrderId(nowMs);
        final List<Slice> children = new ArrayList<>();
        long remaining = total;
        while (remaining > 0)
        {
            final long qty = Math.min(remaining, maxQty);
            remaining -= qty;
            final Order order = newOrder(request, instrument, request.product, qty, nowMs);
            order.extraTags.add("autoslice");
            order.extraTags.add("autoslice:" + parentOrderId);
            checkBeforeTheBook(order);
            final String refusal = rmsRefusal(order, qty);
            if (refusal != null)
            {
                orders.remove(order.orderId);
                children.add(new Slice(null, refusal));
                continue;
            }
            record(order, Order.PUT_ORDER_REQ_RECEIVED, nowMs);
            record(order, Order.VALIDATION_PENDING, nowMs);
            toExchange(order, nowMs);
            children.add(new Slice(order, null));
        }
        return new Slices(parentOrderId, children);
    }

    /** @return the exchange's auctions open now, in the order they were opened. */
    List<Market.Auction> openAuctions()
    {
        return market.openAuctions(clock.epochMillis());
    }

    private String nextOrderId(final long nowMs)
    {
        return String.format(Locale.ROOT, "%s%09d", KiteTime.date(nowMs).toString().substring(2).replace("-", ""),
            ++ids.order);
    }

    private Order placeRegular(final OrderRequest request, final Instrument instrument)
    {
        checkTradable(instrument, request.product);
        final long nowMs = clock.epochMillis();
        checkSession(instrument, request.product, request.variety, request.orderType, request.validity,
            disclosed(request), nowMs);
        final Order order = newOrder(request, instrument, request.product, request.quantity, nowMs);
        admit(order, nowMs);
        return order;
    }

    private static long disclosed(final OrderRequest request)
    {
        return request.disclosedQuantity == null ? 0 : request.disclosedQuantity;
    }

    /**
     * The segment in session, or cash equity's pre-open order entry for the terms it takes
     * ({@link #checkPreOpenTerms}); and an intraday product (MIS, CO) not past the broker's square-off time.
     */
    private void checkSession(
        final Instrument instrument, final String product, final String variety, final String orderType,
        final String validity, final long disclosedQuantity, final long nowMs)
    {
        if (!enforceMarketHours)
        {
            return;
        }
        if (!MarketHours.isOpen(instrument, nowMs))
        {
            if (MarketHours.preOpen(instrument, nowMs) != MarketHours.PreOpen.ENTRY)
            {
                throw KiteError.input(MarketHours.CLOSED_MESSAGE);
            }
            checkPreOpenTerms(instrument, variety, orderType, validity, disclosedQuantity, nowMs);
            return;
        }
        final String refusal = MarketHours.intradayRefusal(instrument, product, nowMs);
        if (refusal != null)
        {
            throw KiteError.input(refusal);
        }
    }

    private Order newOrder(
        final OrderRequest request, final Instrument instrument, final String product, final long quantity,
        final long nowMs)
    {
        final String orderId = nextOrderId(nowMs);
        final Order order = new Order(orderId, request.variety, instrument, request.transactionType, product,
            request.tag, String.format(Locale.ROOT, "%dsim%06d", nowMs / 1000, ids.order), nowMs,
            request.marketProtection == null ? 0 : request.marketProtection);
        order.orderType = request.orderType;
        order.quantity = quantity;
        order.pricePaise = request.pricePaise == null ? 0 : request.pricePaise;
        order.triggerPricePaise = request.triggerPricePaise == null ? 0 : request.triggerPricePaise;
        order.disclosedQuantity = request.disclosedQuantity == null ? 0 : request.disclosedQuantity;
        order.validity = request.validity == null ? "DAY" : request.validity;
        order.validityTtl = request.validityTtl == null || !"TTL".equals(order.validity) ? 0 : request.validityTtl;
        dropTermsTheTypeHasNot(order);
        orders.put(orderId, order);
        return order;
    }

    /**
     * A placement: refused with a 400, and taken out of the book, when it fails Kite's RMS pre-checks
     * ({@link #preBookRefusal}); else {@link #accept}ed.
     */
    private void admit(final Order order, final long nowMs)
    {
        checkBeforeTheBook(order);
        accept(order, nowMs, true);
    }

    private void checkBeforeTheBook(final Order order)
    {
        final String refusal = preBookRefusal(order, true);
        if (refusal != null)
        {
            orders.remove(order.orderId);
            throw KiteError.input(refusal);
        }
    }

    /**
     * PUT ORDER REQ RECEIVED, VALIDATION PENDING and the RMS checks, then to the exchange or REJECTED.
     *
     * @param checkedBeforeTheBook whether {@link #checkBeforeTheBook} passed it; if not (an iceberg's later leg, which
     *                             the broker places itself), those checks reject it here.
     */
    private void accept(final Order order, final long nowMs, final boolean checkedBeforeTheBook)
    {
        record(order, Order.PUT_ORDER_REQ_RECEIVED, nowMs);
        record(order, Order.VALIDATION_PENDING, nowMs);
        final String rejection = checkedBeforeTheBook ? rmsRefusal(order, order.quantity) :
            validate(order, order.quantity, true);
        if (rejection != null)
        {
            reject(order, rejection, nowMs);
            return;
        }
        toExchange(order, nowMs);
    }

    private void reject(final Order order, final String message, final long nowMs)
    {
        order.statusMessage = message;
        order.marginBlockedPaise = 0;
        liveOrders.remove(order);
        record(order, Order.REJECTED, nowMs);
    }

    private void toExchange(final Order order, final long nowMs)
    {
        record(order, Order.OPEN_PENDING, nowMs);
        final String exchangeRefusal = optionMarketRefusal(order);
        if (exchangeRefusal != null)
        {
            reject(order, exchangeRefusal, nowMs);
            return;
        }
        order.exchangeOrderId = String.format(Locale.ROOT, "13%014d", ++ids.exchange);
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
            if (order.auctionNumber == null && (!enforceMarketHours || MarketHours.isOpen(order.instrument, nowMs)))
            {
                match(order, nowMs);
            }
        }
    }

    /**
     * What the pre-open call auction takes (MARKET.md section 2): regular LIMIT and MARKET orders of DAY validity
     * without a disclosed quantity; for cash equity MARKET only until 09:05 from 7 Sep 2026.
     */
    private static void checkPreOpenTerms(
        final Instrument instrument, final String variety, final String orderType, final String validity,
        final long disclosedQuantity, final long nowMs)
    {
        final String session = "the pre-open session (" + MarketHours.preOpenWindow(instrument, nowMs) + ")";
        if (!"regular".equals(variety))
        {
            throw KiteError.input("Only regular orders are taken in " + session + "; place " + variety +
                " orders from " + MarketHours.OPEN + ".");
        }
        if (!"LIMIT".equals(orderType) && !"MARKET".equals(orderType))
        {
            throw KiteError.input(orderType + " orders are not taken in " + session + "; place a LIMIT or MARKET " +
                "order, or the " + orderType + " order from " + MarketHours.OPEN + ".");
        }
        if ("MARKET".equals(orderType) && !MarketHours.preOpenTakesMarketOrders(instrument, nowMs))
        {
            throw KiteError.input(MarketHours.PRE_OPEN_MARKET_ORDERS_MESSAGE);
        }
        if (validity != null && !"DAY".equals(validity))
        {
            throw KiteError.input(validity + " validity is not taken in " + session + "; use DAY.");
        }
        if (disclosedQuantity > 0)
        {
            throw KiteError.input("A disclosed quantity is not taken in " + session + ".");
        }
    }

    /**
     * A change or cancellation of an order in the pre-open: none while the book is matched and until the
     * open, and none of a MARKET order once the pre-open stops taking them.
     */
    private void checkPreOpenChange(final Order order, final long nowMs)
    {
        if (!enforceMarketHours || order.isQueuedAmo())
        {
            return;
        }
        final MarketHours.PreOpen phase = MarketHours.preOpen(order.instrument, nowMs);
        if (phase == MarketHours.PreOpen.MATCHED)
        {
            throw KiteError.input("Orders cannot be changed or cancelled once the pre-open session's order entry " +
                "has closed (" + MarketHours.preOpenWindow(order.instrument, nowMs) + "); they can be again from " +
                MarketHours.OPEN + ".");
        }
        if (phase == MarketHours.PreOpen.ENTRY && "MARKET".equals(order.orderType) &&
            !MarketHours.preOpenTakesMarketOrders(order.instrument, nowMs))
        {
            throw KiteError.input(MarketHours.PRE_OPEN_MARKET_ORDERS_MESSAGE);
        }
    }

    /**
     * The pre-open call auction's match of a live order (MARKET.md section 2), at every step from the close of order
     * entry to the open: the equilibrium price is the instrument's last price, the previous session's close, as the
     * market does not move before the open; a MARKET order, a buy limited at or above it and a sell at or below it
     * fill in full at it, as the crowd's book in the auction takes a paper order's size; other limits wait for the
     * continuous session.
     */
    private void matchPreOpen(final Order order, final long nowMs)
    {
        final long equilibrium = market.ltpPaise[order.instrument.index];
        if (order.isStop() || equilibrium <= 0 ||
            !"MARKET".equals(order.orderType) && (order.isBuy() ? order.pricePaise < equilibrium :
                order.pricePaise > equilibrium))
        {
            return;
        }
        fill(order, equilibrium, order.pendingQuantity(), nowMs, false);
        complete(order, nowMs);
    }

    /**
     * NSE's refusals of a MARKET order on an option (MARKET.md section 6), which Kite passes on as the order's
     * rejection: a contract that has not traded today (exchange error 17181), and a fill that would go past the last
     * price ± max(20%, ₹10) before the depth completes it (17182). Kite blocks MARKET orders on stock and commodity
     * options before the book, so these are NFO's index options; the broker's own square-off orders are left alone.
     *
     * @return the rejection, or null.
     */
    private String optionMarketRefusal(final Order order)
    {
        final Instrument instrument = order.instrument;
        if (!"MARKET".equals(order.orderType) || !instrument.isOption() || !"NFO".equals(instrument.exchange) ||
            isSquareOff(order))
        {
            return null;
        }
        final int i = instrument.index;
        if (market.volume[i] == 0)
        {
            return instrument.tradingsymbol + " has not traded today, and the exchange takes no market order on an " +
                "untraded option (NSE error 17181); use a LIMIT order.";
        }
        final long ltp = market.ltpPaise[i];
        final long band = Math.max(ltp * OPTION_MARKET_RANGE_PERCENT / 100, OPTION_MARKET_RANGE_MIN_PAISE);
        final boolean buy = order.isBuy();
        final long bound = buy ? ltp + band : ltp - band;
        long remaining = order.pendingQuantity();
        for (int level = 0; level < Market.DEPTH && remaining > 0; level++)
        {
            final long price = market.levelPricePaise(i, buy, level);
            final long qty = market.levelQty(i, buy, level);
            if (price <= 0 || qty == 0)
            {
                continue;
            }
            if (buy ? price > bound : price < bound)
            {
                return "The market order would fill " + (buy ? "above " : "below ") + instrument.priceText(bound) +
                    ", past the last price " + instrument.priceText(ltp) + " ± max(20%, ₹10), and the exchange " +
                    "rejects it (NSE error 17182); use a LIMIT order.";
            }
            remaining -= qty;
        }
        return null;
    }

    /**
     * An after-market order: accepted only in its segment's AMO window (MARKET.md section 6) when the market keeps
     * its hours, checked by the RMS at once, queued as AMO REQ RECEIVED and sent to the exchange at the next session's
     * release time (with the market always open: any time, sent a minute after it was placed).
     */
    private Order placeAmo(final OrderRequest request, final Instrument instrument)
    {
        checkTradable(instrument, request.product);
        final long nowMs = clock.epochMillis();
        checkAmoWindow(instrument, nowMs);
        if (instrument.isIndexOption() && "MARKET".equals(request.orderType))
        {
            throw KiteError.input("MARKET orders on index options cannot be placed as AMO; use a LIMIT order.");
        }
        final Order order = newOrder(request, instrument, request.product, request.quantity, nowMs);
        checkBeforeTheBook(order);
        record(order, Order.PUT_ORDER_REQ_RECEIVED, nowMs);
        record(order, Order.VALIDATION_PENDING, nowMs);
        final String rejection = rmsRefusal(order, order.quantity);
        if (rejection != null)
        {
            reject(order, rejection, nowMs);
            return order;
        }
        queueAmo(order, nowMs);
        return order;
    }

    /**
     * Refuses an AMO outside its segment's window when the market keeps its hours; with the market always open, an AMO
     * may be placed, changed and cancelled at any time, and goes to the exchange {@link #ALWAYS_OPEN_AMO_HOLD_MS}
     * after it was placed, as if the session opened then.
     */
    private void checkAmoWindow(final Instrument instrument, final long nowMs)
    {
        final String refusal = enforceMarketHours ? MarketHours.amoRefusal(instrument, nowMs) : null;
        if (refusal != null)
        {
            throw KiteError.input(refusal);
        }
    }

    private void queueAmo(final Order order, final long nowMs)
    {
        if (enforceMarketHours)
        {
            order.amoReleaseMs = MarketHours.amoReleaseMs(order.instrument, order, nowMs);
        }
        else if (order.amoReleaseMs == 0)
        {
            order.amoReleaseMs = nowMs + ALWAYS_OPEN_AMO_HOLD_MS;
        }
        if (!liveOrders.contains(order))
        {
            liveOrders.add(order);
        }
        order.marginBlockedPaise = requiredMarginPaise(order, order.pendingQuantity());
        record(order, Order.AMO_REQ_RECEIVED, nowMs);
    }

    private void releaseAmo(final Order order, final long nowMs)
    {
        order.amoReleaseMs = 0;
        liveOrders.remove(order);
        order.marginBlockedPaise = 0;
        final String rejection = validate(order, order.pendingQuantity(), true);
        if (rejection != null)
        {
            reject(order, rejection, nowMs);
            return;
        }
        toExchange(order, nowMs);
    }

    /**
     * A cover order: a MARKET or LIMIT entry with a compulsory stop-loss; once the entry fills, the stop-loss is
     * placed as its own SL-M order (the second leg) with the entry as its parent.
     */
    private Order placeCover(final OrderRequest request, final Instrument instrument)
    {
        checkTradable(instrument, null);
        if (!"MARKET".equals(request.orderType) && !"LIMIT".equals(request.orderType))
        {
            throw KiteError.input("Cover orders take a MARKET or LIMIT entry; `order_type` " + request.orderType +
                " is not allowed.");
        }
        checkCoverProduct(request.product);
        if (instrument.isOption() && (!instrument.isIndexOption() || "BANKNIFTY".equals(instrument.name) ||
            instrument.isCurrency()))
        {
            throw KiteError.input("Cover orders are blocked for BANKNIFTY options, stock options and currency " +
                "options: " + instrument.tradingsymbol + ".");
        }
        if (request.triggerPricePaise == null || request.triggerPricePaise <= 0)
        {
            throw KiteError.input("Missing `trigger_price`; a cover order needs the stop-loss trigger of its " +
                "second leg.");
        }
        final long nowMs = clock.epochMillis();
        checkSession(instrument, "CO", "co", request.orderType, request.validity, disclosed(request), nowMs);
        checkCoverTrigger(instrument, "BUY".equals(request.transactionType), request.triggerPricePaise);
        final Order order = newOrder(request, instrument, "CO", request.quantity, nowMs);
        order.coverTriggerPaise = request.triggerPricePaise;
        admit(order, nowMs);
        return order;
    }

    /**
     * The stop of a cover order must sit on the protective side of the last price, at most
     * {@link #COVER_RANGE_PERCENT}% away, on tick.
     */
    private void checkCoverTrigger(final Instrument instrument, final boolean entryBuy, final long triggerPaise)
    {
        final long tick = Math.max(1, instrument.tickPaise);
        if (triggerPaise % tick != 0)
        {
            throw KiteError.input("Tick size for this script is " + instrument.priceText(tick) +
                ". Kindly enter trigger price in the multiple of tick size for this script.");
        }
        final long ltp = market.ltpPaise[instrument.index];
        final long reach = ltp * COVER_RANGE_PERCENT / 100;
        final long lower = entryBuy ? ceilToTick(ltp - reach, tick) : ltp + tick;
        final long upper = entryBuy ? ltp - tick : floorToTick(ltp + reach, tick);
        if (triggerPaise < lower || triggerPaise > upper)
        {
            throw KiteError.input("Trigger price " + instrument.priceText(triggerPaise) + " is out of range for the " +
                "cover order's stop-loss; allowed range is " + instrument.priceText(lower) + " - " +
                instrument.priceText(upper) + ".");
        }
    }

    private static long ceilToTick(final long price, final long tick)
    {
        return ((price + tick - 1) / tick) * tick;
    }

    private static long floorToTick(final long price, final long tick)
    {
        return (price / tick) * tick;
    }

    private void placeCoverStop(final Order entry, final long nowMs)
    {
        final Order leg = new Order(nextOrderId(nowMs), "co", entry.instrument, entry.isBuy() ? "SELL" : "BUY", "CO",
            entry.tag, String.format(Locale.ROOT, "%dsim%06d", nowMs / 1000, ids.order), nowMs,
            entry.marketProtection);
        leg.orderType = "SL-M";
        leg.quantity = entry.filledQuantity;
        leg.triggerPricePaise = entry.coverTriggerPaise;
        leg.validity = "DAY";
        leg.parentOrderId = entry.orderId;
        leg.coverStopLeg = true;
        orders.put(leg.orderId, leg);
        record(leg, Order.PUT_ORDER_REQ_RECEIVED, nowMs);
        record(leg, Order.VALIDATION_PENDING, nowMs);
        toExchange(leg, nowMs);
    }

    /**
     * An iceberg order: {@code iceberg_legs} legs of {@code iceberg_quantity}, each its own order placed when the
     * previous one completes; the first leg's id is the answer and the later legs' parent.
     */
    private Order placeIceberg(final OrderRequest request, final Instrument instrument)
    {
        checkTradable(instrument, request.product);
        final int legs = request.icebergLegs;
        final long legQty = request.icebergQuantity;
        if (legs < MIN_ICEBERG_LEGS || legs > MAX_ICEBERG_LEGS)
        {
            throw KiteError.input("Invalid `iceberg_legs` " + legs + "; it must be between " + MIN_ICEBERG_LEGS +
                " and " + MAX_ICEBERG_LEGS + ".");
        }
        if (!(instrument.isEquity() || "NFO".equals(instrument.exchange) || instrument.isCurrency()))
        {
            throw KiteError.input("Iceberg orders are not available on " + instrument.exchange + "; they work for " +
                "NSE and BSE equity, NFO and CDS.");
        }
        if (instrument.isBse() && ("MARKET".equals(request.orderType) || "SL-M".equals(request.orderType)))
        {
            throw KiteError.input("Iceberg orders on BSE cannot be " + request.orderType + "; use LIMIT or SL.");
        }
        final long lot = Math.max(1, instrument.lotSize);
        if (legQty <= 0 || legQty % lot != 0)
        {
            throw KiteError.input("Invalid `iceberg_quantity` " + legQty + "; it must be a positive multiple of the " +
                "lot size " + lot + ".");
        }
        final long total = request.quantity;
        if (legQty * legs < total || legQty * (legs - 1) >= total)
        {
            throw KiteError.input("`iceberg_quantity` " + legQty + " does not split `quantity` " + total + " into " +
                legs + " legs; each leg must be about quantity / legs (" + ((total + legs - 1) / legs) + ").");
        }
        final long nowMs = clock.epochMillis();
        checkSession(instrument, request.product, "iceberg", request.orderType, request.validity,
            disclosed(request), nowMs);
        final Order first = newOrder(request, instrument, request.product, Math.min(legQty, total), nowMs);
        first.iceberg = new Order.Iceberg(legs, legQty, total, first.orderId);
        first.icebergLeg = 1;
        first.iceberg.placedQuantity = first.quantity;
        admit(first, nowMs);
        return first;
    }

    private void placeNextIcebergLeg(final Order previous, final long nowMs)
    {
        final Order.Iceberg iceberg = previous.iceberg;
        final long qty = Math.min(iceberg.legQuantity, iceberg.totalQuantity - iceberg.placedQuantity);
        if (qty <= 0)
        {
            return;
        }
        final Order leg = new Order(nextOrderId(nowMs), previous.variety, previous.instrument,
            previous.transactionType, previous.product, previous.tag,
            String.format(Locale.ROOT, "%dsim%06d", nowMs / 1000, ids.order), nowMs, previous.marketProtection);
        leg.orderType = previous.orderType;
        leg.quantity = qty;
        leg.pricePaise = previous.pricePaise;
        leg.triggerPricePaise = previous.triggerPricePaise;
        leg.disclosedQuantity = previous.disclosedQuantity;
        leg.validity = previous.validity;
        leg.validityTtl = previous.validityTtl;
        leg.parentOrderId = iceberg.firstOrderId;
        leg.iceberg = iceberg;
        leg.icebergLeg = previous.icebergLeg + 1;
        iceberg.placedQuantity += qty;
        orders.put(leg.orderId, leg);
        accept(leg, nowMs, false);
    }

    /**
     * An auction order: a LIMIT sell of CNC holdings into an open exchange auction; it rests until the auction
     * ends and then executes at its price.
     */
    private Order placeAuction(final OrderRequest request, final Instrument instrument)
    {
        checkTradable(instrument, request.product);
        final long nowMs = clock.epochMillis();
        final Market.Auction auction = market.auctions.get(request.auctionNumber);
        if (auction == null || !auction.isOpen(nowMs))
        {
            throw KiteError.input("No auction is open for `auction_number` " + request.auctionNumber + "; auction " +
                "orders are accepted only while the auction runs (see /portfolio/holdings/auctions).");
        }
        if (auction.instrument() != instrument)
        {
            throw KiteError.input("`auction_number` " + request.auctionNumber + " is for " +
                auction.instrument().key() + ", not " + instrument.key() + ".");
        }
        if (!"SELL".equals(request.transactionType))
        {
            throw KiteError.input("Auction orders sell holdings; `transaction_type` must be SELL.");
        }
        if (!"LIMIT".equals(request.orderType))
        {
            throw KiteError.input("Auction orders must be LIMIT orders, not " + request.orderType + ".");
        }
        if (!"CNC".equals(request.product))
        {
            throw KiteError.input("Auction orders use the CNC product, not " + request.product + ".");
        }
        final Order order = newOrder(request, instrument, request.product, request.quantity, nowMs);
        order.auctionNumber = request.auctionNumber;
        admit(order, nowMs);
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
        final String orderType = request.orderType != null ? request.orderType : order.orderType;
        if (order.isQueuedAmo())
        {
            checkAmoWindow(order.instrument, nowMs);
        }
        else
        {
            checkPreOpenChange(order, nowMs);
            checkSession(order.instrument, order.product, order.variety, orderType,
                request.validity != null ? request.validity : order.validity,
                request.disclosedQuantity != null ? request.disclosedQuantity : order.disclosedQuantity, nowMs);
        }
        checkParent(order, request.parentOrderId);
        checkVarietyModify(order, request);
        final long quantity = request.quantity != null ? request.quantity : order.quantity;
        final long price = request.pricePaise != null ? request.pricePaise : order.pricePaise;
        final long trigger = request.triggerPricePaise != null ? request.triggerPricePaise : order.triggerPricePaise;
        checkModifiedValidity(order, request.validity);
        checkDisclosure(request.disclosedQuantity != null ? request.disclosedQuantity : order.disclosedQuantity,
            quantity, order.instrument.exchange);
        if (requireMarketProtection && ("MARKET".equals(orderType) || "SL-M".equals(orderType)) &&
            !orderType.equals(order.orderType) && order.marketProtection == 0 && !order.coverStopLeg)
        {
            throw KiteError.input("Market orders without market protection are not allowed via API, and a modify " +
                "cannot set `market_protection`; cancel the order and place a " + orderType + " order with it.");
        }
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
        terms(order, orderType, quantity, price, trigger);
        final String rejection = validate(order, quantity - order.filledQuantity, !order.triggered);
        // Kite's modify path shows the order's old terms until the exchange has taken the new ones: the steps
        // up to MODIFIED carry them, the OPEN (or TRIGGER PENDING) after it the new (order_info.json).
        terms(order, oldType, oldQty, oldPrice, oldTrigger);
        if (rejection != null)
        {
            throw KiteError.order(rejection);
        }
        order.modifyCount++;
        order.modified = true;
        order.orderTimestampMs = nowMs;
        record(order, Order.MODIFY_VALIDATION_PENDING, nowMs);
        record(order, Order.MODIFY_PENDING, nowMs);
        order.exchangeUpdateTimestampMs = nowMs;
        order.exchangeTimestampMs = nowMs;
        record(order, Order.MODIFIED, nowMs);
        terms(order, orderType, quantity, price, trigger);
        if (request.disclosedQuantity != null)
        {
            order.disclosedQuantity = request.disclosedQuantity;
        }
        if (request.validity != null)
        {
            order.validity = request.validity;
            order.validityTtl = "TTL".equals(order.validity) ? order.validityTtl : 0;
        }
        if (request.triggerPricePaise != null && order.coverTriggerPaise > 0)
        {
            order.coverTriggerPaise = request.triggerPricePaise;
        }
        dropTermsTheTypeHasNot(order);
        if (order.isQueuedAmo())
        {
            queueAmo(order, nowMs);
            return order;
        }
        order.marginBlockedPaise = requiredMarginPaise(order, order.pendingQuantity());
        if (order.isStop() && !order.triggered)
        {
            record(order, Order.TRIGGER_PENDING, nowMs);
        }
        else
        {
            record(order, Order.OPEN, nowMs);
            if (order.auctionNumber == null)
            {
                match(order, nowMs);
            }
        }
        return order;
    }

    private static void checkParent(final Order order, final String parentOrderId)
    {
        if (parentOrderId != null && !parentOrderId.equals(order.parentOrderId))
        {
            throw KiteError.input("`parent_order_id` " + parentOrderId + " is not the parent of order " +
                order.orderId + (order.parentOrderId == null ? ", which has none." : "; its parent is " +
                order.parentOrderId + "."));
        }
    }

    /**
     * Kite shows no price on an order that executes at market and no trigger on one without a stop, whatever the
     * request sent ({@code orders.json}, {@code postback.json}); a cover order keeps its stop's trigger.
     */
    private static void dropTermsTheTypeHasNot(final Order order)
    {
        if ("MARKET".equals(order.orderType) || "SL-M".equals(order.orderType))
        {
            order.pricePaise = 0;
        }
        if (("MARKET".equals(order.orderType) || "LIMIT".equals(order.orderType)) && order.coverTriggerPaise == 0 &&
            !"co".equals(order.variety))
        {
            order.triggerPricePaise = 0;
        }
    }

    /** A modification takes the checks a placement does for the validity it changes to. */
    private void checkModifiedValidity(final Order order, final String validity)
    {
        if (validity == null || validity.equals(order.validity))
        {
            return;
        }
        if ("TTL".equals(validity))
        {
            throw KiteError.input("An order cannot be modified to TTL validity: a modification has no " +
                "`validity_ttl`; cancel it and place a TTL order.");
        }
        if (requireMarketProtection && "IOC".equals(validity) && order.instrument.isCommodity())
        {
            throw KiteError.input(IOC_ON_MCX);
        }
    }

    /**
     * A disclosed quantity a placement takes, and a modification leaves: 0 to the order's quantity, above 0 only for
     * equity (NSE, BSE).
     */
    static void checkDisclosure(final long disclosed, final long quantity, final String exchange)
    {
        if (disclosed < 0 || disclosed > quantity)
        {
            throw KiteError.input("`disclosed_quantity` " + disclosed + " must be between 0 and `quantity` " +
                quantity + ".");
        }
        if (disclosed > 0 && !"NSE".equals(exchange) && !"BSE".equals(exchange))
        {
            throw KiteError.input("`disclosed_quantity` is allowed only for equity (NSE, BSE) orders.");
        }
    }

    /** What each variety lets a modification change. */
    private void checkVarietyModify(final Order order, final OrderRequest request)
    {
        if (order.coverStopLeg)
        {
            if ((request.orderType != null && !request.orderType.equals(order.orderType)) ||
                (request.quantity != null && request.quantity != order.quantity) || request.pricePaise != null &&
                request.pricePaise != 0)
            {
                throw KiteError.input("Only `trigger_price` of a cover order's stop-loss leg can be modified.");
            }
            if (request.triggerPricePaise != null)
            {
                checkCoverTrigger(order.instrument, !order.isBuy(), request.triggerPricePaise);
            }
            return;
        }
        if (order.coverTriggerPaise > 0)
        {
            if (request.orderType != null && !"MARKET".equals(request.orderType) &&
                !"LIMIT".equals(request.orderType))
            {
                throw KiteError.input("Cover orders take a MARKET or LIMIT entry; `order_type` " +
                    request.orderType + " is not allowed.");
            }
            if (request.triggerPricePaise != null)
            {
                checkCoverTrigger(order.instrument, order.isBuy(), request.triggerPricePaise);
            }
        }
        if (order.iceberg != null && request.quantity != null && request.quantity != order.quantity)
        {
            throw KiteError.input("The `quantity` of an iceberg leg cannot be modified (leg of " + order.quantity +
                "); cancel the order and place it again.");
        }
        if (order.auctionNumber != null && request.orderType != null && !"LIMIT".equals(request.orderType))
        {
            throw KiteError.input("Auction orders must be LIMIT orders, not " + request.orderType + ".");
        }
    }

    /**
     * Cancel a live order; for a cover order's stop-loss leg this exits the position at market, as Kite does.
     */
    Order cancel(final String variety, final String orderId, final String parentOrderId)
    {
        final Order order = order(orderId);
        if (!order.variety.equals(variety))
        {
            throw KiteError.input("`variety` " + variety + " does not match the order's variety " + order.variety +
                ".");
        }
        checkParent(order, parentOrderId);
        if (!order.isLive())
        {
            throw KiteError.order("Order cannot be cancelled as it is " + order.status + ".");
        }
        final long nowMs = clock.epochMillis();
        if (order.isQueuedAmo())
        {
            checkAmoWindow(order.instrument, nowMs);
        }
        checkPreOpenChange(order, nowMs);
        if (order.coverStopLeg)
        {
            order.orderType = "MARKET";
            order.triggered = true;
            order.exchangeUpdateTimestampMs = nowMs;
            record(order, Order.OPEN, nowMs);
            match(order, nowMs);
            return order;
        }
        record(order, Order.CANCEL_PENDING, nowMs);
        cancelRemainder(order, null, nowMs);
        return order;
    }

    /**
     * Square off intraday positions, release due AMOs, end auctions, then trigger, match and expire live orders after
     * the market moved. A DAY order ends with its session: at the segment's close when the market keeps its hours,
     * at midnight IST when it is always open (as the engine closes the orders of an earlier IST day), AMOs excepted.
     */
    void onMarketStep()
    {
        final long nowMs = clock.epochMillis();
        if (enforceMarketHours)
        {
            squareOffIntraday(nowMs);
        }
        if (liveOrders.isEmpty())
        {
            return;
        }
        final long today = KiteTime.epochDay(nowMs);
        final Order[] live = liveOrders.toArray(new Order[0]);
        for (final Order order : live)
        {
            if (!order.isLive())
            {
                continue;
            }
            if (order.isQueuedAmo())
            {
                if (nowMs >= order.amoReleaseMs)
                {
                    releaseAmo(order, nowMs);
                }
                continue;
            }
            if (order.auctionNumber != null)
            {
                final Market.Auction auction = market.auctions.get(order.auctionNumber);
                if (auction == null || nowMs >= auction.endMs())
                {
                    fill(order, order.pricePaise, order.pendingQuantity(), nowMs, false);
                    complete(order, nowMs);
                }
                continue;
            }
            if (enforceMarketHours && !MarketHours.isOpen(order.instrument, nowMs))
            {
                if (MarketHours.preOpen(order.instrument, nowMs) == MarketHours.PreOpen.MATCHED)
                {
                    matchPreOpen(order, nowMs);
                }
                else if (!MarketHours.beforeOpen(order.instrument, nowMs))
                {
                    cancelRemainder(order, SESSION_END_MESSAGE, nowMs);
                }
                continue;
            }
            if (!enforceMarketHours && !"amo".equals(order.variety) &&
                KiteTime.epochDay(order.orderTimestampMs) < today)
            {
                cancelRemainder(order, SESSION_END_MESSAGE, nowMs);
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

    /**
     * The broker's auto square-off of intraday positions (MARKET.md section 6), with the market keeping its hours:
     * from each segment's square-off time ({@link MarketHours#squareOffTime}) to its close, intraday orders still
     * working (MIS and cover orders, not AMOs queued for the next session) are cancelled, and each intraday position
     * left open is closed by a MARKET order the broker places itself, tagged {@value #SQUARE_OFF_TAG}. What the depth
     * cannot fill, as when the price is locked at its circuit limit, stays open and meets the market at every step
     * until the close cancels it, leaving the rest of the position open.
     */
    private void squareOffIntraday(final long nowMs)
    {
        if (positions.isEmpty() && liveOrders.isEmpty())
        {
            return;
        }
        final LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(nowMs), KiteTime.IST);
        if (now.toLocalTime().isBefore(MarketHours.EARLIEST_SQUARE_OFF) ||
            !MarketHours.isTradingDay(now.toLocalDate()))
        {
            return;
        }
        boolean cancelled = true;
        while (cancelled)
        {
            cancelled = false;
            for (final Order order : liveOrders.toArray(new Order[0]))
            {
                if (order.isLive() && isIntraday(order.product) && !order.isQueuedAmo() && !isSquareOff(order) &&
                    MarketHours.squaringOff(order.instrument, now))
                {
                    cancelRemainder(order, SQUARE_OFF_CANCEL_MESSAGE, nowMs);
                    cancelled = true;
                }
            }
        }
        for (final Position position : positions.values().toArray(new Position[0]))
        {
            final long qty = position.quantity();
            if (qty != 0 && isIntraday(position.product) && MarketHours.squaringOff(position.instrument, now) &&
                !squaringOffAlready(position))
            {
                placeSquareOff(position, qty, nowMs);
            }
        }
    }

    private static boolean isIntraday(final String product)
    {
        return "MIS".equals(product) || "CO".equals(product);
    }

    private static boolean isSquareOff(final Order order)
    {
        return order.extraTags.contains(SQUARE_OFF_TAG);
    }

    private boolean squaringOffAlready(final Position position)
    {
        for (final Order order : liveOrders)
        {
            if (order.instrument == position.instrument && order.product.equals(position.product) &&
                isSquareOff(order) && order.isLive())
            {
                return true;
            }
        }
        return false;
    }

    private void placeSquareOff(final Position position, final long qty, final long nowMs)
    {
        final Instrument instrument = position.instrument;
        final Order order = new Order(nextOrderId(nowMs), "regular", instrument, qty > 0 ? "SELL" : "BUY",
            position.product, null, String.format(Locale.ROOT, "%dsim%06d", nowMs / 1000, ids.order), nowMs, 0);
        order.orderType = "MARKET";
        order.quantity = Math.abs(qty);
        order.validity = "DAY";
        order.extraTags.add(SQUARE_OFF_TAG);
        orders.put(order.orderId, order);
        record(order, Order.PUT_ORDER_REQ_RECEIVED, nowMs);
        record(order, Order.VALIDATION_PENDING, nowMs);
        toExchange(order, nowMs);
    }

    private void match(final Order order, final long nowMs)
    {
        final int i = order.instrument.index;
        final boolean buy = order.isBuy();
        final boolean atMarket = order.executesAtMarket();
        final long ltp = market.ltpPaise[i];
        final double protection = order.appliedMarketProtection();
        final long protectionBound = protection > 0 ?
            Math.round(ltp * (buy ? 1 + protection / 100.0 : 1 - protection / 100.0)) : 0;
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
            fill(order, price, qty, nowMs, true);
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

    private void fill(
        final Order order, final long pricePaise, final long qty, final long nowMs, final boolean continuous)
    {
        final Instrument instrument = order.instrument;
        order.filledQuantity += qty;
        order.filledValuePaise += qty * pricePaise;
        order.exchangeUpdateTimestampMs = nowMs;
        trades.add(new Trade(String.format(Locale.ROOT, "%08d", ++ids.trade), order, pricePaise, qty, nowMs));
        final Position position = position(instrument, order.product);
        position.fill(order.isBuy(), qty, pricePaise);
        changedPositions.add(position);
        if (continuous)
        {
            market.trade(instrument.index, pricePaise, qty, nowMs / 1000);
        }
    }

    private void complete(final Order order, final long nowMs)
    {
        order.marginBlockedPaise = 0;
        liveOrders.remove(order);
        record(order, Order.COMPLETE, nowMs);
        afterTerminal(order, nowMs);
    }

    private void cancelRemainder(final Order order, final String message, final long nowMs)
    {
        order.cancelledQuantity = order.quantity - order.filledQuantity;
        order.marginBlockedPaise = 0;
        order.statusMessage = message;
        order.exchangeUpdateTimestampMs = nowMs;
        order.amoReleaseMs = 0;
        liveOrders.remove(order);
        record(order, Order.CANCELLED, nowMs);
        afterTerminal(order, nowMs);
    }

    /** A filled cover entry places its stop-loss leg; a completed iceberg leg places the next one. */
    private void afterTerminal(final Order order, final long nowMs)
    {
        if (order.coverTriggerPaise > 0 && !order.coverStopLeg && order.filledQuantity > 0)
        {
            placeCoverStop(order, nowMs);
        }
        if (order.iceberg != null && Order.COMPLETE.equals(order.status))
        {
            placeNextIcebergLeg(order, nowMs);
        }
    }

    long netQuantity(final long instrumentToken, final String product)
    {
        final Position position = positions.get(Position.key(instrumentToken, product));
        return position == null ? 0 : position.quantity();
    }

    private Position position(final Instrument instrument, final String product)
    {
        return positions.computeIfAbsent(Position.key(instrument.token, product),
            k -> new Position(instrument, product));
    }

    /** Puts a position read from a saved book into this one, in place of any of the same instrument and product. */
    void putPosition(final Position position)
    {
        positions.put(Position.key(position.instrument.token, position.product), position);
    }

    /**
     * Convert part of a position from one product to another ({@code PUT /portfolio/positions}): of the day's buys or
     * sells, or with {@code overnight} of the carry from earlier days, up to the position's open quantity on that side.
     */
    void convertPosition(
        final Instrument instrument, final boolean buy, final long qty, final String oldProduct,
        final String newProduct, final boolean overnight)
    {
        if ("CO".equals(oldProduct))
        {
            throw KiteError.input("A cover order's position cannot be converted: its stop-loss legs cover it; exit " +
                "the cover order instead.");
        }
        final Position from = positions.get(Position.key(instrument.token, oldProduct));
        if (from == null)
        {
            throw KiteError.input("No " + oldProduct + " position in " + instrument.key() + " to convert.");
        }
        checkProduct(instrument, newProduct);
        final String intradayRefusal = enforceMarketHours ?
            MarketHours.intradayRefusal(instrument, newProduct, clock.epochMillis()) : null;
        if (intradayRefusal != null)
        {
            throw KiteError.input(intradayRefusal);
        }
        if (oldProduct.equals(newProduct))
        {
            throw KiteError.input("`new_product` " + newProduct + " is the position's product already.");
        }
        final long open = buy ? Math.max(0, from.quantity()) : Math.max(0, -from.quantity());
        final long carried = buy ? Math.max(0, from.overnightQty) : Math.max(0, -from.overnightQty);
        final long available = Math.min(open, overnight ? carried : buy ? from.dayBuyQty() : from.daySellQty());
        if (qty > available)
        {
            final long other = Math.min(open, overnight ? buy ? from.dayBuyQty() : from.daySellQty() : carried);
            throw KiteError.input("`quantity` " + qty + " exceeds the convertible " + (overnight ? "overnight " : "") +
                (buy ? "bought" : "sold") + " quantity " + available + "." + (other == 0 ? "" : " " + other + " " +
                (overnight ? (buy ? "bought" : "sold") + " today convert with `position_type` day." :
                "carried from earlier days convert with `position_type` overnight.")));
        }
        final long lot = Math.max(1, instrument.lotSize);
        if (qty % lot != 0)
        {
            throw KiteError.input("Quantity should be a multiple of the lot size " + lot + " for " +
                instrument.tradingsymbol + ".");
        }
        if (!buy && "CNC".equals(newProduct))
        {
            final long holdings = sellableQty(instrument, null);
            if (qty > holdings)
            {
                throw KiteError.order("Insufficient holdings to convert: " + holdings + " of " +
                    instrument.tradingsymbol + " can be sold under CNC.");
            }
        }
        final long ltp = market.ltpPaise[instrument.index];
        final long more = positionMarginPaise(instrument, newProduct, buy, qty, ltp) -
            positionMarginPaise(instrument, oldProduct, buy, qty, ltp);
        final long funds = availableMarginPaise(instrument.isCommodity(), null);
        if (more > 0 && more > funds)
        {
            throw new KiteError(400, "MarginException", String.format(Locale.ROOT, "Insufficient funds to convert. " +
                "Required margin is %.2f but available margin is %.2f.", more / 100.0, funds / 100.0));
        }
        changes++;
        final Position to = position(instrument, newProduct);
        changedPositions.add(from);
        changedPositions.add(to);
        final long value = overnight ? from.overnightValueUnits * qty / carried :
            buy ? from.dayBuyValueUnits() * qty / from.dayBuyQty() : from.daySellValueUnits() * qty / from.daySellQty();
        if (overnight)
        {
            final long signed = buy ? qty : -qty;
            from.overnightQty -= signed;
            from.overnightValueUnits -= value;
            to.overnightQty += signed;
            to.overnightValueUnits += value;
            to.overnightClosePaise = from.overnightClosePaise;
        }
        if (buy)
        {
            from.buyQty -= qty;
            from.buyValueUnits -= value;
            to.buyQty += qty;
            to.buyValueUnits += value;
        }
        else
        {
            from.sellQty -= qty;
            from.sellValueUnits -= value;
            to.sellQty += qty;
            to.sellValueUnits += value;
        }
    }

    /**
     * NSE's limit price protection range of an F&amp;O contract around its reference price (the last price here, for
     * the exchange's 30-second average): options ±₹20 up to ₹50 and ±40% above; index futures ±₹200 up to 10,000 and
     * ±2% above; stock futures ±₹1.50 up to ₹50 and ±3% above (MARKET.md, section 5).
     */
    static long limitPriceProtectionPaise(final Instrument instrument, final long referencePaise)
    {
        if (instrument.isOption())
        {
            return referencePaise <= 50_00 ? 20_00 : referencePaise * 40 / 100;
        }
        if (instrument.underlying.isIndex())
        {
            return referencePaise <= 10_000_00 ? 200_00 : referencePaise * 2 / 100;
        }
        return referencePaise <= 50_00 ? 1_50 : referencePaise * 3 / 100;
    }

    static void checkTradable(final Instrument instrument, final String product)
    {
        if (instrument.isIndex())
        {
            throw KiteError.input("`tradingsymbol` " + instrument.tradingsymbol + " is an index and cannot be traded.");
        }
        if (product != null)
        {
            checkProduct(instrument, product);
        }
    }

    /** A cover order's product: CO, or MIS. */
    static void checkCoverProduct(final String product)
    {
        if (!"MIS".equals(product) && !"CO".equals(product))
        {
            throw KiteError.input("Invalid `product` " + product + " for a cover order; accepted: CO, MIS.");
        }
    }

    /** CNC and MTF only for cash equity; NRML only for derivatives (F&amp;O, currency, commodity); MIS for all. */
    private static void checkProduct(final Instrument instrument, final String product)
    {
        if (instrument.isDerivative() ? !("NRML".equals(product) || "MIS".equals(product)) :
            !("CNC".equals(product) || "MIS".equals(product) || "MTF".equals(product)))
        {
            throw KiteError.input("Invalid `product` " + product + " for " + instrument.exchange + "; accepted: " +
                (instrument.isDerivative() ? "NRML, MIS." : "CNC, MIS, MTF."));
        }
    }

    /**
     * Kite's RMS pre-checks (MARKET.md section 6): a placement that fails one is refused at once with a 400 and never
     * appears in the order book; a modify that fails one is refused, and an AMO or an iceberg leg the broker places
     * later is REJECTED, as for the other checks.
     *
     * @return the refusal, or null.
     */
    private String preBookRefusal(final Order order, final boolean checkTriggerSide)
    {
        final Instrument instrument = order.instrument;
        if ("MARKET".equals(order.orderType) && instrument.isOption() &&
            (instrument.isCommodity() || !instrument.isIndexOption()))
        {
            return "Market orders are blocked for " + (instrument.isCommodity() ? "commodity" : "stock") +
                " options; use a LIMIT order.";
        }
        if (order.quantity > instrument.maxOrderQty())
        {
            return "Quantity " + order.quantity + " exceeds the freeze limit for " + instrument.tradingsymbol +
                " (freeze " + instrument.freezeQty + ", at most " + instrument.maxOrderQty() +
                " per order); slice the order.";
        }
        final long lower = market.dayLowerLimitPaise[instrument.index];
        final long upper = market.dayUpperLimitPaise[instrument.index];
        if (!order.executesAtMarket() && (order.pricePaise < lower || order.pricePaise > upper))
        {
            return "Price " + instrument.priceText(order.pricePaise) + " is outside the circuit limits " +
                instrument.priceText(lower) + " - " + instrument.priceText(upper) + " for " +
                instrument.tradingsymbol + ".";
        }
        if (order.isStop())
        {
            final long ltp = market.ltpPaise[instrument.index];
            if (checkTriggerSide && (order.isBuy() ? order.triggerPricePaise <= ltp : order.triggerPricePaise >= ltp))
            {
                return "Trigger price for stoploss " + (order.isBuy() ? "buy" : "sell") + " orders should be " +
                    (order.isBuy() ? "higher" : "lower") + " than the last traded price " +
                    instrument.priceText(ltp) + ".";
            }
        }
        return null;
    }

    /** The checks before the book and the RMS checks; returns the refusal or null. */
    private String validate(final Order order, final long openQty, final boolean checkTriggerSide)
    {
        final String preBook = preBookRefusal(order, checkTriggerSide);
        return preBook != null ? preBook : rmsRefusal(order, openQty);
    }

    /** The RMS checks after those before the book: returns the rejection message or null. */
    private String rmsRefusal(final Order order, final long openQty)
    {
        final Instrument instrument = order.instrument;
        final int i = instrument.index;
        final long tick = Math.max(1, instrument.tickPaise);
        final long lot = Math.max(1, instrument.lotSize);
        if (instrument.isOption() && "SL-M".equals(order.orderType) && !order.coverStopLeg)
        {
            return "SL-M orders are not allowed for options; use SL (exchange error 16052).";
        }
        if (instrument.isBse() && "SL-M".equals(order.orderType) && !order.coverStopLeg)
        {
            return "SL-M orders are not allowed on BSE; use SL.";
        }
        if (requireMarketProtection && order.executesAtMarket() && order.marketProtection == 0 &&
            !order.coverStopLeg)
        {
            // The broker places a cover order's SL-M leg itself, whatever the entry's type: the rule is for the
            // market orders an API places.
            return "Market orders without market protection are not allowed via API; set `market_protection`.";
        }
        if (requireMarketProtection && "IOC".equals(order.validity) && instrument.isCommodity())
        {
            return IOC_ON_MCX;
        }
        if (order.quantity % lot != 0)
        {
            return "Quantity should be a multiple of the lot size " + lot + " for " + instrument.tradingsymbol + ".";
        }
        if (!order.executesAtMarket() && order.pricePaise % tick != 0)
        {
            return "Tick size for this script is " + instrument.priceText(tick) +
                ". Kindly enter price in the multiple of tick size for this script.";
        }
        if (order.isStop() && order.triggerPricePaise % tick != 0)
        {
            return "Tick size for this script is " + instrument.priceText(tick) +
                ". Kindly enter trigger price in the multiple of tick size for this script.";
        }
        if ("LIMIT".equals(order.orderType) && instrument.underlying != null &&
            (instrument.isFuture() || instrument.isOption()))
        {
            final long reference = market.ltpPaise[i];
            final long band = limitPriceProtectionPaise(instrument, reference);
            if (order.isBuy() ? order.pricePaise > reference + band : order.pricePaise < reference - band)
            {
                return "Limit price protection: the " + (order.isBuy() ? "buy" : "sell") + " price " +
                    instrument.priceText(order.pricePaise) + " is " + (order.isBuy() ? "above " : "below ") +
                    instrument.priceText(order.isBuy() ? reference + band : reference - band) + " for " +
                    instrument.tradingsymbol + " (NSE's limit price protection range around " +
                    instrument.priceText(reference) + ").";
            }
        }
        if ("SL".equals(order.orderType) &&
            (order.isBuy() ? order.pricePaise < order.triggerPricePaise : order.pricePaise > order.triggerPricePaise))
        {
            return "Trigger price for stoploss " + (order.isBuy() ? "buy" : "sell") +
                " orders cannot be " + (order.isBuy() ? "above" : "below") + " the limit price.";
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
        final long available = availableMarginPaise(order.instrument.isCommodity(), order);
        if (required > available)
        {
            return String.format(Locale.ROOT, "Insufficient funds. Required margin is %.2f but available margin " +
                "is %.2f.", required / 100.0, available / 100.0);
        }
        return null;
    }

    /**
     * @return how much of a delivery holding was sold today, as Kite's {@code used_quantity} counts it: the CNC
     * sells of the day beyond its CNC buys, up to the holding.
     */
    long usedQuantity(final Holding holding)
    {
        final Position position = positions.get(holding.instrument.token + ":CNC");
        return position == null ? 0 : Math.min(holding.totalQty(), Math.max(0, -position.dayQuantity()));
    }

    private long sellableQty(final Instrument instrument, final Order exclude)
    {
        long qty = 0;
        for (final Holding holding : holdings)
        {
            if (holding.instrument == instrument)
            {
                qty += holding.totalQty();
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
        final Position position = positions.get(Position.key(order.instrument.token, order.product));
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
        final long spot = instrument.isOption() ? market.ltpPaise[instrument.underlying.index] : 0;
        return Margins.requiredPaise(instrument, product, buy, qty, pricePaise, spot);
    }

    /** The margin a position of {@code qty} blocks: none for a CNC sell, which sells holdings. */
    private long positionMarginPaise(
        final Instrument instrument, final String product, final boolean buy, final long qty, final long pricePaise)
    {
        return "CNC".equals(product) && !buy ? 0 : marginPaise(instrument, product, buy, qty, pricePaise);
    }

    /**
     * @param commodity the segment: commodity (MCX) or equity (the rest), each with funds of its own, as Kite keeps
     *                  them.
     * @param exclude   an order whose blocked margin is left out, or null.
     * @return the margin the segment's open orders and positions block.
     */
    long usedMarginPaise(final boolean commodity, final Order exclude)
    {
        long used = 0;
        for (final Order live : liveOrders)
        {
            if (live != exclude && live.instrument.isCommodity() == commodity)
            {
                used += live.marginBlockedPaise;
            }
        }
        final List<Instrument> covers = new ArrayList<>();
        final List<long[]> coverQty = new ArrayList<>();
        for (final Position position : positions.values())
        {
            final long qty = position.quantity();
            if (qty == 0 || ("CNC".equals(position.product) && qty < 0) ||
                position.instrument.isCommodity() != commodity)
            {
                continue;
            }
            final Instrument instrument = position.instrument;
            used += marginPaise(instrument, position.product, qty > 0, Math.abs(qty),
                market.ltpPaise[instrument.index]);
            if (instrument.isOption() && qty > 0)
            {
                covers.add(instrument);
                coverQty.add(new long[] {qty});
            }
        }
        return used - hedgeBenefitPaise(commodity, covers, coverQty);
    }

    /**
     * What the bought options held save of the span of the sold ones they cover, as Kite's SPAN nets a spread (the
     * basket calculator's rule, {@link Margins#coverBenefitPaise}): a spread blocks its worst loss, not a naked sale.
     */
    private long hedgeBenefitPaise(final boolean commodity, final List<Instrument> covers, final List<long[]> coverQty)
    {
        if (covers.isEmpty())
        {
            return 0;
        }
        long benefit = 0;
        for (final Position position : positions.values())
        {
            final long qty = position.quantity();
            final Instrument sold = position.instrument;
            if (qty < 0 && sold.isOption() && !"CNC".equals(position.product) && sold.isCommodity() == commodity)
            {
                final long span =
                    Margins.spanPaise(marginPaise(sold, position.product, false, -qty, market.ltpPaise[sold.index]));
                benefit += Margins.coverBenefitPaise(sold, -qty, span, covers, coverQty);
            }
        }
        return benefit;
    }

    /** @param commodity the segment. @return the P&amp;L of its positions at the last prices. */
    long m2mPaise(final boolean commodity)
    {
        long m2m = 0;
        for (final Position position : positions.values())
        {
            if (position.instrument.isCommodity() == commodity)
            {
                m2m += position.m2mPaise(market.ltpPaise[position.instrument.index]);
            }
        }
        return m2m;
    }

    /** @param commodity the segment. @return its cash at the day's start. */
    long openingBalancePaise(final boolean commodity)
    {
        return commodity ? commodityBalancePaise : openingBalancePaise;
    }

    private long availableMarginPaise(final boolean commodity, final Order exclude)
    {
        return openingBalancePaise(commodity) + m2mPaise(commodity) - usedMarginPaise(commodity, exclude);
    }

    private static void terms(
        final Order order, final String orderType, final long quantity, final long pricePaise, final long triggerPaise)
    {
        order.orderType = orderType;
        order.quantity = quantity;
        order.pricePaise = pricePaise;
        order.triggerPricePaise = triggerPaise;
    }

    private void record(final Order order, final String status, final long nowMs)
    {
        order.status = status;
        changes++;
        changedOrders.add(order);
        final ObjectNode snapshot = KiteJson.order(mapper, order, userId);
        order.history.add(snapshot);
        listener.onOrderUpdate(order, snapshot);
    }
}
