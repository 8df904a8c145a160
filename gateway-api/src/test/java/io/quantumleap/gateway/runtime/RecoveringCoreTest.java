package io.quantumleap.gateway.runtime;

import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.KillSwitchMode;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.spi.EventSink;
import io.quantumleap.engine.spi.InputJournal;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalContext;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.read.JournalReader;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
    private static final long ACCOUNT = 1;

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
    void shouldSayHowFarALongReplayHasComeWhileItRuns() throws Exception
    {
        try (Journal journal = Journal.open(context()))
        {
            journal.inputJournal().append(commands.buffer(), 0, commands.equity(1, INFY, "INFY"));
            for (int i = 1; i < 10_000; i++)
            {
                journal.inputJournal().append(commands.buffer(), 0,
                    commands.tick(1_000 + i, INFY, TickMode.QUOTE, 150_000 + 5 * (i % 100), i, 149_000));
            }
        }
        final List<long[]> reports = new ArrayList<>();
        final List<long[]> none = new ArrayList<>();

        try (Journal journal = Journal.open(context()))
        {
            final long upTo = journal.lastIndex(JournalStream.IN);
            final RecoveringCore core = new RecoveringCore(journal, upTo, 0,
                (replayed, lastIndex, upToIndex, elapsedNs) ->
                    reports.add(new long[] {replayed, lastIndex, upToIndex, elapsedNs}));
            core.onCommand(upTo + 1, commands.buffer(), 0, newTick());
            assertNull(core.awaitRecovery());

            assertTrue(reports.size() >= 2, "reports " + reports.size());
            long replayedBefore = 0;
            long indexBefore = -1;
            for (final long[] report : reports)
            {
                assertTrue(report[0] > replayedBefore && report[0] < 10_000, "replayed " + report[0]);
                assertTrue(report[1] > indexBefore && report[1] < upTo, "index " + report[1]);
                assertEquals(upTo, report[2]);
                assertTrue(report[3] >= 0);
                replayedBefore = report[0];
                indexBefore = report[1];
            }
        }
        try (Journal journal = Journal.open(context()))
        {
            final long upTo = journal.lastIndex(JournalStream.IN);
            final RecoveringCore core = new RecoveringCore(journal, upTo, TimeUnit.HOURS.toNanos(1),
                (replayed, lastIndex, upToIndex, elapsedNs) -> none.add(new long[] {replayed}));
            core.onCommand(upTo + 1, commands.buffer(), 0, newTick());
            assertNull(core.awaitRecovery());
            assertEquals(0, none.size());
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

    @Test
    void shouldAppendToOutOnlyTheEventsThePreviousRunHadNotWritten() throws Exception
    {
        writeJournalWithOrdersAndAHalt();
        final List<byte[]> all = eventsOfAFreshCore(true);
        final List<byte[]> beforeTheNewTick = eventsOfAFreshCore(false);
        int cut = -1;
        for (int i = beforeTheNewTick.size() - 1; i > 1 && cut < 0; i--)
        {
            final long input = inputOf(beforeTheNewTick.get(i));
            if (input == inputOf(beforeTheNewTick.get(i - 1)) && input == inputOf(beforeTheNewTick.get(i - 2)))
            {
                cut = i;
            }
        }
        assertTrue(cut > 0, "no command of the journal made three events or more");

        try (Journal journal = Journal.open(context()))
        {
            final EventSink out = journal.eventSink();
            final UnsafeBuffer event = new UnsafeBuffer(0, 0);
            for (byte[] bytes : beforeTheNewTick.subList(0, cut))
            {
                event.wrap(bytes);
                out.onEvent(inputOf(bytes), event, 0, bytes.length);
            }
            out.endOfBatch();
        }
        try (Journal journal = Journal.open(context()))
        {
            final RecoveringCore core = new RecoveringCore(journal, journal.lastIndex(JournalStream.IN));
            core.onCommand(journal.lastIndex(JournalStream.IN) + 1, commands.buffer(), 0, newTick());
            assertNull(core.awaitRecovery());
        }

        final List<byte[]> journaled = new ArrayList<>();
        try (Journal journal = Journal.open(context()); JournalReader reader = journal.reader(JournalStream.OUT))
        {
            reader.toStart();
            while (reader.poll((index, buffer, offset, length) -> journaled.add(bytesOf(buffer, offset, length)),
                1000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        assertEquals(all.size(), journaled.size());
        for (int i = 0; i < all.size(); i++)
        {
            assertArrayEquals(all.get(i), journaled.get(i), "event " + i + " of 'out'");
        }
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

    private void writeJournalWithOrdersAndAHalt()
    {
        try (Journal journal = Journal.open(context()))
        {
            final InputJournal in = journal.inputJournal();
            in.append(commands.buffer(), 0, commands.equity(1, INFY, "INFY"));
            in.append(commands.buffer(), 0, commands.account(2, ACCOUNT, "AB1234"));
            in.append(commands.buffer(), 0, commands.tick(3, INFY, TickMode.QUOTE, 150_000, 10, 149_000));
            for (int order = 1; order <= 3; order++)
            {
                in.append(commands.buffer(), 0, commands.limit(10 * order, ACCOUNT, order, INFY, Side.BUY, 2,
                    149_000 + order * 100));
                in.append(commands.buffer(), 0,
                    commands.ack(10 * order + 1, ACCOUNT, order, BrokerRequestType.PLACE, "B" + order));
                in.append(commands.buffer(), 0, commands.orderUpdate(10 * order + 2, ACCOUNT, order, "B" + order,
                    OrderStatus.OPEN, INFY, Side.BUY, OrderType.LIMIT, Product.MIS, 2, 0, 149_000 + order * 100, 0,
                    0, 6));
            }
            in.append(commands.buffer(), 0, commands.killSwitch(40, ACCOUNT, KillSwitchMode.HALT));
            in.append(commands.buffer(), 0, commands.tick(41, INFY, TickMode.QUOTE, 150_500, 12, 149_000));
        }
    }

    private List<byte[]> eventsOfAFreshCore(final boolean withNewTick)
    {
        final List<byte[]> events = new ArrayList<>();
        final TradingCore core = new TradingCore((input, buffer, offset, length) ->
            events.add(bytesOf(buffer, offset, length)));
        final long[] last = {-1};
        try (Journal journal = Journal.open(context()); JournalReader reader = journal.reader(JournalStream.IN))
        {
            reader.toStart();
            while (reader.poll((index, buffer, offset, length) ->
            {
                core.onCommand(index, buffer, offset, length);
                last[0] = index;
            }, 1000) > 0)
            {
                Thread.onSpinWait();
            }
        }
        if (withNewTick)
        {
            final Commands own = new Commands();
            core.onCommand(last[0] + 1, own.buffer(), 0,
                own.tick(5_000, INFY, TickMode.QUOTE, 151_000, 5_000, 149_000));
        }
        return events;
    }

    private static long inputOf(final byte[] event)
    {
        return new UnsafeBuffer(event).getLong(MessageHeaderDecoder.ENCODED_LENGTH, ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] bytesOf(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
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
