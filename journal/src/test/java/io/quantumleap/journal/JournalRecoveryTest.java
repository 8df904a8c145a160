package io.quantumleap.journal;

import io.quantumleap.engine.protocol.MarketDataCommandDecoder;
import io.quantumleap.journal.read.JournalReader;
import io.quantumleap.journal.schema.JournalSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalRecoveryTest
{
    private static final int KILLS = 5;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldKeepEveryFullyAppendedCommandAndResumeAfterTheLastIndexWhenTheWriterIsKilledRepeatedly()
        throws Exception
    {
        final Random random = new Random(42);
        long expectedNext = 0;
        long expectedLastIndex = -1;
        for (int kill = 0; kill < KILLS; kill++)
        {
            final Process writer = startWriter();
            try
            {
                final BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(writer.getInputStream(), StandardCharsets.US_ASCII));
                final String line = stdout.readLine();
                assertEquals("RESUMED " + expectedLastIndex + " " + expectedNext, line);

                final long target = expectedNext + 10_000 + random.nextInt(60_000);
                waitUntilWritten(target);
            }
            finally
            {
                writer.destroyForcibly();
                writer.waitFor();
            }

            final long[] state = checkContiguousAndIntact();
            assertTrue(state[0] > expectedNext, "the writer appended nothing before the kill");
            expectedNext = state[0];
            expectedLastIndex = state[1];
        }

        final Process writer = startWriter();
        try
        {
            final BufferedReader stdout = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("RESUMED " + expectedLastIndex + " " + expectedNext, stdout.readLine());
        }
        finally
        {
            writer.destroyForcibly();
            writer.waitFor();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldNeverHandOutATornLastExcerptAndResumeRightAfterTheLastCompleteOne() throws Exception
    {
        Process writer = startWriter();
        final long lastIndex;
        try
        {
            new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            waitUntilWritten(1000);
        }
        finally
        {
            writer.destroyForcibly();
            writer.waitFor();
        }
        final long[] before = checkContiguousAndIntact();
        lastIndex = before[1];

        final Process torn = startWriter("torn");
        try
        {
            assertEquals("TORN", new BufferedReader(
                new InputStreamReader(torn.getInputStream(), StandardCharsets.US_ASCII)).readLine());
        }
        finally
        {
            torn.destroyForcibly();
            torn.waitFor();
        }
        assertEquals(before[0], checkContiguousAndIntact()[0]);
        assertEquals(lastIndex, lastIndexReadBackward());

        writer = startWriter();
        try
        {
            final BufferedReader stdout = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("RESUMED " + lastIndex + " " + before[0], stdout.readLine());
            waitUntilWritten(before[0] + 1000);
        }
        finally
        {
            writer.destroyForcibly();
            writer.waitFor();
        }
        assertTrue(checkContiguousAndIntact()[0] >= before[0] + 1000);
    }

    private Process startWriter(final String... extraArgs) throws Exception
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
        command.add(RecoveryWriterMain.class.getName());
        command.add(dir.toString());
        command.addAll(Arrays.asList(extraArgs));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private void waitUntilWritten(final long count)
    {
        while (!java.nio.file.Files.exists(dir.resolve("in")) || !hasQueueFile())
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        try (Journal journal = Journal.open(new JournalContext().journalDir(dir).pretouch(false).readOnly(true));
            JournalReader reader = journal.reader(JournalStream.IN))
        {
            long read = 0;
            while (read < count)
            {
                final int polled = reader.poll((i, b, o, l) -> { }, 10_000);
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
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir.resolve("in")))
        {
            return files.anyMatch((p) -> p.toString().endsWith(".cq4"));
        }
        catch (final java.io.IOException ex)
        {
            return false;
        }
    }

    private long lastIndexReadBackward()
    {
        final long[] first = {-1};
        try (Journal journal = Journal.open(new JournalContext().journalDir(dir).pretouch(false).readOnly(true));
            JournalReader reader = journal.reader(JournalStream.IN))
        {
            reader.fromEndBackward();
            final MarketDataCommandDecoder decoder = new MarketDataCommandDecoder();
            assertEquals(1, reader.poll((index, b, o, l) ->
            {
                decoder.wrap(b, o + JournalSchema.HEADER_LENGTH, JournalSchema.blockLength(b, o),
                    JournalSchema.version(b, o));
                assertTrue(RecoveryWriterMain.isIntact(decoder, decoder.timestampNs()), "the last excerpt is damaged");
                first[0] = index;
            }, 1));
        }
        return first[0];
    }

    private long[] checkContiguousAndIntact()
    {
        final MarketDataCommandDecoder decoder = new MarketDataCommandDecoder();
        final long[] next = new long[]{ 0, -1 };
        try (Journal journal = Journal.open(new JournalContext().journalDir(dir).pretouch(false).readOnly(true));
            JournalReader reader = journal.reader(JournalStream.IN))
        {
            while (reader.poll((index, b, o, l) ->
            {
                decoder.wrap(b, o + JournalSchema.HEADER_LENGTH, JournalSchema.blockLength(b, o),
                    JournalSchema.version(b, o));
                assertTrue(RecoveryWriterMain.isIntact(decoder, next[0]), "record " + next[0] + " is damaged");
                if (next[1] >= 0)
                {
                    assertEquals(next[1] + 1, index, "journal indexes are not contiguous");
                }
                next[0]++;
                next[1] = index;
            }, 10_000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        return next;
    }
}
