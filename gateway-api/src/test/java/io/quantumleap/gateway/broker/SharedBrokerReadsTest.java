package io.quantumleap.gateway.broker;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.testing.CapturingEventSink;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.engine.testing.CoreHarness;
import io.quantumleap.gateway.live.LiveState;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedBrokerReadsTest
{
    private static final long ACCOUNT = 1;
    private static final long OTHER = 2;
    private static final long INFY = 408_065;

    private final LiveState live = new LiveState();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<CompletableFuture<String>> asked = new ArrayList<>();
    private final AtomicInteger answers = new AtomicInteger();
    private final CoreHarness core = new CoreHarness();
    private final Commands commands = core.commands();
    private int applied;

    private final LongFunction<CompletableFuture<String>> broker = (accountId) ->
    {
        final CompletableFuture<String> answer = new CompletableFuture<>();
        asked.add(answer);
        return answer;
    };

    private SharedBrokerReads reads(final Duration reuse)
    {
        return new SharedBrokerReads(live, reuse, registry);
    }

    private void answer(final int index)
    {
        asked.get(index).complete("answer " + answers.incrementAndGet());
    }

    private double counted(final String answer)
    {
        return registry.get("qleap.broker.reads").tag("answer", answer).functionCounter().count();
    }

    @Test
    void shouldGiveReadsAskedWhileOneIsOnItsWayThatOneAnswer()
    {
        final SharedBrokerReads reads = reads(Duration.ZERO);

        final CompletableFuture<String> first = reads.read(ACCOUNT, "funds", broker);
        final CompletableFuture<String> second = reads.read(ACCOUNT, "funds", broker);
        answer(0);

        assertEquals(1, asked.size());
        assertEquals("answer 1", first.getNow(null));
        assertEquals("answer 1", second.getNow(null));
        assertEquals(1, counted("broker"));
        assertEquals(1, counted("shared"));
    }

    @Test
    void shouldReuseAnAnswerWithinTheReuseTimeAndAskAgainWithNone()
    {
        final SharedBrokerReads reusing = reads(Duration.ofMinutes(1));
        reusing.read(ACCOUNT, "funds", broker);
        answer(0);
        final CompletableFuture<String> again = reusing.read(ACCOUNT, "funds", broker);

        assertEquals(1, asked.size());
        assertEquals("answer 1", again.getNow(null));

        final SharedBrokerReads notReusing = new SharedBrokerReads(live, Duration.ZERO, new SimpleMeterRegistry());
        notReusing.read(ACCOUNT, "funds", broker);
        answer(1);
        final CompletableFuture<String> asksAgain = notReusing.read(ACCOUNT, "funds", broker);

        assertEquals(3, asked.size());
        assertFalse(asksAgain.isDone());
    }

    @Test
    void shouldNotShareBetweenAccountsOrBetweenReads()
    {
        final SharedBrokerReads reads = reads(Duration.ofMinutes(1));

        reads.read(ACCOUNT, "funds", broker);
        reads.read(OTHER, "funds", broker);
        reads.read(ACCOUNT, "holdings", broker);

        assertEquals(3, asked.size());
    }

    @Test
    void shouldAskAgainAfterTheAccountChangedEvenForAReadStillOnItsWay()
    {
        final SharedBrokerReads reads = reads(Duration.ofMinutes(1));
        final CompletableFuture<String> before = reads.read(ACCOUNT, "funds", broker);
        reads.changed(ACCOUNT);
        final CompletableFuture<String> after = reads.read(ACCOUNT, "funds", broker);
        answer(0);
        answer(1);
        final CompletableFuture<String> later = reads.read(ACCOUNT, "funds", broker);
        final CompletableFuture<String> other = reads.read(OTHER, "funds", broker);

        assertEquals("answer 1", before.getNow(null));
        assertEquals("answer 2", after.getNow(null));
        assertEquals("answer 2", later.getNow(null));
        assertEquals(3, asked.size());
        assertFalse(other.isDone());
    }

    @Test
    void shouldAskAgainOnceAnOrderOfTheAccountReachedTheLiveStateAndBeforeItIsSeenThere()
    {
        final SharedBrokerReads reads = reads(Duration.ofMinutes(1));
        marketOfTwoAccounts();
        reads.read(ACCOUNT, "funds", broker);
        reads.read(OTHER, "funds", broker);
        answer(0);
        answer(1);
        final List<Integer> ordersSeenWhenAsked = new ArrayList<>();
        live.addAccountWatcher((accountId) -> ordersSeenWhenAsked.add(live.orders(ACCOUNT).size()));

        core.send(commands.limit(5_000, ACCOUNT, 7, INFY, Side.BUY, 1, 150_010));
        apply();
        final CompletableFuture<String> afterTheOrder = reads.read(ACCOUNT, "funds", broker);
        final CompletableFuture<String> otherAccount = reads.read(OTHER, "funds", broker);

        assertEquals(3, asked.size());
        assertFalse(afterTheOrder.isDone());
        assertEquals("answer 2", otherAccount.getNow(null));
        assertFalse(ordersSeenWhenAsked.isEmpty());
        assertEquals(0, ordersSeenWhenAsked.get(0));
    }

    @Test
    void shouldKeepSharingWhenAPositionsNewPriceReachesTheLiveStateButNotWhenItsQuantityChanges()
    {
        final SharedBrokerReads reads = reads(Duration.ofMinutes(1));
        marketOfTwoAccounts();
        core.send(commands.limit(4_000, ACCOUNT, 7, INFY, Side.BUY, 2, 150_000));
        core.send(commands.ack(5_000, ACCOUNT, 7, BrokerRequestType.PLACE, "B7"));
        core.send(commands.orderUpdate(6_000, ACCOUNT, 7, "B7", OrderStatus.OPEN, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 2, 0, 150_000, 0, 0, 1));
        core.send(commands.trade(7_000, ACCOUNT, "B7", "T1", INFY, Side.BUY, Product.MIS, 1, 150_000));
        apply();
        assertEquals(1, live.positions(ACCOUNT).get(0).quantity());
        reads.read(ACCOUNT, "funds", broker);
        answer(0);

        core.send(commands.tick(8_000, INFY, TickMode.QUOTE, 151_000, 1_100, 149_000));
        apply();
        final CompletableFuture<String> afterThePrice = reads.read(ACCOUNT, "funds", broker);
        core.send(commands.trade(9_000, ACCOUNT, "B7", "T2", INFY, Side.BUY, Product.MIS, 1, 151_000));
        apply();
        final CompletableFuture<String> afterTheFill = reads.read(ACCOUNT, "funds", broker);

        assertEquals(new BigDecimal("1510.00"), live.positions(ACCOUNT).get(0).lastPrice());
        assertEquals("answer 1", afterThePrice.getNow(null));
        assertEquals(2, live.positions(ACCOUNT).get(0).quantity());
        assertEquals(2, asked.size());
        assertFalse(afterTheFill.isDone());
    }

    private void marketOfTwoAccounts()
    {
        core.send(commands.account(1_000, ACCOUNT, "AB1234"));
        core.send(commands.account(2_000, OTHER, "CD5678"));
        core.send(commands.equity(3_000, INFY, "INFY"));
        core.send(commands.tick(3_500, INFY, TickMode.QUOTE, 150_000, 1_000, 149_000));
        apply();
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
    void shouldShareAFailureOnlyWithThoseWhoAskedWhileItWasOnItsWay()
    {
        final SharedBrokerReads reads = reads(Duration.ofMinutes(1));
        final CompletableFuture<String> first = reads.read(ACCOUNT, "funds", broker);
        final CompletableFuture<String> joined = reads.read(ACCOUNT, "funds", broker);
        asked.get(0).completeExceptionally(new IllegalStateException("broker down"));
        final CompletableFuture<String> afterwards = reads.read(ACCOUNT, "funds", broker);
        final CompletableFuture<String> thrown = reads.read(OTHER, "funds", (accountId) ->
        {
            throw new IllegalStateException("no session");
        });

        assertEquals("broker down", assertThrows(CompletionException.class, first::join).getCause().getMessage());
        assertEquals("broker down", assertThrows(CompletionException.class, joined::join).getCause().getMessage());
        assertEquals(2, asked.size());
        assertFalse(afterwards.isDone());
        assertTrue(thrown.isCompletedExceptionally());
        assertEquals("no session", assertThrows(CompletionException.class, thrown::join).getCause().getMessage());
    }
}
