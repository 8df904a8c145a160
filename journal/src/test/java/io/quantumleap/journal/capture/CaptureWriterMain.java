package io.quantumleap.journal.capture;

import io.quantumleap.journal.JournalContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

public final class CaptureWriterMain
{
    private static final long MAX_IN_FLIGHT = 10_000;

    private CaptureWriterMain()
    {
    }

    public static void main(final String[] args)
    {
        final Path journalDir = Path.of(args[0]);
        final CaptureContext context = CaptureContext.of(new JournalContext().journalDir(journalDir).pretouch(false));
        long next = 0;
        if (Files.isDirectory(context.dir()))
        {
            try (CaptureReader reader = CaptureReader.open(context))
            {
                next = reader.frameCount();
            }
        }
        System.out.println("RESUMED " + next);
        System.out.flush();
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[512]);
        final long first = next;
        try (FrameCapture capture = FrameCapture.start(context))
        {
            while (true)
            {
                while (next - first - capture.capturedFrames() > MAX_IN_FLIGHT)
                {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
                }
                capture.onFrame((int)(next % 3), next, true, frame, 0, CaptureFrames.write(frame, next));
                next++;
            }
        }
    }
}
