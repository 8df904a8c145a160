package io.quantumleap.benchmarks.persistence;

import io.quantumleap.engine.protocol.MarketDataCommandEncoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.persistence.persister.JournalSource;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Full-mode ticks with 5-level depth, pre-encoded as the feed handler journals them, and a journal source that
 * hands them out endlessly with increasing indexes (the persister benchmarks' backlog).
 */
public final class SyntheticTicks implements JournalSource
{
    /** Kite's ceiling: 3 connections x 3,000 instruments x up to 2 ticks/s each. */
    public static final long KITE_MAX_TICKS_PER_SECOND = 18_000;

    private final UnsafeBuffer[] messages;
    private final int[] lengths;
    private final long[][] rows;
    private long nextIndex;
    private long available = Long.MAX_VALUE;

    /**
     * @param count       distinct messages (instruments cycle through them).
     * @param timestampNs receive time of the first; one microsecond apart.
     */
    public SyntheticTicks(final int count, final long timestampNs)
    {
        messages = new UnsafeBuffer[count];
        lengths = new int[count];
        rows = new long[count][];
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final MarketDataCommandEncoder tick = new MarketDataCommandEncoder();
        for (int i = 0; i < count; i++)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
            final long token = 256_265 + (i % 9_000);
            final long ts = timestampNs + i * 1_000L;
            final long price = 2_450_000 + (i % 500) * 5;
            tick.wrapAndApplyHeader(buffer, 0, header)
                .timestampNs(ts).instrumentToken(token).mode(TickMode.FULL).tradable(
                    io.quantumleap.engine.protocol.BooleanType.TRUE).connectionId((short)(i % 3))
                .lastPricePaise(price).lastTradedQty(25).averageTradedPricePaise(price - 100)
                .volumeTraded(1_000_000 + i).totalBuyQty(50_000).totalSellQty(60_000)
                .openPricePaise(2_440_000).highPricePaise(2_470_000).lowPricePaise(2_430_000)
                .closePricePaise(2_445_000).priceChangePaise(0).lastTradeTimeS(ts / 1_000_000_000L)
                .oi(0).oiDayHigh(0).oiDayLow(0).exchangeTimeS(ts / 1_000_000_000L);
            final MarketDataCommandEncoder.BidsEncoder bids = tick.bidsCount(5);
            for (int level = 0; level < 5; level++)
            {
                bids.next().pricePaise(price - 5 * (level + 1)).qty(100 * (level + 1)).orders(level + 1);
            }
            final MarketDataCommandEncoder.AsksEncoder asks = tick.asksCount(5);
            for (int level = 0; level < 5; level++)
            {
                asks.next().pricePaise(price + 5 * (level + 1)).qty(120 * (level + 1)).orders(level + 2);
            }
            messages[i] = buffer;
            lengths[i] = MessageHeaderEncoder.ENCODED_LENGTH + tick.encodedLength();
            rows[i] = new long[] {
                ts, token, TickMode.FULL.value(), price, 25, price - 100, 1_000_000 + i, 50_000, 60_000, 2_440_000,
                2_470_000, 2_430_000, 2_445_000, 0, ts / 1_000_000_000L, ts / 1_000_000_000L, price - 5, 100,
                price + 5, 120 };
        }
    }

    /**
     * The decoded values of message {@code i}: receivedAtNs, token, mode, lastPrice, lastTradedQty, averagePrice,
     * volume, totalBuyQty, totalSellQty, open, high, low, close, oi, exchangeTimeS, lastTradeTimeS, bidPrice,
     * bidQty, askPrice, askQty.
     */
    public long[] row(final int i)
    {
        return rows[i];
    }

    /** Buffer of message {@code i}, which starts at offset 0. */
    public UnsafeBuffer buffer(final int i)
    {
        return messages[i];
    }

    /** Length of message {@code i}. */
    public int length(final int i)
    {
        return lengths[i];
    }

    /** Distinct messages. */
    public int count()
    {
        return messages.length;
    }

    /** Limits how many more messages {@link #read} hands out (the size of a backlog). */
    public void available(final long messages)
    {
        available = messages;
    }

    @Override
    public String queueName()
    {
        return "in";
    }

    @Override
    public void resumeAfter(final long lastAppliedIndex)
    {
        nextIndex = lastAppliedIndex + 1;
    }

    @Override
    public int read(final MessageHandler handler, final int limit)
    {
        final int n = (int)Math.min(limit, available);
        for (int i = 0; i < n; i++)
        {
            final long index = nextIndex++;
            final int slot = (int)(index % messages.length);
            handler.onMessage(index, messages[slot], 0, lengths[slot]);
        }
        available -= n;
        return n;
    }

    @Override
    public long countAfter(final long index)
    {
        return available == Long.MAX_VALUE ? 0 : available;
    }
}
