package io.quantumleap.engine.kite.feed;

import io.quantumleap.engine.kite.rest.KiteMocks;
import io.quantumleap.engine.protocol.FeedGapCommandDecoder;
import io.quantumleap.engine.protocol.MarketDataCommandDecoder;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.OrderUpdateCommandDecoder;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.quantumleap.engine.kite.feed.KiteFeedLoopbackTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteOrderUpdateFeedTest
{
    private final FakeTickerServer server = new FakeTickerServer();
    private final RecordingPublisher ring = new RecordingPublisher();
    private final RecordingPublisher marketData = new RecordingPublisher();
    private final BrokerSession session = new BrokerSession(5, SystemEpochClock.INSTANCE, ring);
    private final AtomicInteger reconnects = new AtomicInteger();
    private KiteFeed feed;

    @BeforeEach
    void start()
    {
        feed = new KiteFeed(new KiteFeedContext()
            .orderUpdatesOnly(true)
            .apiKey("key")
            .wsUrl(server.uri())
            .reconnect(TimeUnit.MILLISECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(50), 0.1)
            .pollIntervalNs(TimeUnit.MILLISECONDS.toNanos(10))
            .decoder(new KiteTickerFrameDecoder(marketData))
            .textHandler(new KiteTextFrameHandler(5, ring))
            .publisher(marketData)
            .session(session)
            .reconnectListener(connectionId -> reconnects.incrementAndGet()));
    }

    @AfterEach
    void stop()
    {
        feed.close();
        server.close();
    }

    @Test
    void shouldOpenOneConnectionWithoutInstrumentsOnceTheAccountLogsInAndBringItsOrderUpdates()
    {
        feed.start();
        await(() -> feed.state(0) == FeedConnection.State.PARKED);
        assertEquals(0, server.clientCount());

        session.rebind("good");
        await(() -> feed.state(0) == FeedConnection.State.CONNECTED);
        server.sendBinary(KiteMocks.bytes("fullMode_binary.packet"));
        server.sendText("{\"type\":\"order\",\"data\":{\"order_id\":\"1\",\"status\":\"OPEN\"," +
            "\"instrument_token\":884737,\"tag\":\"QL42\"}}");
        await(() -> ring.commands(OrderUpdateCommandDecoder.TEMPLATE_ID).size() == 1);

        assertEquals(1, feed.connectionCount());
        assertEquals(1, server.clientCount());
        assertTrue(server.handshakeUris().get(0).contains("api_key=key&access_token=good"));
        assertEquals(0, server.received().size());
        final UnsafeBuffer update = ring.commands(OrderUpdateCommandDecoder.TEMPLATE_ID).get(0);
        final OrderUpdateCommandDecoder order = new OrderUpdateCommandDecoder()
            .wrap(update, MessageHeaderDecoder.ENCODED_LENGTH, OrderUpdateCommandDecoder.BLOCK_LENGTH,
                OrderUpdateCommandDecoder.SCHEMA_VERSION);
        assertEquals(5, order.accountId());
        assertEquals(42, order.clientOrderId());
        assertEquals(0, ring.commands(MarketDataCommandDecoder.TEMPLATE_ID).size());
    }

    @Test
    void shouldOpenAgainAfterALossAndSayOrdersMayHaveBeenMissed()
    {
        session.rebind("good");
        feed.start();
        await(() -> feed.state(0) == FeedConnection.State.CONNECTED);

        server.dropClient();
        await(() -> server.clientCount() == 2 && feed.state(0) == FeedConnection.State.CONNECTED);
        server.sendBinary(new byte[]{ 0 });
        await(() -> reconnects.get() == 1 && marketData.commands(FeedGapCommandDecoder.TEMPLATE_ID).size() == 2);

        assertEquals(0, ring.commands(FeedGapCommandDecoder.TEMPLATE_ID).size());
        assertEquals(0, server.received().size());
    }
}
