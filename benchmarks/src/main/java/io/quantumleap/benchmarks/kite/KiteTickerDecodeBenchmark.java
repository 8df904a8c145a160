package io.quantumleap.benchmarks.kite;

import com.zerodhatech.ticker.KiteTicker;
import io.quantumleap.engine.kite.ticker.KiteTickerDecoder;
import io.quantumleap.engine.kite.ticker.KiteTickerEncoder;
import io.quantumleap.engine.kite.ticker.MarketDataCommandWriter;
import io.quantumleap.engine.kite.ticker.PacketKind;
import io.quantumleap.engine.kite.ticker.TickerPacket;
import io.quantumleap.engine.kite.ticker.TickerPacketEncoder;
import io.quantumleap.engine.kite.ticker.TickerPacketHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * How long does decoding one Kite ticker message take, per packet kind and for a mixed frame: our flyweight
 * decoder reading every field a consumer needs (and, separately, also writing each packet as an SBE
 * MarketDataCommand) against the official Kite Java client's parser (KiteTicker#parseBinary, private, reached
 * through a MethodHandle) on the very same bytes. Run with {@code -prof gc} to see the allocation per op.
 *
 * <p>Each op decodes one whole frame: one packet for the single-kind frames, ten for {@code MIXED_10}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class KiteTickerDecodeBenchmark
{
    private static final MethodHandle OFFICIAL_PARSE_BINARY = officialParser();

    @Param({"LTP", "QUOTE", "FULL", "INDEX_QUOTE", "INDEX_FULL", "MIXED_10"})
    public String frame;

    private byte[] frameBytes;
    private UnsafeBuffer frameBuffer;
    private int frameLength;
    private final KiteTickerDecoder decoder = new KiteTickerDecoder();
    private final FieldSummingHandler summingHandler = new FieldSummingHandler();
    private final MarketDataCommandHandler commandHandler = new MarketDataCommandHandler();
    private KiteTicker officialTicker;

    @Setup
    public void setUp()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final KiteTickerEncoder encoder = new KiteTickerEncoder().wrap(buffer, 0);
        if ("MIXED_10".equals(frame))
        {
            final PacketKind[] kinds = {
                PacketKind.FULL, PacketKind.QUOTE, PacketKind.LTP, PacketKind.FULL, PacketKind.INDEX_FULL,
                PacketKind.QUOTE, PacketKind.FULL, PacketKind.LTP, PacketKind.INDEX_QUOTE, PacketKind.QUOTE};
            for (int i = 0; i < kinds.length; i++)
            {
                addPacket(encoder, kinds[i], i);
            }
        }
        else
        {
            addPacket(encoder, PacketKind.valueOf(frame), 0);
        }
        frameLength = encoder.encodedLength();
        frameBytes = new byte[frameLength];
        buffer.getBytes(0, frameBytes);
        frameBuffer = new UnsafeBuffer(frameBytes);
        officialTicker = new KiteTicker("benchmark_token", "benchmark_key");

        final int ours = decoder.decode(frameBuffer, 0, frameLength, summingHandler);
        final int theirs = officialParseBinary().size();
        if (ours != theirs || ours != encoder.packetCount())
        {
            throw new IllegalStateException("decoders disagree on " + frame + ": ours " + ours + ", official " + theirs);
        }
    }

    /**
     * Our decoder; the handler reads every field of every packet, depth included, into a checksum.
     *
     * @return the checksum, so nothing is dead code.
     */
    @Benchmark
    public long oursDecodeAllFields()
    {
        decoder.decode(frameBuffer, 0, frameLength, summingHandler);
        return summingHandler.sum;
    }

    /**
     * Our decoder plus writing each packet as the SBE MarketDataCommand the engine publishes.
     *
     * @return bytes written, so nothing is dead code.
     */
    @Benchmark
    public long oursDecodeToMarketDataCommand()
    {
        decoder.decode(frameBuffer, 0, frameLength, commandHandler);
        return commandHandler.written;
    }

    /**
     * The official Kite Java client's parser on the same bytes.
     *
     * @return its list of Tick objects.
     */
    @Benchmark
    public ArrayList<?> officialParseBinary()
    {
        try
        {
            return (ArrayList<?>)OFFICIAL_PARSE_BINARY.invokeExact(officialTicker, frameBytes);
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static void addPacket(final KiteTickerEncoder encoder, final PacketKind kind, final int i)
    {
        final long lastPricePaise = 157_370 + 5L * i;
        final boolean index = kind == PacketKind.INDEX_QUOTE || kind == PacketKind.INDEX_FULL;
        final long token = index ? 256_265 : 408_065 + 256L * i;
        final TickerPacketEncoder packet = encoder.addPacket(kind).instrumentToken(token).lastPricePaise(lastPricePaise);
        if (kind == PacketKind.LTP)
        {
            return;
        }
        packet.openPricePaise(156_915).highPricePaise(157_500).lowPricePaise(156_105).closePricePaise(156_780);
        if (index)
        {
            packet.priceChangePaise(lastPricePaise - 156_780);
            if (kind == PacketKind.INDEX_FULL)
            {
                packet.exchangeTimeS(1_625_461_887L);
            }
            return;
        }
        packet.lastTradedQty(7).averageTradedPricePaise(157_037).volumeTraded(1_192_471).totalBuyQty(256_443)
            .totalSellQty(363_009);
        if (kind == PacketKind.FULL)
        {
            packet.lastTradeTimeS(1_625_461_887L).oi(0).oiDayHigh(0).oiDayLow(0).exchangeTimeS(1_625_461_887L);
            for (int level = 0; level < 5; level++)
            {
                packet.bid(level, 5 + 40L * level, lastPricePaise - 5 * (level + 1), 1 + level);
                packet.ask(level, 172 + 30L * level, lastPricePaise + 5 * level, 3 + level);
            }
        }
    }

    private static MethodHandle officialParser()
    {
        try
        {
            return MethodHandles.privateLookupIn(KiteTicker.class, MethodHandles.lookup())
                .findVirtual(KiteTicker.class, "parseBinary", MethodType.methodType(ArrayList.class, byte[].class));
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /**
     * Reads every field the packet's layout carries, as a consumer of ticks does, into a checksum that keeps
     * the JIT from dropping any read.
     */
    static final class FieldSummingHandler implements TickerPacketHandler
    {
        long sum;

        @Override
        public void onPacket(final TickerPacket packet)
        {
            long sum = packet.instrumentToken() + packet.priceDivisor() + (packet.isTradable() ? 1 : 0) +
                packet.mode().ordinal() + packet.lastPricePaise();
            final PacketKind kind = packet.kind();
            if (kind == PacketKind.QUOTE || kind == PacketKind.FULL)
            {
                sum += packet.lastTradedQty() + packet.averageTradedPricePaise() + packet.volumeTraded() +
                    packet.totalBuyQty() + packet.totalSellQty() + packet.openPricePaise() +
                    packet.highPricePaise() + packet.lowPricePaise() + packet.closePricePaise();
                if (kind == PacketKind.FULL)
                {
                    sum += packet.lastTradeTimeS() + packet.oi() + packet.oiDayHigh() + packet.oiDayLow() +
                        packet.exchangeTimeS();
                    for (int i = 0; i < 5; i++)
                    {
                        sum += packet.bidQty(i) + packet.bidPricePaise(i) + packet.bidOrders(i) +
                            packet.askQty(i) + packet.askPricePaise(i) + packet.askOrders(i);
                    }
                }
            }
            else if (kind != PacketKind.LTP)
            {
                sum += packet.openPricePaise() + packet.highPricePaise() + packet.lowPricePaise() +
                    packet.closePricePaise() + packet.priceChangePaise() + packet.exchangeTimeS();
            }
            this.sum += sum;
        }
    }

    /** Writes each packet as an SBE MarketDataCommand, as the feed handler does before publishing it. */
    static final class MarketDataCommandHandler implements TickerPacketHandler
    {
        private final MarketDataCommandWriter writer = new MarketDataCommandWriter();
        private final UnsafeBuffer out = new UnsafeBuffer(new byte[MarketDataCommandWriter.MAX_ENCODED_LENGTH]);
        long written;

        @Override
        public void onPacket(final TickerPacket packet)
        {
            written += writer.write(packet, written, 1, out, 0);
        }
    }
}
