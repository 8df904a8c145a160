package io.quantumleap.journal.internal;

import io.quantumleap.journal.Durability;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.TestMessages;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PretoucherTest
{
    private static final long AHEAD = 256 << 10;

    @TempDir
    Path dir;

    private final AtomicLong nowMs = new AtomicLong(Instant.parse("2026-11-30T04:00:00Z").toEpochMilli());
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);

    @Test
    void shouldKeepThePagesAheadOfTheWriterTouchedWithoutChangingTheJournal() throws IOException
    {
        try (SingleChronicleQueue queue = queue();
            Pretoucher pretoucher = new Pretoucher(1, AHEAD))
        {
            final ExcerptWriter writer = pretoucher.register(writer(queue));
            pretoucher.start();
            assertEquals(-1, pretoucher.touchedUpTo(writer));
            final byte[][] written = new byte[20_000][];
            for (int i = 0; i < written.length; i++)
            {
                final int length = TestMessages.marketData(buffer, i, 256 + (i % 50), 100_000 + i);
                written[i] = new byte[length];
                buffer.getBytes(0, written[i]);
                writer.append(buffer, 0, length);
                if (i == 10_000)
                {
                    awaitTouchedAhead(pretoucher, writer);
                }
            }
            awaitTouchedAhead(pretoucher, writer);
            final File file = writer.mappedFile().file();
            final long position = writer.writtenUpTo();
            assertTrue(position > 3 * AHEAD, "wrote " + position + " bytes, several look-ahead windows");
            assertTrue(pretoucher.touchedUpTo(writer) > position + AHEAD / 2);

            assertAllZeroFrom(file, position + 8);
            try (ExcerptTailer tailer = queue.createTailer())
            {
                for (final byte[] expected : written)
                {
                    try (DocumentContext dc = tailer.readingDocument())
                    {
                        assertTrue(dc.isPresent());
                        final Bytes<?> bytes = dc.wire().bytes();
                        final byte[] actual = new byte[(int)bytes.readRemaining()];
                        bytes.read(actual);
                        assertArrayEquals(expected, actual);
                    }
                }
                try (DocumentContext dc = tailer.readingDocument())
                {
                    assertFalse(dc.isPresent());
                }
            }
        }
    }

    @Test
    void shouldFollowTheWriterIntoTheNextDaysFile()
    {
        try (SingleChronicleQueue queue = queue();
            Pretoucher pretoucher = new Pretoucher(1, AHEAD))
        {
            final ExcerptWriter writer = pretoucher.register(writer(queue));
            pretoucher.start();
            for (int i = 0; i < 5_000; i++)
            {
                writer.append(buffer, 0, TestMessages.marketData(buffer, i, 256, 100_000 + i));
            }
            awaitTouchedAhead(pretoucher, writer);
            final File firstDay = writer.mappedFile().file();

            nowMs.addAndGet(TimeUnit.DAYS.toMillis(1));
            writer.append(buffer, 0, TestMessages.timer(buffer, 1, 1));

            assertNotEquals(firstDay, writer.mappedFile().file());
            assertTrue(writer.writtenUpTo() < AHEAD, "the new file starts again near 0");
            awaitTouchedAhead(pretoucher, writer);
        }
    }

    @Test
    void shouldPublishNothingForAPretoucherWhenPretouchingIsOff()
    {
        try (SingleChronicleQueue queue = queue())
        {
            final ExcerptWriter writer =
                new ExcerptWriter(JournalStream.IN, queue, Durability.PAGE_CACHE, 256, false);
            writer.append(buffer, 0, TestMessages.timer(buffer, 1, 1));
            assertNull(writer.mappedFile());
            assertEquals(0, writer.writtenUpTo());
            writer.close();
        }
    }

    @Test
    void shouldRefuseToReportAWriterItWasNeverGiven()
    {
        try (SingleChronicleQueue queue = queue();
            Pretoucher pretoucher = new Pretoucher(1, AHEAD))
        {
            final ExcerptWriter stranger =
                new ExcerptWriter(JournalStream.OUT, queue, Durability.PAGE_CACHE, 256, true);
            assertThrows(IllegalArgumentException.class, () -> pretoucher.touchedUpTo(stranger));
        }
    }

    @Test
    void shouldTouchAgainThePagesWritebackCleanedSoTheWriterTakesNoFaultOnThem() throws IOException
    {
        try (SingleChronicleQueue queue = queue();
            Pretoucher pretoucher = new Pretoucher(1, AHEAD))
        {
            final ExcerptWriter writer = pretoucher.register(writer(queue));
            pretoucher.start();
            final int length = TestMessages.marketData(buffer, 1, 300, 100_000);
            for (int i = 0; i < 5_000; i++)
            {
                writer.append(buffer, 0, length);
            }
            awaitTouchedAhead(pretoucher, writer);
            try (FileChannel channel = FileChannel.open(writer.mappedFile().file().toPath(), StandardOpenOption.WRITE))
            {
                channel.force(false);
            }
            final long passes = pretoucher.passes();
            await(() -> pretoucher.passes() >= passes + 2, () -> "no pass after the file was written back");

            final int pages = 32;
            final int appends = pages * Pretoucher.PAGE_SIZE / length + 1;
            final long faultsBefore = minorFaultsOfThisThread();
            for (int i = 0; i < appends; i++)
            {
                writer.append(buffer, 0, length);
            }
            final long faults = minorFaultsOfThisThread() - faultsBefore;

            assertTrue(faults < pages / 2, appends + " appends over " + pages + " pages written back beforehand took " +
                faults + " page faults (the queue's header and index pages, also written back, and reading them " +
                "take a few; a fault on every page would be " + pages + " more)");
        }
    }

    private SingleChronicleQueue queue()
    {
        return SingleChronicleQueueBuilder.binary(dir.resolve("q").toFile())
            .rollCycle(RollCycles.FAST_DAILY)
            .timeProvider(nowMs::get)
            .blockSize(1 << 20)
            .build();
    }

    private static ExcerptWriter writer(final SingleChronicleQueue queue)
    {
        return new ExcerptWriter(JournalStream.IN, queue, Durability.PAGE_CACHE, 256, true);
    }

    private static void awaitTouchedAhead(final Pretoucher pretoucher, final ExcerptWriter writer)
    {
        final File file = writer.mappedFile().file();
        final long expected = (writer.writtenUpTo() + AHEAD) & -Pretoucher.PAGE_SIZE;
        await(() -> pretoucher.touchedUpTo(writer) == expected,
            () -> "touched up to " + pretoucher.touchedUpTo(writer) + " of " + file + ", expected " + expected);
    }

    private static void await(final BooleanSupplier condition, final java.util.function.Supplier<String> message)
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError(message.get());
            }
            Thread.onSpinWait();
        }
    }

    private static long minorFaultsOfThisThread() throws IOException
    {
        final String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
    }

    private static void assertAllZeroFrom(final File file, final long from) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file, "r"))
        {
            final byte[] chunk = new byte[64 << 10];
            raf.seek(from);
            long offset = from;
            int read;
            while ((read = raf.read(chunk)) > 0)
            {
                for (int i = 0; i < read; i++)
                {
                    if (chunk[i] != 0)
                    {
                        throw new AssertionError("byte " + (offset + i) + " of " + file + " is " + chunk[i]);
                    }
                }
                offset += read;
            }
        }
    }
}
