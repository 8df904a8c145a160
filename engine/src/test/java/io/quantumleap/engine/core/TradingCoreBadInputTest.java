package io.quantumleap.engine.core;

import io.quantumleap.engine.protocol.BrokerAckCommandDecoder;
import io.quantumleap.engine.protocol.BrokerErrorType;
import io.quantumleap.engine.protocol.BrokerRejectCommandDecoder;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.CancelOrderCommandDecoder;
import io.quantumleap.engine.protocol.MarketDataCommandDecoder;
import io.quantumleap.engine.protocol.ModifyOrderCommandDecoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.OrderUpdateCommandDecoder;
import io.quantumleap.engine.protocol.OvernightPositionCommandDecoder;
import io.quantumleap.engine.protocol.PlaceOrderCommandDecoder;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.RejectEventDecoder;
import io.quantumleap.engine.protocol.RejectReason;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.protocol.TimerCommandDecoder;
import io.quantumleap.engine.protocol.TradeCommandDecoder;
import io.quantumleap.engine.testing.CoreHarness;
import io.quantumleap.engine.testing.Commands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TradingCoreBadInputTest
{
    private static final long T0 = 1_780_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long INFY = 408_065;
    private static final long UNKNOWN_TOKEN = 999_999;
    private static final long ACCOUNT = 1;
    private static final long OTHER_ACCOUNT = 2;

    private CoreHarness h;
    private Commands c;
    private long ts = T0;
    private long expectedRejects;

    @BeforeEach
    void setUp()
    {
        h = new CoreHarness();
        c = h.commands();
        h.send(c.account(ts, ACCOUNT, "AB1234"));
        h.send(c.account(ts, OTHER_ACCOUNT, "CD5678"));
        h.send(c.equity(ts, INFY, "INFY"));
        h.send(c.tick(ts, INFY, TickMode.QUOTE, 150_000, 1_000, 149_000));
        h.send(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 10, 150_000));
        h.send(c.ack(next(), ACCOUNT, 1, BrokerRequestType.PLACE, "B1"));
        h.send(c.orderUpdate(next(), ACCOUNT, 1, "B1", OrderStatus.OPEN, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 10, 0, 150_000, 0, 0, ts / SECOND));
        h.sink().clear();
    }

    @AfterEach
    void countedEveryRejectAndGoesOn()
    {
        assertEquals(expectedRejects, h.core().rejectCount());
        assertEquals(2, h.send(c.limit(next(), ACCOUNT, 100, INFY, Side.BUY, 1, 150_000)));
    }

    private long next()
    {
        ts += 200_000_000L;
        return ts;
    }

    private void assertRejected(final int length, final RejectReason reason, final int commandTemplateId)
    {
        final long before = h.core().rejectCount(reason);
        assertEquals(1, h.send(length), "one reject event, nothing else");
        final RejectEventDecoder reject = h.lastReject();
        assertEquals(reason, reject.reason());
        assertEquals(commandTemplateId, reject.commandTemplateId());
        assertEquals(h.journal().lastIndex(), reject.inputSequence());
        assertEquals(before + 1, h.core().rejectCount(reason));
        expectedRejects++;
    }

    @Test
    void shouldRejectUnknownInstrumentsInEveryCommandThatNamesOne()
    {
        assertRejected(c.tick(next(), UNKNOWN_TOKEN, TickMode.LTP, 100, 1, 100), RejectReason.UNKNOWN_INSTRUMENT,
            MarketDataCommandDecoder.TEMPLATE_ID);
        assertRejected(c.limit(next(), ACCOUNT, 2, UNKNOWN_TOKEN, Side.BUY, 1, 100), RejectReason.UNKNOWN_INSTRUMENT,
            PlaceOrderCommandDecoder.TEMPLATE_ID);
        assertRejected(c.overnight(next(), ACCOUNT, UNKNOWN_TOKEN, Product.NRML, 5, 100),
            RejectReason.UNKNOWN_INSTRUMENT, OvernightPositionCommandDecoder.TEMPLATE_ID);
        assertRejected(c.orderUpdate(next(), ACCOUNT, Long.MIN_VALUE, "WEB1", OrderStatus.OPEN, UNKNOWN_TOKEN,
            Side.BUY, OrderType.LIMIT, Product.MIS, 1, 0, 100, 0, 0, ts / SECOND), RejectReason.UNKNOWN_INSTRUMENT,
            OrderUpdateCommandDecoder.TEMPLATE_ID);
        assertRejected(c.trade(next(), ACCOUNT, "B1", "T1", UNKNOWN_TOKEN, Side.BUY, Product.MIS, 1, 150_000),
            RejectReason.INVALID_FIELD, TradeCommandDecoder.TEMPLATE_ID);
    }

    @Test
    void shouldRejectZeroOrNegativeQuantitiesInEveryCommandThatCarriesOne()
    {
        assertRejected(c.limit(next(), ACCOUNT, 2, INFY, Side.BUY, 0, 150_000), RejectReason.INVALID_QUANTITY,
            PlaceOrderCommandDecoder.TEMPLATE_ID);
        assertRejected(c.modify(next(), ACCOUNT, 1, OrderType.LIMIT, -5, 150_000, 0), RejectReason.INVALID_QUANTITY,
            ModifyOrderCommandDecoder.TEMPLATE_ID);
        assertRejected(c.trade(next(), ACCOUNT, "B1", "T1", INFY, Side.BUY, Product.MIS, 0, 150_000),
            RejectReason.INVALID_QUANTITY, TradeCommandDecoder.TEMPLATE_ID);
        assertRejected(c.orderUpdate(next(), ACCOUNT, 1, "B1", OrderStatus.OPEN, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 0, 0, 150_000, 0, 0, ts / SECOND), RejectReason.INVALID_QUANTITY,
            OrderUpdateCommandDecoder.TEMPLATE_ID);
        assertRejected(c.overnight(next(), ACCOUNT, INFY, Product.CNC, 0, 150_000), RejectReason.INVALID_QUANTITY,
            OvernightPositionCommandDecoder.TEMPLATE_ID);
    }

    @Test
    void shouldRejectPricesAndTriggersOffTheTickSizeInPlaceAndModify()
    {
        assertRejected(c.limit(next(), ACCOUNT, 2, INFY, Side.BUY, 1, 150_001), RejectReason.PRICE_OFF_TICK,
            PlaceOrderCommandDecoder.TEMPLATE_ID);
        assertRejected(c.place(next(), ACCOUNT, 3, INFY, Side.BUY, OrderType.SL, Product.MIS, 1, 150_100, 150_052, 0),
            RejectReason.PRICE_OFF_TICK, PlaceOrderCommandDecoder.TEMPLATE_ID);
        assertRejected(c.modify(next(), ACCOUNT, 1, OrderType.LIMIT, 10, 150_003, 0), RejectReason.PRICE_OFF_TICK,
            ModifyOrderCommandDecoder.TEMPLATE_ID);
    }

    @Test
    void shouldRejectUnknownOrderIdsInEveryCommandThatAddressesAnOrder()
    {
        assertRejected(c.modify(next(), ACCOUNT, 77, OrderType.LIMIT, 1, 150_000, 0), RejectReason.UNKNOWN_ORDER,
            ModifyOrderCommandDecoder.TEMPLATE_ID);
        assertRejected(c.cancel(next(), ACCOUNT, 77), RejectReason.UNKNOWN_ORDER,
            CancelOrderCommandDecoder.TEMPLATE_ID);
        assertRejected(c.ack(next(), ACCOUNT, 77, BrokerRequestType.PLACE, "B77"), RejectReason.UNKNOWN_ORDER,
            BrokerAckCommandDecoder.TEMPLATE_ID);
        assertRejected(c.brokerReject(next(), ACCOUNT, 77, BrokerRequestType.PLACE, BrokerErrorType.ORDER, "no"),
            RejectReason.UNKNOWN_ORDER, BrokerRejectCommandDecoder.TEMPLATE_ID);
        assertRejected(c.trade(next(), ACCOUNT, "", "T1", INFY, Side.BUY, Product.MIS, 1, 150_000),
            RejectReason.UNKNOWN_ORDER, TradeCommandDecoder.TEMPLATE_ID);
        assertRejected(c.cancel(next(), 99, 1), RejectReason.UNKNOWN_ACCOUNT, CancelOrderCommandDecoder.TEMPLATE_ID);
    }

    @Test
    void shouldRejectOutOfOrderAndDuplicateBrokerRepliesAndUpdates()
    {
        assertRejected(c.ack(next(), ACCOUNT, 1, BrokerRequestType.PLACE, "B1"), RejectReason.STALE_BROKER_UPDATE,
            BrokerAckCommandDecoder.TEMPLATE_ID);
        assertRejected(c.ack(next(), ACCOUNT, 1, BrokerRequestType.PLACE, "B2"), RejectReason.INVALID_FIELD,
            BrokerAckCommandDecoder.TEMPLATE_ID);
        assertRejected(c.ack(next(), ACCOUNT, 1, BrokerRequestType.MODIFY, "B1"), RejectReason.STALE_BROKER_UPDATE,
            BrokerAckCommandDecoder.TEMPLATE_ID);
        assertRejected(c.ack(next(), ACCOUNT, 1, BrokerRequestType.CANCEL, "B1"), RejectReason.STALE_BROKER_UPDATE,
            BrokerAckCommandDecoder.TEMPLATE_ID);
        assertRejected(c.brokerReject(next(), ACCOUNT, 1, BrokerRequestType.CANCEL, BrokerErrorType.ORDER, "no"),
            RejectReason.STALE_BROKER_UPDATE,
            BrokerRejectCommandDecoder.TEMPLATE_ID);
        assertRejected(c.orderUpdate(next(), ACCOUNT, 1, "B1", OrderStatus.VALIDATION_PENDING, INFY, Side.BUY,
            OrderType.LIMIT, Product.MIS, 10, 0, 150_000, 0, 0, ts / SECOND), RejectReason.STALE_BROKER_UPDATE,
            OrderUpdateCommandDecoder.TEMPLATE_ID);
        assertRejected(c.orderUpdate(next(), ACCOUNT, 1, "B1", OrderStatus.OPEN, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 10, 0, 150_000, 0, 0, ts / SECOND), RejectReason.STALE_BROKER_UPDATE,
            OrderUpdateCommandDecoder.TEMPLATE_ID);
        assertEquals(2, h.send(c.trade(next(), ACCOUNT, "B1", "T1", INFY, Side.BUY, Product.MIS, 2, 150_000)));
        assertRejected(c.trade(next(), ACCOUNT, "B1", "T1", INFY, Side.BUY, Product.MIS, 2, 150_000),
            RejectReason.STALE_BROKER_UPDATE, TradeCommandDecoder.TEMPLATE_ID);
        h.send(c.timer(next(), 1));
        assertRejected(c.timer(ts - SECOND, 1), RejectReason.INVALID_TIMER, TimerCommandDecoder.TEMPLATE_ID);
    }

    @Test
    void shouldRejectCommandsForAnotherAccountsOrderButCreditItsBrokerMessagesToTheAccountWhoseOrderItIs()
    {
        assertRejected(c.modify(next(), OTHER_ACCOUNT, 1, OrderType.LIMIT, 10, 150_500, 0), RejectReason.UNKNOWN_ORDER,
            ModifyOrderCommandDecoder.TEMPLATE_ID);
        assertRejected(c.cancel(next(), OTHER_ACCOUNT, 1), RejectReason.UNKNOWN_ORDER,
            CancelOrderCommandDecoder.TEMPLATE_ID);
        assertRejected(c.ack(next(), OTHER_ACCOUNT, 1, BrokerRequestType.PLACE, "B1"), RejectReason.UNKNOWN_ORDER,
            BrokerAckCommandDecoder.TEMPLATE_ID);
        h.send(c.trade(next(), OTHER_ACCOUNT, "B1", "T1", INFY, Side.BUY, Product.MIS, 1, 150_000));
        h.send(c.orderUpdate(next(), OTHER_ACCOUNT, Long.MIN_VALUE, "B1", OrderStatus.CANCELLED, INFY,
            Side.BUY, OrderType.LIMIT, Product.MIS, 10, 1, 150_000, 0, 150_000, ts / SECOND));
        assertEquals(1, h.core().account(ACCOUNT).position(h.core().instrumentByToken(INFY), Product.MIS).qty());
        assertEquals(OrderStatus.CANCELLED, h.core().account(ACCOUNT).order(1).status());
        assertEquals(1, h.core().account(ACCOUNT).order(1).filledQty());
    }

    @Test
    void shouldRejectADuplicateClientOrderIdEvenAfterTheOrderEnded()
    {
        assertRejected(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 1, 150_000),
            RejectReason.DUPLICATE_CLIENT_ORDER_ID, PlaceOrderCommandDecoder.TEMPLATE_ID);
        h.send(c.orderUpdate(next(), ACCOUNT, 1, "B1", OrderStatus.CANCELLED, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 10, 0, 150_000, 0, 0, ts / SECOND));
        assertRejected(c.limit(next(), ACCOUNT, 1, INFY, Side.BUY, 1, 150_000),
            RejectReason.DUPLICATE_CLIENT_ORDER_ID, PlaceOrderCommandDecoder.TEMPLATE_ID);
        assertRejected(c.orderUpdate(next(), ACCOUNT, 1, "B1", OrderStatus.OPEN, INFY, Side.BUY, OrderType.LIMIT,
            Product.MIS, 10, 0, 150_000, 0, 0, ts / SECOND), RejectReason.STALE_BROKER_UPDATE,
            OrderUpdateCommandDecoder.TEMPLATE_ID);
    }
}
