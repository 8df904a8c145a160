package io.quantumleap.engine.kite.ticker;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteTickerAllocationTest
{
    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 100_000;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[4096]);
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[MarketDataCommandWriter.MAX_ENCODED_LENGTH]);
    private final KiteTickerDecoder decoder = new KiteTickerDecoder();
    private final KiteTickerEncoder encoder = new KiteTickerEncoder();
    private final MarketDataCommandWriter writer = new MarketDataCommandWriter();
    private long written;

    private final TickerPacketHandler handler = packet -> written += writer.write(packet, 123L, 1, out, 0);

    @Test
    void shouldAllocateNothingPerFrameDecodedAndWrittenAsMarketDataCommands()
    {
        final int length = mixedFrame();
        assertTrue(threads.isThreadAllocatedMemoryEnabled());

        for (int i = 0; i < WARM_UP; i++)
        {
            decodeAndWrite(length);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < MEASURED; i++)
        {
            decodeAndWrite(length);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(0, allocated, "bytes allocated over " + MEASURED + " frames");
        assertEquals((long)(WARM_UP + MEASURED) * 6, decoder.packetsDecoded());
        assertTrue(written > 0);
    }

    @Test
    void shouldAllocateNothingPerFrameEncoded()
    {
        for (int i = 0; i < WARM_UP; i++)
        {
            encodeFrame(i);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < MEASURED; i++)
        {
            encodeFrame(i);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(0, allocated, "bytes allocated over " + MEASURED + " frames");
    }

    private void decodeAndWrite(final int length)
    {
        decoder.decode(frame, 0, length, handler);
        decoder.decode(frame, 0, 1, handler);
    }

    private void encodeFrame(final int i)
    {
        encoder.wrap(frame, 0);
        encoder.addPacket(PacketKind.LTP).instrumentToken(408065).lastPricePaise(157315 + i);
        final TickerPacketEncoder full = encoder.addPacket(PacketKind.FULL).instrumentToken(408065).lastPricePaise(i)
            .lastTradedQty(1).volumeTraded(i).exchangeTimeS(1_625_461_887L);
        for (int level = 0; level < 5; level++)
        {
            full.bid(level, 10, 157300 - level, 2).ask(level, 10, 157320 + level, 3);
        }
        encoder.addPacket(PacketKind.INDEX_FULL).instrumentToken(256265).priceChangePaise(-i).exchangeTimeS(i);
    }

    private int mixedFrame()
    {
        final Random random = new Random(7);
        encoder.wrap(frame, 0);
        for (final PacketKind kind : PacketKind.values())
        {
            PacketValues.random(random, kind).encode(encoder);
        }
        PacketValues.random(random, PacketKind.FULL).encode(encoder);
        return encoder.encodedLength();
    }
}
