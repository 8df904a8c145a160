package io.quantumleap.benchmarks.kite;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.quantumleap.engine.kite.feed.KiteTickerFrameDecoder;
import io.quantumleap.engine.kite.ticker.KiteTickerDecoder;
import io.quantumleap.engine.kite.ticker.KiteTickerEncoder;
import io.quantumleap.engine.kite.ticker.MarketDataCommandWriter;
import io.quantumleap.engine.kite.ticker.PacketKind;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * What does the feed's handover cost on top of the codec: a frame sitting in a Netty buffer (pooled direct,
 * as Netty reads it, or heap) is viewed in place by an UnsafeBuffer, decoded by the ticker codec, written as
 * MarketDataCommands and each copied into a ring-slot-sized buffer (the publish), against the codec alone
 * (decode and write from an UnsafeBuffer, nothing published) on the same bytes. Run with {@code -prof gc}:
 * both must show 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class KiteFeedFrameBenchmark
{
    @Param({"FULL", "MIXED_10"})
    public String frame;

    @Param({"DIRECT", "HEAP"})
    public String source;

    private ByteBuf byteBuf;
    private UnsafeBuffer frameBuffer;
    private int frameLength;
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer slot = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
    private final UnsafeBuffer command = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
    private final KiteTickerDecoder codec = new KiteTickerDecoder();
    private final MarketDataCommandWriter writer = new MarketDataCommandWriter();
    private final TickerPacketHandler writeOnly = (packet) -> writer.write(packet, 1L, 0, command, 0);
    private long published;
    private final KiteTickerFrameDecoder feedDecoder = new KiteTickerFrameDecoder((buffer, offset, length) ->
    {
        slot.putBytes(0, buffer, offset, length);
        published++;
        return true;
    });

    @Setup
    public void setUp()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final KiteTickerEncoder encoder = new KiteTickerEncoder().wrap(buffer, 0);
        if ("MIXED_10".equals(frame))
        {
            final PacketKind[] kinds = {
                PacketKind.FULL, PacketKind.QUOTE, PacketKind.LTP, PacketKind.FULL, PacketKind.QUOTE,
                PacketKind.QUOTE, PacketKind.FULL, PacketKind.LTP, PacketKind.QUOTE, PacketKind.FULL};
            for (int i = 0; i < kinds.length; i++)
            {
                addPacket(encoder, kinds[i], i);
            }
        }
        else
        {
            addPacket(encoder, PacketKind.FULL, 0);
        }
        frameLength = encoder.encodedLength();
        final byte[] bytes = new byte[frameLength];
        buffer.getBytes(0, bytes);
        frameBuffer = new UnsafeBuffer(bytes);
        byteBuf = "DIRECT".equals(source) ?
            PooledByteBufAllocator.DEFAULT.directBuffer(frameLength) :
            PooledByteBufAllocator.DEFAULT.heapBuffer(frameLength);
        byteBuf.writeBytes(bytes);
    }

    @TearDown
    public void tearDown()
    {
        byteBuf.release();
    }

    @Benchmark
    public int codecOnly()
    {
        return codec.decode(frameBuffer, 0, frameLength, writeOnly);
    }

    @Benchmark
    public int feedPath()
    {
        final ByteBuf content = byteBuf;
        final int length = content.readableBytes();
        if (content.hasMemoryAddress())
        {
            view.wrap(content.memoryAddress() + content.readerIndex(), length);
        }
        else
        {
            view.wrap(content.array(), content.arrayOffset() + content.readerIndex(), length);
        }
        return feedDecoder.onBinaryFrame(view, 0, length, 0, 1L);
    }

    private static void addPacket(final KiteTickerEncoder encoder, final PacketKind kind, final int i)
    {
        final long lastPricePaise = 157_370 + 5L * i;
        final TickerPacketEncoder packet = encoder.addPacket(kind)
            .instrumentToken(408_065 + 256L * i)
            .lastPricePaise(lastPricePaise);
        if (kind == PacketKind.LTP)
        {
            return;
        }
        packet.openPricePaise(156_915).highPricePaise(157_500).lowPricePaise(156_105).closePricePaise(156_780)
            .lastTradedQty(7).averageTradedPricePaise(157_037).volumeTraded(1_192_471).totalBuyQty(256_443)
            .totalSellQty(363_009);
        if (kind == PacketKind.FULL)
        {
            packet.lastTradeTimeS(1_625_461_887L).exchangeTimeS(1_625_461_887L);
            for (int level = 0; level < 5; level++)
            {
                packet.bid(level, 5 + 40L * level, lastPricePaise - 5 * (level + 1), 1 + level);
                packet.ask(level, 172 + 30L * level, lastPricePaise + 5 * level, 3 + level);
            }
        }
    }
}
