package io.quantumleap.engine.kite.ticker;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KiteTickerRoundTripTest
{
    private static final int FRAMES = 20_000;
    private static final int MAX_PACKETS_PER_FRAME = 12;

    @Test
    void shouldDecodeEveryRandomFrameOfEveryKindAndSegmentToTheValuesEncoded()
    {
        final long masterSeed = Long.getLong("qleap.test.seed", System.nanoTime());
        final Random master = new Random(masterSeed);
        final UnsafeBuffer buffer =
            new UnsafeBuffer(new byte[KiteTickerEncoder.frameLength(PacketKind.FULL, MAX_PACKETS_PER_FRAME)]);
        final KiteTickerEncoder encoder = new KiteTickerEncoder();
        final KiteTickerDecoder decoder = new KiteTickerDecoder();
        final List<PacketValues> sent = new ArrayList<>();
        long packets = 0;

        for (int frame = 0; frame < FRAMES; frame++)
        {
            final long seed = master.nextLong();
            final Random random = new Random(seed);
            sent.clear();
            encoder.wrap(buffer, 0);
            final int count = 1 + random.nextInt(MAX_PACKETS_PER_FRAME);
            for (int i = 0; i < count; i++)
            {
                final PacketValues values = PacketValues.random(random);
                values.encode(encoder);
                sent.add(values);
            }

            final String context = "frame seed " + seed + " (master seed " + masterSeed + ", -Dqleap.test.seed)";
            final int[] index = {0};
            final int decoded = decoder.decode(new UnsafeBuffer(buffer, 0, encoder.encodedLength()), 0,
                encoder.encodedLength(),
                packet -> sent.get(index[0]++).assertMatches(packet, context + " packet " + index[0]));

            assertEquals(count, decoded, context);
            assertEquals(FrameError.NONE, decoder.lastFrameError(), context);
            packets += count;
        }

        assertEquals(FRAMES, decoder.frames());
        assertEquals(packets, decoder.packetsDecoded());
        assertEquals(0, decoder.malformedFrames());
        assertEquals(0, decoder.skippedPackets());
    }

    @Test
    void shouldRoundTripTheExtremesOfEveryFieldForEveryKind()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final KiteTickerEncoder encoder = new KiteTickerEncoder();
        final KiteTickerDecoder decoder = new KiteTickerDecoder();
        for (final PacketKind kind : PacketKind.values())
        {
            for (final long token : new long[]{0xFFFF_FFFFL, 0x8000_0003L, 256265L, 412675L, 6L})
            {
                final PacketValues values = PacketValues.random(new Random(token), kind);
                values.instrumentToken = token;
                values.lastPricePaise = Integer.MIN_VALUE;
                if (kind == PacketKind.QUOTE || kind == PacketKind.FULL)
                {
                    values.volumeTraded = 0xFFFF_FFFFL;
                }
                if (kind.isIndexLayout())
                {
                    values.priceChangePaise = -1;
                }
                encoder.wrap(buffer, 0);
                values.encode(encoder);
                assertEquals(1, decoder.decode(buffer, 0, encoder.encodedLength(),
                    packet -> values.assertMatches(packet, kind + " token " + token)));
            }
        }
    }
}
