package io.quantumleap.engine.core;

import io.quantumleap.engine.protocol.BrokerErrorType;
import io.quantumleap.engine.protocol.BrokerRequestEventDecoder;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.OrderEventDecoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.RejectEventDecoder;
import io.quantumleap.engine.protocol.RejectReason;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.protocol.Validity;
import io.quantumleap.engine.protocol.Variety;
import io.quantumleap.engine.testing.CapturingEventSink;
import io.quantumleap.engine.testing.CoreHarness;
import io.quantumleap.engine.testing.Commands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradingCoreTimerTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    /** 2026-05-30 00:00 IST. */
    private static final long IST_MIDNIGHT = 1_780_079_400L * SECOND;
    private static final long T0 = IST_MIDNIGHT - 30 * MINUTE;
    private static final long INFY = 408_065;
    private static final long ACCOUNT = 1;
    private static final long OTHER_ACCOUNT = 2;

    private CoreHarness h;
    private Commands c;
    private long ts = T0;

    @BeforeEach
    void setUp()
    {
        h = new CoreHarness(settings());
        c = h.commands();
        h.send(c.account(ts, ACCOUNT, "AB1234"));
        h.send(c.account(ts, OTHER_ACCOUNT, "CD5678"));
        h.send(c.equity(ts, INFY, "INFY"));
        h.send(c.tick(ts, INFY, TickMode.QUOTE, 150_000, 1_000, 149_000));
        h.send(c.timer(ts, 1));
        h.sink().clear();
    }

    private static CoreSettings settings()
    {
        return new CoreSettings().expiryGraceNs(5 * SECOND).reconcileIntervalNs(10 * SECOND);
    }

    private long next()
    {
        ts += 200_000_000L;
        return ts;
    }

    private long place(final long clientOrderId, final Validity validity, final int ttlMinutes, final Variety variety)
    {
        final long placedNs = next();
        h.send(c.placeWith(placedNs, ACCOUNT, clientOrderId, INFY, 10, 150_000, validity, ttlMinutes, variety, 0, 0,
            0));
        return placedNs;
    }

    private void ackAndOpen(final long clientOrderId)
    {
        h.send(c.ack(next(), ACCOUNT, clientOrderId, BrokerRequestType.PLACE, "B" + clientOrderId));
        update(clientOrderId, OrderStatus.OPEN, 0);
    }

    private void update(final long clientOrderId, final OrderStatus status, final long filledQty)
    {
        h.send(c.orderUpdate(next(), ACCOUNT, clientOrderId, "B" + clientOrderId, status, INFY, Side.BUY,
            OrderType.LIMIT, Product.MIS, 10, filledQty, 150_000, 0, filledQty > 0 ? 150_000 : 0, ts / SECOND));
    }

    private int timer(final long atNs)
    {
        ts = Math.max(ts, atNs);
        return h.send(c.timer(atNs, 1));
    }

    private Order order(final long clientOrderId)
    {
        return h.core().account(ACCOUNT).order(clientOrderId);
    }

    @Test
    void shouldAskTheBrokerToCancelATtlOrderOnceItsValidityAndTheGraceHavePassed()
    {
        final long placedNs = place(1, Validity.TTL, 1, Variety.REGULAR);
        ackAndOpen(1);
        assertEquals(0, timer(placedNs + MINUTE + 4 * SECOND));
        assertEquals(2, timer(placedNs + MINUTE + 5 * SECOND));
        final OrderEventDecoder order = h.lastOrder();
        assertEquals(OrderStatus.CANCEL_PENDING, order.status());
        final BrokerRequestEventDecoder request = h.lastBrokerRequest();
        assertEquals(BrokerRequestType.CANCEL, request.requestType());
        assertEquals("B1", request.brokerOrderId());
        assertEquals(h.journal().lastIndex(), request.inputSequence());
        assertEquals(0, timer(placedNs + MINUTE + 6 * SECOND));
        update(1, OrderStatus.CANCELLED, 0);
        assertEquals(OrderStatus.CANCELLED, order(1).status());
        assertEquals(0, timer(placedNs + 5 * MINUTE));
    }

    @Test
    void shouldLeaveATtlOrderAloneWhenTheExchangesExpiryArrivesFirst()
    {
        final long placedNs = place(1, Validity.TTL, 2, Variety.REGULAR);
        ackAndOpen(1);
        ts = placedNs + 2 * MINUTE;
        update(1, OrderStatus.CANCELLED, 0);
        assertEquals(0, timer(placedNs + 3 * MINUTE));
        assertEquals(0, h.sink().countOf(BrokerRequestEventDecoder.TEMPLATE_ID) - 1);
    }

    @Test
    void shouldCancelAnIocOrderLeftOpenAfterTheGrace()
    {
        final long placedNs = place(1, Validity.IOC, 0, Variety.REGULAR);
        ackAndOpen(1);
        update(1, OrderStatus.UPDATE, 4);
        assertEquals(0, timer(placedNs + 4 * SECOND));
        assertEquals(2, timer(placedNs + 5 * SECOND));
        assertEquals(BrokerRequestType.CANCEL, h.lastBrokerRequest().requestType());
        assertEquals(OrderStatus.CANCEL_PENDING, order(1).status());
    }

    @Test
    void shouldAskAgainAfterTheGraceWhenTheBrokerRefusedTheExpiryCancel()
    {
        final long placedNs = place(1, Validity.IOC, 0, Variety.REGULAR);
        ackAndOpen(1);
        timer(placedNs + 5 * SECOND);
        h.send(c.brokerReject(placedNs + 6 * SECOND, ACCOUNT, 1, BrokerRequestType.CANCEL, BrokerErrorType.ORDER,
            "Order cannot be cancelled as it is being processed. Try later."));
        h.assertRejected(RejectReason.BROKER_REJECTED);
        assertEquals(OrderStatus.OPEN, order(1).status());
        assertEquals(0, timer(placedNs + 9 * SECOND));
        assertEquals(2, timer(placedNs + 10 * SECOND));
        assertEquals(OrderStatus.CANCEL_PENDING, order(1).status());
        assertEquals(2, h.sink().countOf(BrokerRequestEventDecoder.TEMPLATE_ID) - 1);
    }

    @Test
    void shouldWaitForTheBrokerOrderIdBeforeCancellingAnExpiredOrder()
    {
        final long placedNs = place(1, Validity.IOC, 0, Variety.REGULAR);
        assertEquals(0, timer(placedNs + 5 * SECOND));
        ackAndOpen(1);
        assertEquals(0, timer(placedNs + 9 * SECOND));
        assertEquals(2, timer(placedNs + 10 * SECOND));
        assertEquals(OrderStatus.CANCEL_PENDING, order(1).status());
    }

    @Test
    void shouldStopWatchingAnOrderModifiedFromTtlToDay()
    {
        final long placedNs = place(1, Validity.TTL, 1, Variety.REGULAR);
        ackAndOpen(1);
        h.send(c.modify(next(), ACCOUNT, 1, OrderType.LIMIT, 10, 150_500, 0));
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.MODIFY, "B1"));
        assertEquals(Validity.DAY, h.lastOrder().validity());
        assertEquals(0, timer(placedNs + 2 * MINUTE));
        assertEquals(OrderStatus.OPEN, order(1).status());
    }

    @Test
    void shouldRequestReconciliationOfUnknownOrdersOncePerAccountAndTimer()
    {
        place(1, Validity.DAY, 0, Variety.REGULAR);
        place(2, Validity.DAY, 0, Variety.REGULAR);
        final long unknownAt = next();
        h.send(c.brokerReject(unknownAt, ACCOUNT, 1, BrokerRequestType.PLACE, BrokerErrorType.TIMEOUT, "timeout"));
        h.send(c.brokerReject(unknownAt, ACCOUNT, 2, BrokerRequestType.PLACE, BrokerErrorType.TIMEOUT, "timeout"));
        final int before = h.sink().countOf(BrokerRequestEventDecoder.TEMPLATE_ID);
        assertEquals(0, timer(unknownAt + 9 * SECOND));
        assertEquals(1, timer(unknownAt + 10 * SECOND));
        final BrokerRequestEventDecoder request = h.lastBrokerRequest();
        assertEquals(BrokerRequestType.RECONCILE, request.requestType());
        assertEquals(ACCOUNT, request.accountId());
        assertEquals(1, timer(unknownAt + 20 * SECOND));
        h.send(c.orderUpdate(next(), ACCOUNT, 1, "B1", OrderStatus.OPEN, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 10, 0, 150_000, 0, 0, ts / SECOND));
        h.send(c.brokerReject(next(), ACCOUNT, 2, BrokerRequestType.PLACE, BrokerErrorType.ORDER,
            "not in Kite's order book at reconciliation: the placement did not happen"));
        assertEquals(0, timer(unknownAt + 60 * SECOND));
        assertEquals(before + 2, h.sink().countOf(BrokerRequestEventDecoder.TEMPLATE_ID));
    }

    @Test
    void shouldMarkAPlacementWithoutAnyBrokerAnswerUnknownAfterTheAckTimeoutAndAskToReconcile()
    {
        final long placedNs = place(1, Validity.DAY, 0, Variety.REGULAR);
        assertEquals(0, timer(placedNs + 29 * SECOND));
        assertEquals(3, timer(placedNs + 30 * SECOND));
        assertEquals(OrderStatus.UNKNOWN, h.lastOrder().status());
        assertEquals(BrokerRequestType.RECONCILE, h.lastBrokerRequest().requestType());
        final RejectEventDecoder reject = h.lastReject();
        assertEquals(RejectReason.BROKER_OUTCOME_UNKNOWN, reject.reason());
        assertEquals(BrokerErrorType.TIMEOUT, reject.brokerErrorType());
        assertEquals(30 * SECOND, reject.limitValue());
        h.send(c.brokerReject(next(), ACCOUNT, 1, BrokerRequestType.PLACE, BrokerErrorType.TIMEOUT, "timeout"));
        h.assertRejected(RejectReason.STALE_BROKER_UPDATE);
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.PLACE, "B1"));
        assertEquals(OrderStatus.PUT_ORDER_REQ_RECEIVED, order(1).status());
        assertEquals(0, timer(placedNs + 60 * SECOND));
    }

    @Test
    void shouldCloseDayOrdersOfTheEndedSessionAndOpenANewDailyBudgetAtTheIstDayBoundary()
    {
        h.send(c.limits(next(), ACCOUNT, 1_000_000_000L, 100_000, 2_000, 10, 400, 3));
        place(1, Validity.DAY, 0, Variety.REGULAR);
        ackAndOpen(1);
        update(1, OrderStatus.UPDATE, 4);
        place(2, Validity.DAY, 0, Variety.AMO);
        h.send(c.ack(next(), ACCOUNT, 2, BrokerRequestType.PLACE, "B2"));
        place(3, Validity.DAY, 0, Variety.REGULAR);
        h.send(c.brokerReject(next(), ACCOUNT, 3, BrokerRequestType.PLACE, BrokerErrorType.TIMEOUT, "timeout"));
        place(4, Validity.DAY, 0, Variety.REGULAR);
        h.assertRejected(RejectReason.RATE_LIMIT_DAY);
        assertEquals(1, timer(IST_MIDNIGHT - 1));
        assertEquals(BrokerRequestType.RECONCILE, h.lastBrokerRequest().requestType());

        assertEquals(2, timer(IST_MIDNIGHT));
        assertEquals(OrderStatus.CANCELLED, order(1).status());
        assertEquals(OrderStatus.CANCELLED, order(3).status());
        assertEquals(OrderStatus.PUT_ORDER_REQ_RECEIVED, order(2).status());
        final Position position = h.core().account(ACCOUNT).position(h.core().instrumentByToken(INFY), Product.MIS);
        assertEquals(10, position.pendingBuyQty);
        assertEquals(0, timer(IST_MIDNIGHT + SECOND));
        assertEquals(2, h.send(c.placeWith(IST_MIDNIGHT + 2 * SECOND, ACCOUNT, 5, INFY, 10, 150_000, Validity.DAY, 0,
            Variety.REGULAR, 0, 0, 0)));
    }

    @Test
    void shouldCloseAnAmoOfTheSameDayTheBrokersOrderBookLacksButNotOnePlacedOnAnEarlierDay()
    {
        place(1, Validity.DAY, 0, Variety.AMO);
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.PLACE, "B1"));
        timer(IST_MIDNIGHT);
        place(2, Validity.DAY, 0, Variety.AMO);
        h.send(c.ack(next(), ACCOUNT, 2, BrokerRequestType.PLACE, "B2"));
        final long requestedNs = next();

        h.send(c.orderBook(next(), ACCOUNT, requestedNs, 0));

        assertEquals(OrderStatus.CANCELLED, order(2).status());
        assertEquals(OrderStatus.PUT_ORDER_REQ_RECEIVED, order(1).status());
        assertEquals(1, h.core().closedNotInBook());
    }

    @Test
    void shouldNotAddAnOvernightPositionToOneTheEngineHeldAcrossTheDaysEnd()
    {
        place(1, Validity.DAY, 0, Variety.REGULAR);
        ackAndOpen(1);
        update(1, OrderStatus.COMPLETE, 10);
        h.send(c.trade(next(), ACCOUNT, "B1", "T1", INFY, Side.BUY, Product.MIS, 10, 150_000));
        final Position position = h.core().account(ACCOUNT).position(h.core().instrumentByToken(INFY), Product.MIS);
        assertEquals(10, position.qty());
        timer(IST_MIDNIGHT);
        final long rejects = h.core().rejectCount();

        assertEquals(0, h.send(c.overnight(next(), ACCOUNT, INFY, Product.MIS, 10, 150_000)));

        assertEquals(10, position.qty());
        assertEquals(rejects, h.core().rejectCount());
        assertEquals(1, h.send(c.overnight(next(), ACCOUNT, INFY, Product.CNC, 5, 140_000)));
        assertEquals(5, h.core().account(ACCOUNT).position(h.core().instrumentByToken(INFY), Product.CNC).qty());
    }

    @Test
    void shouldReportTheCancelledRemainderOfAnOrderClosedAtTheSessionEnd()
    {
        place(1, Validity.DAY, 0, Variety.REGULAR);
        ackAndOpen(1);
        update(1, OrderStatus.UPDATE, 4);
        timer(IST_MIDNIGHT);
        final OrderEventDecoder closed = h.lastOrder();
        assertEquals(OrderStatus.CANCELLED, closed.status());
        assertEquals(6, closed.cancelledQty());
        assertEquals(0, closed.pendingQty());
        assertEquals(4, closed.filledQty());
    }

    @Test
    void shouldRejectATimerEarlierThanTheLastOneAndGoOn()
    {
        timer(ts + SECOND);
        final long last = ts;
        h.send(c.timer(last - 1, 1));
        final RejectEventDecoder reject = h.assertRejected(RejectReason.INVALID_TIMER);
        assertEquals(last, reject.limitValue());
        assertEquals(last - 1, reject.actualValue());
        assertEquals(1, h.core().rejectCount(RejectReason.INVALID_TIMER));
        assertEquals(0, timer(last + SECOND));
    }

    @Test
    void shouldRejectATtlLongerThanADay()
    {
        place(1, Validity.TTL, TradingCore.MAX_TTL_MINUTES + 1, Variety.REGULAR);
        assertEquals(TradingCore.MAX_TTL_MINUTES, h.assertRejected(RejectReason.INVALID_FIELD).limitValue());
        assertEquals(2, h.send(c.placeWith(next(), ACCOUNT, 2, INFY, 10, 150_000, Validity.TTL,
            TradingCore.MAX_TTL_MINUTES, Variety.REGULAR, 0, 0, 0)));
    }

    @Test
    void shouldReplayTimerDrivenExpiriesIntoAFreshCoreWithTheSameBytesAndHash()
    {
        final long placedNs = place(1, Validity.TTL, 1, Variety.REGULAR);
        ackAndOpen(1);
        place(2, Validity.DAY, 0, Variety.REGULAR);
        h.send(c.brokerReject(next(), ACCOUNT, 2, BrokerRequestType.PLACE, BrokerErrorType.TIMEOUT, "timeout"));
        timer(placedNs + 2 * MINUTE);
        timer(IST_MIDNIGHT + SECOND);
        final CapturingEventSink original = new CapturingEventSink();
        final TradingCore again = new TradingCore(original, settings());
        final CapturingEventSink replayed = new CapturingEventSink();
        final TradingCore fresh = new TradingCore(replayed, settings());
        h.journal().replay(again);
        h.journal().replay(fresh);
        assertTrue(original.sameBytesAs(replayed));
        assertEquals(h.core().stateHash(), fresh.stateHash());
        assertEquals(OrderStatus.CANCELLED, fresh.account(ACCOUNT).order(2).status());
    }
}
