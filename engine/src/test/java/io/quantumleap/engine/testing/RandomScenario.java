package io.quantumleap.engine.testing;

import io.quantumleap.engine.protocol.BrokerErrorType;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.engine.protocol.Exchange;
import io.quantumleap.engine.protocol.GapState;
import io.quantumleap.engine.protocol.InstrumentType;
import io.quantumleap.engine.protocol.KillSwitchMode;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Segment;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.protocol.Validity;

import java.util.ArrayList;
import java.util.SplittableRandom;

/**
 * A seeded stream of engine commands: a set-up (accounts, instruments, limits, first ticks), then ticks over every
 * instrument, orders (DAY, TTL, IOC) with broker acks, rejects, timeouts, order updates, trades, modifies and cancels
 * (some out of order, early or repeated), orders placed outside the engine, timers (crossing an IST day boundary
 * about 250 s in), limit changes, kill switches and plain garbage. The same seed gives the same bytes.
 *
 * <p>It models the broker side from its own view, so replies to orders the core refused arrive too: that is
 * part of the bad input the core must refuse.
 */
public final class RandomScenario
{
    /** 250 s before 2026-05-30 00:00 IST: the stream crosses a session boundary. */
    private static final long START_NS = 1_780_079_150_000_000_000L;

    private final SplittableRandom random;
    private final Commands c = new Commands();
    private final int instrumentCount;
    private final int accountCount;
    private final int hotInstruments;
    private final long[] token;
    private final long[] tick;
    private final int[] lot;
    private final long[] ltp;
    private final long[] close;
    private final long[] volume;
    private final long[] nextClientOrderId;
    private final ArrayList<SimOrder> orders = new ArrayList<>();
    private final ArrayList<FollowUp> followUps = new ArrayList<>();
    private long ts = START_NS;
    private int setupStep;
    private int externalOrders;
    private final int setupSteps;

    /**
     * @param seed            the stream's seed.
     * @param instrumentCount instruments ticking (a few dozen of them get the orders).
     * @param accountCount    accounts trading.
     */
    public RandomScenario(final long seed, final int instrumentCount, final int accountCount)
    {
        random = new SplittableRandom(seed);
        this.instrumentCount = instrumentCount;
        this.accountCount = accountCount;
        hotInstruments = Math.min(48, instrumentCount);
        token = new long[instrumentCount];
        tick = new long[instrumentCount];
        lot = new int[instrumentCount];
        ltp = new long[instrumentCount];
        close = new long[instrumentCount];
        volume = new long[instrumentCount];
        nextClientOrderId = new long[accountCount + 1];
        for (int i = 0; i < instrumentCount; i++)
        {
            final boolean future = i % 10 == 9;
            token[i] = ((long)(1000 + i) << 8) | (future ? 2 : 1);
            tick[i] = future ? 10 : 5;
            lot[i] = future ? 25 + 5 * (i % 10) : 1;
            ltp[i] = (1_000 + random.nextInt(200_000)) * tick[i];
            close[i] = ltp[i];
        }
        setupSteps = accountCount * 2 + instrumentCount * 2 + 1;
    }

    /** @return the encoder holding the last command at offset 0. */
    public Commands commands()
    {
        return c;
    }

    /** @return the token of an instrument of the scenario. */
    public long token(final int instrument)
    {
        return token[instrument];
    }

