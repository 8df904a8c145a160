package io.quantumleap.engine.kite.feed;

import io.quantumleap.engine.kite.rest.KiteErrorType;
import io.quantumleap.engine.kite.rest.KiteException;
import io.quantumleap.engine.protocol.BrokerSessionCommandDecoder;
import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerSessionTest
{
    private long nowMs = Instant.parse("2026-11-30T03:00:00Z").toEpochMilli();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final BrokerSession session = new BrokerSession(9, () -> nowMs, publisher);

    @Test
    void shouldAnnounceThatALoginIsRequiredBeforeTheFirstToken()
    {
        session.announce();

        assertEquals(BrokerSessionState.LOGIN_REQUIRED, decode(0).state());
        assertFalse(session.usable());
    }

    @Test
    void shouldPublishConnectedWithTheNextSixAmIstAsExpiryAndTellRebindListeners()
    {
        final List<String> tokens = new ArrayList<>();
        session.onRebind(tokens::add);

        session.rebind("tok");

        final BrokerSessionCommandDecoder command = decode(0);
        assertEquals(BrokerSessionState.CONNECTED, command.state());
        assertEquals(9, command.accountId());
        assertEquals(Instant.parse("2026-12-01T00:30:00Z").getEpochSecond(), command.tokenExpiryS());
        assertEquals(List.of("tok"), tokens);
        assertTrue(session.usable());
    }

    @Test
    void shouldTurnARestTokenExceptionIntoTokenExpiredOnce()
    {
        session.rebind("tok");

        session.onTokenException(new KiteException(KiteErrorType.TOKEN, 403, "GET /orders", "expired", null), "tok");
        session.onTokenException(new KiteException(KiteErrorType.TOKEN, 403, "GET /trades", "expired", null), "tok");

        assertEquals(2, publisher.commands().size());
        assertEquals(BrokerSessionState.TOKEN_EXPIRED, decode(1).state());
    }

    @Test
    void shouldKeepTheSessionWhenKiteRefusesATokenANewerLoginReplaced()
    {
        session.rebind("first");
        session.rebind("second");

        session.onTokenException(new KiteException(KiteErrorType.TOKEN, 403, "GET /orders", "ended", null), "first");
        session.tokenRejected("ticker handshake refused with HTTP 403", "first");

        assertEquals(2, publisher.commands().size());
        assertEquals(BrokerSessionState.CONNECTED, decode(1).state());
        assertTrue(session.usable());

        session.tokenRejected("ticker handshake refused with HTTP 403", "second");

        assertEquals(3, publisher.commands().size());
        assertEquals(BrokerSessionState.TOKEN_EXPIRED, decode(2).state());
        assertFalse(session.usable());
    }

    @Test
    void shouldExpireAtSixAmIst()
    {
        session.rebind("tok");
        nowMs = Instant.parse("2026-12-01T00:29:59Z").toEpochMilli();
        assertTrue(session.checkExpiry());

        nowMs = Instant.parse("2026-12-01T00:30:00Z").toEpochMilli();

        assertFalse(session.checkExpiry());
        assertEquals(BrokerSessionState.TOKEN_EXPIRED, session.state());
    }

    private BrokerSessionCommandDecoder decode(final int index)
    {
        final UnsafeBuffer buffer = publisher.commands().get(index);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        return new BrokerSessionCommandDecoder().wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH,
            header.blockLength(), header.version());
    }
}
