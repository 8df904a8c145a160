package io.quantumleap.engine.kite.feed;

import io.quantumleap.engine.kite.rest.KiteMocks;
import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.engine.protocol.FeedGapCommandDecoder;
import io.quantumleap.engine.protocol.MarketDataCommandDecoder;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.OrderUpdateCommandDecoder;
import io.quantumleap.engine.protocol.TickMode;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteFeedLoopbackTest
{
    final FakeTickerServer server = new FakeTickerServer();
    private final RecordingPublisher publisher = new RecordingPublisher();
    final BrokerSession session = new BrokerSession(3, SystemEpochClock.INSTANCE, publisher);
    final InMemoryRawFrameCapture capture = new InMemoryRawFrameCapture();
    final Set<String> readOn = ConcurrentHashMap.newKeySet();
    KiteFeed feed;

    EventLoop feedLoop()
    {
        return null;
    }

    @BeforeEach
    void start()
    {
        feed = new KiteFeed(new KiteFeedContext()
            .apiKey("key")
            .wsUrl(server.uri())
            .maxConnections(1)
            .reconnect(TimeUnit.MILLISECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(50), 0.1)
            .pollIntervalNs(TimeUnit.MILLISECONDS.toNanos(10))
            .capture((connectionId, receiveNs, binary, buffer, offset, length) ->
            {
                readOn.add(Thread.currentThread().getName());
                capture.onFrame(connectionId, receiveNs, binary, buffer, offset, length);
            })
            .decoder(new KiteTickerFrameDecoder(publisher))
            .textHandler(new KiteTextFrameHandler(3, publisher))
            .publisher(publisher)
            .session(session)
            .eventLoop(feedLoop()));
    }

    void closeFeedLoop()
    {
    }

    @AfterEach
    void stop()
    {
        feed.close();
        server.close();
        closeFeedLoop();
    }

    @Test
    void shouldSubscribeThenStreamTicksHeartbeatsAndOrderUpdatesIntoTheRing()
    {
        session.rebind("good");
        feed.start();
        feed.subscribe(new long[]{ 884737 }, TickMode.FULL).join();
        await(() -> server.received().size() >= 2);

        server.sendBinary(KiteMocks.bytes("fullMode_binary.packet"));
        server.sendBinary(new byte[]{ 0 });
        server.sendText("{\"type\":\"order\",\"data\":{\"order_id\":\"1\",\"status\":\"OPEN\"," +
            "\"instrument_token\":884737,\"tag\":\"QL42\"}}");
        server.sendText("not json");
        await(() -> feed.counters().malformedFrames() == 1);

        assertEquals("{\"a\":\"subscribe\",\"v\":[884737]}", server.received().get(0));
        assertEquals("{\"a\":\"mode\",\"v\":[\"full\",[884737]]}", server.received().get(1));
        assertTrue(server.handshakeUris().get(0).contains("api_key=key&access_token=good"));
        final UnsafeBuffer tick = publisher.commands(MarketDataCommandDecoder.TEMPLATE_ID).get(0);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(tick, 0);
        final MarketDataCommandDecoder decoder = new MarketDataCommandDecoder()
            .wrap(tick, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertEquals(884737, decoder.instrumentToken());
        assertEquals(39295, decoder.lastPricePaise());
        assertEquals(TickMode.FULL, decoder.mode());
        final UnsafeBuffer update = publisher.commands(OrderUpdateCommandDecoder.TEMPLATE_ID).get(0);
        final OrderUpdateCommandDecoder order = new OrderUpdateCommandDecoder()
            .wrap(update, MessageHeaderDecoder.ENCODED_LENGTH, OrderUpdateCommandDecoder.BLOCK_LENGTH,
                OrderUpdateCommandDecoder.SCHEMA_VERSION);
        assertEquals(42, order.clientOrderId());
        assertEquals(3, order.accountId());
        assertEquals(1, feed.counters().heartbeats());
        assertEquals(4, capture.frames().size());
        assertEquals(188, capture.frames().get(0).payload().length);
    }

    @Test
    void shouldReconnectResubscribeAndReportTheGapWhenTheServerDropsTheLink()
    {
        session.rebind("good");
        feed.start();
        feed.subscribe(new long[]{ 884737 }, TickMode.LTP).join();
        await(() -> server.received().size() >= 2);
        server.sendBinary(new byte[]{ 0 });
        await(() -> feed.counters().heartbeats() == 1);

        server.dropClient();
        await(() -> server.clientCount() == 2 && server.received().size() >= 4);
        server.sendBinary(new byte[]{ 0 });
        await(() -> publisher.commands(FeedGapCommandDecoder.TEMPLATE_ID).size() == 2);

        assertEquals("{\"a\":\"subscribe\",\"v\":[884737]}", server.received().get(2));
        assertEquals("{\"a\":\"mode\",\"v\":[\"ltp\",[884737]]}", server.received().get(3));
        assertEquals(FeedConnection.State.CONNECTED, feed.state(0));
    }

    @Test
    void shouldSayHowManyInstrumentsTheConnectionCarries()
    {
        session.rebind("good");
        feed.start();
        assertEquals(1, feed.connectionCount());
        assertEquals(0, feed.status(0).instruments());

        feed.subscribe(new long[]{ 884737, 408065, 256265 }, TickMode.LTP).join();
        await(() -> feed.state(0) == FeedConnection.State.CONNECTED);
        assertEquals(new KiteFeed.ConnectionStatus(FeedConnection.State.CONNECTED, 3), feed.status(0));

        feed.unsubscribe(new long[]{ 408065, 12345 }).join();
        assertEquals(2, feed.status(0).instruments());
        feed.subscribe(new long[]{ 884737 }, TickMode.FULL).join();
        assertEquals(2, feed.status(0).instruments());
    }

    @Test
    void shouldReportTokenExpiryOnARefusedHandshakeAndRebindWithoutRestart()
    {
        session.rebind("expired");
        feed.start();
        feed.subscribe(new long[]{ 884737 }, TickMode.QUOTE).join();
        await(() -> session.state() == BrokerSessionState.TOKEN_EXPIRED);
        await(() -> feed.state(0) == FeedConnection.State.PARKED);

        session.rebind("fresh");
        await(() -> feed.state(0) == FeedConnection.State.CONNECTED);
        await(() -> server.received().size() >= 2);

        assertEquals(BrokerSessionState.CONNECTED, session.state());
        assertTrue(server.handshakeUris().get(server.handshakeUris().size() - 1).contains("access_token=fresh"));
        assertEquals(1, server.clientCount());
    }

    static void await(final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("condition not met within 10 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }
}