    /** Encodes the next command into {@link #commands()} and returns its length. */
    public int next()
    {
        ts += 1 + random.nextInt(2_000_000);
        if (setupStep < setupSteps)
        {
            return setup(setupStep++);
        }
        if (!followUps.isEmpty() && random.nextInt(100) < 35)
        {
            final int i = random.nextInt(10) == 0 ? random.nextInt(followUps.size()) : 0;
            final FollowUp f = followUps.remove(i);
            return followUp(f);
        }
        final int r = random.nextInt(1000);
        if (r < 700)
        {
            return tick();
        }
        if (r < 790)
        {
            return place();
        }
        if (r < 830)
        {
            return reply();
        }
        if (r < 870)
        {
            return fill();
        }
        if (r < 900)
        {
            return modify();
        }
        if (r < 930)
        {
            return cancel();
        }
        if (r < 955)
        {
            return badInput();
        }
        if (r < 965)
        {
            return c.limits(ts, 1 + random.nextInt(accountCount), 5_000_000_000L + random.nextInt(1000) * 10_000_000L,
                2_000 + random.nextInt(5_000), 300 + random.nextInt(400), 8 + random.nextInt(5),
                300 + random.nextInt(200), 100_000);
        }
        if (r < 970)
        {
            final int mode = random.nextInt(10);
            return c.killSwitch(ts, random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(accountCount),
                mode < 6 ? KillSwitchMode.OFF : mode < 8 ? KillSwitchMode.REDUCE_ONLY : KillSwitchMode.HALT);
        }
        if (r < 975)
        {
            final int i = random.nextInt(hotInstruments);
            return c.overnight(ts, 1 + random.nextInt(accountCount), token[i], Product.NRML,
                (random.nextInt(21) - 10) * (long)lot[i], ltp[i]);
        }
        if (r < 982)
        {
            return c.timer(ts, random.nextInt(4));
        }
        if (r < 986)
        {
            return external();
        }
        if (r < 988)
        {
            return brokerPosition();
        }
        if (r < 990)
        {
            return c.feedGap(ts, random.nextInt(3), random.nextBoolean() ? GapState.GAP_STARTED : GapState.GAP_ENDED);
        }
        return c.session(ts, 1 + random.nextInt(accountCount),
            random.nextBoolean() ? BrokerSessionState.CONNECTED : BrokerSessionState.TOKEN_EXPIRED,
            ts / 1_000_000_000L);
    }

    private int setup(final int step)
    {
        if (step < accountCount)
        {
            return c.account(ts, step + 1, "U" + (step + 1));
        }
        if (step < accountCount * 2)
        {
            return c.limits(ts, step - accountCount + 1, 5_000_000_000L, 5_000, 500, 10, 400, 100_000);
        }
        if (step == accountCount * 2)
        {
            return c.killSwitch(ts, 0, KillSwitchMode.OFF);
        }
        final int i = step - accountCount * 2 - 1;
        if (i < instrumentCount)
        {
            final boolean future = lot[i] > 1;
            return c.instrument(ts, token[i], future ? Exchange.NFO : Exchange.NSE, future ? Segment.NFO : Segment.NSE,
                future ? InstrumentType.FUT : InstrumentType.EQ, tick[i], lot[i], future ? lot[i] * 40L : 0, 1,
                "SYM" + i);
        }
        final int k = i - instrumentCount;
        return c.tick(ts, token[k], TickMode.QUOTE, ltp[k], volume[k], close[k]);
    }

    private int tick()
    {
        final int i = random.nextInt(10) < 3 ? random.nextInt(hotInstruments) : random.nextInt(instrumentCount);
        final long move = (random.nextInt(11) - 5) * tick[i];
        ltp[i] = Math.max(tick[i] * 100, ltp[i] + move);
        volume[i] += random.nextInt(1000);
        final int mode = random.nextInt(10);
        if (mode == 0)
        {
            return c.fullTick(ts, token[i], ltp[i], volume[i], close[i], tick[i]);
        }
        return c.tick(ts, token[i], mode < 4 ? TickMode.LTP : TickMode.QUOTE, ltp[i], volume[i], close[i]);
    }

