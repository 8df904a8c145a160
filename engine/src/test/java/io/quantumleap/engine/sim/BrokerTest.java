package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerTest
{
    private static final long FUNDS_PAISE = 10_00_00_000_00L;

    private final ManualClock clock = new ManualClock(ManualClock.MONDAY_10_00_IST);
    private final InstrumentUniverse universe =
        InstrumentUniverse.generate(7, 60, KiteTime.date(ManualClock.MONDAY_10_00_IST));
    private final Market market = new Market(universe, 7, clock.epochMillis() / 1000,
        KiteTime.date(clock.epochMillis()).toEpochDay());
    private final List<String> updates = new ArrayList<>();
    private final Instrument infy = universe.byKey("NSE", "INFY");
    private Broker broker = broker(false, FUNDS_PAISE);

    private Broker broker(final boolean requireMarketProtection, final long balancePaise)
    {
        return broker(requireMarketProtection, balancePaise, false);
    }

    private Broker broker(final boolean requireMarketProtection, final long balancePaise, final boolean marketHours)
    {
        return new Broker(new ObjectMapper(), universe, market, clock, "QL0001", balancePaise, balancePaise,
            requireMarketProtection, marketHours, new IdSequences(),
            (order, snapshot) -> updates.add(order.orderId + ":" + order.status));
    }

    private static OrderRequest order(final String side, final String type, final long qty, final Long pricePaise)
    {
        final OrderRequest request = new OrderRequest();
        request.variety = "regular";
        request.exchange = "NSE";
        request.tradingsymbol = "INFY";
        request.transactionType = side;
        request.orderType = type;
        request.quantity = qty;
        request.product = "MIS";
        request.pricePaise = pricePaise;
        request.validity = "DAY";
        return request;
    }

    private int slot(final int level)
    {
        return infy.index * Market.DEPTH + level;
    }

    @Test
    void shouldNotIssueAnEarlierRunsIdsWhenStartedAgainLaterTheSameDay()
    {
        broker.startIdsAt(KiteTime.secondOfDay(clock.epochMillis()));
        final List<Order> earlier = new ArrayList<>();
        for (int i = 0; i < 50; i++)
        {
            earlier.add(broker.place(order("BUY", "MARKET", 1, null), infy));
        }
        final List<Trade> earlierTrades = List.copyOf(broker.trades());
        clock.advanceMs(1_000);
        final Broker restarted = broker(false, FUNDS_PAISE);
        restarted.startIdsAt(KiteTime.secondOfDay(clock.epochMillis()));

        final Order later = restarted.place(order("BUY", "MARKET", 1, null), infy);

        assertEquals(Order.COMPLETE, later.status);
        assertEquals(50, earlierTrades.size());
        assertEquals("261130" + String.format("%09d", 36_001 * IdSequences.ORDER_IDS_PER_SECOND + 1), later.orderId);
        assertEquals(String.format("%08d", 36_001 * IdSequences.TRADE_IDS_PER_SECOND + 1),
            restarted.trades().get(0).tradeId);
        for (final Order order : earlier)
        {
            assertTrue(order.orderId.compareTo(later.orderId) < 0, order.orderId);
            assertTrue(order.exchangeOrderId.compareTo(later.exchangeOrderId) < 0, order.exchangeOrderId);
        }
        for (final Trade trade : earlierTrades)
        {
            assertTrue(trade.tradeId.compareTo(restarted.trades().get(0).tradeId) < 0, trade.tradeId);
        }
        assertThrows(IllegalStateException.class, () -> restarted.startIdsAt(0));
        assertThrows(IllegalArgumentException.class, () -> broker(false, 1).startIdsAt(86_400));
    }

    @Test
    void shouldCarryAnEarlierDaysPositionsIntoHoldingsAndOvernightPositions()
    {
        final java.time.LocalDate wednesday = KiteTime.date(ManualClock.MONDAY_10_00_IST).plusDays(2);
        final InstrumentUniverse later = InstrumentUniverse.generate(7, 60, wednesday);
        final Instrument expired = universe.instruments().stream()
            .filter(i -> i.isOption() && java.time.LocalDate.parse(i.expiry).isBefore(wednesday))
            .findFirst().orElseThrow();
        final Instrument future = universe.byKey("NFO", "NIFTY26DECFUT");
        final Instrument sbin = universe.byKey("NSE", "SBIN");
        final Instrument bought = universe.instruments().stream()
            .filter(i -> "NSE".equals(i.exchange) && i.isEquity() && broker.holdings().stream()
                .noneMatch(h -> h.instrument == i))
            .findFirst().orElseThrow();
        final List<Position> earlier = List.of(
            filled(expired, "NRML", 65, 120_00L),
            filled(future, "NRML", -65, 25_100_00L),
            filled(infy, "MIS", 5, 1_500_00L),
            filled(infy, "CNC", 10, 1_500_00L),
            filled(sbin, "CNC", -16, 800_00L),
            filled(bought, "CNC", 2, 300_00L));
        final Broker ended = broker(false, FUNDS_PAISE);
        earlier.forEach(ended::putPosition);
        final Broker next = broker(false, FUNDS_PAISE);

        final int carried = next.carryForward(later, wednesday.toEpochDay(), ended);

        assertEquals(1, carried);
        final List<Position> positions = new ArrayList<>();
        next.positions().forEach(positions::add);
        assertEquals(1, positions.size());
        final Position overnight = positions.get(0);
        assertEquals(later.byKey("NFO", "NIFTY26DECFUT"), overnight.instrument);
        assertEquals("NRML", overnight.product);
        assertEquals(-65, overnight.overnightQty);
        assertEquals(-65, overnight.quantity());
        assertEquals(0, overnight.daySellQty());
        assertEquals(65 * 25_100_00L, overnight.overnightValueUnits);
        assertTrue(!overnight.tradedToday());
        final Broker.Holding infyHolding = next.holdings().stream()
            .filter(h -> h.instrument.tradingsymbol.equals("INFY")).findFirst().orElseThrow();
        assertEquals(10, infyHolding.qty);
        assertEquals(10, infyHolding.t1Qty);
        assertEquals((1_420_50L * 10 + 1_500_00L * 10) / 20, infyHolding.averagePricePaise);
        assertTrue(next.holdings().stream().noneMatch(h -> h.instrument.tradingsymbol.equals("SBIN")));
        final Broker.Holding boughtHolding = next.holdings().stream()
            .filter(h -> h.instrument.tradingsymbol.equals(bought.tradingsymbol)).findFirst().orElseThrow();
        assertEquals(0, boughtHolding.qty);
        assertEquals(2, boughtHolding.t1Qty);
        assertTrue(boughtHolding.isin.matches("INE[0-9]{6}01[0-9]"), boughtHolding.isin);
        assertThrows(IllegalStateException.class,
            () -> next.carryForward(later, wednesday.toEpochDay(), ended));
    }

    @Test
    void shouldOpenTheNextDayWithTheEndedDaysClosingBalance()
    {
        final Instrument future = universe.byKey("NFO", "NIFTY26DECFUT");
        final Instrument gold = universe.byKey("MCX", "GOLDM26DECFUT");
        final Order misBuy = broker.place(order("BUY", "MARKET", 5, null), infy);
        final Order misSell = broker.place(order("SELL", "MARKET", 5, null), infy);
        final Order delivery = broker.place(with(order("BUY", "MARKET", 10, null), "NSE", "INFY", "CNC"), infy);
        final Order shortFuture =
            broker.place(with(order("SELL", "MARKET", 65, null), "NFO", future.tradingsymbol, "NRML"), future);
        final Order goldBuy =
            broker.place(with(order("BUY", "MARKET", 1, null), "MCX", gold.tradingsymbol, "NRML"), gold);
        final Order goldSell =
            broker.place(with(order("SELL", "MARKET", 1, null), "MCX", gold.tradingsymbol, "NRML"), gold);
        final List<Order> equityOrders = List.of(misBuy, misSell, delivery, shortFuture);
        equityOrders.forEach((o) -> assertEquals(Order.COMPLETE, o.status, o.statusMessage));
        assertEquals(Order.COMPLETE, goldSell.status, goldSell.statusMessage);
        final long infyLast = market.ltpPaise[infy.index];
        final long equityBefore = broker.openingBalancePaise(false) + broker.m2mPaise(false);
        final long commodityBefore = broker.openingBalancePaise(true) + broker.m2mPaise(true);

        final int carried = broker.rollOver(universe, KiteTime.date(clock.epochMillis()).toEpochDay() + 1);

        assertEquals(1, carried);
        final long equityCharges = equityOrders.stream().mapToLong(BrokerTest::charges).sum();
        final long goldCharges = charges(goldBuy) + charges(goldSell);
        assertTrue(equityCharges > 0 && goldCharges > 0, equityCharges + " " + goldCharges);
        assertEquals(FUNDS_PAISE + misSell.filledValuePaise - misBuy.filledValuePaise - delivery.filledValuePaise +
            shortFuture.filledValuePaise - 65 * future.closePaise - equityCharges, broker.openingBalancePaise(false));
        assertEquals(FUNDS_PAISE + gold.moneyPaise(goldSell.filledValuePaise - goldBuy.filledValuePaise) -
            goldCharges, broker.openingBalancePaise(true));
        assertEquals(equityBefore - equityCharges - 10 * infyLast,
            broker.openingBalancePaise(false) + broker.m2mPaise(false));
        assertEquals(commodityBefore - goldCharges, broker.openingBalancePaise(true) + broker.m2mPaise(true));
    }

    private static OrderRequest with(
        final OrderRequest request, final String exchange, final String tradingsymbol, final String product)
    {
        request.exchange = exchange;
        request.tradingsymbol = tradingsymbol;
        request.product = product;
        return request;
    }

    private static long charges(final Order order)
    {
        return Margins.chargesPaise(order.instrument, order.product, order.isBuy(),
            order.instrument.moneyPaise(order.filledValuePaise), order.orderTimestampMs);
    }

    private static Position filled(final Instrument instrument, final String product, final long qty,
        final long pricePaise)
    {
        final Position position = new Position(instrument, product);
        position.fill(qty > 0, Math.abs(qty), pricePaise);
        return position;
    }

    @Test
    void shouldRejectAnFnoLimitOrderOutsideLimitPriceProtection()
    {
        final Instrument future = universe.instruments().stream()
            .filter(i -> i.isFuture() && i.underlying != null && i.underlying.isIndex()).findFirst().orElseThrow();
        final long ltp = market.ltpPaise[future.index];
        final long band = Broker.limitPriceProtectionPaise(future, ltp);
        assertEquals(ltp > 10_000_00 ? ltp * 2 / 100 : 200_00, band);
        final long tick = future.tickPaise;

        final Order tooHigh = broker.place(futureOrder(future, "BUY", (ltp + band) / tick * tick + tick), future);
        final Order tooLow = broker.place(futureOrder(future, "SELL", (ltp - band) / tick * tick - tick), future);
        final Order within = broker.place(futureOrder(future, "BUY", (ltp + band) / tick * tick), future);

        assertEquals(Order.REJECTED, tooHigh.status);
        assertTrue(tooHigh.statusMessage.startsWith("Limit price protection: the buy price"), tooHigh.statusMessage);
        assertEquals(Order.REJECTED, tooLow.status);
        assertTrue(tooLow.statusMessage.contains("is below"), tooLow.statusMessage);
        assertTrue(!Order.REJECTED.equals(within.status), within.statusMessage);
        final Instrument option =
            universe.instruments().stream().filter(Instrument::isOption).findFirst().orElseThrow();
        assertEquals(20_00, Broker.limitPriceProtectionPaise(option, 30_00));
        assertEquals(40_00, Broker.limitPriceProtectionPaise(option, 100_00));
    }

    private static OrderRequest futureOrder(final Instrument future, final String side, final long pricePaise)
    {
        final OrderRequest request = order(side, "LIMIT", future.lotSize, pricePaise);
        request.exchange = future.exchange;
        request.tradingsymbol = future.tradingsymbol;
        request.product = "NRML";
        return request;
    }

    @Test
    void shouldCancelTheUnfilledRestOfAnIocOrder()
    {
        final long bestAsk = market.askPricePaise[slot(0)];
        final long available = market.askQty[slot(0)];
        final OrderRequest request = order("BUY", "LIMIT", available + 10, bestAsk);
        request.validity = "IOC";

        final Order order = broker.place(request, infy);

        assertEquals(Order.CANCELLED, order.status);
        assertEquals(available, order.filledQuantity);
        assertEquals(10, order.cancelledQuantity);
        assertEquals(bestAsk / 100.0, order.averagePrice(), 1e-9);
    }

    @Test
    void shouldFillARestingLimitOrderPartlyAndThenFullyAsTheMarketComesToIt()
    {
        final long limit = market.askPricePaise[slot(0)];
        final long qty = market.askQty[slot(0)] + 5;
        final Order order = broker.place(order("BUY", "LIMIT", qty, limit), infy);
        assertEquals(Order.OPEN, order.status);
        assertTrue(order.filledQuantity > 0 && order.pendingQuantity() == 5);

        market.trade(infy.index, limit - 2 * infy.tickPaise, 1, clock.epochMillis() / 1000);
        market.rebuildDepth(infy.index);
        broker.onMarketStep();

        assertEquals(Order.COMPLETE, order.status);
        assertEquals(qty, order.filledQuantity);
        assertTrue(broker.trades().size() >= 2);
    }

    @Test
    void shouldExpireTtlOrdersAfterTheirMinutes()
    {
        final OrderRequest request = order("BUY", "LIMIT", 1, Instrument.roundToTick(market.ltpPaise[infy.index] * 95 /
            100, infy.tickPaise));
        request.validity = "TTL";
        request.validityTtl = 1;
        final Order order = broker.place(request, infy);
        assertEquals(Order.OPEN, order.status);

        clock.advanceMs(61_000);
        broker.onMarketStep();

        assertEquals(Order.CANCELLED, order.status);
        assertTrue(order.statusMessage.contains("TTL"));
    }

    @Test
    void shouldRefuseTheTwentySixthModification()
    {
        final long price = Instrument.roundToTick(market.ltpPaise[infy.index] * 95 / 100, infy.tickPaise);
        final Order order = broker.place(order("BUY", "LIMIT", 1, price), infy);
        final OrderRequest change = new OrderRequest();
        for (int i = 0; i < Broker.MAX_MODIFICATIONS; i++)
        {
            change.quantity = 2L + (i % 2);
            broker.modify("regular", order.orderId, change);
        }

        final KiteError error = assertThrows(KiteError.class, () -> broker.modify("regular", order.orderId, change));
        assertEquals("OrderException", error.errorType);
        assertTrue(order.modified);
    }

    @Test
    void shouldKeepAnOrderUnchangedWhenAModificationBreaksARule()
    {
        final long price = Instrument.roundToTick(market.ltpPaise[infy.index] * 95 / 100, infy.tickPaise);
        final Order order = broker.place(order("BUY", "LIMIT", 1, price), infy);
        final OrderRequest change = new OrderRequest();
        change.pricePaise = price + 1;

        final KiteError error = assertThrows(KiteError.class, () -> broker.modify("regular", order.orderId, change));

        assertTrue(error.getMessage().contains("Tick size"));
        assertEquals(price, order.pricePaise);
        assertEquals(Order.OPEN, order.status);
    }

    @Test
    void shouldRefuseAModificationToTermsAPlacementWouldRefuse()
    {
        final long price = Instrument.roundToTick(market.ltpPaise[infy.index] * 95 / 100, infy.tickPaise);
        final Order order = broker.place(order("BUY", "LIMIT", 3, price), infy);
        final Instrument future = universe.instruments().stream()
            .filter((i) -> "NFO".equals(i.exchange) && !i.isOption()).findFirst().orElseThrow();
        final OrderRequest futureRequest = order("BUY", "LIMIT", future.lotSize,
            Instrument.roundToTick(market.ltpPaise[future.index] * 95 / 100, future.tickPaise));
        futureRequest.exchange = "NFO";
        futureRequest.tradingsymbol = future.tradingsymbol;
        futureRequest.product = "NRML";
        final Order futureOrder = broker.place(futureRequest, future);
        assertEquals(Order.OPEN, futureOrder.status);

        final OrderRequest negative = new OrderRequest();
        negative.disclosedQuantity = -4L;
        final OrderRequest aboveQuantity = new OrderRequest();
        aboveQuantity.disclosedQuantity = 99L;
        final OrderRequest belowDisclosed = new OrderRequest();
        final OrderRequest ttl = new OrderRequest();
        ttl.validity = "TTL";
        final OrderRequest onFuture = new OrderRequest();
        onFuture.disclosedQuantity = 1L;

        assertTrue(assertThrows(KiteError.class, () -> broker.modify("regular", order.orderId, negative))
            .getMessage().contains("`disclosed_quantity` -4 must be between 0 and `quantity` 3"));
        assertTrue(assertThrows(KiteError.class, () -> broker.modify("regular", order.orderId, aboveQuantity))
            .getMessage().contains("`disclosed_quantity` 99 must be between 0 and `quantity` 3"));
        final OrderRequest disclose = new OrderRequest();
        disclose.disclosedQuantity = 2L;
        broker.modify("regular", order.orderId, disclose);
        belowDisclosed.quantity = 1L;
        assertTrue(assertThrows(KiteError.class, () -> broker.modify("regular", order.orderId, belowDisclosed))
            .getMessage().contains("`disclosed_quantity` 2 must be between 0 and `quantity` 1"));
        assertTrue(assertThrows(KiteError.class, () -> broker.modify("regular", order.orderId, ttl))
            .getMessage().contains("cannot be modified to TTL"));
        assertTrue(assertThrows(KiteError.class, () -> broker.modify("regular", futureOrder.orderId, onFuture))
            .getMessage().contains("only for equity"));

        assertEquals(2, order.disclosedQuantity);
        assertEquals(3, order.quantity);
        assertEquals("DAY", order.validity);
        assertEquals(0, futureOrder.disclosedQuantity);
        assertEquals(1, order.modifyCount);
    }

    @Test
    void shouldShowNoPriceOnAMarketOrderAndNoTriggerOrTtlWhereTheOrderHasNone()
    {
        final OrderRequest market = order("BUY", "MARKET", 1, 150_000L);
        market.triggerPricePaise = 149_000L;
        final OrderRequest limit = order("BUY", "LIMIT", 1,
            Instrument.roundToTick(this.market.ltpPaise[infy.index] * 95 / 100, infy.tickPaise));
        limit.triggerPricePaise = 149_000L;
        limit.validityTtl = 5;

        final Order marketOrder = broker.place(market, infy);
        final Order limitOrder = broker.place(limit, infy);

        assertEquals(Order.COMPLETE, marketOrder.status);
        assertEquals(0, marketOrder.pricePaise);
        assertEquals(0, marketOrder.triggerPricePaise);
        assertEquals(Order.OPEN, limitOrder.status);
        assertEquals(limit.pricePaise, limitOrder.pricePaise);
        assertEquals(0, limitOrder.triggerPricePaise);
        assertEquals(0, limitOrder.validityTtl);

        final OrderRequest toMarket = new OrderRequest();
        toMarket.orderType = "MARKET";
        broker.modify("regular", limitOrder.orderId, toMarket);
        assertEquals(Order.COMPLETE, limitOrder.status);
        assertEquals(0, limitOrder.pricePaise);
    }

    @Test
    void shouldRefuseAStopLossBuyWhoseTriggerIsBelowTheLastPriceBeforeTheBook()
    {
        final OrderRequest request = order("BUY", "SL", 1, market.ltpPaise[infy.index]);
        request.triggerPricePaise = market.ltpPaise[infy.index] - 10 * infy.tickPaise;
        final int booked = count(broker.orders());

        final KiteError refused = assertThrows(KiteError.class, () -> broker.place(request, infy));

        assertEquals("InputException", refused.errorType);
        assertTrue(refused.getMessage().contains("higher than the last traded price"), refused.getMessage());
        assertEquals(booked, count(broker.orders()));
    }

    @Test
    void shouldRejectSlmOrdersOnOptions()
    {
        final Instrument option = universe.instruments().stream().filter(Instrument::isOption).findFirst()
            .orElseThrow();
        final OrderRequest request = order("BUY", "SL-M", option.lotSize, null);
        request.exchange = "NFO";
        request.tradingsymbol = option.tradingsymbol;
        request.product = "NRML";
        request.triggerPricePaise = market.ltpPaise[option.index] + 100;

        final Order order = broker.place(request, option);

        assertEquals(Order.REJECTED, order.status);
        assertTrue(order.statusMessage.contains("16052"));
    }

    @Test
    void shouldRejectMarketOrdersWithoutProtectionWhenRequired()
    {
        broker = broker(true, FUNDS_PAISE);

        assertEquals(Order.REJECTED, broker.place(order("BUY", "MARKET", 1, null), infy).status);
        final OrderRequest protectedOrder = order("BUY", "MARKET", 1, null);
        protectedOrder.marketProtection = 2.0;
        assertEquals(Order.COMPLETE, broker.place(protectedOrder, infy).status);
    }

    @Test
    void shouldFillAnAutomaticallyProtectedMarketOrderNoFurtherThanThreePercentFromTheLastPrice()
    {
        final long ltp = market.ltpPaise[infy.index];
        market.askPricePaise[slot(0)] = ltp;
        market.askPricePaise[slot(1)] = Instrument.roundToTick(ltp * 104 / 100, infy.tickPaise);
        final long available = market.askQty[slot(0)];
        final OrderRequest request = order("BUY", "MARKET", available + 5, null);
        request.marketProtection = -1.0;

        final Order order = broker.place(request, infy);

        assertEquals(Order.OPEN, order.status);
        assertEquals(available, order.filledQuantity);
        assertEquals(-1.0, order.marketProtection);
        assertEquals(Order.AUTO_MARKET_PROTECTION_PERCENT, order.appliedMarketProtection());
    }

    @Test
    void shouldRejectAnOrderThatNeedsMoreMarginThanIsAvailable()
    {
        broker = broker(false, market.ltpPaise[infy.index] * 10 / 5);

        assertEquals(Order.COMPLETE, broker.place(order("BUY", "MARKET", 9, null), infy).status);
        final Order tooBig = broker.place(order("BUY", "MARKET", 5, null), infy);

        assertEquals(Order.REJECTED, tooBig.status);
        assertTrue(tooBig.statusMessage.startsWith("Insufficient funds"));
        assertEquals(Order.COMPLETE, broker.place(order("SELL", "MARKET", 9, null), infy).status);
    }

    @Test
    void shouldRefuseOrdersOutsideMarketHoursAndCancelOpenOrdersAtTheClose()
    {
        broker = broker(false, FUNDS_PAISE, true);
        final long price = Instrument.roundToTick(market.ltpPaise[infy.index] * 95 / 100, infy.tickPaise);
        clock.advanceMs((5 * 60 + 29) * 60_000L);
        final OrderRequest delivery = order("BUY", "LIMIT", 1, price);
        delivery.product = "CNC";
        final Order order = broker.place(delivery, infy);
        assertEquals(Order.OPEN, order.status);

        clock.advanceMs(2 * 60_000L);
        broker.onMarketStep();

        assertEquals(Order.CANCELLED, order.status);
        final KiteError error = assertThrows(KiteError.class,
            () -> broker.place(order("BUY", "MARKET", 1, null), infy));
        assertEquals(MarketHours.CLOSED_MESSAGE, error.getMessage());
        assertEquals("InputException", error.errorType);
    }

    @Test
    void shouldSquareOffIntradayPositionsAtTheCutOffAndRefuseIntradayOrdersAfterIt()
    {
        broker = broker(false, FUNDS_PAISE, true);
        final long below = Instrument.roundToTick(market.ltpPaise[infy.index] * 95 / 100, infy.tickPaise);
        assertEquals(Order.COMPLETE, broker.place(order("BUY", "MARKET", 3, null), infy).status);
        final Order resting = broker.place(order("BUY", "LIMIT", 1, below), infy);
        final OrderRequest delivery = order("BUY", "MARKET", 2, null);
        delivery.product = "CNC";
        assertEquals(Order.COMPLETE, broker.place(delivery, infy).status);
        clock.advanceMs((5 * 60 + 19) * 60_000L);
        broker.onMarketStep();
        assertEquals(Order.OPEN, resting.status);
        assertEquals(3, broker.netQuantity(infy.token, "MIS"));

        clock.advanceMs(60_000L);
        broker.onMarketStep();
        broker.onMarketStep();

        assertEquals(Order.CANCELLED, resting.status);
        assertEquals(Broker.SQUARE_OFF_CANCEL_MESSAGE, resting.statusMessage);
        final List<Order> squareOffs = squareOffs();
        assertEquals(1, squareOffs.size());
        final Order squareOff = squareOffs.get(0);
        assertEquals(List.of("SELL", "MARKET", "MIS", 3L, Order.COMPLETE), List.of(squareOff.transactionType,
            squareOff.orderType, squareOff.product, squareOff.filledQuantity, squareOff.status));
        assertTrue(updates.contains(squareOff.orderId + ":COMPLETE"), updates.toString());
        assertEquals(0, broker.netQuantity(infy.token, "MIS"));
        assertEquals(2, broker.netQuantity(infy.token, "CNC"));
        final KiteError refused = assertThrows(KiteError.class,
            () -> broker.place(order("BUY", "LIMIT", 1, below), infy));
        assertEquals("InputException", refused.errorType);
        assertEquals("Intraday MIS orders are not accepted after the auto square-off of intraday positions at 15:20 " +
            "IST for equity; use CNC instead.", refused.getMessage());
        final OrderRequest cnc = order("BUY", "LIMIT", 1, below);
        cnc.product = "CNC";
        assertEquals(Order.OPEN, broker.place(cnc, infy).status);
        final KiteError conversion = assertThrows(KiteError.class,
            () -> broker.convertPosition(infy, true, 2, "CNC", "MIS", false));
        assertTrue(conversion.getMessage().startsWith("Intraday MIS orders are not accepted"),
            conversion.getMessage());
    }

    @Test
    void shouldSquareOffFuturesAtTheirOwnCutOffAndKeepTryingWhatTheDepthCannotFill()
    {
        broker = broker(false, FUNDS_PAISE, true);
        final Instrument future = universe.instruments().stream()
            .filter(i -> i.isFuture() && "NFO".equals(i.exchange)).findFirst().orElseThrow();
        final OrderRequest sell = futureOrder(future, "SELL", 0);
        sell.orderType = "MARKET";
        sell.pricePaise = null;
        sell.product = "MIS";
        assertEquals(Order.COMPLETE, broker.place(sell, future).status);
        clock.advanceMs((5 * 60 + 20) * 60_000L);
        broker.onMarketStep();
        assertEquals(-future.lotSize, broker.netQuantity(future.token, "MIS"));
        final int base = future.index * Market.DEPTH;
        java.util.Arrays.fill(market.askQty, base, base + Market.DEPTH, 0);

        clock.advanceMs(5 * 60_000L);
        broker.onMarketStep();
        broker.onMarketStep();

        final List<Order> squareOffs = squareOffs();
        assertEquals(1, squareOffs.size());
        final Order squareOff = squareOffs.get(0);
        assertEquals(List.of("BUY", 0L, Order.OPEN), List.of(squareOff.transactionType, squareOff.filledQuantity,
            squareOff.status));
        final KiteError refused = assertThrows(KiteError.class, () -> broker.place(sell, future));
        assertTrue(refused.getMessage().endsWith("at 15:25 IST for F&O; use NRML instead."), refused.getMessage());

        market.rebuildDepth(future.index);
        broker.onMarketStep();

        assertEquals(Order.COMPLETE, squareOff.status);
        assertEquals(0, broker.netQuantity(future.token, "MIS"));
        assertEquals(1, squareOffs().size());
    }

    @Test
    void shouldSquareOffACoverOrderByCancellingItsStopAndClosingItsPosition()
    {
        broker = broker(false, FUNDS_PAISE, true);
        final OrderRequest cover = order("BUY", "MARKET", 2, null);
        cover.variety = "co";
        cover.triggerPricePaise = Instrument.roundToTick(market.ltpPaise[infy.index] * 98 / 100, infy.tickPaise);
        final Order entry = broker.place(cover, infy);
        assertEquals(Order.COMPLETE, entry.status);
        final Order stop = broker.liveOrders.get(0);
        assertEquals(List.of(entry.orderId, Order.TRIGGER_PENDING), List.of(stop.parentOrderId, stop.status));

        clock.advanceMs((5 * 60 + 20) * 60_000L);
        broker.onMarketStep();

        assertEquals(Order.CANCELLED, stop.status);
        assertEquals(Broker.SQUARE_OFF_CANCEL_MESSAGE, stop.statusMessage);
        final Order squareOff = squareOffs().get(0);
        assertEquals(List.of("SELL", "CO", 2L, Order.COMPLETE), List.of(squareOff.transactionType, squareOff.product,
            squareOff.filledQuantity, squareOff.status));
        assertEquals(0, broker.netQuantity(infy.token, "CO"));
        final KiteError refused = assertThrows(KiteError.class, () -> broker.place(cover, infy));
        assertTrue(refused.getMessage().startsWith("Intraday CO orders are not accepted"), refused.getMessage());
    }

    @Test
    void shouldTakeOrdersInThePreOpenAndMatchThoseThatCrossAtTheEquilibriumPriceWhenEntryCloses()
    {
        broker = broker(false, FUNDS_PAISE, true);
        final long close = market.ltpPaise[infy.index];
        final long below = Instrument.roundToTick(close * 95 / 100, infy.tickPaise);
        clock.advanceMs(-58 * 60_000L);
        final Order crossing = broker.place(order("BUY", "LIMIT", 2, close + 10 * infy.tickPaise), infy);
        final Order resting = broker.place(order("BUY", "LIMIT", 1, below), infy);
        final Order atMarket = broker.place(order("SELL", "MARKET", 4, null), infy);
        broker.onMarketStep();
        assertEquals(List.of(Order.OPEN, Order.OPEN, Order.OPEN), List.of(crossing.status, resting.status,
            atMarket.status));
        assertEquals(0, broker.trades().size());
        final OrderRequest stop = order("BUY", "SL", 1, close);
        stop.triggerPricePaise = close;
        assertEquals("SL orders are not taken in the pre-open session (09:00 to 09:10 IST); place a LIMIT or MARKET " +
            "order, or the SL order from 09:15.", assertThrows(KiteError.class, () -> broker.place(stop, infy))
            .getMessage());
        final OrderRequest ioc = order("BUY", "LIMIT", 1, below);
        ioc.validity = "IOC";
        assertThrows(KiteError.class, () -> broker.place(ioc, infy));

        clock.advanceMs(4 * 60_000L);
        assertEquals(MarketHours.PRE_OPEN_MARKET_ORDERS_MESSAGE, assertThrows(KiteError.class,
            () -> broker.place(order("BUY", "MARKET", 1, null), infy)).getMessage());
        assertThrows(KiteError.class, () -> broker.cancel("regular", atMarket.orderId, null));
        assertEquals(Order.OPEN, broker.place(order("BUY", "LIMIT", 1, below), infy).status);
        clock.advanceMs(3 * 60_000L);
        broker.onMarketStep();
        assertEquals(List.of(Order.OPEN, Order.OPEN, Order.OPEN), List.of(crossing.status, resting.status,
            atMarket.status));

        clock.advanceMs(60_000L);
        broker.onMarketStep();

        assertEquals(List.of(Order.COMPLETE, Order.OPEN, Order.COMPLETE), List.of(crossing.status, resting.status,
            atMarket.status));
        assertEquals(close / 100.0, crossing.averagePrice(), 1e-9);
        assertEquals(close / 100.0, atMarket.averagePrice(), 1e-9);
        assertEquals(-2, broker.netQuantity(infy.token, "MIS"));
        assertEquals(MarketHours.CLOSED_MESSAGE, assertThrows(KiteError.class,
            () -> broker.place(order("BUY", "LIMIT", 1, below), infy)).getMessage());
        assertTrue(assertThrows(KiteError.class, () -> broker.cancel("regular", resting.orderId, null)).getMessage()
            .startsWith("Orders cannot be changed or cancelled once the pre-open session's order entry has closed"));

        clock.advanceMs(5 * 60_000L);
        broker.onMarketStep();
        assertEquals(Order.OPEN, resting.status);
        assertEquals(Order.CANCELLED, broker.cancel("regular", resting.orderId, null).status);
    }

    @Test
    void shouldTakeTheNearMonthsFuturesIntoTheFnoPreOpenAndLeaveOptionsAndFarMonthsForTheOpen()
    {
        broker = broker(false, FUNDS_PAISE, true);
        final List<Instrument> niftyFutures = universe.instruments().stream()
            .filter(i -> i.isFuture() && "NIFTY".equals(i.name))
            .sorted(java.util.Comparator.comparingLong(i -> i.expiryEpochDay)).toList();
        final Instrument near = niftyFutures.get(0);
        final Instrument far = niftyFutures.get(1);
        final Instrument option = universe.instruments().stream()
            .filter(i -> i.isOption() && "NFO".equals(i.exchange)).findFirst().orElseThrow();
        final long close = market.ltpPaise[near.index];
        clock.advanceMs(-58 * 60_000L);

        final OrderRequest buy = futureOrder(near, "BUY", 0);
        buy.orderType = "MARKET";
        buy.pricePaise = null;
        final Order entered = broker.place(buy, near);
        assertEquals(Order.OPEN, entered.status);
        assertEquals(MarketHours.CLOSED_MESSAGE, assertThrows(KiteError.class,
            () -> broker.place(futureOrder(far, "BUY", market.ltpPaise[far.index]), far)).getMessage());
        final OrderRequest optionBuy = futureOrder(option, "BUY", market.ltpPaise[option.index]);
        assertEquals(MarketHours.CLOSED_MESSAGE, assertThrows(KiteError.class,
            () -> broker.place(optionBuy, option)).getMessage());
        final OrderRequest stop = futureOrder(near, "SELL", close);
        stop.orderType = "SL";
        stop.triggerPricePaise = close;
        assertTrue(assertThrows(KiteError.class, () -> broker.place(stop, near)).getMessage()
            .startsWith("SL orders are not taken in the pre-open session (09:00 to 09:08 IST)"));
        clock.advanceMs(5 * 60_000L);
        final Order late = broker.place(buy, near);
        broker.onMarketStep();
        assertEquals(List.of(Order.OPEN, Order.OPEN), List.of(entered.status, late.status));

        clock.advanceMs(60_000L);
        broker.onMarketStep();

        assertEquals(List.of(Order.COMPLETE, Order.COMPLETE), List.of(entered.status, late.status));
        assertEquals(close / 100.0, late.averagePrice(), 1e-9);
        assertEquals(2L * near.lotSize, broker.netQuantity(near.token, "NRML"));
        assertTrue(MarketHours.inFuturesPreOpen(far, KiteTime.date(ManualClock.MONDAY_10_00_IST).plusDays(28)));
    }

    @Test
    void shouldSendAnAfterMarketOrderIntoTheNextDaysPreOpen()
    {
        broker = broker(false, FUNDS_PAISE, true);
        clock.advanceMs((6 * 60 + 30) * 60_000L);
        final long close = market.ltpPaise[infy.index];
        final OrderRequest request = order("BUY", "LIMIT", 3, close);
        request.variety = "amo";
        request.product = "CNC";
        final Order amo = broker.place(request, infy);
        assertEquals(Order.AMO_REQ_RECEIVED, amo.status);

        clock.advanceMs((16 * 60 + 31) * 60_000L);
        broker.onMarketStep();
        assertEquals(Order.OPEN, amo.status);
        assertEquals(0, amo.filledQuantity);
        clock.advanceMs(9 * 60_000L);
        broker.onMarketStep();

        assertEquals(Order.COMPLETE, amo.status);
        assertEquals(close / 100.0, amo.averagePrice(), 1e-9);
    }

    private List<Order> squareOffs()
    {
        final List<Order> squareOffs = new ArrayList<>();
        broker.orders().forEach(o -> {
            if (o.extraTags.contains(Broker.SQUARE_OFF_TAG))
            {
                squareOffs.add(o);
            }
        });
        return squareOffs;
    }

    @Test
    void shouldEndTheDayOrdersOfAnAlwaysOpenMarketAtMidnightIstAndKeepItsAfterMarketOrders()
    {
        final long below = Instrument.roundToTick(market.ltpPaise[infy.index] * 95 / 100, infy.tickPaise);
        clock.advanceMs((13 * 60 + 59) * 60_000L);
        final Order day = broker.place(order("BUY", "LIMIT", 1, below), infy);
        final OrderRequest afterMarket = order("BUY", "LIMIT", 1, below);
        afterMarket.variety = "amo";
        final Order amo = broker.place(afterMarket, infy);
        clock.advanceMs(59_000L);
        broker.onMarketStep();
        assertEquals(List.of(Order.OPEN, Order.AMO_REQ_RECEIVED), List.of(day.status, amo.status));

        clock.advanceMs(2_000L);
        broker.onMarketStep();

        assertEquals(Order.CANCELLED, day.status);
        assertEquals(Broker.SESSION_END_MESSAGE, day.statusMessage);
        assertEquals(Order.OPEN, amo.status);
        broker.onMarketStep();
        assertEquals(Order.OPEN, amo.status);
        final Order today = broker.place(order("BUY", "LIMIT", 1, below), infy);
        broker.onMarketStep();
        assertEquals(Order.OPEN, today.status);
    }

    @Test
    void shouldRejectAnIndexOptionMarketOrderOnAnUntradedContractOrOneThatWouldFillPastTheExchangesRange()
    {
        final Instrument option = universe.instruments().stream()
            .filter(i -> i.isOption() && i.isIndexOption() && "NFO".equals(i.exchange) &&
                market.askPricePaise[i.index * Market.DEPTH] > 0).findFirst().orElseThrow();
        final OrderRequest buy = futureOrder(option, "BUY", 0);
        buy.orderType = "MARKET";
        buy.pricePaise = null;
        final int base = option.index * Market.DEPTH;
        final long ltp = market.ltpPaise[option.index];
        final long volume = market.volume[option.index];
        market.volume[option.index] = 0;

        final Order untraded = broker.place(buy, option);

        assertEquals(Order.REJECTED, untraded.status);
        assertTrue(untraded.statusMessage.contains("(NSE error 17181)"), untraded.statusMessage);
        market.volume[option.index] = Math.max(1, volume);
        for (int level = 0; level < Market.DEPTH; level++)
        {
            market.askQty[base + level] = option.lotSize;
        }
        final long band = Math.max(ltp / 5, 10_00);
        market.askPricePaise[base + 1] = ltp + band + option.tickPaise;
        final OrderRequest twoLots = futureOrder(option, "BUY", 0);
        twoLots.orderType = "MARKET";
        twoLots.pricePaise = null;
        twoLots.quantity = 2L * option.lotSize;

        final Order past = broker.place(twoLots, option);

        assertEquals(Order.REJECTED, past.status);
        assertTrue(past.statusMessage.contains("(NSE error 17182)"), past.statusMessage);
        assertEquals(0, past.filledQuantity);
        final Order oneLot = broker.place(buy, option);
        assertEquals(Order.COMPLETE, oneLot.status);
        assertEquals(market.askPricePaise[base] / 100.0, oneLot.averagePrice(), 1e-9);
    }

    @Test
    void shouldTellTheListenerOfEveryStateChange()
    {
        final Order order = broker.place(order("BUY", "MARKET", 1, null), infy);

        assertEquals(List.of(order.orderId + ":PUT ORDER REQ RECEIVED", order.orderId + ":VALIDATION PENDING",
            order.orderId + ":OPEN PENDING", order.orderId + ":OPEN", order.orderId + ":COMPLETE"), updates);
        assertEquals(5, order.history.size());
    }

    private static int count(final Iterable<?> items)
    {
        int count = 0;
        for (final Object ignored : items)
        {
            count++;
        }
        return count;
    }
}
