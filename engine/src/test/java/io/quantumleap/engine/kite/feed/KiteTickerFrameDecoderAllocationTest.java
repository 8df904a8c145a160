package io.quantumleap.engine.kite.feed;

import io.quantumleap.engine.kite.rest.KiteMocks;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KiteTickerFrameDecoderAllocationTest
{
    private final UnsafeBuffer ring = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
    private long published;

    @Test
    void shouldDecodeAndPublishFramesWithoutAllocatingAfterWarmUp()
    {
        final byte[] frameBytes = KiteMocks.bytes("fullMode_binary.packet");
        final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(frameBytes.length));
        frame.putBytes(0, frameBytes);
        final KiteTickerFrameDecoder decoder = new KiteTickerFrameDecoder((buffer, offset, length) ->
        {
            ring.putBytes(0, buffer, offset, length);
            published++;
            return true;
        });
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

        for (int i = 0; i < 50_000; i++)
        {
            decoder.onBinaryFrame(frame, 0, frameBytes.length, 1, i);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++)
        {
            decoder.onBinaryFrame(frame, 0, frameBytes.length, 1, i);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(0, allocated);
        assertEquals(60_000, published);
    }

    @Test
    void shouldReportAMalformedFrameAndKeepThePacketsBeforeTheFault()
    {
        final byte[] frameBytes = KiteMocks.bytes("fullMode_binary.packet");
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[frameBytes.length + 3]);
        frame.putBytes(0, frameBytes);
        final KiteTickerFrameDecoder decoder = new KiteTickerFrameDecoder((buffer, offset, length) -> true);

        assertEquals(-1, decoder.onBinaryFrame(frame, 0, frameBytes.length + 3, 0, 1));
        assertEquals(1, decoder.onBinaryFrame(frame, 0, frameBytes.length, 0, 1));
        assertEquals(-1, decoder.onBinaryFrame(frame, 0, 3, 0, 1));
    }
}
