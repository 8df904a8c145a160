package io.quantumleap.engine.core;

import io.quantumleap.engine.protocol.BooleanType;
import io.quantumleap.engine.protocol.BrokerErrorType;
import io.quantumleap.engine.protocol.BrokerRejectCommandEncoder;
import io.quantumleap.engine.protocol.BrokerRequestEventDecoder;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.FillEventDecoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.OrderEventDecoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.RejectEventDecoder;
import io.quantumleap.engine.protocol.RejectReason;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.protocol.TradeCommandDecoder;
import io.quantumleap.engine.protocol.Variety;
import io.quantumleap.engine.testing.CapturingEventSink;
import io.quantumleap.engine.testing.CoreHarness;
import io.quantumleap.engine.testing.Commands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TradingCoreBrokerReplyTest
{
    private static final long T0 = 1_780_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long INFY = 408_065;
    private static final long ACCOUNT = 1;
    private static final long OTHER_ACCOUNT = 2;

    private CoreHarness h;
    private Commands c;
    private long ts = T0;

    @BeforeEach
    void setUp()
    {
        h = new CoreHarness(new CoreSettings().parkedBrokerUpdates(4).parkTimeoutNs(10 * SECOND));
        c = h.commands();
        h.send(c.account(ts, ACCOUNT, "AB1234"));
        h.send(c.account(ts, OTHER_ACCOUNT, "CD5678"));
        h.send(c.equity(ts, INFY, "INFY"));
        h.send(c.tick(ts, INFY, TickMode.QUOTE, 150_000, 1_000, 149_000));
        h.sink().clear();
    }

    private long next()
    {
        ts += 200_000_000L;
        return ts;
    }

    private Position infyPosition(final long accountId)
    {
        return h.core().account(accountId).position(h.core().instrumentByToken(INFY), Product.MIS);
    }

    private int update(
        final long accountId, final long clientOrderId, final String brokerOrderId, final OrderStatus status,
        final long qty, final long filledQty)
    {
        return h.send(c.orderUpdate(next(), accountId, clientOrderId, brokerOrderId, status, INFY, Side.BUY,
            OrderType.LIMIT, Product.MIS, qty, filledQty, 150_000, 0, filledQty > 0 ? 150_000 : 0, ts / SECOND));
    }

    private void placeAndOpen(final long clientOrderId, final long qty)
    {
        h.send(c.limit(next(), ACCOUNT, clientOrderId, INFY, Side.BUY, qty, 150_000));
        h.send(c.ack(next(), ACCOUNT, clientOrderId, BrokerRequestType.PLACE, "B" + clientOrderId));
        update(ACCOUNT, clientOrderId, "B" + clientOrderId, OrderStatus.OPEN, qty, 0);
    }

    private void modifyUpdate(final OrderStatus status, final long qty, final long pricePaise)
    {
        h.send(c.orderUpdate(next(), ACCOUNT, 1, "B1", status, INFY, Side.BUY, OrderType.LIMIT, Product.MIS, qty, 0,
            pricePaise, 0, 0, ts / SECOND));
    }

    private void brokerModifies(final long qty, final long pricePaise)
    {
        modifyUpdate(OrderStatus.MODIFY_VALIDATION_PENDING, qty, pricePaise);
        modifyUpdate(OrderStatus.MODIFY_PENDING, qty, pricePaise);
        modifyUpdate(OrderStatus.MODIFIED, qty, pricePaise);
        modifyUpdate(OrderStatus.OPEN, qty, pricePaise);
    }

    private void brokerModifiesWithTrigger(final long qty, final long pricePaise, final long triggerPaise)
    {
        for (final OrderStatus status : List.of(OrderStatus.MODIFY_VALIDATION_PENDING, OrderStatus.MODIFY_PENDING,
            OrderStatus.MODIFIED, OrderStatus.TRIGGER_PENDING))
        {
            h.send(c.orderUpdate(next(), ACCOUNT, 1, "B1", status, INFY, Side.BUY, OrderType.SL, Product.MIS, qty, 0,
                pricePaise, triggerPaise, 0, ts / SECOND));
        }
    }

    @Test
    void shouldFollowAModificationOnceInOrderWhenTheBrokersUpdatesComeBeforeItsAck()
    {
        placeAndOpen(1, 10);
        h.sink().clear();
        h.send(c.modify(next(), ACCOUNT, 1, OrderType.SL, 20, 150_500, 150_400));
        brokerModifiesWithTrigger(20, 150_500, 150_400);
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.MODIFY, "B1"));
        h.assertRejected(RejectReason.STALE_BROKER_UPDATE);

        assertEquals(List.of(OrderStatus.MODIFY_VALIDATION_PENDING, OrderStatus.MODIFY_VALIDATION_PENDING,
            OrderStatus.MODIFY_PENDING, OrderStatus.MODIFIED, OrderStatus.TRIGGER_PENDING), h.orderStatuses(1));
        final OrderEventDecoder order = h.lastOrder();
        assertEquals(OrderType.SL, order.orderType());
        assertEquals(20, order.qty());
        assertEquals(150_400, order.triggerPricePaise());
        assertEquals(1, order.modifyCount());
    }

    @Test
    void shouldNotGoBackOnTheModifyPathWhenTheAckComesBeforeTheBrokersUpdates()
    {
        placeAndOpen(1, 10);
        h.sink().clear();
        h.send(c.modify(next(), ACCOUNT, 1, OrderType.LIMIT, 20, 150_500, 0));
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.MODIFY, "B1"));
        brokerModifies(20, 150_500);

        assertEquals(List.of(OrderStatus.MODIFY_VALIDATION_PENDING, OrderStatus.OPEN), h.orderStatuses(1));
        assertEquals(4, h.sink().countOf(RejectEventDecoder.TEMPLATE_ID));
        assertEquals(1, h.lastOrder().modifyCount());

        h.sink().clear();
        h.send(c.modify(next(), ACCOUNT, 1, OrderType.LIMIT, 20, 151_000, 0));
        brokerModifies(20, 151_000);

        assertEquals(List.of(OrderStatus.MODIFY_VALIDATION_PENDING, OrderStatus.MODIFY_VALIDATION_PENDING,
            OrderStatus.MODIFY_PENDING, OrderStatus.MODIFIED, OrderStatus.OPEN), h.orderStatuses(1));
        assertEquals(2, h.lastOrder().modifyCount());
    }

    @Test
    void shouldFollowAModificationMadeOutsideTheEngineAndRefuseItsLateUpdates()
    {
        placeAndOpen(1, 10);
        h.sink().clear();
        brokerModifies(15, 150_000);
        modifyUpdate(OrderStatus.MODIFY_PENDING, 15, 150_000);
        h.assertRejected(RejectReason.STALE_BROKER_UPDATE);
        modifyUpdate(OrderStatus.MODIFY_VALIDATION_PENDING, 15, 150_000);
        h.assertRejected(RejectReason.STALE_BROKER_UPDATE);

        assertEquals(List.of(OrderStatus.MODIFY_VALIDATION_PENDING, OrderStatus.MODIFY_PENDING, OrderStatus.MODIFIED,
            OrderStatus.OPEN), h.orderStatuses(1));
        assertEquals(15, h.lastOrder().qty());
    }

    @Test
    void shouldRejectTheOrderAndSayWhyWhenTheBrokerRefusesThePlacement()
    {
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 10, 150_000));
        assertEquals(2, h.send(c.brokerReject(next(), ACCOUNT, 1, BrokerRequestType.PLACE, BrokerErrorType.MARGIN,
            "Insufficient funds. Required margin is 95417.84 but available margin is 74251.80.")));
        final OrderEventDecoder order = h.lastOrder();
        assertEquals(OrderStatus.REJECTED, order.status());
        assertEquals(0, order.pendingQty());
        final RejectEventDecoder reject = h.assertRejected(RejectReason.BROKER_REJECTED);
        assertEquals(1, reject.clientOrderId());
        assertEquals(ACCOUNT, reject.accountId());
        assertEquals(BrokerErrorType.MARGIN, reject.brokerErrorType());
        assertEquals(400, reject.httpStatus());
        assertEquals(BrokerRequestType.PLACE.value(), reject.limitValue());
        assertEquals("Insufficient funds. Required margin is 95417.84 but available margin is 74251.80.",
            reject.message());
        assertEquals(1, h.core().rejectCount(RejectReason.BROKER_REJECTED));
        assertEquals(0, infyPosition(ACCOUNT).pendingBuyQty);
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 10, 150_000));
        h.assertRejected(RejectReason.DUPLICATE_CLIENT_ORDER_ID);
    }

    @Test
    void shouldKeepTheOrderInItsStateAndSayWhyWhenTheBrokerRefusesAModifyOrACancel()
    {
        placeAndOpen(1, 10);
        h.send(c.modify(next(), ACCOUNT, 1, OrderType.LIMIT, 20, 150_500, 0));
        h.send(c.brokerReject(next(), ACCOUNT, 1, BrokerRequestType.MODIFY, BrokerErrorType.ORDER,
            "Maximum allowed order modifications exceeded."));
        assertEquals(OrderStatus.OPEN, h.lastOrder().status());
        assertEquals(10, h.lastOrder().qty());
        assertEquals(150_000, h.lastOrder().pricePaise());
        RejectEventDecoder reject = h.assertRejected(RejectReason.BROKER_REJECTED);
        assertEquals(BrokerRequestType.MODIFY.value(), reject.limitValue());
        assertEquals("Maximum allowed order modifications exceeded.", reject.message());
        assertEquals(10, infyPosition(ACCOUNT).pendingBuyQty);

        h.send(c.cancel(next(), ACCOUNT, 1));
        h.send(c.brokerReject(next(), ACCOUNT, 1, BrokerRequestType.CANCEL, BrokerErrorType.INPUT,
            "Order cannot be cancelled as it is being processed. Try later."));
        assertEquals(OrderStatus.OPEN, h.lastOrder().status());
        reject = h.assertRejected(RejectReason.BROKER_REJECTED);
        assertEquals(BrokerRequestType.CANCEL.value(), reject.limitValue());
        assertEquals(BrokerErrorType.INPUT, reject.brokerErrorType());
        assertEquals(2, h.core().rejectCount(RejectReason.BROKER_REJECTED));
        assertEquals(2, h.send(c.cancel(next(), ACCOUNT, 1)));
    }

    @Test
    void shouldMarkTheOrderUnknownAndSayWhyWhenTheBrokerTimesOut()
    {
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 10, 150_000));
        h.send(c.brokerReject(next(), ACCOUNT, 1, BrokerRequestType.PLACE, BrokerErrorType.TIMEOUT, "timeout"));
        assertEquals(OrderStatus.UNKNOWN, h.lastOrder().status());
        final RejectEventDecoder reject = h.assertRejected(RejectReason.BROKER_OUTCOME_UNKNOWN);
        assertEquals(BrokerErrorType.TIMEOUT, reject.brokerErrorType());
        assertEquals(1, h.core().rejectCount(RejectReason.BROKER_OUTCOME_UNKNOWN));
        assertEquals(0, h.core().rejectCount(RejectReason.BROKER_REJECTED));
    }

    @Test
    void shouldCutALongBrokerMessageAtACharacterBoundary()
    {
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 10, 150_000));
        final String message = "x".repeat(TradingCore.MAX_BROKER_MESSAGE_LENGTH - 1) + "\u20b9 more text";
        h.send(c.brokerReject(next(), ACCOUNT, 1, BrokerRequestType.PLACE, BrokerErrorType.ORDER, message));
        assertEquals("x".repeat(TradingCore.MAX_BROKER_MESSAGE_LENGTH - 1),
            h.assertRejected(RejectReason.BROKER_REJECTED).message());
    }

    @Test
    void shouldRejectABrokerRejectWhoseMessageRunsPastTheCommandAndLeaveTheOrderAlone()
    {
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 10, 150_000));
        final int length = c.brokerReject(next(), ACCOUNT, 1, BrokerRequestType.PLACE, BrokerErrorType.ORDER, "no");
        c.buffer().putInt(MessageHeaderEncoder.ENCODED_LENGTH + BrokerRejectCommandEncoder.BLOCK_LENGTH, 5_000);
        h.send(length);
        h.assertRejected(RejectReason.MALFORMED_COMMAND);
        assertEquals(OrderStatus.PENDING_RISK, h.core().account(ACCOUNT).order(1).status());
        h.send(c.brokerReject(next(), ACCOUNT, 1, BrokerRequestType.PLACE, BrokerErrorType.ORDER, "no"));
        assertEquals(OrderStatus.REJECTED, h.lastOrder().status());
    }

    @Test
    void shouldRejectARepeatedBrokerRejectAsStale()
    {
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 10, 150_000));
        h.send(c.brokerReject(next(), ACCOUNT, 1, BrokerRequestType.PLACE, BrokerErrorType.ORDER, "no"));
        assertEquals(1, h.send(c.brokerReject(next(), ACCOUNT, 1, BrokerRequestType.PLACE, BrokerErrorType.ORDER,
            "no")));
        h.assertRejected(RejectReason.STALE_BROKER_UPDATE);
        assertEquals(1, h.core().rejectCount(RejectReason.BROKER_REJECTED));
    }

    @Test
    void shouldParkAFillThatArrivesBeforeTheAckAndApplyItWhenTheAckBindsTheId()
    {
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 10, 150_000));
        assertEquals(0, h.send(c.trade(next(), ACCOUNT, "B1", "T1", INFY, Side.BUY, Product.MIS, 4, 150_000)));
        assertEquals(1, h.core().parkedCount());
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.PLACE, "B1"));
        assertEquals(0, h.core().parkedCount());
        assertEquals(1, h.core().appliedFromPark());
        final FillEventDecoder fill = h.lastFill();
        assertEquals(1, fill.clientOrderId());
        assertEquals(4, fill.qty());
        assertEquals(h.journal().lastIndex(), fill.inputSequence());
        assertEquals(4, infyPosition(ACCOUNT).qty());
        assertEquals(6, infyPosition(ACCOUNT).pendingBuyQty);
    }

    @Test
    void shouldParkAnUntaggedUpdateWhileAPlacementAwaitsItsAckAndApplyItOnTheAck()
    {
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 10, 150_000));
        assertEquals(0, update(ACCOUNT, Long.MIN_VALUE, "B1", OrderStatus.OPEN, 10, 0));
        assertEquals(0, h.send(c.trade(next(), ACCOUNT, "B1", "T1", INFY, Side.BUY, Product.MIS, 10, 150_000)));
        assertEquals(0, update(ACCOUNT, Long.MIN_VALUE, "B1", OrderStatus.COMPLETE, 10, 10));
        assertEquals(3, h.core().parkedCount());
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.PLACE, "B1"));
        assertEquals(0, h.core().parkedCount());
        assertEquals(OrderStatus.COMPLETE, h.core().account(ACCOUNT).order(1).status());
        assertEquals(10, infyPosition(ACCOUNT).qty());
        assertEquals(0, infyPosition(ACCOUNT).pendingBuyQty);
        assertEquals(0, h.core().externalOrders());
    }

    @Test
    void shouldAdoptAnOrderPlacedOutsideTheEngineAndApplyItsParkedFills()
    {
        h.send(c.trade(next(), ACCOUNT, "WEB1", "T1", INFY, Side.BUY, Product.MIS, 3, 150_000));
        assertEquals(1, h.core().parkedCount());
        update(ACCOUNT, Long.MIN_VALUE, "WEB1", OrderStatus.OPEN, 5, 3);
        assertEquals(1, h.core().externalOrders());
        assertEquals(0, h.core().parkedCount());
        final OrderEventDecoder order = h.lastOrder();
        assertEquals(BooleanType.TRUE, order.external());
        assertEquals(TradingCore.FIRST_EXTERNAL_CLIENT_ORDER_ID, order.clientOrderId());
        assertEquals("WEB1", order.brokerOrderId());
        assertEquals("", order.tag());
        assertEquals(OrderStatus.OPEN, order.status());
        assertEquals(3, h.lastFill().qty());
        assertEquals(TradingCore.FIRST_EXTERNAL_CLIENT_ORDER_ID, h.lastFill().clientOrderId());
        assertEquals(3, infyPosition(ACCOUNT).qty());
        assertEquals(2, infyPosition(ACCOUNT).pendingBuyQty);
        final Order adopted = h.core().account(ACCOUNT).order(TradingCore.FIRST_EXTERNAL_CLIENT_ORDER_ID);
        assertTrue(adopted.isExternal());
        h.send(c.trade(next(), ACCOUNT, "WEB1", "T2", INFY, Side.BUY, Product.MIS, 2, 150_000));
        update(ACCOUNT, Long.MIN_VALUE, "WEB1", OrderStatus.COMPLETE, 5, 5);
        assertEquals(OrderStatus.COMPLETE, adopted.status());
        assertEquals(5, infyPosition(ACCOUNT).qty());
    }

    @Test
    void shouldFollowACoverOrdersStopLossLegAsItsOwnOrderAndNameItsEntryWhenChangingOrExitingIt()
    {
        h.send(c.cover(next(), ACCOUNT, 1, INFY, Side.BUY, OrderType.MARKET, 10, 0, 147_000));
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.PLACE, "E1"));
        h.send(c.trade(next(), ACCOUNT, "E1", "T1", INFY, Side.BUY, Product.CO, 10, 150_000));
        h.send(c.coverLeg(next(), ACCOUNT, "L1", "E1", OrderStatus.TRIGGER_PENDING, INFY, Side.SELL, 10, 147_000));

        final long legId = TradingCore.FIRST_EXTERNAL_CLIENT_ORDER_ID;
        final OrderEventDecoder leg = h.lastOrder();
        assertEquals(legId, leg.clientOrderId());
        assertEquals("L1", leg.brokerOrderId());
        assertEquals(Variety.CO, leg.variety());
        leg.skipStatusMessage();
        leg.skipUserTag();
        assertEquals("E1", leg.parentOrderId());

        h.send(c.modify(next(), ACCOUNT, legId, OrderType.SL_M, 10, 0, 146_000));
        BrokerRequestEventDecoder request = h.lastBrokerRequest();
        assertEquals(BrokerRequestType.MODIFY, request.requestType());
        assertEquals("L1", request.brokerOrderId());
        assertEquals(Variety.CO, request.variety());
        assertEquals(146_000, request.triggerPricePaise());
        assertEquals("E1", request.parentOrderId());
        h.send(c.ack(next(), ACCOUNT, legId, BrokerRequestType.MODIFY, "L1"));
        h.send(c.coverLeg(next(), ACCOUNT, "L1", "", OrderStatus.TRIGGER_PENDING, INFY, Side.SELL, 10, 146_000));
        assertEquals(146_000, h.lastOrder().triggerPricePaise());
        assertEquals(1, h.lastOrder().modifyCount());

        h.send(c.cancel(next(), ACCOUNT, legId));
        request = h.lastBrokerRequest();
        assertEquals(BrokerRequestType.CANCEL, request.requestType());
        assertEquals("E1", request.parentOrderId());

        h.send(c.cancel(next(), ACCOUNT, 1));
        assertEquals("", h.lastBrokerRequest().parentOrderId());
    }

    @Test
    void shouldAdoptAParkedUpdateWhenNoAckClaimsItWithinTheParkTimeout()
    {
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 10, 150_000));
        final long parkedAt = next();
        h.send(c.orderUpdate(parkedAt, ACCOUNT, Long.MIN_VALUE, "WEB7", OrderStatus.OPEN, INFY, Side.SELL,
            OrderType.LIMIT, Product.MIS, 7, 0, 150_500, 0, 0, ts / SECOND));
        h.send(c.trade(next(), ACCOUNT, "WEB7", "T1", INFY, Side.SELL, Product.MIS, 7, 150_500));
        assertEquals(2, h.core().parkedCount());
        assertEquals(0, h.send(c.timer(parkedAt + 9 * SECOND, 1)));
        h.send(c.timer(parkedAt + 10 * SECOND, 1));
        assertEquals(0, h.core().parkedCount());
        assertEquals(1, h.core().externalOrders());
        final Order adopted = h.core().account(ACCOUNT).order(TradingCore.FIRST_EXTERNAL_CLIENT_ORDER_ID);
        assertEquals(OrderStatus.OPEN, adopted.status());
        assertEquals(7, adopted.filledQty());
        assertEquals(-7, infyPosition(ACCOUNT).qty());
        assertEquals(OrderStatus.PENDING_RISK, h.core().account(ACCOUNT).order(1).status());
    }

    @Test
    void shouldGiveUpAParkedFillWhoseOrderNeverBecomesKnownWithAReason()
    {
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 10, 150_000));
        final long parkedAt = next();
        h.send(c.trade(parkedAt, ACCOUNT, "GHOST", "T1", INFY, Side.BUY, Product.MIS, 3, 150_000));
        assertEquals(1, h.send(c.timer(parkedAt + 11 * SECOND, 1)));
        final RejectEventDecoder reject = h.assertRejected(RejectReason.UNMATCHED_BROKER_UPDATE);
        assertEquals(ACCOUNT, reject.accountId());
        assertEquals(TradeCommandDecoder.TEMPLATE_ID, reject.commandTemplateId());
        assertEquals(10 * SECOND, reject.limitValue());
        assertEquals(11 * SECOND, reject.actualValue());
        assertEquals(0, h.core().parkedCount());
        assertEquals(0, h.sink().countOf(FillEventDecoder.TEMPLATE_ID));
        assertEquals(0, infyPosition(ACCOUNT).qty());
    }

    @Test
    void shouldGiveUpTheOldestParkedCommandWhenTheParkIsFull()
    {
        for (int i = 0; i < 4; i++)
        {
            assertEquals(0, h.send(c.trade(next(), ACCOUNT, "E" + i, "T" + i, INFY, Side.BUY, Product.MIS, 1,
                150_000)));
        }
        assertEquals(1, h.send(c.trade(next(), OTHER_ACCOUNT, "E4", "T4", INFY, Side.BUY, Product.MIS, 1, 150_000)));
        final RejectEventDecoder reject = h.assertRejected(RejectReason.UNMATCHED_BROKER_UPDATE);
        assertEquals(ACCOUNT, reject.accountId());
        assertEquals(4, reject.limitValue());
        assertEquals(4, h.core().parkedCount());
        assertEquals(5, h.core().parkedTotal());
        update(ACCOUNT, Long.MIN_VALUE, "E0", OrderStatus.OPEN, 1, 0);
        assertEquals(0, h.sink().countOf(FillEventDecoder.TEMPLATE_ID));
        update(ACCOUNT, Long.MIN_VALUE, "E1", OrderStatus.OPEN, 1, 0);
        assertEquals(1, h.sink().countOf(FillEventDecoder.TEMPLATE_ID));
        assertEquals(3, h.core().parkedCount());
    }

    @Test
    void shouldApplyAParkedUpdateToTheAccountWhoseOrderItTurnsOutToBeNotTheOneWhoseSessionBroughtIt()
    {
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 10, 150_000));
        h.send(c.limit(next(), OTHER_ACCOUNT, 1, INFY, Side.BUY, 10, 150_000));
        update(OTHER_ACCOUNT, Long.MIN_VALUE, "B1", OrderStatus.OPEN, 10, 0);
        assertEquals(1, h.core().parkedCount());
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.PLACE, "B1"));
        assertEquals(OrderStatus.OPEN, h.core().account(ACCOUNT).order(1).status());
        assertEquals(OrderStatus.PENDING_RISK, h.core().account(OTHER_ACCOUNT).order(1).status());
        assertEquals(0, h.core().rejectCount(RejectReason.ACCOUNT_MISMATCH));
    }

    @Test
    void shouldAdoptACoverOrdersLegIntoItsEntrysAccountWhicheverAccountsSessionBroughtIt()
    {
        h.send(c.cover(next(), OTHER_ACCOUNT, 1, INFY, Side.BUY, OrderType.MARKET, 10, 0, 147_000));
        h.send(c.ack(next(), OTHER_ACCOUNT, 1, BrokerRequestType.PLACE, "E1"));
        h.send(c.trade(next(), ACCOUNT, "E1", "T1", INFY, Side.BUY, Product.CO, 10, 150_000));
        h.send(c.coverLeg(next(), ACCOUNT, "L1", "E1", OrderStatus.TRIGGER_PENDING, INFY, Side.SELL, 10, 147_000));
        h.send(c.coverLeg(next(), ACCOUNT, "L1", "", OrderStatus.COMPLETE, INFY, Side.SELL, 10, 147_000));
        h.send(c.trade(next(), ACCOUNT, "L1", "T2", INFY, Side.SELL, Product.CO, 10, 147_000));

        final Order leg = h.core().account(OTHER_ACCOUNT).order(TradingCore.FIRST_EXTERNAL_CLIENT_ORDER_ID);
        assertEquals(OrderStatus.COMPLETE, leg.status());
        assertEquals(OTHER_ACCOUNT, h.lastFill().accountId());
        final Position position =
            h.core().account(OTHER_ACCOUNT).position(h.core().instrumentByToken(INFY), Product.CO);
        assertEquals(0, position.qty());
        assertEquals(-30_000, position.realisedPaise());
        assertEquals(null, h.core().account(ACCOUNT).order(TradingCore.FIRST_EXTERNAL_CLIENT_ORDER_ID));
        assertEquals(null, h.core().account(ACCOUNT).position(h.core().instrumentByToken(INFY), Product.CO));
    }

    @Test
    void shouldRejectAnAdoptionThatNamesAnUnknownInstrument()
    {
        h.send(c.orderUpdate(next(), ACCOUNT, Long.MIN_VALUE, "WEB9", OrderStatus.OPEN, 999, Side.BUY,
            OrderType.LIMIT, Product.MIS, 1, 0, 100, 0, 0, ts / SECOND));
        h.assertRejected(RejectReason.UNKNOWN_INSTRUMENT);
        assertEquals(0, h.core().externalOrders());
        assertNull(h.core().account(ACCOUNT).order(TradingCore.FIRST_EXTERNAL_CLIENT_ORDER_ID));
    }

    @Test
    void shouldReplayParkingAndAdoptionIntoAFreshCoreWithTheSameBytesAndHash()
    {
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 10, 150_000));
        h.send(c.trade(next(), ACCOUNT, "B1", "T1", INFY, Side.BUY, Product.MIS, 4, 150_000));
        update(ACCOUNT, Long.MIN_VALUE, "WEB1", OrderStatus.OPEN, 5, 0);
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.PLACE, "B1"));
        h.send(c.timer(ts + 20 * SECOND, 1));
        final CapturingEventSink original = new CapturingEventSink();
        final TradingCore again = new TradingCore(original,
            new CoreSettings().parkedBrokerUpdates(4).parkTimeoutNs(10 * SECOND));
        final CapturingEventSink replayed = new CapturingEventSink();
        final TradingCore fresh = new TradingCore(replayed,
            new CoreSettings().parkedBrokerUpdates(4).parkTimeoutNs(10 * SECOND));
        h.journal().replay(again);
        h.journal().replay(fresh);
        assertTrue(original.sameBytesAs(replayed));
        assertEquals(h.core().stateHash(), fresh.stateHash());
        assertEquals(1, fresh.externalOrders());
        assertEquals(0, fresh.parkedCount());
    }
}
