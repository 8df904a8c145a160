package io.quantumleap.journal.capture;

import io.quantumleap.journal.JournalContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameCaptureRecoveryTest
{
    private static final int KILLS = 3;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldKeepEveryAppendedFrameIntactInOrderAndAppendAfterThemWhenTheWriterIsKilled() throws Exception
    {
        long expected = 0;
        for (int kill = 0; kill <= KILLS; kill++)
        {
            final Process writer = startWriter();
            try
            {
                final String line = new BufferedReader(
                    new InputStreamReader(writer.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                assertEquals("RESUMED " + expected, line);
                if (kill == KILLS)
                {
                    break;
                }
                waitUntilCaptured(expected + 20_000);
            }
            finally
            {
                writer.destroyForcibly();
                writer.waitFor();
            }

            final long frames = checkContiguousAndIntact();
            assertTrue(frames >= expected + 20_000, "only " + frames + " frames after kill " + kill);
            expected = frames;
        }
    }

    private Process startWriter() throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final String flags = System.getProperty("qleap.jvm.flags");
        if (null != flags && !flags.isBlank())
        {
            command.addAll(Arrays.asList(flags.trim().split("\\s+")));
        }
        else
        {
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        }
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CaptureWriterMain.class.getName());
        command.add(dir.toString());
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private void waitUntilCaptured(final long frames)
    {
        while (!hasQueueFile())
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        try (CaptureReader reader = CaptureReader.open(CaptureContext.of(new JournalContext().journalDir(dir))))
        {
            long read = 0;
            while (read < frames)
            {
                final int polled = reader.poll((i, c, t, b, buffer, o, l) -> { }, 10_000);
                read += polled;
                if (0 == polled)
                {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
                }
            }
        }
    }

    private boolean hasQueueFile()
    {
        if (!Files.isDirectory(dir.resolve("capture")))
        {
            return false;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir.resolve("capture")))
        {
            return files.anyMatch(p -> p.toString().endsWith(".cq4"));
        }
        catch (final java.io.IOException ex)
        {
            return false;
        }
    }

    private long checkContiguousAndIntact()
    {
        final long[] next = {0, -1};
        try (CaptureReader reader = CaptureReader.open(CaptureContext.of(new JournalContext().journalDir(dir))))
        {
            while (reader.poll((index, connectionId, receiveNs, binary, buffer, offset, length) ->
            {
                assertTrue(CaptureFrames.isIntact(next[0], buffer, offset, length), "frame " + next[0] + " is damaged");
                assertEquals(next[0], receiveNs, "frames are out of order");
                assertEquals((int)(next[0] % 3), connectionId);
                if (next[1] >= 0)
                {
                    assertEquals(next[1] + 1, index, "capture indexes are not contiguous");
                }
                next[0]++;
                next[1] = index;
            }, 10_000) > 0)
            {
                assertTrue(next[0] > 0);
            }
        }
        return next[0];
    }
}
