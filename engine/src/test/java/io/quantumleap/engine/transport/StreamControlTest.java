package io.quantumleap.engine.transport;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamControlTest
{
    private final StreamControl control = new StreamControl();
    private final List<String> handed = new ArrayList<>();
    private final StreamControl.Requests requests = new StreamControl.Requests()
    {
        @Override
        public void onCatchUp(final int streamId, final long afterIndex, final String channel)
        {
            handed.add("catch-up " + streamId + " " + afterIndex + " " + channel);
        }

        @Override
        public void onStop(final int streamId)
        {
            handed.add("stop " + streamId);
        }

        @Override
        public void onWatch(final long[] tokens, final int mode)
        {
            handed.add("watch " + mode + " " + Arrays.toString(tokens));
        }

        @Override
        public void onRelease(final long[] tokens)
        {
            handed.add("release " + Arrays.toString(tokens));
        }
    };
    private final UnsafeBuffer buffer =
        new UnsafeBuffer(new byte[StreamControl.watchLength(StreamControl.MAX_WATCH_TOKENS + 1)]);

    @Test
    void shouldHandOnEachWellFormedRequest()
    {
        final String channel = "aeron:udp?endpoint=10.0.0.7:40123";
        assertNull(control.decode(buffer, 0, control.encodeCatchUp(buffer, 77, 1L << 40, channel), requests));
        assertNull(control.decode(buffer, 0, control.encodeStop(buffer, 77), requests));
        final int watchLength = control.encodeWatch(buffer, 3, new long[]{408_065, 256_265});
        assertEquals(StreamControl.watchLength(2), watchLength);
        assertNull(control.decode(buffer, 0, watchLength, requests));
        final int releaseLength = control.encodeRelease(buffer, new long[]{256_265});
        assertEquals(StreamControl.releaseLength(1), releaseLength);
        assertNull(control.decode(buffer, 0, releaseLength, requests));

        assertEquals(List.of("catch-up 77 1099511627776 " + channel, "stop 77", "watch 3 [408065, 256265]",
            "release [256265]"), handed);
    }

    @Test
    void shouldRefuseRequestsThatDoNotFitTheirBytesNamingWhatIsWrong()
    {
        final int catchUp = control.encodeCatchUp(buffer, 1, 5, "aeron:ipc");
        assertTrue(control.decode(buffer, 0, catchUp - 1, requests).contains("channel length 9"));
        assertTrue(control.decode(buffer, 0, 7, requests).contains("8-byte header"));
        final int watch = control.encodeWatch(buffer, 1, new long[StreamControl.MAX_WATCH_TOKENS + 1]);
        assertTrue(control.decode(buffer, 0, watch, requests).contains("3001 instruments"));
        final int release = control.encodeRelease(buffer, new long[]{1, 2, 3});
        assertTrue(control.decode(buffer, 0, release - 1, requests).contains("release request: 3 instruments"));
        assertTrue(control.decode(buffer, 0, 9, requests).contains("shorter than its fixed part"));
        final int stop = control.encodeStop(buffer, 1);
        buffer.putShort(4, (short)7301);
        assertTrue(control.decode(buffer, 0, stop, requests).contains("schema 7301"));
        buffer.putShort(4, (short)7302);
        buffer.putShort(2, (short)99);
        assertTrue(control.decode(buffer, 0, stop, requests).contains("unknown template 99"));
        assertTrue(handed.isEmpty());
    }

    @Test
    void shouldNeverThrowOnFuzzedRequests()
    {
        final SplittableRandom random = new SplittableRandom(42);
        final UnsafeBuffer valid = new UnsafeBuffer(new byte[256]);
        int refused = 0;
        for (int i = 0; i < 200_000; i++)
        {
            int length;
            switch (i % 4)
            {
                case 0:
                    length = control.encodeCatchUp(
                        valid, random.nextInt(), random.nextLong(), "aeron:ipc?term-length=64k");
                    break;
                case 1:
                    length = control.encodeStop(valid, random.nextInt());
                    break;
                case 2:
                    length = control.encodeRelease(valid, random.longs(random.nextInt(20)).toArray());
                    break;
                default:
                    length = control.encodeWatch(valid, random.nextInt(4), random.longs(random.nextInt(20)).toArray());
                    break;
            }
            buffer.putBytes(0, valid, 0, length);
            final int flips = random.nextInt(4);
            for (int f = 0; f < flips; f++)
            {
                buffer.putByte(random.nextInt(length), (byte)random.nextInt(256));
            }
            final int received = random.nextBoolean() ? length : random.nextInt(length + 1);
            if (control.decode(buffer, 0, received, requests) != null)
            {
                refused++;
            }
        }
        assertTrue(refused > 10_000, refused + " refused");
        assertTrue(handed.size() > 10_000, handed.size() + " handed on");
    }
}