    private int place()
    {
        final long account = 1 + random.nextInt(accountCount);
        final int i = random.nextInt(5) == 0 ? random.nextInt(instrumentCount) : random.nextInt(hotInstruments);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final int t = random.nextInt(100);
        final OrderType type = t < 70 ? OrderType.LIMIT : t < 85 ? OrderType.MARKET : t < 95 ? OrderType.SL :
            OrderType.SL_M;
        final Product product = random.nextInt(4) == 0 ? Product.NRML : Product.MIS;
        long qty = (long)lot[i] * (1 + random.nextInt(5));
        if (random.nextInt(100) == 0)
        {
            qty = -random.nextInt(3);
        }
        long price = ltp[i] + (random.nextInt(21) - 10) * tick[i];
        if (random.nextInt(50) == 0)
        {
            price += 1;
        }
        final long trigger = ltp[i] + (side == Side.BUY ? 2 : -2) * tick[i];
        final long clientOrderId = random.nextInt(100) == 0 && nextClientOrderId[(int)account] > 0 ?
            1 + random.nextInt((int)nextClientOrderId[(int)account]) : ++nextClientOrderId[(int)account];
        final int protection = random.nextInt(20) == 0 ? 0 : random.nextInt(3) == 0 ? -1 : 2;
        final int v = random.nextInt(100);
        final Validity validity = v < 8 ? Validity.TTL : v < 12 ? Validity.IOC : Validity.DAY;
        final int ttlMinutes = validity == Validity.TTL ? 1 + random.nextInt(3) : 0;
        final SimOrder o = new SimOrder();
        o.account = account;
        o.clientOrderId = clientOrderId;
        o.instrument = i;
        o.side = side;
        o.type = type;
        o.product = product;
        o.qty = Math.max(qty, lot[i]);
        o.price = type == OrderType.LIMIT || type == OrderType.SL ? price : 0;
        o.trigger = type == OrderType.SL || type == OrderType.SL_M ? trigger : 0;
        o.brokerOrderId = "B" + account + "-" + clientOrderId + "-" + orders.size();
        orders.add(o);
        if (orders.size() > 4_096)
        {
            orders.remove(random.nextInt(1024));
        }
        return c.place(ts, account, clientOrderId, token[i], side, type, product, qty, o.price, o.trigger, protection,
            validity, ttlMinutes);
    }

    private SimOrder pick(final int state)
    {
        for (int attempt = 0; attempt < 8 && !orders.isEmpty(); attempt++)
        {
            final SimOrder o = orders.get(orders.size() - 1 - random.nextInt(Math.min(orders.size(), 256)));
            if (o.state == state)
            {
                return o;
            }
        }
        return null;
    }

    private int reply()
    {
        final SimOrder o = pick(SimOrder.NEW);
        if (o == null)
        {
            return tick();
        }
        final int r = random.nextInt(100);
        if (r < 8)
        {
            o.state = SimOrder.DONE;
            return c.brokerReject(ts, o.account, o.clientOrderId, BrokerRequestType.PLACE, BrokerErrorType.MARGIN,
                "Insufficient funds");
        }
        if (r < 12)
        {
            o.state = SimOrder.WORKING;
            followUps.add(new FollowUp(o, FollowUp.OPEN));
            return c.brokerReject(ts, o.account, o.clientOrderId, BrokerRequestType.PLACE, BrokerErrorType.TIMEOUT,
                "timeout");
        }
        o.state = SimOrder.WORKING;
        if (r < 22)
        {
            followUps.add(new FollowUp(o, FollowUp.ACK_PLACE));
            return update(o, OrderStatus.OPEN);
        }
        followUps.add(new FollowUp(o, FollowUp.OPEN));
        return c.ack(ts, o.account, o.clientOrderId, BrokerRequestType.PLACE, o.brokerOrderId);
    }

    private int fill()
    {
        final SimOrder o = pick(SimOrder.WORKING);
        if (o == null || o.filled >= o.qty)
        {
            return tick();
        }
        final int lotSize = lot[o.instrument];
        final long remainingLots = (o.qty - o.filled) / lotSize;
        final long qty = lotSize * (1 + random.nextInt((int)Math.max(1, remainingLots)));
        final long price = o.price > 0 ? o.price : ltp[o.instrument];
        final long fillQty = Math.min(qty, o.qty - o.filled);
        o.filled += fillQty;
        o.tradeSeq++;
        followUps.add(new FollowUp(o, o.filled >= o.qty ? FollowUp.COMPLETE : FollowUp.PARTIAL));
        if (random.nextInt(200) == 0)
        {
            o.tradeSeq--;
        }
        return c.trade(ts, o.account, o.brokerOrderId, "T" + o.brokerOrderId + "-" + o.tradeSeq, token[o.instrument],
            o.side, o.product, fillQty, price);
    }

