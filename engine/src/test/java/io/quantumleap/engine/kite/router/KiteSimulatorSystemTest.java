package io.quantumleap.engine.kite.router;

import io.quantumleap.engine.kite.feed.BrokerSession;
import io.quantumleap.engine.kite.feed.FeedConnection;
import io.quantumleap.engine.kite.feed.KiteFeed;
import io.quantumleap.engine.kite.feed.KiteFeedContext;
import io.quantumleap.engine.kite.feed.KiteTextFrameHandler;
import io.quantumleap.engine.kite.feed.KiteTickerFrameDecoder;
import io.quantumleap.engine.kite.feed.RecordingPublisher;
import io.quantumleap.engine.kite.rest.InstrumentsCsvParser;
import io.quantumleap.engine.kite.rest.InstrumentsLoader;
import io.quantumleap.engine.kite.rest.KiteErrorType;
import io.quantumleap.engine.kite.rest.KiteException;
import io.quantumleap.engine.kite.rest.KiteRestClient;
import io.quantumleap.engine.kite.rest.KiteRestContext;
import io.quantumleap.engine.kite.rest.KiteSession;
import io.quantumleap.engine.protocol.BrokerRequestEventDecoder;
import io.quantumleap.engine.protocol.BrokerRequestEventEncoder;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.engine.protocol.Exchange;
import io.quantumleap.engine.protocol.FeedGapCommandDecoder;
import io.quantumleap.engine.protocol.GapState;
import io.quantumleap.engine.protocol.MarketDataCommandDecoder;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.OrderUpdateCommandDecoder;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.protocol.Validity;
import io.quantumleap.engine.protocol.Variety;
import io.quantumleap.engine.sim.KiteSimulator;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteSimulatorSystemTest
{
    private static final long ACCOUNT = 1;
    private static final long INFY = 408065;

    private final KiteSimulator sim = new KiteSimulator(new KiteSimulator.Context()
        .tickRatePerSecond(20)
        .heartbeatIntervalMs(100)).start();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final BrokerSession session = new BrokerSession(ACCOUNT, SystemEpochClock.INSTANCE, publisher);
    private final KiteRestClient rest = new KiteRestClient(new KiteRestContext()
        .apiKey(sim.apiKey())
        .apiSecret(sim.apiSecret())
        .apiUrl(URI.create(sim.restBaseUrl()))
        .sessionListener(session));
    private final KiteBroker broker = new KiteBroker(Map.of(ACCOUNT, rest), publisher, new SystemEpochNanoClock());
    private final KiteFeed feed = new KiteFeed(new KiteFeedContext()
        .apiKey(sim.apiKey())
        .wsUrl(URI.create(sim.tickerUrl()))
        .livenessTimeoutNs(TimeUnit.MILLISECONDS.toNanos(700))
        .pollIntervalNs(TimeUnit.MILLISECONDS.toNanos(20))
        .reconnect(TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(200), 0.1)
        .decoder(new KiteTickerFrameDecoder(publisher))
        .textHandler(new KiteTextFrameHandler(ACCOUNT, publisher))
        .publisher(publisher)
        .session(session)
        .reconnectListener((connectionId) -> broker.reconcile(ACCOUNT, KiteBroker.ReconcileReason.RECONNECT)));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop()
    {
        feed.close();
        rest.close();
        sim.close();
    }

    @Test
    void shouldLogInStreamTradeSurviveAStallAndRebindAfterTokenExpiry() throws Exception
    {
        broker.bindSession(ACCOUNT, session);
        session.announce();
        final KiteSession login = rest.generateSession(requestToken()).join();
        session.rebind(login.accessToken());
        feed.start();

        final InstrumentsCsvParser.Result instruments =
            new InstrumentsLoader(rest, publisher, new SystemEpochNanoClock()).load().join();
        assertTrue(instruments.published() > 100, instruments.toString());
        assertEquals(0, instruments.rejected());

        feed.subscribe(new long[]{ INFY }, TickMode.FULL).join();
        await(() -> ticks(INFY) > 0);

        final UnsafeBuffer request = new UnsafeBuffer(new byte[512]);
        marketBuy(request, 77);
        final RecordingReplies replies = new RecordingReplies();
        broker.send(new BrokerRequestEventDecoder().wrap(request, MessageHeaderDecoder.ENCODED_LENGTH,
            BrokerRequestEventDecoder.BLOCK_LENGTH, BrokerRequestEventDecoder.SCHEMA_VERSION), replies);
        await(() -> replies.acks.size() == 1);
        assertEquals(77, replies.acks.get(0).clientOrderId());
        await(() -> orderUpdates(77) > 0);

        sim.faults().stallTicker(true);
        await(() -> gaps(GapState.GAP_STARTED) == 1);
        sim.faults().stallTicker(false);
        await(() -> gaps(GapState.GAP_ENDED) == 1);

        fault("{\"expireTokens\":true}");
        final CompletionException expired = assertThrows(CompletionException.class, () -> rest.orders().join());
        assertEquals(KiteErrorType.TOKEN, assertInstanceOf(KiteException.class, expired.getCause()).type());
        await(() -> session.state() == BrokerSessionState.TOKEN_EXPIRED);
        await(() -> feed.state(0) == FeedConnection.State.PARKED);

        final KiteSession relogin = rest.generateSession(requestToken()).join();
        session.rebind(relogin.accessToken());
        await(() -> feed.state(0) == FeedConnection.State.CONNECTED);
        final int ticksBefore = ticks(INFY);
        await(() -> ticks(INFY) > ticksBefore);
        assertEquals(1, rest.orders().join().size());
    }

    private String requestToken() throws Exception
    {
        final HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(sim.loginUrl())).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        final String location = response.headers().firstValue("Location").orElseThrow();
        for (final String pair : URI.create(location).getRawQuery().split("&"))
        {
            if (pair.startsWith("request_token="))
            {
                return pair.substring("request_token=".length());
            }
        }
        throw new AssertionError("no request_token in " + location);
    }

    private void fault(final String json) throws Exception
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create(sim.restBaseUrl() + "/__sim/faults"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    private int marketBuy(final UnsafeBuffer buffer, final long clientOrderId)
    {
        final BrokerRequestEventEncoder encoder = new BrokerRequestEventEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .inputSequence(1)
            .timestampNs(1)
            .accountId(ACCOUNT)
            .clientOrderId(clientOrderId)
            .requestType(BrokerRequestType.PLACE)
            .brokerOrderId("")
            .instrumentToken(INFY)
            .exchange(Exchange.NSE)
            .side(Side.BUY)
            .orderType(OrderType.MARKET)
            .product(Product.CNC)
            .validity(Validity.DAY)
            .variety(Variety.REGULAR)
            .qty(1)
            .pricePaise(0)
            .triggerPricePaise(0)
            .disclosedQty(0)
            .validityTtlMinutes(0)
            .marketProtectionPct(0)
            .icebergLegs(0)
            .icebergQty(0)
            .tradingsymbol("INFY")
            .tag("QL" + clientOrderId)
            .parentOrderId("").auctionNumber("");
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    private int ticks(final long token)
    {
        int count = 0;
        final MarketDataCommandDecoder decoder = new MarketDataCommandDecoder();
        for (final UnsafeBuffer command : publisher.commands(MarketDataCommandDecoder.TEMPLATE_ID))
        {
            final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(command, 0);
            decoder.wrap(command, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            if (decoder.instrumentToken() == token)
            {
                count++;
            }
        }
        return count;
    }

    private int orderUpdates(final long clientOrderId)
    {
        int count = 0;
        final OrderUpdateCommandDecoder decoder = new OrderUpdateCommandDecoder();
        for (final UnsafeBuffer command : publisher.commands(OrderUpdateCommandDecoder.TEMPLATE_ID))
        {
            final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(command, 0);
            decoder.wrap(command, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            if (decoder.clientOrderId() == clientOrderId)
            {
                count++;
            }
        }
        return count;
    }

    private int gaps(final GapState state)
    {
        int count = 0;
        final FeedGapCommandDecoder decoder = new FeedGapCommandDecoder();
        final List<UnsafeBuffer> commands = publisher.commands(FeedGapCommandDecoder.TEMPLATE_ID);
        for (final UnsafeBuffer command : commands)
        {
            final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(command, 0);
            decoder.wrap(command, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            if (decoder.state() == state)
            {
                count++;
            }
        }
        return count;
    }

    private static void await(final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("condition not met within 15 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
