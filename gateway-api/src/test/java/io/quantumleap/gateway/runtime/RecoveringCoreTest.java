package io.quantumleap.gateway.runtime;

import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.spi.EventSink;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalContext;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.read.JournalReader;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecoveringCoreTest
{
    private static final int COMMANDS = 100;
    private static final int DAMAGED_AT = 50;
    private static final long INFY = 408065;

    @TempDir
    Path dir;

    private static final EventSink NONE = (inputSequence, buffer, offset, length) -> { };

    private final Commands commands = new Commands();

    @Test
    void shouldReplayAnIntactJournalBeforeTheFirstNewCommand() throws Exception
    {
        writeJournal();
        final long replayedAll = hashAfter(COMMANDS, true);

        try (Journal journal = Journal.open(context()))
        {
            final RecoveringCore core = new RecoveringCore(journal, journal.lastIndex(JournalStream.IN));
            core.onCommand(journal.lastIndex(JournalStream.IN) + 1, commands.buffer(), 0, newTick());

            assertNull(core.awaitRecovery());
            assertEquals(replayedAll, core.core().stateHash());
        }
    }

    @Test
    void shouldHandleNoCommandWhenTheJournalStopsReadingBeforeWhereThePreviousRunStopped() throws Exception
    {
        writeJournal();
        final long readable = hashAfter(DAMAGED_AT, false);
        damageHeaderOf(DAMAGED_AT, new byte[] {(byte)0xFF, (byte)0xFF, (byte)0xFF, (byte)0xFF});

        assertRefused(readable, "the 'in' journal reads only up to index ", "#" + (DAMAGED_AT - 1) + "), but");
    }

    @Test
    void shouldHandleNoCommandWhenAnExcerptOfTheJournalNoLongerReads() throws Exception
    {
        writeJournal();
        final long readable = hashAfter(DAMAGED_AT, false);
        damageHeaderOf(DAMAGED_AT, new byte[] {0x5a, 0x5a, 0x5a, 0x1a});

        assertRefused(readable, "journal 'in' is corrupt at index ", "restore the journal folder from a copy");
    }

    private void assertRefused(final long readableHash, final String start, final String also) throws Exception
    {
        try (Journal journal = Journal.open(context()))
        {
            final RecoveringCore core = new RecoveringCore(journal, journal.lastIndex(JournalStream.IN));

            core.onCommand(journal.lastIndex(JournalStream.IN) + 1, commands.buffer(), 0, newTick());
            final String damage = core.awaitRecovery();
            core.onCommand(journal.lastIndex(JournalStream.IN) + 2, commands.buffer(), 0, newTick());

            assertNotNull(damage);
            assertTrue(damage.startsWith(start), damage);
            assertTrue(damage.contains(also), damage);
            assertTrue(damage.contains("handles no command"), damage);
            assertEquals(readableHash, core.core().stateHash());
            assertNotEquals(new TradingCore(NONE).stateHash(), core.core().stateHash());
        }
    }

    private int newTick()
    {
        return commands.tick(5_000, INFY, TickMode.QUOTE, 151_000, 5_000, 149_000);
    }

    private void writeJournal()
    {
        try (Journal journal = Journal.open(context()))
        {
            journal.inputJournal().append(commands.buffer(), 0, commands.equity(1, INFY, "INFY"));
            for (int i = 1; i < COMMANDS; i++)
            {
                journal.inputJournal().append(commands.buffer(), 0,
                    commands.tick(1_000 + i, INFY, TickMode.QUOTE, 150_000 + 5 * i, i, 149_000));
            }
        }
    }

    private long hashAfter(final int count, final boolean withNewTick)
    {
        final TradingCore core = new TradingCore(NONE);
        final long[] last = {-1};
        try (Journal journal = Journal.open(context()); JournalReader reader = journal.reader(JournalStream.IN))
        {
            reader.toStart();
            final int[] read = {0};
            while (read[0] < count && reader.poll((index, buffer, offset, length) ->
            {
                if (read[0] < count)
                {
                    core.onCommand(index, buffer, offset, length);
                    last[0] = index;
                    read[0]++;
                }
            }, count) > 0)
            {
                Thread.onSpinWait();
            }
            assertEquals(count, read[0]);
        }
        if (withNewTick)
        {
            final Commands own = new Commands();
            core.onCommand(last[0] + 1, own.buffer(), 0,
                own.tick(5_000, INFY, TickMode.QUOTE, 151_000, 5_000, 149_000));
        }
        return core.stateHash();
    }

    private void damageHeaderOf(final int excerpt, final byte[] header) throws Exception
    {
        final long position;
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir.resolve("in")).readOnly(true).build();
            ExcerptTailer tailer = queue.createTailer())
        {
            for (int i = 0; i < excerpt; i++)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    assertTrue(dc.isPresent());
                }
            }
            try (DocumentContext dc = tailer.readingDocument())
            {
                position = dc.wire().bytes().readPosition() - 4;
            }
        }
        final Path file;
        try (Stream<Path> files = Files.list(dir.resolve("in")))
        {
            file = files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.wrap(header), position);
        }
    }

    private JournalContext context()
    {
        return new JournalContext().journalDir(dir).pretouch(false);
    }
}
