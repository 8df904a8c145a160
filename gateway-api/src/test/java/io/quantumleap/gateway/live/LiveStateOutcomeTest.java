package io.quantumleap.gateway.live;

import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.testing.CapturingEventSink;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.engine.testing.CoreHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveStateOutcomeTest
{
    private static final long ACCOUNT = 1;
    private static final long INFY = 408_065;

    private final CoreHarness core = new CoreHarness();
    private final Commands commands = core.commands();
    private final LiveState live = new LiveState();
    private int applied;
    private long ts = 1_796_000_000_000_000_000L;

    @BeforeEach
    void setUp()
    {
        core.send(commands.account(next(), ACCOUNT, "AB1234"));
        core.send(commands.equity(next(), INFY, "INFY"));
        core.send(commands.tick(next(), INFY, TickMode.QUOTE, 150_000, 1_000, 149_000));
        apply();
    }

    private long next()
    {
        ts += 1_000_000L;
        return ts;
    }

    private void apply()
    {
        final CapturingEventSink events = core.sink();
        for (; applied < events.count(); applied++)
        {
            live.onEvent(events.buffer(), events.offset(applied), events.length(applied));
        }
    }

    @Test
    void shouldAnswerAPlaceWithTheOrderItsOwnCommandCreated()
    {
        final long placeNs = next();
        final CompletableFuture<LiveState.Outcome> answer = live.awaitOutcome(ACCOUNT, 77, placeNs);
        core.send(commands.limit(placeNs, ACCOUNT, 77, INFY, Side.BUY, 1, 150_010));
        apply();

        assertTrue(answer.isDone());
        assertEquals(77, answer.join().order().clientOrderId());
        assertNull(answer.join().reject());
    }

    @Test
    void shouldNotTakeALateEventOfAnEarlierCommandForTheAnswerToAnotherWithTheSameClientOrderId()
    {
        core.send(commands.limit(next(), ACCOUNT, 77, INFY, Side.BUY, 1, 150_010));
        apply();

        final long againNs = next();
        final CompletableFuture<LiveState.Outcome> answer = live.awaitOutcome(ACCOUNT, 77, againNs);
        core.send(commands.ack(next(), ACCOUNT, 77, BrokerRequestType.PLACE, "B77"));
        apply();
        assertFalse(answer.isDone(), "the first order's broker ack is no answer to the second place");

        core.send(commands.limit(againNs, ACCOUNT, 77, INFY, Side.BUY, 1, 150_010));
        apply();
        assertTrue(answer.isDone());
        assertEquals("DUPLICATE_CLIENT_ORDER_ID", answer.join().reject().reason());
    }
}
