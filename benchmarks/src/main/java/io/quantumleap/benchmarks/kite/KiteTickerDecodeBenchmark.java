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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * How long does decoding Kite ticker messages take, per packet of each kind and per whole frame: our flyweight
 * decoder reading every field a consumer needs (and, separately, also writing each packet as an SBE
 * MarketDataCommand) against the official Kite Java client's parser (KiteTicker#parseBinary, private, reached
 * through a MethodHandle) on the very same bytes. Run with {@code -prof gc} to see the allocation per op.
 *
 * <p>{@code packet*}: one op is one packet. Each invocation decodes {@value #PACKETS_PER_INVOCATION} packets of
 * one kind, as {@value #PACKETS_PER_INVOCATION} / {@code packetsPerFrame} frames of {@code packetsPerFrame}
 * packets (a Kite message carries one packet per subscribed instrument that ticked), each packet for a
 * different instrument, the frames back to back in one buffer as a socket read leaves them; JMH divides by
 * {@value #PACKETS_PER_INVOCATION} ({@code @OperationsPerInvocation}), so ns/op and B/op are per packet and the
 * frame walk is shared by 1, 10 or 100 packets. A thousand full packets take 188 KB, so the frames come from L2
 * rather than L1, as a socket's receive buffer would.
 *
 * <p>{@code frame*}: one op is one whole frame, header included: one packet for the single-kind frames, ten
 * for {@code MIXED_10}; each invocation decodes the frame {@value #FRAMES_PER_INVOCATION} times.
 *
 * <p>Why batches of 1000 per invocation: besides sharing the frame walk, they make {@code -bm sample}
 * meaningful: an invocation of microseconds is far above the timer's cost, and JMH divides each sample by the
 * ops per invocation (to whole ns/op). Its median is what survives a shared machine: an invocation
 * descheduled by another process lands in the tail instead of inflating every op as it does the average.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class KiteTickerDecodeBenchmark
{
    /** Packets each {@code packet*} invocation decodes, whatever the packets per frame. */
    static final int PACKETS_PER_INVOCATION = 1000;
    /** Times each {@code frame*} invocation decodes its frame. */
    static final int FRAMES_PER_INVOCATION = 1000;

    private static final MethodHandle OFFICIAL_PARSE_BINARY = officialParser();
    private static final PacketKind[] MIXED_10 = {
        PacketKind.FULL, PacketKind.QUOTE, PacketKind.LTP, PacketKind.FULL, PacketKind.INDEX_FULL,
        PacketKind.QUOTE, PacketKind.FULL, PacketKind.LTP, PacketKind.INDEX_QUOTE, PacketKind.QUOTE};

    private final KiteTickerDecoder decoder = new KiteTickerDecoder();
    private final FieldSummingHandler summingHandler = new FieldSummingHandler();
    private final MarketDataCommandHandler commandHandler = new MarketDataCommandHandler();
    private final KiteTicker officialTicker = new KiteTicker("benchmark_token", "benchmark_key");

    /** {@value #PACKETS_PER_INVOCATION} packets of one kind in frames of {@code packetsPerFrame}. */
    @State(Scope.Thread)
    public static class Packets
    {
        @Param({"LTP", "QUOTE", "FULL", "INDEX_QUOTE", "INDEX_FULL"})
        public String kind;

        @Param({"1", "10", "100"})
        public int packetsPerFrame;

        UnsafeBuffer frames;
        int[] frameOffsets;
        int[] frameLengths;
        byte[][] frameBytes;

        @Setup
        public void setUp()
        {
            final PacketKind packetKind = PacketKind.valueOf(kind);
            if (PACKETS_PER_INVOCATION % packetsPerFrame != 0)
            {
                throw new IllegalArgumentException("packetsPerFrame must divide " + PACKETS_PER_INVOCATION);
            }
            final int frameCount = PACKETS_PER_INVOCATION / packetsPerFrame;
            final int frameLength = KiteTickerEncoder.frameLength(packetKind, packetsPerFrame);
            frames = new UnsafeBuffer(new byte[frameCount * frameLength]);
            frameOffsets = new int[frameCount];
            frameLengths = new int[frameCount];
            frameBytes = new byte[frameCount][];
            final KiteTickerEncoder encoder = new KiteTickerEncoder();
            int instrument = 0;
            for (int f = 0; f < frameCount; f++)
            {
                final int offset = f * frameLength;
                encoder.wrap(frames, offset);
                for (int p = 0; p < packetsPerFrame; p++)
                {
                    addPacket(encoder, packetKind, instrument++);
                }
                frameOffsets[f] = offset;
                frameLengths[f] = encoder.encodedLength();
                frameBytes[f] = new byte[frameLength];
                frames.getBytes(offset, frameBytes[f]);
            }
            checkBothDecode(frames, frameOffsets, frameLengths, frameBytes, PACKETS_PER_INVOCATION);
        }
    }

    /** One whole frame: a single packet of one kind, or ten of mixed kinds. */
    @State(Scope.Thread)
    public static class Frame
    {
        @Param({"LTP", "QUOTE", "FULL", "INDEX_QUOTE", "INDEX_FULL", "MIXED_10"})
        public String frame;

        UnsafeBuffer frameBuffer;
        byte[] frameBytes;
        int frameLength;

        @Setup
        public void setUp()
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
            final KiteTickerEncoder encoder = new KiteTickerEncoder().wrap(buffer, 0);
            if ("MIXED_10".equals(frame))
            {
                for (int i = 0; i < MIXED_10.length; i++)
                {
                    addPacket(encoder, MIXED_10[i], i);
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
            checkBothDecode(frameBuffer, new int[]{0}, new int[]{frameLength}, new byte[][]{frameBytes},
                encoder.packetCount());
        }
    }

    /**
     * Our decoder, per packet; the handler reads every field of every packet, depth included, into a checksum.
     *
     * @param packets the frames.
     * @return the checksum, so nothing is dead code.
     */
    @Benchmark
    @OperationsPerInvocation(PACKETS_PER_INVOCATION)
    public long packetOursAllFields(final Packets packets)
    {
        final KiteTickerDecoder decoder = this.decoder;
        final UnsafeBuffer frames = packets.frames;
        final int[] offsets = packets.frameOffsets;
        final int[] lengths = packets.frameLengths;
        for (int f = 0; f < offsets.length; f++)
        {
            decoder.decode(frames, offsets[f], lengths[f], summingHandler);
        }
        return summingHandler.sum;
    }

    /**
     * Our decoder plus writing each packet as the SBE MarketDataCommand the engine publishes, per packet.
     *
     * @param packets the frames.
     * @return bytes written, so nothing is dead code.
     */
    @Benchmark
    @OperationsPerInvocation(PACKETS_PER_INVOCATION)
    public long packetOursToMarketDataCommand(final Packets packets)
    {
        final KiteTickerDecoder decoder = this.decoder;
        final UnsafeBuffer frames = packets.frames;
        final int[] offsets = packets.frameOffsets;
        final int[] lengths = packets.frameLengths;
        for (int f = 0; f < offsets.length; f++)
        {
            decoder.decode(frames, offsets[f], lengths[f], commandHandler);
        }
        return commandHandler.written;
    }

    /**
     * The official Kite Java client's parser on the same frames, per packet.
     *
     * @param packets the frames.
     * @param blackhole takes each frame's list of Tick objects.
     */
    @Benchmark
    @OperationsPerInvocation(PACKETS_PER_INVOCATION)
    public void packetOfficial(final Packets packets, final Blackhole blackhole)
    {
        final byte[][] frameBytes = packets.frameBytes;
        for (int f = 0; f < frameBytes.length; f++)
        {
            blackhole.consume(officialParse(officialTicker, frameBytes[f]));
        }
    }

    /**
     * Our decoder on one whole frame, reading every field as {@link #packetOursAllFields} does.
     *
     * @param frame the frame.
     * @return the checksum, so nothing is dead code.
     */
    @Benchmark
    @OperationsPerInvocation(FRAMES_PER_INVOCATION)
    public long frameOursAllFields(final Frame frame)
    {
        final KiteTickerDecoder decoder = this.decoder;
        final UnsafeBuffer frameBuffer = frame.frameBuffer;
        final int frameLength = frame.frameLength;
        for (int i = 0; i < FRAMES_PER_INVOCATION; i++)
        {
            decoder.decode(frameBuffer, 0, frameLength, summingHandler);
        }
        return summingHandler.sum;
    }

    /**
     * Our decoder plus the MarketDataCommand write on one whole frame.
     *
     * @param frame the frame.
     * @return bytes written, so nothing is dead code.
     */
    @Benchmark
    @OperationsPerInvocation(FRAMES_PER_INVOCATION)
    public long frameOursToMarketDataCommand(final Frame frame)
    {
        final KiteTickerDecoder decoder = this.decoder;
        final UnsafeBuffer frameBuffer = frame.frameBuffer;
        final int frameLength = frame.frameLength;
        for (int i = 0; i < FRAMES_PER_INVOCATION; i++)
        {
            decoder.decode(frameBuffer, 0, frameLength, commandHandler);
        }
        return commandHandler.written;
    }

    /**
     * The official Kite Java client's parser on the same whole frame.
     *
     * @param frame the frame.
     * @param blackhole takes each list of Tick objects.
     */
    @Benchmark
    @OperationsPerInvocation(FRAMES_PER_INVOCATION)
    public void frameOfficial(final Frame frame, final Blackhole blackhole)
    {
        final byte[] frameBytes = frame.frameBytes;
        for (int i = 0; i < FRAMES_PER_INVOCATION; i++)
        {
            blackhole.consume(officialParse(officialTicker, frameBytes));
        }
    }

    private static ArrayList<?> officialParse(final KiteTicker ticker, final byte[] frameBytes)
    {
        try
        {
            return (ArrayList<?>)OFFICIAL_PARSE_BINARY.invokeExact(ticker, frameBytes);
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Both decoders must see every packet of every frame, or the comparison means nothing.
     */
    static void checkBothDecode(
        final UnsafeBuffer buffer,
        final int[] offsets,
        final int[] lengths,
        final byte[][] frameBytes,
        final int expectedPackets)
    {
        final KiteTickerDecoder decoder = new KiteTickerDecoder();
        final KiteTicker ticker = new KiteTicker("benchmark_token", "benchmark_key");
        int ours = 0;
        int theirs = 0;
        for (int f = 0; f < offsets.length; f++)
        {
            ours += decoder.decode(buffer, offsets[f], lengths[f], new FieldSummingHandler());
            theirs += officialParse(ticker, frameBytes[f]).size();
        }
        if (ours != expectedPackets || theirs != expectedPackets)
        {
            throw new IllegalStateException("decoders disagree: expected " + expectedPackets + " packets, ours " +
                ours + ", official " + theirs);
        }
    }

    private static void addPacket(final KiteTickerEncoder encoder, final PacketKind kind, final int i)
    {
        final long lastPricePaise = 157_370 + 5L * i;
        final boolean index = kind == PacketKind.INDEX_QUOTE || kind == PacketKind.INDEX_FULL;
        final long token = (index ? 256_265 : 408_065) + 256L * i;
        final TickerPacketEncoder packet =
            encoder.addPacket(kind).instrumentToken(token).lastPricePaise(lastPricePaise);
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
