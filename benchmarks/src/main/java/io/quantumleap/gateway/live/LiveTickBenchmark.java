package io.quantumleap.gateway.live;

import io.quantumleap.engine.protocol.MarketUpdateEventEncoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.TickMode;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The gateway's read model taking one market update, per tick: {@link LiveState#onEvent} of a FULL update with five
 * levels a side, round robin over 500 NSE instruments (tokens as Kite makes them, exchange token x 256 + 1).
 *
 * <ul>
 *   <li>{@code tickNobodyAsksFor}: the gateway's path for an instrument no client and no request looks at; the
 *   update's fields are copied and its quote is not made.</li>
 *   <li>{@code tickWithItsQuote}, the baseline: the same, then the tick's {@link QuoteView} (rupee prices, depth
 *   levels), as every tick made it before it was made on demand, and as a tick a client watches still does, once,
 *   for its JSON.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class LiveTickBenchmark
{
    private static final int INSTRUMENTS = 500;
    private static final int SLOT = 512;

    private final UnsafeBuffer updates = new UnsafeBuffer(new byte[INSTRUMENTS * SLOT]);
    private final int[] lengths = new int[INSTRUMENTS];
    private final long[] tokens = new long[INSTRUMENTS];
    private LiveState live;
    private int next;

    @Setup(Level.Trial)
    public void setUp()
    {
        live = new LiveState();
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final MarketUpdateEventEncoder e = new MarketUpdateEventEncoder();
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            final long token = (1_000L + i) * 256 + 1;
            final long ltp = 150_000 + i * 5;
            tokens[i] = token;
            e.wrapAndApplyHeader(updates, i * SLOT, header)
                .inputSequence(i).timestampNs(1_796_000_000_000_000_000L + i).instrumentToken(token)
                .mode(TickMode.FULL).lastPricePaise(ltp).lastTradedQty(10).averageTradedPricePaise(ltp - 20)
                .volumeTraded(1_000_000 + i).totalBuyQty(40_000).totalSellQty(50_000).openPricePaise(ltp - 500)
                .highPricePaise(ltp + 300).lowPricePaise(ltp - 700).closePricePaise(ltp - 400).changePaise(400)
                .lastTradeTimeS(1_796_000_000L).oi(0).oiDayHigh(0).oiDayLow(0).exchangeTimeS(1_796_000_000L);
            final MarketUpdateEventEncoder.BidsEncoder bids = e.bidsCount(5);
            for (int l = 0; l < 5; l++)
            {
                bids.next().pricePaise(ltp - 5 * (l + 1)).qty(100L * (l + 1)).orders(l + 1);
            }
            final MarketUpdateEventEncoder.AsksEncoder asks = e.asksCount(5);
            for (int l = 0; l < 5; l++)
            {
                asks.next().pricePaise(ltp + 5 * (l + 1)).qty(90L * (l + 1)).orders(l + 2);
            }
            lengths[i] = MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
        }
    }

    /** The gateway's path: the update's fields copied, no quote made. */
    @Benchmark
    public TickJson tickNobodyAsksFor()
    {
        final int i = advance();
        live.onEvent(updates, i * SLOT, lengths[i]);
        return live.tick(tokens[i]).orElseThrow();
    }

    /** The baseline: the same, and the tick's quote made, as every tick did before. */
    @Benchmark
    public QuoteView tickWithItsQuote()
    {
        final int i = advance();
        live.onEvent(updates, i * SLOT, lengths[i]);
        return live.quote(tokens[i]).orElseThrow();
    }

    private int advance()
    {
        final int i = next;
        next = i + 1 == INSTRUMENTS ? 0 : i + 1;
        return i;
    }
}
