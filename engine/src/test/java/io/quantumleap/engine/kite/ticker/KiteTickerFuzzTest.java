package io.quantumleap.engine.kite.ticker;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class KiteTickerFuzzTest
{
    private static final int FRAMES = 2_000_000;
    private static final int MAX_FRAME = 1024;
    private static final int GUARD = 16;

    private final KiteTickerDecoder decoder = new KiteTickerDecoder();
    private final byte[] frameBytes = new byte[MAX_FRAME];
    private final UnsafeBuffer frame = new UnsafeBuffer(frameBytes);
    private final byte[] guardedBytes = new byte[GUARD + MAX_FRAME + GUARD];
    private final UnsafeBuffer guarded = new UnsafeBuffer(guardedBytes);
    private final UnsafeBuffer exact = new UnsafeBuffer(0, 0);
    private final KiteTickerEncoder encoder = new KiteTickerEncoder();
    private long checksum;
    private int delivered;

    private final TickerPacketHandler handler = packet ->
    {
        assertTrue(KiteTickerProtocol.isKnownPacketLength(packet.length()));
        checksum = checksum * 31 + KiteTickerBadInputTest.readEveryField(packet);
        delivered++;
    };

    @Test
    void shouldSurviveMillionsOfRandomAndMutatedFramesReadingNothingOutsideThem()
    {
        final long seed = Long.getLong("qleap.test.seed", System.nanoTime());
        final Random random = new Random(seed);
        long packetsSeen = 0;
        for (int i = 0; i < FRAMES; i++)
        {
            final int length = (i & 1) == 0 ? randomFrame(random) : mutatedFrame(random);
            try
            {
                exact.wrap(frameBytes, 0, length);
                checksum = 0;
                delivered = 0;
                final int returned = decoder.decode(exact, 0, length, handler);
                final long exactChecksum = checksum;
                final FrameError exactError = decoder.lastFrameError();
                assertEquals(delivered, returned);
                packetsSeen += returned;

                if ((i & 7) == 0)
                {
                    random.nextBytes(guardedBytes);
                    System.arraycopy(frameBytes, 0, guardedBytes, GUARD, length);
                    checksum = 0;
                    delivered = 0;
                    assertEquals(returned, decoder.decode(guarded, GUARD, length, handler));
                    packetsSeen += returned;
                    assertEquals(exactChecksum, checksum);
                    assertEquals(exactError, decoder.lastFrameError());
                }
            }
            catch (final RuntimeException | AssertionError ex)
            {
                fail("frame " + i + " of length " + length + " with seed " + seed + " (-Dqleap.test.seed)", ex);
            }
        }
        assertEquals(packetsSeen, decoder.packetsDecoded());
        assertTrue(decoder.malformedFrames() > 0);
        assertTrue(decoder.skippedPackets() > 0);
        assertTrue(decoder.heartbeats() > 0);
    }

    private int randomFrame(final Random random)
    {
        final int length = random.nextInt(8) == 0 ? random.nextInt(4) : random.nextInt(400);
        for (int i = 0; i < length; i += 4)
        {
            frame.putInt(i, random.nextInt());
        }
        if (length >= 2 && random.nextBoolean())
        {
            frame.putShort(0, (short)(1 + random.nextInt(4)), BIG_ENDIAN);
            if (length >= 4)
            {
                frame.putShort(2, (short)PacketKind.values()[random.nextInt(5)].length(), BIG_ENDIAN);
            }
        }
        return length;
    }

    private int mutatedFrame(final Random random)
    {
        encoder.wrap(frame, 0);
        final int packets = 1 + random.nextInt(4);
        for (int p = 0; p < packets; p++)
        {
            PacketValues.random(random).encode(encoder);
        }
        int length = encoder.encodedLength();
        final int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++)
        {
            switch (random.nextInt(5))
            {
                case 0:
                    if (length > 0)
                    {
                        frame.putByte(random.nextInt(length), (byte)random.nextInt());
                    }
                    break;
                case 1:
                    length = random.nextInt(length + 1);
                    break;
                case 2:
                    if (length >= 2)
                    {
                        frame.putShort(0, (short)random.nextInt(8), BIG_ENDIAN);
                    }
                    break;
                case 3:
                    if (length >= 4)
                    {
                        frame.putShort(2, (short)random.nextInt(0x10000), BIG_ENDIAN);
                    }
                    break;
                default:
                    final int extra = random.nextInt(Math.min(64, MAX_FRAME - length) + 1);
                    for (int e = 0; e < extra; e++)
                    {
                        frame.putByte(length + e, (byte)random.nextInt());
                    }
                    length += extra;
                    break;
            }
        }
        return length;
    }
}
