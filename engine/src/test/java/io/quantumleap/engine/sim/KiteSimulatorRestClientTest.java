package io.quantumleap.engine.sim;

import io.quantumleap.engine.kite.rest.KiteBasketMargin;
import io.quantumleap.engine.kite.rest.KiteErrorType;
import io.quantumleap.engine.kite.rest.KiteException;
import io.quantumleap.engine.kite.rest.KiteGtt;
import io.quantumleap.engine.kite.rest.KiteGttParams;
import io.quantumleap.engine.kite.rest.KiteMarginOrder;
import io.quantumleap.engine.kite.rest.KiteOrder;
import io.quantumleap.engine.kite.rest.KiteOrderMargin;
import io.quantumleap.engine.kite.rest.KiteOrderParams;
import io.quantumleap.engine.kite.rest.KiteRestClient;
import io.quantumleap.engine.kite.rest.KiteRestContext;
import io.quantumleap.engine.kite.rest.RateLimiter;
import io.quantumleap.engine.kite.ticker.KiteTextFrame;
import io.quantumleap.engine.kite.ticker.KiteTextFrameParser;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.OrderUpdateCommandDecoder;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteSimulatorRestClientTest
{
    private final ManualClock clock = new ManualClock(ManualClock.MONDAY_10_00_IST);
    private KiteSimulator sim;
    private KiteRestClient rest;

    @BeforeEach
    void start() throws Exception
    {
        sim = new KiteSimulator(SimHttp.context(clock)).start();
        rest = new KiteRestClient(new KiteRestContext()
            .apiKey(sim.apiKey())
            .apiSecret(sim.apiSecret())
            .apiUrl(URI.create(sim.restBaseUrl()))
            .rateLimiter(new RateLimiter(SystemNanoClock.INSTANCE, 100, 100, 100, 1_000, 100)));
        rest.generateSession(new SimHttp(sim).requestToken()).join();
    }

    @AfterEach
    void stop()
    {
        rest.close();
        sim.close();
    }

    private String price(final String exchange, final String symbol, final int percent)
    {
        return SimHttp.price(sim, exchange, symbol, percent);
    }

    private static KiteOrderParams order(
        final String symbol, final String side, final String type, final long qty, final String product,
        final String price, final String trigger, final int legs, final long legQty, final String auction)
    {
        return new KiteOrderParams("NSE", symbol, side, type, qty, product, price, trigger, 0, "DAY", 0, legs, legQty,
            0, null, auction, null);
    }

    @Test
    void shouldPlaceModifyAndCancelEveryVarietyThroughOurClient()
    {
        final String coEntry = rest.placeOrder("co", order("INFY", "BUY", "MARKET", 2, "CO", null,
            price("NSE", "INFY", 98), 0, 0, null)).join().orderId();
        final String iceberg = rest.placeOrder("iceberg", order("INFY", "BUY", "LIMIT", 6, "CNC",
            price("NSE", "INFY", 95), null, 3, 2, null)).join().orderId();
        sim.openAuction("20", "NSE", "SBIN", 30);
        final String auction = rest.placeOrder("auction", order("SBIN", "SELL", "LIMIT", 4, "CNC",
            price("NSE", "SBIN", 100), null, 0, 0, "20")).join().orderId();

        final List<KiteOrder> placed = rest.orders().join();
        final KiteOrder leg = placed.get(1);
        assertEquals(coEntry, leg.parentOrderId());
        assertEquals("TRIGGER PENDING", leg.status());
        rest.modifyOrder("co", leg.orderId(), new KiteOrderParams(null, null, null, "SL-M", 2, null, null,
            price("NSE", "INFY", 99), 0, null, 0, 0, 0, 0, null, null, coEntry)).join();
        rest.cancelOrder("co", leg.orderId(), coEntry).join();
        rest.modifyOrder("iceberg", iceberg, order("INFY", "BUY", "LIMIT", 2, "CNC", price("NSE", "INFY", 96), null,
            0, 0, null)).join();
        rest.cancelOrder("iceberg", iceberg, null).join();
        rest.modifyOrder("auction", auction, order("SBIN", "SELL", "LIMIT", 4, "CNC", price("NSE", "SBIN", 101),
            null, 0, 0, null)).join();
        rest.cancelOrder("auction", auction, null).join();
        clock.advanceMs(10 * 3_600_000L);
        final String amo = rest.placeOrder("amo", order("INFY", "BUY", "LIMIT", 1, "CNC", price("NSE", "INFY", 95),
            null, 0, 0, null)).join().orderId();
        rest.modifyOrder("amo", amo, order("INFY", "BUY", "LIMIT", 3, "CNC", price("NSE", "INFY", 94), null, 0, 0,
            null)).join();

        final List<KiteOrder> orders = rest.orders().join();
        assertEquals(List.of("co", "co", "iceberg", "auction", "amo"),
            orders.stream().map(KiteOrder::variety).toList());
        assertEquals(List.of("COMPLETE", "COMPLETE", "CANCELLED", "CANCELLED", "AMO REQ RECEIVED"),
            orders.stream().map(KiteOrder::status).toList());
        assertEquals("20", orders.get(3).auctionNumber());
        assertEquals(3, orders.get(4).quantity());
        assertTrue(rest.orderHistory(iceberg).join().stream().anyMatch(o -> "MODIFIED".equals(o.status())));
    }

    @Test
    void shouldReadAMarketProtectedOrderBesideKitesMktpTagsAsTheEngineTaggedIt()
    {
        final String orderId = rest.placeOrder("regular", new KiteOrderParams("NSE", "INFY", "BUY", "MARKET", 1,
            "CNC", null, null, 0, "DAY", 0, 0, 0, -1, "QL42", null, null)).join().orderId();

        final KiteOrder order = rest.orders().join().get(0);
        final String json = sim.agent().call(() -> sim.agent().broker().order(orderId).latest().toString());
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[KiteTextFrameParser.MAX_ENCODED_LENGTH]);
        final KiteTextFrame frame = new KiteTextFrameParser().parse("{\"type\":\"order\",\"data\":" + json + "}", 1,
            0, buffer, 0);

        assertEquals(orderId, order.orderId());
        assertEquals("COMPLETE", order.status());
        assertEquals("QL42", order.tag());
        assertEquals(List.of("QL42", "mktp", "mktp:3.00"), order.tags());
        assertInstanceOf(KiteTextFrame.OrderUpdate.class, frame, frame.toString());
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        final OrderUpdateCommandDecoder update = new OrderUpdateCommandDecoder().wrap(buffer,
            MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertEquals(42, update.clientOrderId());
        assertEquals(orderId, update.brokerOrderId());
    }

    @Test
    void shouldMapTheSimulatorsVarietyErrorsToTypedExceptions()
    {
        final CompletionException legs = assertThrows(CompletionException.class, () -> rest.placeOrder("iceberg",
            order("INFY", "BUY", "LIMIT", 6, "CNC", price("NSE", "INFY", 95), null, 1, 6, null)).join());
        final KiteException error = assertInstanceOf(KiteException.class, legs.getCause());
        assertEquals(KiteErrorType.INPUT, error.type());
        assertTrue(error.getMessage().contains("iceberg_legs"), error.getMessage());
        final Instrument option = sim.agent().universe().instruments().stream()
            .filter(Instrument::isIndexOption).findFirst().orElseThrow();
        final CompletionException amo = assertThrows(CompletionException.class, () -> rest.placeOrder("amo",
            new KiteOrderParams("NFO", option.tradingsymbol, "BUY", "MARKET", option.lotSize, "NRML", null, null, 0,
                "DAY", 0, 0, 0, 0, null, null, null)).join());
        assertEquals(KiteErrorType.INPUT, assertInstanceOf(KiteException.class, amo.getCause()).type());
        final CompletionException variety = assertThrows(CompletionException.class, () -> rest.placeOrder("bo",
            order("INFY", "BUY", "MARKET", 1, "CNC", null, null, 0, 0, null)).join());
        assertEquals(KiteErrorType.INPUT, assertInstanceOf(KiteException.class, variety.getCause()).type());
        assertEquals(3, rest.errorCount(KiteErrorType.INPUT));
    }

    @Test
    void shouldQuoteTheMarginAnOrderThenBlocksWhenPlaced()
    {
        final String below = price("NSE", "INFY", 95);
        final KiteOrderParams cnc = order("INFY", "BUY", "LIMIT", 10, "CNC", below, null, 0, 0, null);
        final KiteOrderParams mis = order("INFY", "BUY", "LIMIT", 10, "MIS", below, null, 0, 0, null);
        final BigDecimal debitsBefore = rest.margins().join().get("equity").debits();

        final List<KiteOrderMargin> quoted = rest.orderMargins("regular", List.of(cnc, mis)).join();
        rest.placeOrder("regular", cnc).join();
        final BigDecimal debitsAfter = rest.margins().join().get("equity").debits();

        final BigDecimal value = new BigDecimal(below).multiply(BigDecimal.TEN);
        assertEquals(List.of("equity", "equity"), quoted.stream().map(KiteOrderMargin::type).toList());
        assertEquals(0, value.compareTo(quoted.get(0).total()), quoted.get(0).toString());
        assertEquals(0, value.divide(BigDecimal.valueOf(5)).compareTo(quoted.get(1).total()), quoted.get(1).toString());
        assertTrue(quoted.get(0).charges().signum() > 0, quoted.get(0).toString());
        assertEquals(0, quoted.get(0).total().compareTo(debitsAfter.subtract(debitsBefore)),
            debitsBefore + " -> " + debitsAfter);
        final CompletionException unknown = assertThrows(CompletionException.class, () -> rest.orderMargins(
            "regular", List.of(order("NOSUCH", "BUY", "MARKET", 1, "CNC", null, null, 0, 0, null))).join());
        assertEquals(KiteErrorType.INPUT, assertInstanceOf(KiteException.class, unknown.getCause()).type());
    }

    @Test
    void shouldQuoteABasketsMarginWithTheHedgeAndTheHeldPositionsWhenAsked()
    {
        final List<Instrument> calls = sim.agent().universe().instruments().stream()
            .filter(i -> "NFO".equals(i.exchange) && "CE".equals(i.instrumentType) &&
                "NIFTY 50".equals(i.underlying.tradingsymbol))
            .sorted(Comparator.comparingLong((Instrument i) -> i.expiryEpochDay).thenComparingLong(i -> i.strikePaise))
            .toList();
        final Instrument sold = calls.get(calls.size() / 4);
        final Instrument bought = calls.get(calls.size() / 4 + 1);
        final KiteOrderParams sell = nfo(sold, "SELL", sold.lotSize);
        final KiteOrderParams buy = nfo(bought, "BUY", bought.lotSize);

        final KiteBasketMargin spread = rest.basketMargins(List.of(regular(sell), regular(buy)), false).join();
        final KiteBasketMargin naked = rest.basketMargins(List.of(regular(sell)), false).join();
        rest.placeOrder("regular", buy).join();
        final KiteBasketMargin held = rest.basketMargins(List.of(regular(sell)), true).join();

        assertEquals(List.of(sold.tradingsymbol, bought.tradingsymbol),
            spread.orders().stream().map(KiteOrderMargin::tradingsymbol).toList());
        assertEquals(0, spread.initial().total().compareTo(spread.orders().get(0).total()
            .add(spread.orders().get(1).total())), spread.toString());
        assertTrue(spread.after().total().compareTo(spread.initial().total()) < 0, spread.toString());
        assertTrue(spread.charges().signum() > 0, spread.toString());
        assertEquals(0, naked.after().span().compareTo(naked.initial().span()), naked.toString());
        assertTrue(held.after().span().compareTo(naked.after().span()) < 0, held + " vs " + naked);
        assertTrue(held.after().total().compareTo(naked.after().total()) < 0, held + " vs " + naked);
        final CompletionException unknown = assertThrows(CompletionException.class, () -> rest.basketMargins(
            List.of(regular(sell), regular(order("NOSUCH", "BUY", "MARKET", 1, "CNC", null, null, 0, 0, null))), false)
            .join());
        assertEquals(KiteErrorType.INPUT, assertInstanceOf(KiteException.class, unknown.getCause()).type());
    }

    private static KiteMarginOrder regular(final KiteOrderParams order)
    {
        return new KiteMarginOrder("regular", order);
    }

    private static KiteOrderParams nfo(final Instrument option, final String side, final long quantity)
    {
        return new KiteOrderParams("NFO", option.tradingsymbol, side, "MARKET", quantity, "NRML", null, null, 0,
            "DAY", 0, 0, 0, 0, null, null, null);
    }

    @Test
    void shouldPlaceReadModifyAndDeleteAGttThroughOurClient()
    {
        final BigDecimal ltp = new BigDecimal(price("NSE", "INFY", 100));
        final BigDecimal below = new BigDecimal(price("NSE", "INFY", 95));
        final BigDecimal above = new BigDecimal(price("NSE", "INFY", 105));

        final long id = rest.placeGtt(new KiteGttParams("single", "NSE", "INFY", List.of(below), ltp,
            List.of(new KiteGttParams.Order("SELL", 2, "CNC", below)))).join();
        final KiteGtt placed = rest.gtt(id).join();

        assertEquals(id, placed.id());
        assertEquals("single", placed.type());
        assertEquals("active", placed.status());
        assertEquals("NSE", placed.exchange());
        assertEquals("INFY", placed.tradingsymbol());
        assertEquals(sim.agent().universe().byKey("NSE", "INFY").token, placed.instrumentToken());
        assertEquals(0, ltp.compareTo(placed.lastPrice()), placed.toString());
        assertEquals(1, placed.triggerValues().size());
        assertEquals(0, below.compareTo(placed.triggerValues().get(0)), placed.toString());
        assertEquals(1, placed.orders().size());
        final KiteGtt.Order order = placed.orders().get(0);
        assertEquals(List.of("SELL", 2L, "CNC", "LIMIT"),
            List.of(order.transactionType(), order.quantity(), order.product(), order.orderType()));
        assertEquals(0, below.compareTo(order.price()), placed.toString());
        assertNull(order.result());
        assertTrue(placed.createdAt().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), placed.createdAt());
        assertTrue(placed.expiresAt().compareTo(placed.createdAt()) > 0, placed.toString());
        assertNull(placed.rejectionReason());

        assertEquals(id, rest.modifyGtt(id, new KiteGttParams("two-leg", "NSE", "INFY", List.of(below, above), ltp,
            List.of(new KiteGttParams.Order("BUY", 1, "CNC", below), new KiteGttParams.Order("BUY", 1, "CNC",
            above)))).join());
        final List<KiteGtt> listed = rest.gtts().join();
        assertEquals(1, listed.size(), listed.toString());
        assertEquals("two-leg", listed.get(0).type());
        assertEquals(2, listed.get(0).triggerValues().size());
        assertEquals(0, above.compareTo(listed.get(0).orders().get(1).price()), listed.toString());
        final CompletionException tooClose = assertThrows(CompletionException.class, () -> rest.modifyGtt(id,
            new KiteGttParams("single", "NSE", "INFY", List.of(ltp), ltp,
            List.of(new KiteGttParams.Order("SELL", 1, "CNC", ltp)))).join());
        final KiteException refused = assertInstanceOf(KiteException.class, tooClose.getCause());
        assertEquals(KiteErrorType.INPUT, refused.type());
        assertTrue(refused.getMessage().contains("is too close to the last price"), refused.getMessage());

        assertEquals(id, rest.deleteGtt(id).join());
        assertEquals(List.of(), rest.gtts().join());
        assertEquals("deleted", rest.gtt(id).join().status());
    }

    @Test
    void shouldReadWhatTheOrderOfAFiredGttBecame()
    {
        final BigDecimal ltp = new BigDecimal(price("NSE", "INFY", 100));
        final BigDecimal lower = new BigDecimal(price("NSE", "INFY", 99));
        final BigDecimal upper = new BigDecimal(price("NSE", "INFY", 101));
        final long id = rest.placeGtt(new KiteGttParams("two-leg", "NSE", "INFY", List.of(lower, upper), ltp,
            List.of(new KiteGttParams.Order("BUY", 1, "CNC", lower), new KiteGttParams.Order("BUY", 1, "CNC",
            upper)))).join();

        for (int i = 0; i < 10_000 && "active".equals(rest.gtt(id).join().status()); i++)
        {
            sim.step(5);
        }

        final KiteGtt fired = rest.gtt(id).join();
        assertEquals("triggered", fired.status(), fired.toString());
        final List<KiteGtt.Result> results = fired.orders().stream().map(KiteGtt.Order::result)
            .filter(r -> r != null).toList();
        assertEquals(1, results.size(), fired.toString());
        assertEquals("success", results.get(0).status(), fired.toString());
        assertTrue(results.get(0).orderId() != null && !results.get(0).orderId().isEmpty(), fired.toString());
        assertNull(results.get(0).rejectionReason(), fired.toString());
        assertTrue(results.get(0).triggeredAt().compareTo(lower) <= 0 ||
            results.get(0).triggeredAt().compareTo(upper) >= 0, fired.toString());
        assertEquals(results.get(0).orderId(), rest.orders().join().stream().map(KiteOrder::orderId)
            .filter(results.get(0).orderId()::equals).findFirst().orElse(null));
    }
}