    private int modify()
    {
        final SimOrder o = pick(SimOrder.WORKING);
        if (o == null || o.type == OrderType.MARKET)
        {
            return tick();
        }
        final long newPrice = o.type == OrderType.SL_M ? 0 : Math.max(tick[o.instrument], o.price +
            (random.nextInt(5) - 2) * tick[o.instrument]);
        final long newQty = o.qty + (random.nextBoolean() ? lot[o.instrument] : 0);
        o.pendingPrice = newPrice;
        o.pendingQty = newQty;
        followUps.add(new FollowUp(o, random.nextInt(10) == 0 ? FollowUp.MODIFY_REJECT : FollowUp.MODIFY_ACK));
        return c.modify(ts, o.account, o.clientOrderId, o.type, newQty, newPrice, o.trigger);
    }

    private int cancel()
    {
        final SimOrder o = pick(SimOrder.WORKING);
        if (o == null)
        {
            return c.cancel(ts, 1 + random.nextInt(accountCount), 1 + random.nextInt(1_000_000));
        }
        if (random.nextInt(10) == 0)
        {
            followUps.add(new FollowUp(o, FollowUp.CANCEL_REJECT));
            return c.cancel(ts, o.account, o.clientOrderId);
        }
        followUps.add(new FollowUp(o, FollowUp.CANCEL_ACK));
        followUps.add(new FollowUp(o, FollowUp.CANCELLED));
        return c.cancel(ts, o.account, o.clientOrderId);
    }

    /** The broker's positions of an instrument at a reconciliation: MIS and NRML, in lots, most not the engine's. */
    private int brokerPosition()
    {
        final int i = random.nextInt(hotInstruments);
        return c.brokerPosition(ts, 1 + random.nextInt(accountCount), token[i],
            new Commands.Day(Product.MIS, random.nextInt(4) * (long)lot[i], random.nextInt(4) * (long)lot[i],
                (random.nextInt(5) - 2) * (long)lot[i]),
            new Commands.Day(Product.NRML, random.nextInt(4) * (long)lot[i], random.nextInt(4) * (long)lot[i], 0));
    }

    /** An order placed outside the engine (Kite web): its first update or its first fill, in either order. */
    private int external()
    {
        final SimOrder o = new SimOrder();
        o.account = 1 + random.nextInt(accountCount);
        o.clientOrderId = Long.MIN_VALUE;
        o.external = true;
        o.instrument = random.nextInt(hotInstruments);
        o.side = random.nextBoolean() ? Side.BUY : Side.SELL;
        o.type = OrderType.LIMIT;
        o.product = Product.MIS;
        o.qty = (long)lot[o.instrument] * (1 + random.nextInt(5));
        o.price = ltp[o.instrument];
        o.brokerOrderId = "W" + o.account + "-" + ++externalOrders;
        o.state = SimOrder.WORKING;
        orders.add(o);
        followUps.add(new FollowUp(o, FollowUp.OPEN));
        if (random.nextBoolean())
        {
            return update(o, OrderStatus.OPEN);
        }
        o.filled = lot[o.instrument];
        o.tradeSeq++;
        return c.trade(ts, o.account, o.brokerOrderId, "T" + o.brokerOrderId + "-" + o.tradeSeq,
            token[o.instrument], o.side, o.product, o.filled, o.price);
    }

    private int badInput()
    {
        final int r = random.nextInt(7);
        switch (r)
        {
            case 6:
                return c.timer(ts - 1_000_000_000L, 9);
            case 0:
            {
                final int length = 1 + random.nextInt(120);
                for (int i = 0; i < length; i++)
                {
                    c.buffer().putByte(i, (byte)random.nextInt(256));
                }
                if (random.nextBoolean() && length >= 8)
                {
                    c.buffer().putShort(4, (short)7301);
                }
                return length;
            }
            case 1:
            {
                final int length = c.fullTick(ts, token[random.nextInt(instrumentCount)], 100, 1, 1, 5);
                return Math.max(1, length - 1 - random.nextInt(length - 1));
            }
            case 2:
                return c.trade(ts, 1 + random.nextInt(accountCount), "NOSUCH" + random.nextInt(1000), "X",
                    token[0], Side.BUY, Product.MIS, 1, 100);
            case 3:
            {
                final SimOrder o = pick(SimOrder.WORKING);
                if (o == null)
                {
                    return c.tick(ts, 42, TickMode.LTP, 100, 0, 0);
                }
                return c.cancel(ts, o.account % accountCount + 1, o.clientOrderId);
            }
            case 4:
            {
                final SimOrder o = pick(SimOrder.WORKING);
                if (o == null)
                {
                    return c.tick(ts, 43, TickMode.LTP, 100, 0, 0);
                }
                return update(o, OrderStatus.OPEN_PENDING);
            }
            default:
                return c.place(ts, 1 + random.nextInt(accountCount),
                    ++nextClientOrderId[1 + random.nextInt(accountCount)],
                    0xFFFF_FFFEL, Side.BUY, OrderType.LIMIT, Product.MIS, 1, 100, 0, 0);
        }
    }

