package io.quantumleap.gateway.live;

import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.KillSwitchMode;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.engine.testing.CoreHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveStateOutcomeTest
{
    private static final long ACCOUNT = 1;
    private static final long OTHER = 2;
    private static final long INFY = 408_065;

    private final LiveHarness harness = new LiveHarness();
    private final CoreHarness core = harness.core;
    private final Commands commands = harness.commands;
    private final LiveState live = harness.live;
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
        harness.apply();
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

    @Test
    void shouldShowAModificationsStepsOnceEachInTheOrdersHistory()
    {
        core.send(commands.limit(next(), ACCOUNT, 5, INFY, Side.BUY, 10, 150_000));
        core.send(commands.ack(next(), ACCOUNT, 5, BrokerRequestType.PLACE, "B5"));
        brokerUpdate(OrderStatus.OPEN, 10, 150_000);
        core.send(commands.modify(next(), ACCOUNT, 5, OrderType.LIMIT, 20, 150_500, 0));
        brokerUpdate(OrderStatus.MODIFY_VALIDATION_PENDING, 20, 150_500);
        brokerUpdate(OrderStatus.MODIFY_PENDING, 20, 150_500);
        brokerUpdate(OrderStatus.MODIFIED, 20, 150_500);
        brokerUpdate(OrderStatus.OPEN, 20, 150_500);
        core.send(commands.ack(next(), ACCOUNT, 5, BrokerRequestType.MODIFY, "B5"));
        apply();

        final List<OrderView> history = live.orderHistory(ACCOUNT, "5");
        assertEquals(List.of("PENDING", "PUT ORDER REQ RECEIVED", "OPEN", "MODIFY VALIDATION PENDING",
            "MODIFY PENDING", "MODIFIED", "OPEN"), history.stream().map(OrderView::status).toList());
        assertEquals(20, history.get(3).quantity());
    }

    @Test
    void shouldShowTheMarketsLatestPriceForAFlatPosition()
    {
        core.send(commands.limit(next(), ACCOUNT, 8, INFY, Side.BUY, 2, 150_000));
        core.send(commands.ack(next(), ACCOUNT, 8, BrokerRequestType.PLACE, "B8"));
        core.send(commands.trade(next(), ACCOUNT, "B8", "T8", INFY, Side.BUY, Product.MIS, 2, 150_000));
        core.send(commands.tick(next(), INFY, TickMode.QUOTE, 150_500, 1_100, 149_000));
        apply();
        assertEquals(new java.math.BigDecimal("1505.00"), live.positions(ACCOUNT).get(0).lastPrice());

        core.send(commands.limit(next(), ACCOUNT, 9, INFY, Side.SELL, 2, 150_100));
        core.send(commands.ack(next(), ACCOUNT, 9, BrokerRequestType.PLACE, "B9"));
        core.send(commands.trade(next(), ACCOUNT, "B9", "T9", INFY, Side.SELL, Product.MIS, 2, 150_100));
        core.send(commands.tick(next(), INFY, TickMode.QUOTE, 151_000, 1_200, 149_000));
        apply();

        final PositionView flat = live.positions(ACCOUNT).get(0);
        assertEquals(0, flat.quantity());
        assertEquals(new java.math.BigDecimal("1510.00"), flat.lastPrice());
        assertEquals(new java.math.BigDecimal("2.00"), flat.pnl());
    }

    @Test
    void shouldSayWhyAnOrderTheBrokerHasNotAnsweredIsUnknown()
    {
        core.send(commands.limit(next(), ACCOUNT, 8, INFY, Side.BUY, 10, 150_000));
        apply();
        ts += 31_000_000_000L;
        core.send(commands.timer(next(), 1));
        apply();

        final List<OrderView> history = live.orderHistory(ACCOUNT, "8");
        assertEquals("UNKNOWN", history.get(history.size() - 1).status(), history.toString());
        assertEquals(LiveState.OUTCOME_UNKNOWN, history.get(history.size() - 1).statusMessage());
        assertNull(history.get(0).statusMessage(), history.toString());
    }

    @Test
    void shouldSayThatTheKillSwitchCancelledTheOrdersItPulledButNotTheTradersOwnCancels()
    {
        core.send(commands.limit(next(), ACCOUNT, 5, INFY, Side.BUY, 10, 150_000));
        core.send(commands.ack(next(), ACCOUNT, 5, BrokerRequestType.PLACE, "B5"));
        brokerUpdate(OrderStatus.OPEN, 10, 150_000);
        core.send(commands.limit(next(), ACCOUNT, 6, INFY, Side.BUY, 10, 149_000));
        core.send(commands.ack(next(), ACCOUNT, 6, BrokerRequestType.PLACE, "B6"));
        core.send(commands.orderUpdate(next(), ACCOUNT, 6, "B6", OrderStatus.OPEN, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 10, 0, 149_000, 0, 0, ts / 1_000_000_000L));
        core.send(commands.cancel(next(), ACCOUNT, 6));
        core.send(commands.ack(next(), ACCOUNT, 6, BrokerRequestType.CANCEL, "B6"));
        core.send(commands.orderUpdate(next(), ACCOUNT, 6, "B6", OrderStatus.CANCELLED, INFY, Side.BUY,
            OrderType.LIMIT, Product.MIS, 10, 0, 149_000, 0, 0, ts / 1_000_000_000L));
        core.send(commands.killSwitch(next(), ACCOUNT, KillSwitchMode.HALT));
        apply();
        assertEquals("CANCEL PENDING", live.orderHistory(ACCOUNT, "5").get(live.orderHistory(ACCOUNT, "5").size() - 1)
            .status());

        brokerUpdate(OrderStatus.CANCELLED, 10, 150_000);
        apply();

        final List<OrderView> pulled = live.orderHistory(ACCOUNT, "5");
        assertEquals("CANCELLED", pulled.get(pulled.size() - 1).status());
        assertEquals(LiveState.PULLED_BY_HALT, pulled.get(pulled.size() - 1).statusMessage());
        final List<OrderView> own = live.orderHistory(ACCOUNT, "6");
        assertEquals("CANCELLED", own.get(own.size() - 1).status());
        assertNull(own.get(own.size() - 1).statusMessage());
    }

    private void brokerUpdate(final OrderStatus status, final long qty, final long pricePaise)
    {
        core.send(commands.orderUpdate(next(), ACCOUNT, 5, "B5", status, INFY, Side.BUY, OrderType.LIMIT, Product.MIS,
            qty, 0, pricePaise, 0, 0, ts / 1_000_000_000L));
    }

    @Test
    void shouldShowAKillSwitchAndLimitsInTheRiskViewByTheTimeTheirCommandIsAnswered()
    {
        final long haltNs = next();
        final List<RiskView.KillSwitch> switches = new ArrayList<>();
        live.awaitAdminOutcome(ACCOUNT, haltNs).thenRun(() -> switches.addAll(live.risk().killSwitches()));
        core.send(commands.killSwitch(haltNs, ACCOUNT, KillSwitchMode.HALT));
        apply();
        final long limitsNs = next();
        final List<RiskView.Limits> limits = new ArrayList<>();
        live.awaitAdminOutcome(ACCOUNT, limitsNs).thenRun(() -> limits.add(live.limitsFor(ACCOUNT)));
        core.send(commands.limits(limitsNs, ACCOUNT, 200_000_00, 100, 150, 2, 20, 200));
        apply();

        assertEquals(List.of(new RiskView.KillSwitch(ACCOUNT, "halt")), switches);
        assertEquals(1, limits.size());
        assertEquals(150, limits.get(0).priceBandBps());
    }

    @Test
    void shouldGiveAnAccountItsOwnLimitsOrElseTheDefaults()
    {
        core.send(commands.account(next(), OTHER, "CD5678"));
        apply();
        final RiskView.Limits builtIn = live.limitsFor(ACCOUNT);
        core.send(commands.limits(next(), 0, 500_000_00, 700, 300, 5, 50, 500));
        core.send(commands.limits(next(), ACCOUNT, 200_000_00, 100, 150, 2, 20, 200));
        apply();

        assertEquals(0, builtIn.accountId());
        assertEquals(ACCOUNT, live.limitsFor(ACCOUNT).accountId());
        assertEquals(new BigDecimal("200000.00"), live.limitsFor(ACCOUNT).maxOrderValue());
        assertEquals(150, live.limitsFor(ACCOUNT).priceBandBps());
        assertEquals(0, live.limitsFor(OTHER).accountId());
        assertEquals(700, live.limitsFor(OTHER).maxPositionQty());
    }

    @Test
    void shouldTakeTheStricterOfTheGlobalAndTheAccountsKillSwitch()
    {
        core.send(commands.account(next(), OTHER, "CD5678"));
        apply();
        assertEquals("off", live.killSwitchFor(ACCOUNT));

        core.send(commands.killSwitch(next(), ACCOUNT, KillSwitchMode.REDUCE_ONLY));
        apply();
        assertEquals("reduce_only", live.killSwitchFor(ACCOUNT));
        assertEquals("off", live.killSwitchFor(OTHER));

        core.send(commands.killSwitch(next(), 0, KillSwitchMode.HALT));
        apply();
        assertEquals("halt", live.killSwitchFor(ACCOUNT));
        assertEquals("halt", live.killSwitchFor(OTHER));

        core.send(commands.killSwitch(next(), 0, KillSwitchMode.REDUCE_ONLY));
        core.send(commands.killSwitch(next(), ACCOUNT, KillSwitchMode.HALT));
        apply();
        assertEquals("halt", live.killSwitchFor(ACCOUNT));
        assertEquals("reduce_only", live.killSwitchFor(OTHER));

        core.send(commands.killSwitch(next(), 0, KillSwitchMode.OFF));
        core.send(commands.killSwitch(next(), ACCOUNT, KillSwitchMode.OFF));
        apply();
        assertEquals("off", live.killSwitchFor(ACCOUNT));
    }
}
