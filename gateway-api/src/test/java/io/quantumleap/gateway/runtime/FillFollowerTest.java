package io.quantumleap.gateway.runtime;

import io.quantumleap.engine.kite.feed.RecordingPublisher;
import io.quantumleap.engine.kite.rest.FakeKiteServer;
import io.quantumleap.engine.kite.rest.KiteRestClient;
import io.quantumleap.engine.kite.router.KiteBroker;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.TradeCommandDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FillFollowerTest
{
    private static final long ACCOUNT = 11;
    private static final String ORDER_ID = "200000000000000";
    private static final String TRADES = "GET /orders/" + ORDER_ID + "/trades";

    private final FakeKiteServer server = new FakeKiteServer();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final KiteRestClient client = new KiteRestClient(server.clientContext());
    private final KiteBroker broker = new KiteBroker(Map.of(ACCOUNT, client), publisher, () -> 5L);
    private final FillFollower follower = new FillFollower(ACCOUNT, (text, connectionId, receiveNs) -> true, broker);

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void shouldFetchTheTradesOfAGrowingFillAgainWhileTheBrokerRefusesUntilItAnswers()
    {
        server.route(TRADES, FakeKiteServer.Reply.json(429,
            "{\"status\":\"error\",\"message\":\"Too many requests\",\"error_type\":\"NetworkException\"}"));

        follower.onTextFrame(orderUpdate(1), 0, 0);
        await(() -> tradeFetches() >= 2, "a second fetch after the first was refused");
        server.route(TRADES, FakeKiteServer.Reply.mock("order_trades.json"));
        await(() -> !publisher.commands(TradeCommandDecoder.TEMPLATE_ID).isEmpty(), "the trade published");

        final UnsafeBuffer buffer = publisher.commands(TradeCommandDecoder.TEMPLATE_ID).get(0);
        final TradeCommandDecoder trade = new TradeCommandDecoder().wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH,
            TradeCommandDecoder.BLOCK_LENGTH, TradeCommandDecoder.SCHEMA_VERSION);
        assertEquals(ACCOUNT, trade.accountId());
        assertEquals(1, trade.qty());
        assertTrue(tradeFetches() >= 3);
    }

    @Test
    void shouldFetchTradesOnlyWhenTheFilledQuantityGrows()
    {
        server.route(TRADES, FakeKiteServer.Reply.mock("order_trades.json"));

        follower.onTextFrame(orderUpdate(1), 0, 0);
        await(() -> !publisher.commands(TradeCommandDecoder.TEMPLATE_ID).isEmpty(), "the trade published");
        follower.onTextFrame(orderUpdate(1), 0, 0);
        follower.onTextFrame(orderUpdate(0), 0, 0);
        follower.onTextFrame(orderUpdate(2), 0, 0);
        await(() -> tradeFetches() == 2, "one more fetch, for the larger fill");
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));

        assertEquals(2, tradeFetches());
        assertEquals(1, publisher.commands(TradeCommandDecoder.TEMPLATE_ID).size(), "a trade is published once");
    }

    private long tradeFetches()
    {
        return server.requests().stream().filter(r -> (r.method() + " " + r.path()).equals(TRADES)).count();
    }

    private static String orderUpdate(final long filled)
    {
        return "{\"type\":\"order\",\"data\":{\"order_id\":\"" + ORDER_ID + "\",\"status\":\"OPEN\"," +
            "\"filled_quantity\":" + filled + "}}";
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
