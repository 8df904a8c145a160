package io.quantumleap.engine.kite.ticker;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteTickerBadInputTest
{
    private final KiteTickerDecoder decoder = new KiteTickerDecoder();
    private final List<Long> tokens = new ArrayList<>();
    private final TickerPacketHandler recorder = packet ->
    {
        readEveryField(packet);
        tokens.add(packet.instrumentToken());
    };

    @Test
    void shouldCountAOneByteFrameAsAHeartbeatAndDeliverNothing()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1]);
        assertEquals(1, KiteTickerEncoder.encodeHeartbeat(buffer, 0));

        assertEquals(0, decoder.decode(buffer, 0, 1, recorder));

        assertEquals(1, decoder.heartbeats());
        assertEquals(0, decoder.malformedFrames());
        assertEquals(FrameError.NONE, decoder.lastFrameError());
        assertTrue(tokens.isEmpty());
    }

    @Test
    void shouldCountAnEmptyFrameAsMalformed()
    {
        assertEquals(0, decoder.decode(new UnsafeBuffer(new byte[0]), 0, 0, recorder));

        assertMalformed(FrameError.EMPTY_FRAME);
    }

    @Test
    void shouldCountAZeroPacketCountAsMalformed()
    {
        assertEquals(0, decoder.decode(new UnsafeBuffer(new byte[2]), 0, 2, recorder));

        assertMalformed(FrameError.ZERO_PACKET_COUNT);
    }

    @Test
    void shouldDeliverThePacketsPresentWhenTheCountIsAbsurd()
    {
        final byte[] frame = frame(PacketKind.LTP, PacketKind.QUOTE);
        new UnsafeBuffer(frame).putShort(0, (short)0xFFFF, BIG_ENDIAN);

        assertEquals(2, decoder.decode(new UnsafeBuffer(frame), 0, frame.length, recorder));

        assertEquals(List.of(1001L, 1002L), tokens);
        assertMalformed(FrameError.TRUNCATED_PACKET_LENGTH);
    }

    @Test
    void shouldDeliverThePacketsBeforeATruncationAndReadNothingPastTheFrame()
    {
        final byte[] whole = frame(PacketKind.FULL, PacketKind.INDEX_FULL, PacketKind.FULL);
        for (int length = 3; length < whole.length; length++)
        {
            tokens.clear();
            final byte[] cut = Arrays.copyOf(whole, length);

            final int delivered = decoder.decode(new UnsafeBuffer(cut), 0, cut.length, recorder);

            final int expected = length >= 2 + 186 + 34 ? 2 : length >= 2 + 186 ? 1 : 0;
            assertEquals(expected, delivered, "frame cut to " + length + " bytes");
            assertEquals(List.of(1001L, 1002L).subList(0, expected), tokens, "frame cut to " + length + " bytes");
            assertTrue(decoder.lastFrameError() == FrameError.TRUNCATED_PACKET_LENGTH ||
                decoder.lastFrameError() == FrameError.PACKET_OVERRUNS_FRAME, "frame cut to " + length + " bytes");
        }
        assertEquals(whole.length - 3, decoder.malformedFrames());
    }

    @Test
    void shouldNotReadAValidPacketLyingJustPastTheEndOfTheFrame()
    {
        final byte[] whole = frame(PacketKind.QUOTE, PacketKind.QUOTE);
        final byte[] padded = new byte[100 + whole.length];
        System.arraycopy(whole, 0, padded, 100, whole.length);
        final int firstPacketOnly = 2 + 2 + 44;

        assertEquals(1, decoder.decode(new UnsafeBuffer(padded), 100, firstPacketOnly, recorder));

        assertEquals(List.of(1001L), tokens);
        assertMalformed(FrameError.TRUNCATED_PACKET_LENGTH);
    }

    @Test
    void shouldStopAtAPacketLengthThatOverrunsTheFrame()
    {
        final byte[] frame = frame(PacketKind.LTP, PacketKind.LTP, PacketKind.LTP);
        new UnsafeBuffer(frame).putShort(2 + 10, (short)184, BIG_ENDIAN);

        assertEquals(1, decoder.decode(new UnsafeBuffer(frame), 0, frame.length, recorder));

        assertEquals(List.of(1001L), tokens);
        assertMalformed(FrameError.PACKET_OVERRUNS_FRAME);
    }

    @Test
    void shouldSkipPacketsOfUnknownLengthsAndDecodeThePacketsAroundThem()
    {
        final int[] unknownLengths = {0, 1, 7, 9, 27, 29, 31, 33, 43, 45, 183, 185, 1000};
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final KiteTickerEncoder encoder = new KiteTickerEncoder().wrap(buffer, 0);
        final UnsafeBuffer junk = new UnsafeBuffer(new byte[1000]);
        junk.setMemory(0, 1000, (byte)0x5A);
        long token = 1;
        for (final int unknownLength : unknownLengths)
        {
            encoder.addPacket(PacketKind.FULL).instrumentToken(token++);
            encoder.addRawPacket(junk, 0, unknownLength);
        }
        encoder.addPacket(PacketKind.INDEX_QUOTE).instrumentToken(token);

        final int delivered = decoder.decode(
            new UnsafeBuffer(buffer, 0, encoder.encodedLength()), 0, encoder.encodedLength(), recorder);

        assertEquals(unknownLengths.length + 1, delivered);
        assertEquals(unknownLengths.length + 1, tokens.size());
        assertEquals(token, tokens.get(tokens.size() - 1));
        assertEquals(unknownLengths.length, decoder.skippedPackets());
        assertEquals(0, decoder.malformedFrames());
        assertEquals(FrameError.NONE, decoder.lastFrameError());
    }

    @Test
    void shouldDeliverThePacketsAndCountTrailingBytesAsMalformed()
    {
        final byte[] frame = frame(PacketKind.LTP);
        final byte[] longer = Arrays.copyOf(frame, frame.length + 3);

        assertEquals(1, decoder.decode(new UnsafeBuffer(longer), 0, longer.length, recorder));

        assertMalformed(FrameError.TRAILING_BYTES);
    }

    @Test
    void shouldRefuseAFrameThatLiesOutsideTheBufferWithoutThrowing()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(frame(PacketKind.LTP));

        assertEquals(0, decoder.decode(buffer, -1, 4, recorder));
        assertEquals(0, decoder.decode(buffer, 0, buffer.capacity() + 1, recorder));
        assertEquals(0, decoder.decode(buffer, 5, Integer.MAX_VALUE, recorder));
        assertEquals(0, decoder.decode(buffer, 0, -1, recorder));

        assertEquals(4, decoder.malformedFrames());
        assertEquals(FrameError.OUTSIDE_BUFFER, decoder.lastMalformedError());
        assertTrue(tokens.isEmpty());
    }

    @Test
    void shouldDecodeTheSameWhateverLiesAroundTheFrame()
    {
        final Random random = new Random(42);
        final byte[] frame = frame(PacketKind.FULL, PacketKind.LTP, PacketKind.INDEX_QUOTE, PacketKind.QUOTE);
        for (int trial = 0; trial < 1000; trial++)
        {
            final int cut = 1 + random.nextInt(frame.length);
            final byte[] embedded = new byte[64 + frame.length + 64];
            random.nextBytes(embedded);
            System.arraycopy(frame, 0, embedded, 64, cut);

            tokens.clear();
            final int exactDelivered = decoder.decode(new UnsafeBuffer(Arrays.copyOf(frame, cut)), 0, cut, recorder);
            final List<Long> exactTokens = new ArrayList<>(tokens);
            final FrameError exactError = decoder.lastFrameError();

            tokens.clear();
            final int embeddedDelivered = decoder.decode(new UnsafeBuffer(embedded), 64, cut, recorder);

            assertEquals(exactDelivered, embeddedDelivered, "cut " + cut);
            assertEquals(exactTokens, tokens, "cut " + cut);
            assertEquals(exactError, decoder.lastFrameError(), "cut " + cut);
        }
    }

    @Test
    void shouldRefuseToWrapABarePacketOfAnUnknownLengthOrOutsideTheBuffer()
    {
        final TickerPacket packet = new TickerPacket();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[44]);

        assertTrue(packet.wrap(buffer, 0, 44));
        assertEquals(false, packet.wrap(buffer, 0, 45));
        assertEquals(false, packet.wrap(buffer, 1, 44));
        assertEquals(false, packet.wrap(buffer, -1, 8));
        assertEquals(44, packet.length());
    }

    @Test
    void shouldRefuseADecodeFromItsOwnHandlerAndStillDecodeTheRestOfTheOuterFrame()
    {
        final UnsafeBuffer inner = new UnsafeBuffer(frame(PacketKind.FULL));
        final int[] innerDelivered = new int[1];
        final TickerPacketHandler nesting = packet ->
        {
            tokens.add(packet.instrumentToken());
            innerDelivered[0] += decoder.decode(inner, 0, inner.capacity(), recorder);
        };
        final byte[] outer = frame(PacketKind.LTP, PacketKind.QUOTE);

        assertEquals(2, decoder.decode(new UnsafeBuffer(outer), 0, outer.length, nesting));

        assertEquals(0, innerDelivered[0]);
        assertEquals(List.of(1001L, 1002L), tokens);
        assertEquals(2, decoder.malformedFrames());
        assertEquals(FrameError.NONE, decoder.lastFrameError());
        assertEquals(FrameError.NESTED_DECODE, decoder.lastMalformedError());
        assertEquals(1, decoder.decode(inner, 0, inner.capacity(), recorder));
    }

    @Test
    void shouldRefuseToRewrapTheFlyweightTheDecoderHandsToItsHandler()
    {
        final UnsafeBuffer elsewhere = new UnsafeBuffer(new byte[8]);
        final List<Boolean> rewrapped = new ArrayList<>();
        final byte[] frame = frame(PacketKind.QUOTE, PacketKind.LTP);

        assertEquals(2, decoder.decode(new UnsafeBuffer(frame), 0, frame.length, packet ->
        {
            rewrapped.add(packet.wrap(elsewhere, 0, 8));
            recorder.onPacket(packet);
        }));

        assertEquals(List.of(false, false), rewrapped);
        assertEquals(List.of(1001L, 1002L), tokens);
    }

    @Test
    void shouldDecodeTheNextFrameAfterAHandlerThrew()
    {
        final byte[] frame = frame(PacketKind.LTP, PacketKind.FULL);
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);

        assertThrows(IllegalStateException.class, () -> decoder.decode(buffer, 0, frame.length, packet ->
        {
            throw new IllegalStateException("handler failed");
        }));

        assertEquals(2, decoder.decode(buffer, 0, frame.length, recorder));
        assertEquals(List.of(1001L, 1002L), tokens);
        assertEquals(2, decoder.packetsDecoded());
        assertEquals(0, decoder.malformedFrames());
    }

    private void assertMalformed(final FrameError error)
    {
        assertEquals(1, decoder.malformedFrames());
        assertEquals(error, decoder.lastFrameError());
        assertEquals(error, decoder.lastMalformedError());
    }

    private static byte[] frame(final PacketKind... kinds)
    {
        int length = 2;
        for (final PacketKind kind : kinds)
        {
            length += 2 + kind.length();
        }
        final MutableDirectBuffer buffer = new UnsafeBuffer(new byte[length]);
        final KiteTickerEncoder encoder = new KiteTickerEncoder().wrap(buffer, 0);
        long token = 1001;
        for (final PacketKind kind : kinds)
        {
            encoder.addPacket(kind).instrumentToken(token++).lastPricePaise(token * 100);
        }
        assertEquals(length, encoder.encodedLength());
        return buffer.byteArray();
    }

    static long readEveryField(final TickerPacket packet)
    {
        long sum = packet.instrumentToken() + packet.segment() + packet.priceDivisor() + packet.lastPricePaise() +
            packet.lastTradedQty() + packet.averageTradedPricePaise() + packet.volumeTraded() + packet.totalBuyQty() +
            packet.totalSellQty() + packet.openPricePaise() + packet.highPricePaise() + packet.lowPricePaise() +
            packet.closePricePaise() + packet.priceChangePaise() + packet.lastTradeTimeS() + packet.oi() +
            packet.oiDayHigh() + packet.oiDayLow() + packet.exchangeTimeS() + packet.mode().value() +
            (packet.isTradable() ? 1 : 0);
        for (int i = 0; i < packet.depthLevels(); i++)
        {
            sum += packet.bidQty(i) + packet.bidPricePaise(i) + packet.bidOrders(i) +
                packet.askQty(i) + packet.askPricePaise(i) + packet.askOrders(i);
        }
        return sum;
    }
}
