package io.quantumleap.journal;

import io.quantumleap.engine.protocol.TimerCommandDecoder;
import io.quantumleap.engine.spi.InputJournal;
import io.quantumleap.journal.read.ExcerptHandler;
import io.quantumleap.journal.read.JournalReader;
import io.quantumleap.journal.schema.JournalMetadata;
import io.quantumleap.journal.schema.JournalSchema;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalTest
{
    @TempDir
    Path dir;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private long nowMs = Instant.parse("2026-11-30T04:00:00Z").toEpochMilli();

    private JournalContext context()
    {
        return new JournalContext().journalDir(dir).pretouch(false).epochClock(() -> nowMs);
    }

    private static byte[] copy(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    @Test
    void shouldReturnIncreasingIndexesAndReadBackTheSameBytes()
    {
        final List<byte[]> written = new ArrayList<>();
        final List<Long> indexes = new ArrayList<>();
        try (Journal journal = Journal.open(context()))
        {
            final InputJournal in = journal.inputJournal();
            assertEquals(-1, in.lastIndex());
            for (int i = 0; i < 100; i++)
            {
                final int length = i % 2 == 0 ?
                    TestMessages.timer(buffer, i, i) : TestMessages.marketData(buffer, i, 256265, 100_00 + i);
                written.add(copy(buffer, 0, length));
                indexes.add(in.append(buffer, 0, length));
            }
            assertEquals(indexes.get(99), in.lastIndex());

            final List<byte[]> read = new ArrayList<>();
            final List<Long> readIndexes = new ArrayList<>();
            try (JournalReader reader = journal.reader(JournalStream.IN))
            {
                assertEquals(100, reader.poll((index, b, offset, length) ->
                {
                    readIndexes.add(index);
                    read.add(copy(b, offset, length));
                }, 1000));
                assertEquals(0, reader.poll((index, b, offset, length) -> read.add(null), 1000));
            }
            assertEquals(indexes, readIndexes);
            for (int i = 0; i < 100; i++)
            {
                assertArrayEquals(written.get(i), read.get(i));
                if (i > 0)
                {
                    assertEquals(indexes.get(i - 1) + 1, indexes.get(i));
                }
            }
        }
    }

    @Test
    void shouldResumeAppendingAfterTheLastIndexWhenReopened()
    {
        final long last;
        try (Journal journal = Journal.open(context()))
        {
            final InputJournal in = journal.inputJournal();
            for (int i = 0; i < 10; i++)
            {
                in.append(buffer, 0, TestMessages.timer(buffer, i, i));
            }
            last = in.lastIndex();
        }
        try (Journal journal = Journal.open(context()))
        {
            final InputJournal in = journal.inputJournal();
            assertEquals(last, in.lastIndex());
            assertEquals(last + 1, in.append(buffer, 0, TestMessages.timer(buffer, 10, 10)));
            assertEquals(11, journal.excerptCount(JournalStream.IN));
        }
    }

    @Test
    void shouldRollTheDailyFileAtSixAmIstAndNameItByTheTradingDate() throws Exception
    {
        try (Journal journal = Journal.open(context()))
        {
            final InputJournal in = journal.inputJournal();
            nowMs = Instant.parse("2026-11-30T00:29:59Z").toEpochMilli();
            final long beforeRoll = in.append(buffer, 0, TestMessages.timer(buffer, 1, 1));
            nowMs = Instant.parse("2026-11-30T00:30:00Z").toEpochMilli();
            final long afterRoll = in.append(buffer, 0, TestMessages.timer(buffer, 2, 2));
            nowMs = Instant.parse("2026-11-30T18:25:00Z").toEpochMilli();
            final long lateMcx = in.append(buffer, 0, TestMessages.timer(buffer, 3, 3));

            assertTrue(afterRoll > beforeRoll);
            assertEquals(afterRoll + 1, lateMcx);
            assertTrue(afterRoll >>> 32 > beforeRoll >>> 32);
        }
        try (Stream<Path> files = Files.list(dir.resolve("in")))
        {
            final List<String> names = files.map((p) -> p.getFileName().toString())
                .filter((n) -> n.endsWith(".cq4")).sorted().collect(Collectors.toList());
            assertEquals(List.of("20261129F.cq4", "20261130F.cq4"), names);
        }
    }

    @Test
    void shouldReadFromTheLastExcerptBackwardAcrossADayRoll()
    {
        final List<Long> written = new ArrayList<>();
        try (Journal journal = Journal.open(context()))
        {
            final InputJournal in = journal.inputJournal();
            for (int i = 0; i < 5; i++)
            {
                written.add(in.append(buffer, 0, TestMessages.timer(buffer, i, i)));
            }
            nowMs = Instant.parse("2026-12-01T04:00:00Z").toEpochMilli();
            for (int i = 5; i < 8; i++)
            {
                written.add(in.append(buffer, 0, TestMessages.timer(buffer, i, i)));
            }
        }
        try (Journal journal = Journal.open(context()); JournalReader reader = journal.reader(JournalStream.IN))
        {
            reader.fromEndBackward();
            final List<Long> indexes = new ArrayList<>();
            final List<Long> timers = new ArrayList<>();
            final TimerCommandDecoder decoder = new TimerCommandDecoder();
            final ExcerptHandler handler = (index, b, offset, length) ->
            {
                indexes.add(index);
                timers.add(decoder.wrap(b, offset + JournalSchema.HEADER_LENGTH, JournalSchema.blockLength(b, offset),
                    JournalSchema.version(b, offset)).timerId());
            };
            assertEquals(3, reader.poll(handler, 3));
            assertEquals(5, reader.poll(handler, 100));
            assertEquals(0, reader.poll((index, b, offset, length) -> indexes.add(-1L), 100));

            final List<Long> reversed = new ArrayList<>(written);
            Collections.reverse(reversed);
            assertEquals(reversed, indexes);
            assertEquals(List.of(7L, 6L, 5L, 4L, 3L, 2L, 1L, 0L), timers);
            assertTrue(written.get(5) >>> 32 > written.get(4) >>> 32);
        }
    }

    @Test
    void shouldRefuseAnExcerptWrittenWithANewerSchemaVersionInOneLine()
    {
        try (Journal journal = Journal.open(context()))
        {
            final int length = TestMessages.timer(buffer, 1, 1);
            buffer.putShort(6, (short)(JournalSchema.SCHEMA_VERSION + 1), java.nio.ByteOrder.LITTLE_ENDIAN);
            final long index = journal.inputJournal().append(buffer, 0, length);
            try (JournalReader reader = journal.reader(JournalStream.IN))
            {
                final JournalException ex = assertThrows(
                    JournalException.class, () -> reader.poll((i, b, o, l) -> { }, 10));
                assertEquals("journal 'in' at index " + index + " was written with schema version " +
                    (JournalSchema.SCHEMA_VERSION + 1) + ", newer than this build's " + JournalSchema.SCHEMA_VERSION +
                    ": read it with a newer qleap", ex.getMessage());
            }
        }
    }

    @Test
    void shouldReadAnExcerptWrittenWithAnOlderSchemaVersion()
    {
        try (Journal journal = Journal.open(context()))
        {
            final int length = TestMessages.timer(buffer, 5, 42);
            buffer.putShort(6, (short)0, java.nio.ByteOrder.LITTLE_ENDIAN);
            journal.inputJournal().append(buffer, 0, length);
            final long[] timerId = new long[1];
            try (JournalReader reader = journal.reader(JournalStream.IN))
            {
                assertEquals(1, reader.poll((i, b, o, l) ->
                {
                    final TimerCommandDecoder decoder = new TimerCommandDecoder();
                    decoder.wrap(b, o + JournalSchema.HEADER_LENGTH, JournalSchema.blockLength(b, o),
                        JournalSchema.version(b, o));
                    timerId[0] = decoder.timerId();
                }, 10));
            }
            assertEquals(42, timerId[0]);
        }
    }

    @Test
    void shouldRefuseToAppendBytesThatAreNotAQuantumLeapMessage()
    {
        try (Journal journal = Journal.open(context()))
        {
            final int length = TestMessages.timer(buffer, 1, 1);
            buffer.putShort(4, (short)99, java.nio.ByteOrder.LITTLE_ENDIAN);
            final IllegalArgumentException ex = assertThrows(
                IllegalArgumentException.class, () -> journal.inputJournal().append(buffer, 0, length));
            assertTrue(ex.getMessage().contains("schemaId must be " + JournalSchema.SCHEMA_ID), ex.getMessage());
            assertEquals(-1, journal.inputJournal().lastIndex());
        }
    }

    @Test
    void shouldSayInOneLineThatThereIsNoJournalWhenReadingAMissingDirectory()
    {
        final JournalException ex = assertThrows(JournalException.class,
            () -> Journal.open(context().journalDir(dir.resolve("nowhere")).readOnly(true)));
        assertTrue(ex.getMessage().startsWith("no journal at "), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"));
    }

    @Test
    void shouldRefuseAJournalWhoseMetadataSaysANewerSchemaVersion()
    {
        try (Journal journal = Journal.open(context()))
        {
            journal.inputJournal().append(buffer, 0, TestMessages.timer(buffer, 1, 1));
        }
        new JournalMetadata(JournalSchema.SCHEMA_ID, JournalSchema.SCHEMA_VERSION + 1, "9.9.9").write(dir);
        final JournalException ex = assertThrows(JournalException.class, () -> Journal.open(context().readOnly(true)));
        assertTrue(ex.getMessage().contains("newer than this build's"), ex.getMessage());
        assertTrue(ex.getMessage().contains("engine 9.9.9"), ex.getMessage());
    }

    @Test
    void shouldWriteTheSchemaOfTheJournalIntoItsMetadata()
    {
        Journal.open(context()).close();
        assertEquals(JournalMetadata.current(), JournalMetadata.read(dir));
    }

    @Test
    void shouldHandTheSameExcerptAgainWhenTheHandlerThrows()
    {
        try (Journal journal = Journal.open(context()))
        {
            final long first = journal.inputJournal().append(buffer, 0, TestMessages.timer(buffer, 1, 1));
            journal.inputJournal().append(buffer, 0, TestMessages.timer(buffer, 2, 2));
            try (JournalReader reader = journal.reader(JournalStream.IN))
            {
                assertThrows(IllegalStateException.class, () -> reader.poll((i, b, o, l) ->
                {
                    throw new IllegalStateException("database down");
                }, 10));
                final List<Long> seen = new ArrayList<>();
                assertEquals(2, reader.poll((i, b, o, l) -> seen.add(i), 10));
                assertEquals(List.of(first, first + 1), seen);
            }
        }
    }

    @Test
    void shouldResumeReadingAfterTheLastAppliedIndexAndSeeLiveAppends()
    {
        try (Journal journal = Journal.open(context()))
        {
            final EventSinkAppender out = new EventSinkAppender(journal);
            final long second;
            out.append(1);
            second = journal.lastIndex(JournalStream.OUT) + 1;
            out.append(2);
            try (JournalReader reader = journal.reader(JournalStream.OUT))
            {
                final List<Long> seen = new ArrayList<>();
                assertTrue(reader.moveAfter(second - 1));
                assertEquals(1, reader.poll((i, b, o, l) -> seen.add(i), 10));
                assertEquals(0, reader.poll((i, b, o, l) -> seen.add(i), 10));
                out.append(3);
                assertEquals(1, reader.poll((i, b, o, l) -> seen.add(i), 10));
                assertEquals(List.of(second, second + 1), seen);
                assertEquals(second + 1, reader.lastReadIndex());
            }
        }
    }

    @Test
    void shouldKeepEveryAppendWhenSyncingInGroups()
    {
        try (Journal journal = Journal.open(context().durability(Durability.GROUP_FSYNC).groupCommitMaxMessages(3)))
        {
            final InputJournal in = journal.inputJournal();
            for (int i = 0; i < 10; i++)
            {
                in.append(buffer, 0, TestMessages.timer(buffer, i, i));
            }
            in.endOfBatch();
            assertEquals(10, journal.excerptCount(JournalStream.IN));
        }
    }

    private final class EventSinkAppender
    {
        private final Journal journal;

        EventSinkAppender(final Journal journal)
        {
            this.journal = journal;
        }

        void append(final long inputSequence)
        {
            final int length = TestMessages.marketUpdate(buffer, inputSequence, inputSequence, 256265, 100);
            journal.eventSink().onEvent(inputSequence, buffer, 0, length);
        }
    }

    @Test
    void shouldStopWithAClearErrorAtAnExcerptWhoseLengthWasOverwritten() throws Exception
    {
        final long headerPosition;
        try (Journal journal = Journal.open(context()))
        {
            for (int i = 0; i < 100; i++)
            {
                journal.inputJournal().append(buffer, 0, TestMessages.timer(buffer, i, i));
            }
        }
        try (net.openhft.chronicle.queue.impl.single.SingleChronicleQueue queue =
            net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder.binary(dir.resolve("in"))
                .readOnly(true).build();
            net.openhft.chronicle.queue.ExcerptTailer tailer = queue.createTailer())
        {
            for (int i = 0; i < 50; i++)
            {
                try (net.openhft.chronicle.wire.DocumentContext dc = tailer.readingDocument())
                {
                    assertTrue(dc.isPresent());
                }
            }
            try (net.openhft.chronicle.wire.DocumentContext dc = tailer.readingDocument())
            {
                headerPosition = dc.wire().bytes().readPosition() - 4;
            }
        }
        final Path file;
        try (Stream<Path> files = Files.list(dir.resolve("in")))
        {
            file = files.filter((p) -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(
            file, java.nio.file.StandardOpenOption.WRITE))
        {
            channel.write(java.nio.ByteBuffer.wrap(new byte[]{ 0x5a, 0x5a, 0x5a, 0x1a }), headerPosition);
        }

        try (Journal journal = Journal.open(context().readOnly(true));
            JournalReader reader = journal.reader(JournalStream.IN))
        {
            final List<Long> read = new ArrayList<>();
            final JournalException ex = assertThrows(JournalException.class, () ->
            {
                while (reader.poll((i, b, o, l) -> read.add(i), 10) > 0)
                {
                    Thread.onSpinWait();
                }
            });
            assertEquals(50, read.size());
            assertTrue(ex.getMessage().startsWith("journal 'in' is corrupt at index "), ex.getMessage());
        }
    }
}
