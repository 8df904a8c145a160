package io.quantumleap.journal.capture;

import io.quantumleap.journal.JournalContext;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FrameCaptureAllocationTest
{
    private static final int WARM_UP = 50_000;
    private static final int MEASURED = 20_000;
    private static final int MAX_WINDOWS = 5;

    @TempDir
    Path dir;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    @Test
    void shouldAllocateNothingPerCapturedFrameOnEitherSideAfterWarmUp()
    {
        final UnsafeBuffer heap = new UnsafeBuffer(new byte[512]);
        final UnsafeBuffer direct = new UnsafeBuffer(BufferUtil.allocateDirectAligned(512, 64));
        final int heapLength = CaptureFrames.write(heap, 184);
        final int directLength = CaptureFrames.write(direct, 44);
        try (FrameCapture capture = FrameCapture.open(
            CaptureContext.of(new JournalContext().journalDir(dir).pretouch(false))))
        {
            for (int i = 0; i < WARM_UP; i++)
            {
                capture.onFrame(0, i, true, heap, 0, heapLength);
                capture.onFrame(1, i, false, direct, 0, directLength);
                capture.drain(16);
            }

            long allocated = -1;
            int windows = 0;
            while (allocated != 0 && windows < MAX_WINDOWS)
            {
                windows++;
                final long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < MEASURED; i++)
                {
                    capture.onFrame(0, i, true, heap, 0, heapLength);
                    capture.onFrame(1, i, false, direct, 0, directLength);
                    capture.drain(16);
                }
                allocated = threads.getCurrentThreadAllocatedBytes() - before;
            }
            assertEquals(0, allocated, "bytes allocated in window " + windows + " of " + MEASURED + " frame pairs");
            assertEquals(2L * (WARM_UP + (long)windows * MEASURED), capture.capturedFrames());
        }
    }
}
