package io.quantumleap.benchmarks.core;

import io.quantumleap.engine.protocol.AccountCommandEncoder;
import io.quantumleap.engine.protocol.BooleanType;
import io.quantumleap.engine.protocol.Exchange;
import io.quantumleap.engine.protocol.InstrumentDefinitionCommandEncoder;
import io.quantumleap.engine.protocol.InstrumentType;
import io.quantumleap.engine.protocol.MarketDataCommandEncoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.Segment;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.spi.CommandHandler;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.SplittableRandom;

/**
 * Pre-encoded QUOTE-mode (or FULL-mode, five levels a side) ticks over many instruments, one per fixed-size stride,
 * plus the instrument definitions the core needs first. Built before measurement so encoding never counts.
 */
final class TickStream
{
    /** Bytes between ticks: a QUOTE tick takes 159, a FULL one 359. */
    final int stride;

    final int instruments;
    final int ticks;
    final UnsafeBuffer buffer;
    final int[] lengths;

    TickStream(final int instruments, final int ticks, final long seed)
    {
        this(instruments, ticks, seed, TickMode.QUOTE);
    }

    TickStream(final int instruments, final int ticks, final long seed, final TickMode mode)
    {
        this.instruments = instruments;
        stride = mode == TickMode.FULL ? 384 : 256;
        this.ticks = ticks;
        buffer = new UnsafeBuffer(new byte[ticks * stride]);
        lengths = new int[ticks];
        final SplittableRandom random = new SplittableRandom(seed);
        final long[] ltp = new long[instruments];
        for (int i = 0; i < instruments; i++)
        {
            ltp[i] = 10_000 + random.nextInt(1_000_000) * 5L;
        }
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final MarketDataCommandEncoder tick = new MarketDataCommandEncoder();
        long ts = 1_780_000_000_000_000_000L;
        for (int t = 0; t < ticks; t++)
        {
            final int i = random.nextInt(instruments);
            ltp[i] = Math.max(500, ltp[i] + (random.nextInt(11) - 5) * 5L);
            ts += 1_000 + random.nextInt(10_000);
            tick.wrapAndApplyHeader(buffer, t * stride, header)
                .timestampNs(ts).instrumentToken(token(i)).mode(mode).tradable(BooleanType.TRUE)
                .connectionId((short)(i % 3)).lastPricePaise(ltp[i]).lastTradedQty(1 + random.nextInt(100))
                .averageTradedPricePaise(ltp[i]).volumeTraded(t).totalBuyQty(1_000).totalSellQty(900)
                .openPricePaise(ltp[i]).highPricePaise(ltp[i] + 100).lowPricePaise(ltp[i] - 100)
                .closePricePaise(ltp[i]).priceChangePaise(0).lastTradeTimeS(ts / 1_000_000_000L).oi(0).oiDayHigh(0)
                .oiDayLow(0).exchangeTimeS(ts / 1_000_000_000L);
            final int levels = mode == TickMode.FULL ? 5 : 0;
            final MarketDataCommandEncoder.BidsEncoder bids = tick.bidsCount(levels);
            for (int level = 0; level < levels; level++)
            {
                bids.next().pricePaise(ltp[i] - 5L * (level + 1)).qty(100L * (level + 1)).orders(level + 1);
            }
            final MarketDataCommandEncoder.AsksEncoder asks = tick.asksCount(levels);
            for (int level = 0; level < levels; level++)
            {
                asks.next().pricePaise(ltp[i] + 5L * (level + 1)).qty(90L * (level + 1)).orders(level + 2);
            }
            lengths[t] = MessageHeaderEncoder.ENCODED_LENGTH + tick.encodedLength();
        }
    }

    static long token(final int instrument)
    {
        return ((long)(1_000 + instrument) << 8) | 1;
    }

    /** Hands the account and instrument definitions to a handler, as indexes 0.. */
    long define(final CommandHandler handler)
    {
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[512]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final InstrumentDefinitionCommandEncoder definition = new InstrumentDefinitionCommandEncoder();
        final AccountCommandEncoder account = new AccountCommandEncoder();
        long sequence = 0;
        account.wrapAndApplyHeader(scratch, 0, header).timestampNs(0).accountId(1).brokerUserId("BENCH");
        handler.onCommand(sequence++, scratch, 0, MessageHeaderEncoder.ENCODED_LENGTH + account.encodedLength());
        for (int i = 0; i < instruments; i++)
        {
            definition.wrapAndApplyHeader(scratch, 0, header).timestampNs(0).instrumentToken(token(i))
                .exchangeToken(1_000 + i).exchange(Exchange.NSE).segment(Segment.NSE).instrumentType(InstrumentType.EQ)
                .tickSizePaise(5).lotSize(1).freezeQty(0).multiplier(1).expiryEpochDay(0).strikePricePaise(0)
                .lowerCircuitPaise(0).upperCircuitPaise(0).tradingsymbol("SYM" + i).name("");
            handler.onCommand(sequence++, scratch, 0, MessageHeaderEncoder.ENCODED_LENGTH + definition.encodedLength());
        }
        return sequence;
    }
}
