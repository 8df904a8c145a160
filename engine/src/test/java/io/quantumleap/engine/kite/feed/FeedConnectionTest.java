package io.quantumleap.engine.kite.feed;

import io.quantumleap.engine.protocol.BrokerSessionCommandDecoder;
import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.engine.protocol.FeedGapCommandDecoder;
import io.quantumleap.engine.protocol.GapState;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.TickMode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedConnectionTest
{
    private static final long SECOND = 1_000_000_000L;

    private long nowMs = Instant.parse("2026-11-30T03:00:00Z").toEpochMilli();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final BrokerSession session = new BrokerSession(7, () -> nowMs, publisher);
    private final SubscriptionPlan plan = new SubscriptionPlan(1, 3000);
    private final FakeTransport transport = new FakeTransport();
    private final FeedConnection connection = new FeedConnection(0, transport, plan, session,
        new ReconnectBackoff(SECOND, 30 * SECOND, 0.0, () -> 0.5), 5 * SECOND, 2 * SECOND, 7 * SECOND, 0, publisher);

    @BeforeEach
    void login()
    {
        plan.subscribe(new long[]{ 408065, 884737 }, TickMode.FULL);
        plan.subscribe(new long[]{ 256265 }, TickMode.LTP);
        session.rebind("token-1");
        publisher.clear();
    }

    @Test
    void shouldResubscribeThenSetModesWhenConnected()
    {
        connection.start(0);
        connection.onOpen(10);

        assertEquals(List.of("connect token-1"), transport.connects);
        assertTrue(transport.sent.get(0).startsWith("{\"a\":\"subscribe\",\"v\":["), transport.sent.toString());
        assertTrue(transport.sent.contains("{\"a\":\"mode\",\"v\":[\"full\",[408065,884737]]}"),
            transport.sent.toString());
        assertTrue(transport.sent.contains("{\"a\":\"mode\",\"v\":[\"ltp\",[256265]]}"), transport.sent.toString());
    }

    @Test
    void shouldNameItsAccountInTheLog()
    {
        assertEquals("ticker connection 0 of account 7", connection.name());
    }

    @Test
    void shouldDeclareTheLinkDeadAfterFiveSecondsOfSilenceAndOpenAGap()
    {
        connection.start(0);
        connection.onOpen(0);
        connection.onFrame(SECOND);

        connection.poll(5 * SECOND + SECOND - 1);
        assertEquals(FeedConnection.State.CONNECTED, connection.state());
        connection.poll(6 * SECOND);

        assertEquals(FeedConnection.State.WAITING_RETRY, connection.state());
        assertEquals(1, transport.closes);
        final FeedGapCommandDecoder gap = gap(0);
        assertEquals(GapState.GAP_STARTED, gap.state());
        assertEquals(SECOND, gap.lastMessageNs());
        assertEquals(6 * SECOND, gap.timestampNs());
        assertEquals(0, gap.connectionId());
    }

    @Test
    void shouldReconnectWithExponentialBackoffAndCloseTheGapOnTheFirstFrame()
    {
        connection.start(0);
        connection.onOpen(0);
        connection.onFrame(1);
        connection.onClosed(10 * SECOND, "reset");
        assertEquals(11 * SECOND, connection.reconnectAtNs());

        connection.poll(11 * SECOND);
        connection.onClosed(11 * SECOND, "refused");
        assertEquals(13 * SECOND, connection.reconnectAtNs());
        connection.poll(13 * SECOND);
        connection.onClosed(13 * SECOND, "refused");
        assertEquals(17 * SECOND, connection.reconnectAtNs());

        connection.poll(17 * SECOND);
        connection.onOpen(17 * SECOND);
        assertTrue(connection.inGap());
        connection.onFrame(18 * SECOND);

        assertFalse(connection.inGap());
        assertEquals(4, transport.connects.size());
        assertEquals(2, publisher.commands(FeedGapCommandDecoder.TEMPLATE_ID).size());
        assertEquals(GapState.GAP_ENDED, gap(1).state());
    }

    @Test
    void shouldTellTheReconnectListenerOnlyWhenALostLinkIsBack()
    {
        final List<Integer> reconnected = new ArrayList<>();
        connection.reconnectListener(reconnected::add);
        connection.start(0);
        connection.onOpen(0);
        assertTrue(reconnected.isEmpty());

        connection.onClosed(SECOND, "reset");
        connection.poll(2 * SECOND);
        connection.onOpen(2 * SECOND);

        assertEquals(List.of(0), reconnected);
    }

    @Test
    void shouldCapTheBackoffAndNeverGiveUpByDefault()
    {
        connection.start(0);
        connection.onOpen(0);
        connection.onFrame(1);
        long now = SECOND;
        for (int i = 0; i < 200; i++)
        {
            connection.onClosed(now, "down");
            assertTrue(connection.reconnectAtNs() - now <= 30 * SECOND);
            now = connection.reconnectAtNs();
            connection.poll(now);
            assertEquals(FeedConnection.State.CONNECTING, connection.state());
        }
        assertEquals(200, connection.reconnects());
    }

    @Test
    void shouldTreatAnUnansweredConnectAsALoss()
    {
        connection.start(0);

        connection.poll(7 * SECOND);

        assertEquals(FeedConnection.State.WAITING_RETRY, connection.state());
    }

    @Test
    void shouldParkOnARefusedHandshakeAndReportTokenExpiryNotNetworkLoss()
    {
        connection.start(0);
        connection.onOpen(0);
        connection.onFrame(1);
        connection.onClosed(SECOND, "reset");
        connection.poll(2 * SECOND);

        connection.onHandshakeRejected(2 * SECOND, 403);
        connection.poll(100 * SECOND);

        assertEquals(FeedConnection.State.PARKED, connection.state());
        assertEquals(2, transport.connects.size());
        assertEquals(BrokerSessionState.TOKEN_EXPIRED, sessionState(0));
    }

    @Test
    void shouldReconnectWithTheNewTokenOnRebindWithoutRestart()
    {
        connection.start(0);
        connection.onHandshakeRejected(SECOND, 403);

        session.rebind("token-2");
        connection.rebind(2 * SECOND);
        connection.onOpen(2 * SECOND);

        assertEquals(List.of("connect token-1", "connect token-2"), transport.connects);
        assertEquals(FeedConnection.State.CONNECTED, connection.state());
        assertEquals(BrokerSessionState.CONNECTED, sessionState(1));
    }

    @Test
    void shouldConnectAConnectionParkedBeforeTheLoginOnceTheSessionIsUsableThoughNoRebindReachedIt()
    {
        final BrokerSession later = new BrokerSession(7, () -> nowMs, publisher);
        final FeedConnection parked = new FeedConnection(1, transport, plan, later,
            new ReconnectBackoff(SECOND, 30 * SECOND, 0.0, () -> 0.5), 5 * SECOND, 2 * SECOND, 7 * SECOND, 0,
            publisher);
        parked.start(0);
        parked.poll(SECOND);
        final FeedConnection.State beforeTheLogin = parked.state();

        later.rebind("token-9");
        parked.poll(2 * SECOND);

        assertEquals(FeedConnection.State.PARKED, beforeTheLogin);
        assertEquals(FeedConnection.State.CONNECTING, parked.state());
        assertEquals(List.of("connect token-9"), transport.connects);
    }

    @Test
    void shouldConnectWithTheNewTokenWhenTheHandshakeOfAReplacedOneIsRefusedAfterTheRebind()
    {
        connection.start(0);
        session.rebind("token-2");

        connection.onHandshakeRejected(SECOND, 403);
        final FeedConnection.State refused = connection.state();
        connection.poll(2 * SECOND);
        connection.onOpen(2 * SECOND);

        assertEquals(FeedConnection.State.PARKED, refused);
        assertEquals(List.of("connect token-1", "connect token-2"), transport.connects);
        assertEquals(FeedConnection.State.CONNECTED, connection.state());
        assertEquals(BrokerSessionState.CONNECTED, session.state());
    }

    @Test
    void shouldParkAtSixInTheMorningIst()
    {
        connection.start(0);
        connection.onOpen(0);
        connection.onFrame(1);
        nowMs = Instant.parse("2026-11-30T00:30:00Z").toEpochMilli() + 24L * 3600 * 1000;

        connection.poll(2);

        assertEquals(FeedConnection.State.PARKED, connection.state());
        assertEquals(BrokerSessionState.TOKEN_EXPIRED, sessionState(0));
        assertEquals(GapState.GAP_STARTED, gap(0).state());
    }

    @Test
    void shouldPingAnIdleLink()
    {
        connection.start(0);
        connection.onOpen(0);

        connection.poll(2 * SECOND);

        assertEquals(1, transport.pings);
    }

    @Test
    void shouldParkInsteadOfConnectingWithoutALogin()
    {
        final BrokerSession noLogin = new BrokerSession(7, () -> nowMs, publisher);
        final FeedConnection parked = new FeedConnection(1, transport, plan, noLogin,
            new ReconnectBackoff(SECOND, 30 * SECOND, 0.0, () -> 0.5), 5 * SECOND, 2 * SECOND, 7 * SECOND, 0,
            publisher);

        parked.start(0);

        assertEquals(FeedConnection.State.PARKED, parked.state());
        assertTrue(transport.connects.isEmpty());
    }

    private FeedGapCommandDecoder gap(final int index)
    {
        final UnsafeBuffer buffer = publisher.commands(FeedGapCommandDecoder.TEMPLATE_ID).get(index);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        return new FeedGapCommandDecoder().wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
            header.version());
    }

    private BrokerSessionState sessionState(final int index)
    {
        final UnsafeBuffer buffer = publisher.commands(BrokerSessionCommandDecoder.TEMPLATE_ID).get(index);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        return new BrokerSessionCommandDecoder().wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH,
            header.blockLength(), header.version()).state();
    }

    private static final class FakeTransport implements FeedTransport
    {
        final List<String> connects = new ArrayList<>();
        final List<String> sent = new ArrayList<>();
        int pings;
        int closes;

        @Override
        public void connect(final String accessToken)
        {
            connects.add("connect " + accessToken);
        }

        @Override
        public void send(final String textFrame)
        {
            sent.add(textFrame);
        }

        @Override
        public void ping()
        {
            pings++;
        }

        @Override
        public void close()
        {
            closes++;
        }
    }
}
