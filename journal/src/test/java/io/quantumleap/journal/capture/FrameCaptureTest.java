package io.quantumleap.journal.capture;

import io.quantumleap.journal.JournalContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameCaptureTest
{
    @TempDir
    Path dir;

    private record Frame(long index, int connectionId, long receiveNs, boolean binary, byte[] payload)
    {
    }

    private CaptureContext context()
    {
        return CaptureContext.of(new JournalContext().journalDir(dir).pretouch(false));
    }

    private List<Frame> readAll()
    {
        final List<Frame> frames = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(context()))
        {
            while (reader.poll((index, connectionId, receiveNs, binary, buffer, offset, length) ->
            {
                final byte[] payload = new byte[length];
                buffer.getBytes(offset, payload);
                frames.add(new Frame(index, connectionId, receiveNs, binary, payload));
            }, 100) > 0)
            {
                assertTrue(frames.size() < 1_000_000);
            }
        }
        return frames;
    }

    @Test
    void shouldKeepEachFrameByteForByteWithItsConnectionTimeAndKind()
    {
        final byte[] binary = {0, 1, 0, 8, 0, 0, 0, 1, 0, 0, 0, 2};
        final byte[] text = "{\"type\":\"order\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        try (FrameCapture capture = FrameCapture.open(context()))
        {
            capture.onFrame(0, 1_000L, true, new UnsafeBuffer(binary), 0, binary.length);
            capture.onFrame(2, 2_000L, false, new UnsafeBuffer(text), 0, text.length);
            capture.onFrame(1, 3_000L, true, new UnsafeBuffer(new byte[]{7, 0}), 0, 1);
            assertEquals(3, capture.drain(10));
            assertEquals(3, capture.capturedFrames());
        }

        final List<Frame> frames = readAll();

        assertEquals(3, frames.size());
        assertEquals(0, frames.get(0).connectionId());
        assertEquals(1_000L, frames.get(0).receiveNs());
        assertTrue(frames.get(0).binary());
        assertArrayEquals(binary, frames.get(0).payload());
        assertEquals(2, frames.get(1).connectionId());
        assertArrayEquals(text, frames.get(1).payload());
        assertTrue(!frames.get(1).binary());
        assertArrayEquals(new byte[]{7}, frames.get(2).payload());
    }

    @Test
    void shouldWriteWhatTheRingHoldsBeforeClosing()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[512]);
        try (FrameCapture capture = FrameCapture.start(context()))
        {
            for (long i = 0; i < 5_000; i++)
            {
                capture.onFrame((int)(i % 3), i, true, frame, 0, CaptureFrames.write(frame, i));
            }
        }

        final List<Frame> frames = readAll();

        assertEquals(5_000, frames.size());
        for (int i = 0; i < frames.size(); i++)
        {
            final byte[] payload = frames.get(i).payload();
            assertTrue(CaptureFrames.isIntact(i, new UnsafeBuffer(payload), 0, payload.length), "frame " + i);
        }
    }

    @Test
    void shouldDropAndCountFramesWhileTheDiskIsShortOfSpace()
    {
        final AtomicBoolean shortOfSpace = new AtomicBoolean();
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[64]);
        try (FrameCapture capture = FrameCapture.open(context().shortOfSpace(shortOfSpace::get)))
        {
            capture.onFrame(0, 1, true, frame, 0, CaptureFrames.write(frame, 0));
            shortOfSpace.set(true);
            capture.onFrame(0, 2, true, frame, 0, CaptureFrames.write(frame, 1));
            capture.onFrame(0, 3, true, frame, 0, CaptureFrames.write(frame, 2));
            shortOfSpace.set(false);
            capture.onFrame(0, 4, true, frame, 0, CaptureFrames.write(frame, 3));
            assertEquals(2, capture.drain(10));
            assertEquals(2, capture.droppedFrames());
        }

        assertEquals(List.of(1L, 4L), readAll().stream().map(Frame::receiveNs).toList());
    }

    @Test
    void shouldDropAndCountFramesThatFindTheRingFullInsteadOfWaiting()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[1024]);
        try (FrameCapture capture = FrameCapture.open(context().ringBytes(1 << 16)))
        {
            for (int i = 0; i < 100; i++)
            {
                capture.onFrame(0, i, true, frame, 0, 1000);
            }
            final long dropped = capture.droppedFrames();
            assertTrue(dropped > 0 && dropped < 100, "dropped " + dropped);
            assertEquals(100 - dropped, capture.drain(1000));
        }
    }

    @Test
    void shouldDropAFrameLargerThanTheRingAllows()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[16 << 10]);
        try (FrameCapture capture = FrameCapture.open(context().ringBytes(1 << 16)))
        {
            capture.onFrame(0, 1, true, frame, 0, frame.capacity());

            assertEquals(1, capture.droppedFrames());
            assertEquals(0, capture.drain(10));
        }
    }

    @Test
    void shouldRefuseARingThatIsNotAPowerOfTwo()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> FrameCapture.open(context().ringBytes(100_000)));

        assertTrue(ex.getMessage().contains("qleap.journal.capture.ring.bytes"), ex.getMessage());
    }

    @Test
    void shouldSayWhereCapturedFramesWouldBeWhenThereAreNone()
    {
        final RuntimeException ex =
            assertThrows(RuntimeException.class, () -> CaptureReader.open(context()));

        assertTrue(ex.getMessage().contains("QLEAP_CAPTURE"), ex.getMessage());
    }
}
