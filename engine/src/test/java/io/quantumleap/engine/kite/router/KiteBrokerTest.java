package io.quantumleap.engine.kite.router;

import io.quantumleap.engine.kite.feed.BrokerSession;
import io.quantumleap.engine.kite.feed.RecordingPublisher;
import io.quantumleap.engine.kite.rest.FakeKiteServer;
import io.quantumleap.engine.kite.rest.KiteMocks;
import io.quantumleap.engine.kite.rest.KiteRestClient;
import io.quantumleap.engine.protocol.BrokerErrorType;
import io.quantumleap.engine.protocol.BrokerRejectCommandDecoder;
import io.quantumleap.engine.protocol.BrokerRequestEventDecoder;
import io.quantumleap.engine.protocol.BrokerRequestEventEncoder;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.Exchange;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.BooleanType;
import io.quantumleap.engine.protocol.BrokerHoldingsCommandDecoder;
import io.quantumleap.engine.protocol.BrokerPositionCommandDecoder;
import io.quantumleap.engine.protocol.OrderBookCommandDecoder;
import io.quantumleap.engine.protocol.OrderUpdateCommandDecoder;
import io.quantumleap.engine.protocol.OvernightPositionCommandDecoder;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TradeCommandDecoder;
import io.quantumleap.engine.protocol.Validity;
import io.quantumleap.engine.protocol.Variety;
import io.quantumleap.engine.router.OrderRouter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteBrokerTest
{
    private static final long ACCOUNT = 11;

    private final FakeKiteServer server = new FakeKiteServer();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final KiteRestClient client = new KiteRestClient(server.clientContext());
    private final KiteBroker broker = new KiteBroker(Map.of(ACCOUNT, client), publisher, () -> 5L);
    private final UnsafeBuffer request = new UnsafeBuffer(new byte[512]);
    private final RecordingReplies replies = new RecordingReplies();

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void shouldPlaceALimitOrderWithAnExactDecimalPriceAndTheTagThenAckIt()
    {
        server.route("POST /orders/regular", FakeKiteServer.Reply.mock("order_response.json"));

        broker.send(decoder(encode(BrokerRequestType.PLACE, 42, 408065, Exchange.NSE, OrderType.LIMIT,
            141_295, 0, "")), replies);
        awaitReplies(1);

        assertEquals("exchange=NSE&tradingsymbol=INFY&transaction_type=BUY&order_type=LIMIT&quantity=10" +
            "&price=1412.95&validity=DAY&product=CNC&tag=QL42", server.requests().get(0).body());
        final RecordingReplies.Ack ack = ack(0);
        assertEquals(42, ack.clientOrderId());
        assertEquals(ACCOUNT, ack.accountId());
        assertEquals("151220000000000", ack.brokerOrderId());
        assertEquals(BrokerRequestType.PLACE, ack.type());
        assertEquals(5, ack.timestampNs());
    }

    @Test
    void shouldServeTheCoreOrderRouterAsItsBroker()
    {
        server.route("POST /orders/regular", FakeKiteServer.Reply.mock("order_response.json"));
        final OrderRouter router = new OrderRouter(broker, replies, 1 << 16);
        final int length = encode(BrokerRequestType.PLACE, 5, 408065, Exchange.NSE, OrderType.MARKET, 0, 0, "");

        router.sink().onEvent(1, request, 0, length);
        router.doWork();
        awaitReplies(1);

        assertEquals(5, ack(0).clientOrderId());
        assertEquals(1, router.sentRequests());
        assertEquals(0, router.failedRequests());
    }

    @Test
    void shouldFormatCurrencyPricesWithTheSegmentDivisorAndSendTriggerForStopLoss()
    {
        server.route("POST /orders/regular", FakeKiteServer.Reply.mock("order_response.json"));

        broker.send(decoder(encode(BrokerRequestType.PLACE, 1, 412675, Exchange.CDS, OrderType.SL,
            725_000_000L, 724_250_000L, "")), replies);
        awaitReplies(1);

        final String body = server.requests().get(0).body();
        assertTrue(body.contains("&price=72.50&trigger_price=72.425&"), body);
        assertTrue(body.contains("exchange=CDS"), body);
    }

    @Test
    void shouldSendTheStopLossTriggerOfACoverOrdersMarketEntryOnItsVarietyPath()
    {
        server.route("POST /orders/co", FakeKiteServer.Reply.mock("order_response.json"));

        broker.send(decoder(encode(BrokerRequestType.PLACE, 3, 408065, Exchange.NSE, OrderType.MARKET, 0,
            1_480_05L, "", Variety.CO, Product.CO)), replies);
        awaitReplies(1);

        final String body = server.requests().get(0).body();
        assertTrue(body.contains("order_type=MARKET&quantity=10&trigger_price=1480.05&"), body);
        assertTrue(body.contains("product=CO"), body);
        assertFalse(body.contains("&price="), body);
        assertEquals(3, ack(0).clientOrderId());
    }

    @Test
    void shouldPlaceAnAuctionOrderWithItsAuctionNumber()
    {
        server.route("POST /orders/auction", FakeKiteServer.Reply.mock("order_response.json"));

        broker.send(decoder(encode(BrokerRequestType.PLACE, 4, 408065, Exchange.NSE, OrderType.LIMIT, 1_500_00L, 0,
            "", Variety.AUCTION, Product.CNC, "", "31")), replies);
        awaitReplies(1);

        final String body = server.requests().get(0).body();
        assertTrue(body.endsWith("&auction_number=31"), body);
        assertEquals(4, ack(0).clientOrderId());
    }

    @Test
    void shouldModifyAndCancelByBrokerOrderIdAndVariety()
    {
        server.route("PUT /orders/regular/151220000000000", FakeKiteServer.Reply.mock("order_modify.json"))
            .route("DELETE /orders/regular/151220000000000", FakeKiteServer.Reply.mock("order_cancel.json"));

        broker.send(decoder(encode(BrokerRequestType.MODIFY, 42, 408065, Exchange.NSE,
            OrderType.MARKET, 0, 0, "151220000000000")), replies);
        awaitReplies(1);
        broker.send(decoder(encode(BrokerRequestType.CANCEL, 42, 408065, Exchange.NSE,
            OrderType.MARKET, 0, 0, "151220000000000")), replies);
        awaitReplies(2);

        assertEquals("order_type=MARKET&quantity=10&validity=DAY", server.requests().get(0).body());
        assertEquals("DELETE", server.requests().get(1).method());
        assertEquals(BrokerRequestType.MODIFY, ack(0).type());
        assertEquals(BrokerRequestType.CANCEL, ack(1).type());
    }

    @Test
    void shouldNameTheEntryWhenModifyingOrExitingACoverOrdersStopLossLeg()
    {
        server.route("PUT /orders/co/151220000000001", FakeKiteServer.Reply.mock("order_modify.json"))
            .route("DELETE /orders/co/151220000000001", FakeKiteServer.Reply.mock("order_cancel.json"));

        broker.send(decoder(encode(BrokerRequestType.MODIFY, -1, 408065, Exchange.NSE, OrderType.SL_M, 0, 1_400_00L,
            "151220000000001", Variety.CO, Product.CO, "151220000000000")), replies);
        awaitReplies(1);
        broker.send(decoder(encode(BrokerRequestType.CANCEL, -1, 408065, Exchange.NSE, OrderType.SL_M, 0, 1_400_00L,
            "151220000000001", Variety.CO, Product.CO, "151220000000000")), replies);
        awaitReplies(2);

        assertEquals("order_type=SL-M&quantity=10&trigger_price=1400.00&validity=DAY&parent_order_id=151220000000000",
            server.requests().get(0).body());
        assertEquals("DELETE", server.requests().get(1).method());
        assertEquals("/orders/co/151220000000001", server.requests().get(1).path());
        assertEquals("parent_order_id=151220000000000", server.requests().get(1).query());
        assertEquals(BrokerRequestType.MODIFY, ack(0).type());
        assertEquals(BrokerRequestType.CANCEL, ack(1).type());
    }

    @Test
    void shouldRejectWithKitesErrorTypeAndStatus()
    {
        server.route("POST /orders/regular", FakeKiteServer.Reply.json(400,
            "{\"status\":\"error\",\"message\":\"Insufficient funds\",\"error_type\":\"MarginException\"}"));

        broker.send(decoder(encode(BrokerRequestType.PLACE, 42, 408065, Exchange.NSE, OrderType.LIMIT,
            100, 0, "")), replies);
        awaitReplies(1);

        final RecordingReplies.Reject reject = reject(0);
        assertEquals(BrokerErrorType.MARGIN, reject.errorType());
        assertEquals(400, reject.httpStatus());
        assertEquals("Insufficient funds", reject.message());
    }

    @Test
    void shouldRejectATimeoutAsOutcomeUnknownAndResolveItAtReconciliation()
    {
        server.route("POST /orders/regular", FakeKiteServer.Reply.hanging())
            .route("GET /orders", FakeKiteServer.Reply.mock("orders.json"))
            .route("GET /trades", FakeKiteServer.Reply.mock("trades.json"));

        broker.send(decoder(encode(BrokerRequestType.PLACE, 7, 408065, Exchange.NSE, OrderType.LIMIT,
            100, 0, "")), replies);
        awaitReplies(1);
        assertEquals(BrokerErrorType.TIMEOUT, reject(0).errorType());
        assertEquals(java.util.Set.of(7L), broker.unknownPlacements(ACCOUNT));

        final KiteBroker.ReconcileResult result = broker.reconcile(ACCOUNT,
            KiteBroker.ReconcileReason.RECONNECT).join();

        assertEquals(1, result.unknownResolved());
        final BrokerRejectCommandDecoder resolved = publishedReject(0);
        assertEquals(7, resolved.clientOrderId());
        assertEquals(BrokerErrorType.ORDER, resolved.errorType());
        assertTrue(broker.unknownPlacements(ACCOUNT).isEmpty());
    }

    @Test
    void shouldReconcileTheAccountWhenTheEngineAsksToResolveAnUnknownOutcome()
    {
        server.route("POST /orders/regular", FakeKiteServer.Reply.hanging())
            .route("GET /orders", FakeKiteServer.Reply.mock("orders.json"))
            .route("GET /trades", FakeKiteServer.Reply.mock("trades.json"));
        broker.send(decoder(encode(BrokerRequestType.PLACE, 7, 408065, Exchange.NSE, OrderType.LIMIT,
            100, 0, "")), replies);
        awaitReplies(1);

        broker.resolveUnknown(decoder(encode(BrokerRequestType.RECONCILE, 7, 408065, Exchange.NSE, OrderType.LIMIT,
            100, 0, "")));
        awaitCommands(15);
        awaitRejects(1);

        assertEquals(7, publishedReject(0).clientOrderId());
        assertEquals(BrokerErrorType.ORDER, publishedReject(0).errorType());
        assertTrue(broker.unknownPlacements(ACCOUNT).isEmpty());
    }

    @Test
    void shouldTakeAnOrdersNetworkExceptionAsAnUnknownOutcomeAndRejectItWhenTheBookDoesNotHaveIt()
    {
        server.route("POST /orders/regular", FakeKiteServer.Reply.json(503,
                "{\"status\":\"error\",\"message\":\"Gateway not reachable\",\"error_type\":\"NetworkException\"}"))
            .route("GET /orders", FakeKiteServer.Reply.mock("orders.json"))
            .route("GET /trades", FakeKiteServer.Reply.mock("trades.json"));
        broker.send(decoder(encode(BrokerRequestType.PLACE, 8, 408065, Exchange.NSE, OrderType.LIMIT,
            100, 0, "")), replies);
        awaitReplies(1);
        assertEquals(java.util.Set.of(8L), broker.unknownPlacements(ACCOUNT));

        broker.resolveUnknown(decoder(encode(BrokerRequestType.RECONCILE, 8, 408065, Exchange.NSE, OrderType.LIMIT,
            100, 0, "")));
        awaitCommands(15);
        awaitRejects(1);

        assertEquals(8, publishedReject(0).clientOrderId());
        assertEquals(BrokerErrorType.ORDER, publishedReject(0).errorType());
    }

    @Test
    void shouldRejectAPlacementOfAnEarlierRunThatTheBookDoesNotHaveWhenAskedToResolveIt()
    {
        server.route("GET /orders", FakeKiteServer.Reply.mock("orders.json"))
            .route("GET /trades", FakeKiteServer.Reply.mock("trades.json"));

        broker.resolveUnknown(decoder(encode(BrokerRequestType.RECONCILE, 9, 408065, Exchange.NSE, OrderType.LIMIT,
            100, 0, "")));
        awaitCommands(15);
        awaitRejects(1);

        assertEquals(9, publishedReject(0).clientOrderId());
        assertTrue(broker.unknownPlacements(ACCOUNT).isEmpty());
    }

    @Test
    void shouldReconcileOrdersTradesAndOvernightPositionsOnStart()
    {
        server.route("GET /orders", FakeKiteServer.Reply.mock("orders.json"))
            .route("GET /trades", FakeKiteServer.Reply.mock("trades.json"))
            .route("GET /portfolio/positions", FakeKiteServer.Reply.mock("positions.json"));

        final KiteBroker.ReconcileResult result = broker.reconcile(ACCOUNT,
            KiteBroker.ReconcileReason.START).join();

        assertEquals(new KiteBroker.ReconcileResult(10, 4, 1, 0, 0), result);
        assertEquals(10, publisher.commands(OrderUpdateCommandDecoder.TEMPLATE_ID).size());
        final List<UnsafeBuffer> all = publisher.commands();
        final UnsafeBuffer bookBuffer = publisher.commands(OrderBookCommandDecoder.TEMPLATE_ID).get(0);
        assertEquals(10, all.indexOf(bookBuffer));
        final OrderBookCommandDecoder book = new OrderBookCommandDecoder().wrap(bookBuffer,
            MessageHeaderDecoder.ENCODED_LENGTH, OrderBookCommandDecoder.BLOCK_LENGTH,
            OrderBookCommandDecoder.SCHEMA_VERSION);
        assertEquals(ACCOUNT, book.accountId());
        assertEquals(10, book.orders());
        assertTrue(book.requestedNs() <= book.timestampNs());
        final UnsafeBuffer tradeBuffer = publisher.commands(TradeCommandDecoder.TEMPLATE_ID).get(1);
        final TradeCommandDecoder trade = new TradeCommandDecoder().wrap(tradeBuffer,
            MessageHeaderDecoder.ENCODED_LENGTH, TradeCommandDecoder.BLOCK_LENGTH, TradeCommandDecoder.SCHEMA_VERSION);
        assertEquals(727_550_000L, trade.pricePaise());
        assertEquals(Side.BUY, trade.side());
        assertEquals(Product.MIS, trade.product());
        assertEquals(1622440107L, trade.exchangeTimeS());
        final UnsafeBuffer positionBuffer = publisher.commands(OvernightPositionCommandDecoder.TEMPLATE_ID).get(0);
        final OvernightPositionCommandDecoder position = new OvernightPositionCommandDecoder().wrap(positionBuffer,
            MessageHeaderDecoder.ENCODED_LENGTH, OvernightPositionCommandDecoder.BLOCK_LENGTH,
            OvernightPositionCommandDecoder.SCHEMA_VERSION);
        assertEquals(3, position.qty());
        final List<UnsafeBuffer> brokerPositions = publisher.commands(BrokerPositionCommandDecoder.TEMPLATE_ID);
        assertEquals(3, brokerPositions.size());
        final UnsafeBuffer lastTrade = publisher.commands(TradeCommandDecoder.TEMPLATE_ID).get(3);
        assertTrue(all.indexOf(brokerPositions.get(0)) > all.indexOf(lastTrade));
        final BrokerPositionCommandDecoder gold = new BrokerPositionCommandDecoder().wrap(brokerPositions.get(1),
            MessageHeaderDecoder.ENCODED_LENGTH, BrokerPositionCommandDecoder.BLOCK_LENGTH,
            BrokerPositionCommandDecoder.SCHEMA_VERSION);
        assertEquals(ACCOUNT, gold.accountId());
        assertEquals(53_505_799L, gold.instrumentToken());
        final BrokerPositionCommandDecoder.ProductsDecoder products = gold.products();
        assertEquals(1, products.count());
        products.next();
        assertEquals(Product.NRML, products.product());
        assertEquals(1, products.dayBuyQty());
        assertEquals(4, products.daySellQty());
    }

    @Test
    void shouldLeaveOutTheBrokerPositionsOfAnInstrumentWithAConversionUnderWayOrBegunAfterTheyWereAskedFor()
    {
        server.route("GET /orders", FakeKiteServer.Reply.mock("orders.json"))
            .route("GET /trades", FakeKiteServer.Reply.mock("trades.json"))
            .route("GET /portfolio/positions", FakeKiteServer.Reply.mock("positions.json"));
        final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(5);
        final KiteBroker timed = new KiteBroker(Map.of(ACCOUNT, client), publisher, now::get);
        final Runnable underWay = timed.conversionUnderWay(ACCOUNT, 53_505_799L);
        now.set(6);

        timed.reconcile(ACCOUNT, KiteBroker.ReconcileReason.START).join();
        assertEquals(List.of(53_496_327L, 779_521L), brokerPositionTokens());

        underWay.run();
        publisher.clear();
        timed.reconcile(ACCOUNT, KiteBroker.ReconcileReason.START).join();
        assertEquals(List.of(53_496_327L, 53_505_799L, 779_521L), brokerPositionTokens());

        timed.conversionUnderWay(ACCOUNT, 779_521L).run();
        publisher.clear();
        timed.reconcile(ACCOUNT, KiteBroker.ReconcileReason.START).join();
        assertEquals(List.of(53_496_327L, 53_505_799L), brokerPositionTokens(), "begun after they were asked for");
    }

    @Test
    void shouldPublishOnlyTheBrokerPositionsWhenCheckingPositions()
    {
        server.route("GET /portfolio/positions", FakeKiteServer.Reply.mock("positions.json"));

        assertEquals(3, broker.reconcilePositions(ACCOUNT).join());

        assertEquals(List.of(53_496_327L, 53_505_799L, 779_521L), brokerPositionTokens());
        assertEquals(3, publisher.commands().size());
    }

    @Test
    void shouldPublishTheDeliveryHoldingsWithTheBrokerPositionsInPartsTheFirstMarked()
    {
        server.route("GET /portfolio/positions", FakeKiteServer.Reply.mock("positions.json"))
            .route("GET /portfolio/holdings", FakeKiteServer.Reply.mock("holdings.json"));

        broker.reconcilePositions(ACCOUNT).join();
        assertEquals(List.of("first 263681:1 128028676:16"), holdingsParts());

        final StringBuilder many = new StringBuilder("{\"status\":\"success\",\"data\":[");
        for (int i = 1; i <= KiteBroker.HOLDINGS_PER_PART + 1; i++)
        {
            many.append(i > 1 ? "," : "").append("{\"tradingsymbol\":\"S").append(i)
                .append("\",\"exchange\":\"NSE\",\"instrument_token\":").append(1000 + i)
                .append(",\"product\":\"CNC\",\"quantity\":").append(i).append(",\"t1_quantity\":2")
                .append(",\"used_quantity\":1,\"average_price\":10,\"last_price\":11,\"close_price\":10")
                .append(",\"pnl\":1}");
        }
        server.route("GET /portfolio/holdings", FakeKiteServer.Reply.json(200, many.append("]}").toString()))
            .route("GET /orders", FakeKiteServer.Reply.mock("orders.json"))
            .route("GET /trades", FakeKiteServer.Reply.mock("trades.json"));
        publisher.clear();
        broker.reconcile(ACCOUNT, KiteBroker.ReconcileReason.START).join();
        final List<String> parts = holdingsParts();
        assertEquals(2, parts.size(), parts.toString());
        assertTrue(parts.get(0).startsWith("first 1001:3 1002:4 "), parts.get(0));
        assertEquals(KiteBroker.HOLDINGS_PER_PART + 1, parts.get(0).split(" ").length);
        assertEquals("then 1065:67", parts.get(1));
    }

    @Test
    void shouldLeaveTheHoldingsOutWhenTheBrokerCannotReadThem()
    {
        server.route("GET /portfolio/positions", FakeKiteServer.Reply.mock("positions.json"))
            .route("GET /portfolio/holdings", FakeKiteServer.Reply.json(500,
                "{\"status\":\"error\",\"message\":\"down\",\"error_type\":\"GeneralException\"}"));

        assertEquals(3, broker.reconcilePositions(ACCOUNT).join());
        assertEquals(List.of(), holdingsParts());
        assertEquals(3, publisher.commands().size());
    }

    private List<String> holdingsParts()
    {
        final List<String> parts = new java.util.ArrayList<>();
        for (final UnsafeBuffer buffer : publisher.commands(BrokerHoldingsCommandDecoder.TEMPLATE_ID))
        {
            final BrokerHoldingsCommandDecoder d = new BrokerHoldingsCommandDecoder().wrap(buffer,
                MessageHeaderDecoder.ENCODED_LENGTH, BrokerHoldingsCommandDecoder.BLOCK_LENGTH,
                BrokerHoldingsCommandDecoder.SCHEMA_VERSION);
            assertEquals(ACCOUNT, d.accountId());
            final StringBuilder part = new StringBuilder(d.first() == BooleanType.TRUE ? "first" : "then");
            for (final BrokerHoldingsCommandDecoder.HoldingsDecoder h : d.holdings())
            {
                part.append(' ').append(h.instrumentToken()).append(':').append(h.quantity());
            }
            parts.add(part.toString());
        }
        return parts;
    }

    private List<Long> brokerPositionTokens()
    {
        return publisher.commands(BrokerPositionCommandDecoder.TEMPLATE_ID).stream()
            .map((buffer) -> new BrokerPositionCommandDecoder().wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH,
                BrokerPositionCommandDecoder.BLOCK_LENGTH, BrokerPositionCommandDecoder.SCHEMA_VERSION)
                .instrumentToken())
            .toList();
    }

    @Test
    void shouldSkipAndCountATradeAndAnOvernightPositionWithAnOutOfRangePriceAndPublishTheRest()
    {
        final String huge = "1e30";
        final String trades = KiteMocks.text("trades.json").replaceFirst("\"average_price\":\\s*[0-9.]+",
            "\"average_price\": " + huge);
        final String positions = KiteMocks.text("positions.json").replaceFirst(
            "(\"overnight_quantity\": 3,\\s*\"multiplier\": 1,\\s*\"average_price\": )0", "$1" + huge);
        assertTrue(trades.contains(huge) && positions.contains(huge));
        server.route("GET /orders", FakeKiteServer.Reply.mock("orders.json"))
            .route("GET /trades", FakeKiteServer.Reply.json(200, trades))
            .route("GET /portfolio/positions", FakeKiteServer.Reply.json(200, positions));

        final KiteBroker.ReconcileResult result = broker.reconcile(ACCOUNT,
            KiteBroker.ReconcileReason.START).join();
        final KiteBroker.ReconcileResult again = broker.reconcile(ACCOUNT,
            KiteBroker.ReconcileReason.START).join();

        assertEquals(new KiteBroker.ReconcileResult(10, 3, 0, 0, 2), result);
        assertEquals(3, publisher.commands(TradeCommandDecoder.TEMPLATE_ID).size());
        assertEquals(6, publisher.commands(BrokerPositionCommandDecoder.TEMPLATE_ID).size());
        assertEquals(2, again.invalid(), "the unreadable trade is not taken for published the second time either");
    }

    @Test
    void shouldNotVouchForTheWholeOrderBookWhenAnOrderInItCannotBeRead()
    {
        server.route("GET /orders", FakeKiteServer.Reply.json(200,
                "{\"status\":\"success\",\"data\":[{\"order_id\":\"x\",\"status\":7}]}"))
            .route("GET /trades", FakeKiteServer.Reply.json(200, "{\"status\":\"success\",\"data\":[]}"));

        final KiteBroker.ReconcileResult result = broker.reconcile(ACCOUNT,
            KiteBroker.ReconcileReason.RECONNECT).join();

        assertEquals(1, result.invalid());
        assertTrue(publisher.commands(OrderBookCommandDecoder.TEMPLATE_ID).isEmpty());
    }

    @Test
    void shouldSetTheNewTokenAndReconcileWhenTheSessionIsRebound()
    {
        server.route("GET /orders", FakeKiteServer.Reply.mock("orders.json"))
            .route("GET /trades", FakeKiteServer.Reply.mock("trades.json"))
            .route("GET /portfolio/positions", FakeKiteServer.Reply.mock("positions.json"));
        final BrokerSession session = new BrokerSession(ACCOUNT, () -> 0L, publisher);
        broker.bindSession(ACCOUNT, session);
        final List<UnsafeBuffer> announced = List.copyOf(publisher.commands());

        broker.requestReconcile(ACCOUNT, KiteBroker.ReconcileReason.RECONNECT);
        session.rebind("fresh");
        awaitCommands(announced.size() + 1 + 10 + 1 + 4 + 1);

        assertEquals("fresh", client.accessToken());
        assertEquals(List.of("GET /orders", "GET /portfolio/holdings", "GET /portfolio/positions", "GET /trades"),
            server.requests().stream().map((r) -> r.method() + " " + r.path()).sorted().toList());
        assertTrue(server.requests().stream().allMatch((r) -> "token k:fresh".equals(r.header("Authorization"))));
        assertEquals(1, publisher.commands(OvernightPositionCommandDecoder.TEMPLATE_ID).size());
        assertEquals(1, broker.reconcileRuns());
    }

    @Test
    void shouldRefuseAnInvalidRequestWithoutCallingKite()
    {
        final int length = encode(BrokerRequestType.PLACE, 9, 408065, Exchange.NSE, OrderType.LIMIT, 100, 0, "");
        new BrokerRequestEventEncoder().wrap(request, MessageHeaderEncoder.ENCODED_LENGTH).qty(0);

        broker.send(decoder(length), replies);

        assertEquals(BrokerErrorType.INPUT, reject(0).errorType());
        assertTrue(reject(0).message().startsWith("qty"), reject(0).message());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void shouldRefuseAnAccountWithoutAKiteSession()
    {
        final int length = encode(BrokerRequestType.PLACE, 9, 408065, Exchange.NSE, OrderType.LIMIT, 100, 0, "");
        new BrokerRequestEventEncoder().wrap(request, MessageHeaderEncoder.ENCODED_LENGTH).accountId(99);

        broker.send(decoder(length), replies);

        assertEquals(BrokerErrorType.INPUT, reject(0).errorType());
        assertEquals(99, reject(0).accountId());
    }

    private int encode(
        final BrokerRequestType type,
        final long clientOrderId,
        final long token,
        final Exchange exchange,
        final OrderType orderType,
        final long pricePaise,
        final long triggerPaise,
        final String brokerOrderId)
    {
        return encode(type, clientOrderId, token, exchange, orderType, pricePaise, triggerPaise, brokerOrderId,
            Variety.REGULAR, Product.CNC);
    }

    private int encode(
        final BrokerRequestType type,
        final long clientOrderId,
        final long token,
        final Exchange exchange,
        final OrderType orderType,
        final long pricePaise,
        final long triggerPaise,
        final String brokerOrderId,
        final Variety variety,
        final Product product)
    {
        return encode(type, clientOrderId, token, exchange, orderType, pricePaise, triggerPaise, brokerOrderId, variety,
            product, "");
    }

    private int encode(
        final BrokerRequestType type,
        final long clientOrderId,
        final long token,
        final Exchange exchange,
        final OrderType orderType,
        final long pricePaise,
        final long triggerPaise,
        final String brokerOrderId,
        final Variety variety,
        final Product product,
        final String parentOrderId)
    {
        return encode(type, clientOrderId, token, exchange, orderType, pricePaise, triggerPaise, brokerOrderId, variety,
            product, parentOrderId, "");
    }

    private int encode(
        final BrokerRequestType type,
        final long clientOrderId,
        final long token,
        final Exchange exchange,
        final OrderType orderType,
        final long pricePaise,
        final long triggerPaise,
        final String brokerOrderId,
        final Variety variety,
        final Product product,
        final String parentOrderId,
        final String auctionNumber)
    {
        final BrokerRequestEventEncoder encoder = new BrokerRequestEventEncoder()
            .wrapAndApplyHeader(request, 0, new MessageHeaderEncoder())
            .inputSequence(1)
            .timestampNs(2)
            .accountId(ACCOUNT)
            .clientOrderId(clientOrderId)
            .requestType(type)
            .brokerOrderId(brokerOrderId)
            .instrumentToken(token)
            .exchange(exchange)
            .side(Side.BUY)
            .orderType(orderType)
            .product(product)
            .validity(Validity.DAY)
            .variety(variety)
            .qty(10)
            .pricePaise(pricePaise)
            .triggerPricePaise(triggerPaise)
            .disclosedQty(0)
            .validityTtlMinutes(0)
            .marketProtectionPct(0)
            .icebergLegs(0)
            .icebergQty(0)
            .tradingsymbol(Exchange.CDS == exchange ? "USDINR21JUNFUT" : "INFY")
            .tag("QL" + clientOrderId)
            .parentOrderId(parentOrderId)
            .auctionNumber(auctionNumber);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private BrokerRequestEventDecoder decoder(final int length)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(request, 0);
        assertEquals(BrokerRequestEventDecoder.TEMPLATE_ID, header.templateId());
        return new BrokerRequestEventDecoder().wrap(request, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
            header.version());
    }

    private RecordingReplies.Ack ack(final int index)
    {
        return replies.acks.get(index);
    }

    private BrokerRejectCommandDecoder publishedReject(final int index)
    {
        final UnsafeBuffer buffer = publisher.commands(BrokerRejectCommandDecoder.TEMPLATE_ID).get(index);
        return new BrokerRejectCommandDecoder().wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH,
            BrokerRejectCommandDecoder.BLOCK_LENGTH, BrokerRejectCommandDecoder.SCHEMA_VERSION);
    }

    private RecordingReplies.Reject reject(final int index)
    {
        return replies.rejects.get(index);
    }

    private void awaitReplies(final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (replies.count() < count)
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("expected " + count + " replies, got " + replies.count());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    private void awaitRejects(final int count)
    {
        awaitUntil(() -> publisher.commands(BrokerRejectCommandDecoder.TEMPLATE_ID).size() >= count,
            () -> "expected " + count + " rejects, got " +
                publisher.commands(BrokerRejectCommandDecoder.TEMPLATE_ID).size() + " among " +
                publisher.commands().size() + " commands");
    }

    private void awaitCommands(final int count)
    {
        awaitUntil(() -> publisher.commands().size() >= count,
            () -> "expected " + count + " commands, got " + publisher.commands().size());
    }

    private static void awaitUntil(final java.util.function.BooleanSupplier done,
        final java.util.function.Supplier<String> failure)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError(failure.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }
}