    private int followUp(final FollowUp f)
    {
        final SimOrder o = f.order;
        switch (f.kind)
        {
            case FollowUp.ACK_PLACE:
                return c.ack(ts, o.account, o.clientOrderId, BrokerRequestType.PLACE, o.brokerOrderId);
            case FollowUp.OPEN:
                return update(o, o.type == OrderType.SL || o.type == OrderType.SL_M ?
                    OrderStatus.TRIGGER_PENDING : OrderStatus.OPEN);
            case FollowUp.PARTIAL:
                return update(o, OrderStatus.UPDATE);
            case FollowUp.COMPLETE:
                o.state = SimOrder.DONE;
                return update(o, OrderStatus.COMPLETE);
            case FollowUp.MODIFY_ACK:
                o.qty = Math.max(o.qty, o.pendingQty);
                o.price = o.pendingPrice;
                return c.ack(ts, o.account, o.clientOrderId, BrokerRequestType.MODIFY, o.brokerOrderId);
            case FollowUp.MODIFY_REJECT:
                return c.brokerReject(ts, o.account, o.clientOrderId, BrokerRequestType.MODIFY, BrokerErrorType.ORDER,
                    "Order cannot be modified");
            case FollowUp.CANCEL_ACK:
                return c.ack(ts, o.account, o.clientOrderId, BrokerRequestType.CANCEL, o.brokerOrderId);
            case FollowUp.CANCEL_REJECT:
                return c.brokerReject(ts, o.account, o.clientOrderId, BrokerRequestType.CANCEL,
                    random.nextInt(4) == 0 ? BrokerErrorType.NETWORK : BrokerErrorType.ORDER,
                    "Order cannot be cancelled as it is being processed. Try later.");
            default:
                o.state = SimOrder.DONE;
                return update(o, OrderStatus.CANCELLED);
        }
    }

    private int update(final SimOrder o, final OrderStatus status)
    {
        return c.orderUpdate(ts, o.account, o.external || random.nextInt(10) == 0 ? Long.MIN_VALUE : o.clientOrderId,
            o.brokerOrderId, status, token[o.instrument], o.side, o.type, o.product, o.qty, Math.min(o.filled, o.qty),
            o.price, o.trigger, o.filled > 0 ? Math.max(o.price, ltp[o.instrument]) : 0, ts / 1_000_000_000L);
    }

    private static final class SimOrder
    {
        static final int NEW = 0;
        static final int WORKING = 1;
        static final int DONE = 2;

        long account;
        long clientOrderId;
        int instrument;
        Side side;
        OrderType type;
        Product product;
        long qty;
        long price;
        long trigger;
        long filled;
        long pendingQty;
        long pendingPrice;
        int tradeSeq;
        int state;
        boolean external;
        String brokerOrderId;
    }

    private static final class FollowUp
    {
        static final int ACK_PLACE = 0;
        static final int OPEN = 1;
        static final int PARTIAL = 2;
        static final int COMPLETE = 3;
        static final int MODIFY_ACK = 4;
        static final int MODIFY_REJECT = 5;
        static final int CANCEL_ACK = 6;
        static final int CANCELLED = 7;
        static final int CANCEL_REJECT = 8;

        final SimOrder order;
        final int kind;

        FollowUp(final SimOrder order, final int kind)
        {
            this.order = order;
            this.kind = kind;
        }
    }
}
