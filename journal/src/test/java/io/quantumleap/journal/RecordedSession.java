package io.quantumleap.journal;

import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.protocol.Validity;
import io.quantumleap.engine.protocol.Variety;
import io.quantumleap.engine.spi.EventSink;
import io.quantumleap.engine.spi.InputJournal;
import io.quantumleap.engine.testing.Commands;

public final class RecordedSession
{
    public static final long T0 = 1_780_000_000_000_000_000L;
    public static final long SECOND = 1_000_000_000L;
    public static final long INFY = 408_065;
    public static final long RELIANCE = 738_561;
    public static final long ACCOUNT = 1;

    private final Commands c = new Commands();
    private final InputJournal in;
    private final EventSink out;
    private final TradingCore core;
    private long ts = T0;
    private long lastIndex = -1;
    private long commands;

    public RecordedSession(final Journal journal)
    {
        this(journal, java.util.function.UnaryOperator.identity());
    }

    public RecordedSession(final Journal journal, final java.util.function.UnaryOperator<EventSink> decorator)
    {
        this.in = journal.inputJournal();
        this.out = decorator.apply(journal.eventSink());
        this.core = new TradingCore(out);
    }

    public TradingCore core()
    {
        return core;
    }

    public long lastIndex()
    {
        return lastIndex;
    }

    public long commands()
    {
        return commands;
    }

    public long time()
    {
        return ts;
    }

    private long next()
    {
        ts += SECOND;
        return ts;
    }

    public long send(final int length)
    {
        lastIndex = in.append(c.buffer(), 0, length);
        commands++;
        core.onCommand(lastIndex, c.buffer(), 0, length);
        in.endOfBatch();
        out.endOfBatch();
        return lastIndex;
    }

    public RecordedSession setUp()
    {
        send(c.account(ts, ACCOUNT, "AB1234"));
        send(c.equity(ts, INFY, "INFY"));
        send(c.equity(ts, RELIANCE, "RELIANCE"));
        send(c.tick(next(), INFY, TickMode.QUOTE, 150_000, 1_000, 149_000));
        send(c.tick(next(), RELIANCE, TickMode.QUOTE, 250_000, 1_000, 249_000));
        return this;
    }

    public RecordedSession ticks(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            send(c.fullTick(next(), i % 2 == 0 ? INFY : RELIANCE, (i % 2 == 0 ? 150_000 : 250_000) + (i % 7) * 5,
                1_000 + i, i % 2 == 0 ? 149_000 : 249_000, 5));
        }
        return this;
    }

    /** A later instruments dump's definition of an NSE equity. */
    public RecordedSession define(final long token, final String symbol)
    {
        send(c.equity(next(), token, symbol));
        return this;
    }

    /** A quote of an instrument, defined or not. */
    public RecordedSession quote(final long token, final long ltp)
    {
        send(c.tick(next(), token, TickMode.QUOTE, ltp, 1_000, ltp));
        return this;
    }

    /** A reconciliation's end: the broker's order book had no orders. */
    public RecordedSession emptyOrderBook()
    {
        send(c.orderBook(next(), ACCOUNT, ts, 0));
        return this;
    }

    public RecordedSession placeIcebergWithTtl(
        final long clientOrderId, final long token, final long qty, final long pricePaise)
    {
        send(c.placeWith(next(), ACCOUNT, clientOrderId, token, qty, pricePaise, Validity.TTL, 5, Variety.ICEBERG, 4,
            qty / 4, qty / 10));
        return this;
    }

    /** A stop-loss market sell the broker took and left waiting for its trigger. */
    public RecordedSession stopLossMarketSell(
        final long clientOrderId, final long token, final long qty, final long triggerPaise)
    {
        final String brokerOrderId = "B" + clientOrderId;
        send(c.place(next(), ACCOUNT, clientOrderId, token, Side.SELL, OrderType.SL_M, Product.MIS, qty, 0,
            triggerPaise, 5));
        send(c.ack(next(), ACCOUNT, clientOrderId, BrokerRequestType.PLACE, brokerOrderId));
        send(c.orderUpdate(next(), ACCOUNT, clientOrderId, brokerOrderId, OrderStatus.PUT_ORDER_REQ_RECEIVED, token,
            Side.SELL, OrderType.SL_M, Product.MIS, qty, 0, 0, triggerPaise, 0, ts / SECOND));
        send(c.orderUpdate(next(), ACCOUNT, clientOrderId, brokerOrderId, OrderStatus.TRIGGER_PENDING, token,
            Side.SELL, OrderType.SL_M, Product.MIS, qty, 0, 0, triggerPaise, 0, ts / SECOND));
        return this;
    }

    public RecordedSession buyAndFill(final long clientOrderId, final long token, final long qty, final long pricePaise)
    {
        final String brokerOrderId = "B" + clientOrderId;
        send(c.limit(next(), ACCOUNT, clientOrderId, token, Side.BUY, qty, pricePaise));
        send(c.ack(next(), ACCOUNT, clientOrderId, BrokerRequestType.PLACE, brokerOrderId));
        send(c.orderUpdate(next(), ACCOUNT, clientOrderId, brokerOrderId, OrderStatus.OPEN, token, Side.BUY,
            OrderType.LIMIT, Product.MIS, qty, 0, pricePaise, 0, 0, ts / SECOND));
        send(c.trade(next(), ACCOUNT, brokerOrderId, "T" + clientOrderId, token, Side.BUY, Product.MIS, qty,
            pricePaise));
        send(c.orderUpdate(next(), ACCOUNT, clientOrderId, brokerOrderId, OrderStatus.COMPLETE, token, Side.BUY,
            OrderType.LIMIT, Product.MIS, qty, qty, pricePaise, 0, pricePaise, ts / SECOND));
        return this;
    }
}
