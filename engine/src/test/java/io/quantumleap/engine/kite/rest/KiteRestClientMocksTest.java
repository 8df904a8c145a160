package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteRestClientMocksTest
{
    private final FakeKiteServer server = new FakeKiteServer();
    private final KiteRestClient client = new KiteRestClient(server.clientContext()
        .apiKey("Uz7Mdn29ZGya31a")
        .apiSecret("kqykYBBhGEwPziq")
        .requestTimeout(Duration.ofSeconds(5)));

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void shouldParseTheEnvelopeOfEveryJsonMock() throws IOException
    {
        final List<String> names;
        try (Stream<Path> files = Files.list(KiteMocks.directory()))
        {
            names = files.map((file) -> file.getFileName().toString())
                .filter((name) -> name.endsWith(".json"))
                .filter((name) -> !name.startsWith("ticker_") && !name.endsWith(".expected.json"))
                .filter((name) -> !name.equals("postback.json"))
                .sorted()
                .toList();
        }
        assertTrue(names.size() >= 30, names.toString());
        for (final String name : names)
        {
            server.route("GET /mock/" + name, FakeKiteServer.Reply.mock(name));
            final JsonNode data = await(client.getJson("/mock/" + name, RateLimitBucket.OTHER));
            assertFalse(data.isMissingNode(), name);
        }
    }

    @Test
    void shouldParseTheRestOfTheMocksIntoTypedReplies()
    {
        server.route("GET /user/margins/equity", FakeKiteServer.Reply.mock("margins_equity.json"))
            .route("GET /user/margins/commodity", FakeKiteServer.Reply.mock("margin_commodity.json"));
        final KiteSegmentMargins equity = KiteSegmentMargins.from(
            await(client.getJson("/user/margins/equity", RateLimitBucket.OTHER)));
        final KiteSegmentMargins commodity = KiteSegmentMargins.from(
            await(client.getJson("/user/margins/commodity", RateLimitBucket.OTHER)));
        assertTrue(equity.enabled());
        assertTrue(commodity.enabled());
    }

    @Test
    void shouldExchangeTheRequestTokenWithTheDocumentedChecksumAndUseTheAccessToken()
    {
        server.route("POST /session/token", FakeKiteServer.Reply.mock("generate_session.json"))
            .route("GET /user/profile", FakeKiteServer.Reply.mock("profile.json"));

        final KiteSession session = await(client.generateSession("qKLeSUycwFEvWGw"));
        final KiteProfile profile = await(client.profile());

        final FakeKiteServer.Request exchange = server.requests().get(0);
        assertTrue(exchange.body().contains(
            "checksum=ac90aa6cafb2bab90a172d38f70c66cbc1d96601852123530459fcabbc487d4f"), exchange.body());
        assertEquals("3", exchange.header("X-Kite-Version"));
        assertEquals("XX0000", session.userId());
        assertEquals("token Uz7Mdn29ZGya31a:" + session.accessToken(),
            server.requests().get(1).header("Authorization"));
        assertFalse(profile.userId().isEmpty());
        assertFalse(profile.exchanges().isEmpty());
    }

    @Test
    void shouldParseOrderBookHistoryTradesAndOrderTrades()
    {
        server.route("GET /orders", FakeKiteServer.Reply.mock("orders.json"))
            .route("GET /orders/171229000724687", FakeKiteServer.Reply.mock("order_info.json"))
            .route("GET /trades", FakeKiteServer.Reply.mock("trades.json"))
            .route("GET /orders/171229000724687/trades", FakeKiteServer.Reply.mock("order_trades.json"));

        final List<KiteOrder> orders = await(client.orders());
        final List<KiteOrder> history = await(client.orderHistory("171229000724687"));
        final List<KiteTrade> trades = await(client.trades());
        final List<KiteTrade> orderTrades = await(client.orderTrades("171229000724687"));

        final KiteOrder first = orders.get(0);
        assertEquals("100000000000000", first.orderId());
        assertEquals("CANCELLED", first.status());
        assertEquals(412675, first.instrumentToken());
        assertEquals(new BigDecimal("72"), first.price());
        assertNull(first.tag());
        assertTrue(orders.stream().anyMatch((order) -> order.tags().contains("autoslice")));
        assertEquals("PUT ORDER REQ RECEIVED", history.get(0).status());
        assertTrue(history.size() > 1);
        assertEquals(new BigDecimal("72.755"), trades.get(1).averagePrice());
        assertFalse(orderTrades.isEmpty());
    }

    @Test
    void shouldPlaceModifyAndCancelWithFormFieldsAndParseTheReplies()
    {
        server.route("POST /orders/regular", FakeKiteServer.Reply.mock("order_response.json"))
            .route("PUT /orders/regular/151220000000000", FakeKiteServer.Reply.mock("order_modify.json"))
            .route("DELETE /orders/regular/151220000000000", FakeKiteServer.Reply.mock("order_cancel.json"));
        final KiteOrderParams params = new KiteOrderParams("NSE", "INFY", "BUY", "LIMIT", 10, "CNC", "1412.95",
            null, 0, "DAY", 0, 0, 0, 0, "QL42");

        final PlaceOrderResult placed = await(client.placeOrder("regular", params));
        final PlaceOrderResult modified = await(client.modifyOrder("regular", placed.orderId(), params));
        final PlaceOrderResult cancelled = await(client.cancelOrder("regular", placed.orderId(), null));

        assertEquals("151220000000000", placed.orderId());
        assertFalse(modified.orderId().isEmpty());
        assertFalse(cancelled.orderId().isEmpty());
        assertEquals("exchange=NSE&tradingsymbol=INFY&transaction_type=BUY&order_type=LIMIT&quantity=10" +
            "&price=1412.95&validity=DAY&product=CNC&tag=QL42", server.requests().get(0).body());
        assertEquals("application/x-www-form-urlencoded", server.requests().get(0).header("Content-Type"));
    }

    @Test
    void shouldAskTheMarginCalculatorWithAJsonArrayAndParseTheRows()
    {
        server.route("POST /margins/orders", FakeKiteServer.Reply.mock("order_margins.json"));
        final KiteOrderParams params = new KiteOrderParams("NSE", "INFY", "BUY", "LIMIT", 1, "CNC", "1498.00",
            null, 0, "DAY", 0, 0, 0, 0, "QL42");

        final List<KiteOrderMargin> margins = await(client.orderMargins("regular", List.of(params)));

        assertEquals("application/json", server.requests().get(0).header("Content-Type"));
        assertEquals("[{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
            "\"variety\":\"regular\",\"product\":\"CNC\",\"order_type\":\"LIMIT\",\"quantity\":1," +
            "\"price\":1498.00,\"trigger_price\":0}]", server.requests().get(0).body());
        assertEquals(1, margins.size());
        final KiteOrderMargin infy = margins.get(0);
        assertEquals("equity", infy.type());
        assertEquals("INFY", infy.tradingsymbol());
        assertEquals(0, new BigDecimal("1498").compareTo(infy.total()));
        assertEquals(0, new BigDecimal("1498").compareTo(infy.var()));
        assertEquals(new BigDecimal("1.79255122"), infy.charges());
        assertEquals(0, BigDecimal.ONE.compareTo(infy.leverage()));
    }

    @Test
    void shouldSendEachBasketOrderWithItsOwnVarietyAndParseTheBasket()
    {
        server.route("POST /margins/basket", FakeKiteServer.Reply.mock("basket_margins.json"));
        final KiteOrderParams sell = new KiteOrderParams("NFO", "NIFTY26DEC26000CE", "SELL", "LIMIT", 75, "NRML",
            "120.50", null, 0, null, 0, 0, 0, 0, null);
        final KiteOrderParams buy = new KiteOrderParams("NFO", "NIFTY26DEC26100CE", "BUY", "MARKET", 75, "NRML",
            null, null, 0, null, 0, 0, 0, -1, null);

        final KiteBasketMargin basket = await(client.basketMargins(
            List.of(new KiteMarginOrder("amo", sell), new KiteMarginOrder("regular", buy)), true));

        assertEquals("consider_positions=true", server.requests().get(0).query());
        assertEquals("[{\"exchange\":\"NFO\",\"tradingsymbol\":\"NIFTY26DEC26000CE\",\"transaction_type\":\"SELL\"," +
            "\"variety\":\"amo\",\"product\":\"NRML\",\"order_type\":\"LIMIT\",\"quantity\":75," +
            "\"price\":120.50,\"trigger_price\":0},{\"exchange\":\"NFO\",\"tradingsymbol\":\"NIFTY26DEC26100CE\"," +
            "\"transaction_type\":\"BUY\",\"variety\":\"regular\",\"product\":\"NRML\",\"order_type\":\"MARKET\"," +
            "\"quantity\":75,\"price\":0,\"trigger_price\":0}]", server.requests().get(0).body());
        assertEquals(0, new BigDecimal("96504.975").compareTo(basket.initial().total()));
    }

    @Test
    void shouldReportAutosliceChildrenWithTheirTypedErrors()
    {
        server.route("POST /orders/regular", FakeKiteServer.Reply.mock("autoslice_response.json"));
        final KiteOrderParams params = new KiteOrderParams("NFO", "X", "BUY", "MARKET", 1, "NRML", null, null,
            0, null, 0, 0, 0, -1, null);

        final PlaceOrderResult result = await(client.placeOrder("regular", params));

        assertEquals("1914227164488687616", result.orderId());
        assertEquals(4, result.children().size());
        assertEquals(KiteErrorType.MARGIN, result.children().get(2).error().type());
        assertEquals(400, result.children().get(2).error().httpStatus());
        assertEquals("1914227164681625600", result.children().get(3).orderId());
    }

    @Test
    void shouldParsePositionsHoldingsMarginsAndConversion()
    {
        server.route("GET /portfolio/positions", FakeKiteServer.Reply.mock("positions.json"))
            .route("PUT /portfolio/positions", FakeKiteServer.Reply.mock("convert_position.json"))
            .route("GET /portfolio/holdings", FakeKiteServer.Reply.mock("holdings.json"))
            .route("GET /user/margins", FakeKiteServer.Reply.mock("margins.json"));

        final KitePositions positions = await(client.positions());
        final boolean converted = await(client.convertPosition("NSE", "INFY", "BUY", "day", 1, "MIS", "CNC"));
        final List<KiteHolding> holdings = await(client.holdings());
        final Map<String, KiteSegmentMargins> margins = await(client.margins());

        final KitePosition lead = positions.net().get(0);
        assertEquals("LEADMINI17DECFUT", lead.tradingsymbol());
        assertEquals(1000, lead.multiplier());
        assertEquals(new BigDecimal("-161050"), lead.value());
        assertFalse(positions.day().isEmpty());
        assertTrue(converted);
        assertEquals("AARON", holdings.get(0).tradingsymbol());
        assertEquals(new BigDecimal("245431.6"), margins.get("equity").cash());
        assertTrue(server.requests().get(1).body().contains("position_type=day"));
    }

    @Test
    void shouldRequestQuotesWithOneParameterPerInstrumentAndParseThem()
    {
        server.route("GET /quote", FakeKiteServer.Reply.mock("quote.json"))
            .route("GET /quote/ohlc", FakeKiteServer.Reply.mock("ohlc.json"))
            .route("GET /quote/ltp", FakeKiteServer.Reply.mock("ltp.json"));

        final Map<String, KiteQuote> quote = await(client.quote(List.of("NSE:INFY", "NSE:NIFTY 50")));
        final Map<String, KiteQuote> ohlc = await(client.ohlc(List.of("NSE:INFY")));
        final Map<String, KiteQuote> ltp = await(client.ltp(List.of("NSE:INFY")));

        assertEquals("i=NSE%3AINFY&i=NSE%3ANIFTY+50", server.requests().get(0).query());
        final KiteQuote infy = quote.get("NSE:INFY");
        assertEquals(408065, infy.instrumentToken());
        assertEquals(new BigDecimal("1412.95"), infy.lastPrice());
        assertEquals(5, infy.bids().size());
        assertEquals(new BigDecimal("1085.8"), ohlc.get("NSE:INFY").open());
        assertEquals(new BigDecimal("1074.35"), ltp.get("NSE:INFY").lastPrice());
    }

    @Test
    void shouldLogOutAndDownloadTheInstrumentsDump()
    {
        server.route("DELETE /session/token", FakeKiteServer.Reply.mock("session_logout.json"))
            .route("GET /instruments", FakeKiteServer.Reply.mock("instruments_all.csv"))
            .route("GET /instruments/NSE", FakeKiteServer.Reply.mock("instruments_nse.csv"));
        client.accessToken("t0k");

        assertTrue(await(client.invalidateSession()));
        assertTrue(server.requests().get(0).query().contains("access_token=t0k"));
        assertTrue(await(client.instrumentsCsv(null)).startsWith("instrument_token,exchange_token"));
        assertTrue(await(client.instrumentsCsv("NSE")).startsWith("instrument_token,"));
    }

    @Test
    void shouldParseAPostbackAsAnOrderAndVerifyItsChecksumFormula() throws IOException
    {
        final JsonNode postback = KiteJson.MAPPER.readTree(KiteMocks.bytes("postback.json"));

        final KiteOrder order = KiteOrder.from(postback);

        assertEquals("220303000308932", order.orderId());
        assertEquals("COMPLETE", order.status());
        assertEquals(64, KiteChecksums.postback(order.orderId(), order.orderTimestamp(), "secret").length());
    }

    static <T> T await(final java.util.concurrent.CompletableFuture<T> future)
    {
        try
        {
            return future.get(10, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }
}
