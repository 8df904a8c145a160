package io.quantumleap.journal.replay;

import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.engine.protocol.FillEventDecoder;
import io.quantumleap.engine.protocol.InstrumentDefinitionCommandDecoder;
import io.quantumleap.engine.protocol.MarketDataCommandDecoder;
import io.quantumleap.engine.protocol.MarketUpdateEventDecoder;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalContext;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.RecordedSession;
import io.quantumleap.journal.schema.JournalSchema;
import io.quantumleap.journal.schema.MessageFields;
import org.agrona.concurrent.NanoClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.quantumleap.journal.RecordedSession.INFY;
import static io.quantumleap.journal.RecordedSession.RELIANCE;
import static io.quantumleap.journal.RecordedSession.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayTest
{
    @TempDir
    Path dir;

    private long stateHashAtMiddle;
    private long middleIndex;
    private long middleTimeNs;
    private long finalStateHash;

    @BeforeEach
    void record()
    {
        try (Journal journal = Journal.open(new JournalContext().journalDir(dir).pretouch(false)))
        {
            final RecordedSession session = new RecordedSession(journal).setUp().ticks(20)
                .buyAndFill(1, INFY, 10, 150_000);
            middleIndex = session.lastIndex();
            middleTimeNs = session.time();
            stateHashAtMiddle = session.core().stateHash();
            session.ticks(20).buyAndFill(2, RELIANCE, 5, 250_000).ticks(10);
            finalStateHash = session.core().stateHash();
        }
    }

    private Journal open()
    {
        return Journal.open(new JournalContext().journalDir(dir).readOnly(true));
    }

    @Test
    void shouldHandOnlyTheChosenInstrumentAndMessageTypeToTheHandler()
    {
        try (Journal journal = open())
        {
            final List<Long> tokens = new ArrayList<>();
            final ReplayResult result = Replay.of(journal).instrument(RELIANCE)
                .templates(MarketDataCommandDecoder.TEMPLATE_ID)
                .into((index, buffer, offset, length) -> tokens.add(MessageFields.instrumentToken(buffer, offset)))
                .run();
            assertEquals(26, tokens.size());
            assertTrue(tokens.stream().allMatch((token) -> token == RELIANCE));
            assertEquals(journal.excerptCount(JournalStream.IN), result.excerptsRead());
            assertEquals(26, result.messagesDelivered());
        }
    }

    @Test
    void shouldHandTrackedMessagesOfTheChosenInstrumentFromTheJournalsStartWhereverTheRangeStarts()
    {
        try (Journal journal = open())
        {
            final List<Long> tracked = new ArrayList<>();
            final List<Long> delivered = new ArrayList<>();
            Replay.of(journal).fromIndex(middleIndex).instrument(RELIANCE).templates(FillEventDecoder.TEMPLATE_ID,
                MarketDataCommandDecoder.TEMPLATE_ID)
                .tracking((index, buffer, offset, length) -> tracked.add(index),
                    InstrumentDefinitionCommandDecoder.TEMPLATE_ID)
                .into((index, buffer, offset, length) -> delivered.add(index)).run();
            assertEquals(1, tracked.size());
            assertTrue(tracked.get(0) < middleIndex, tracked.toString());
            assertEquals(RELIANCE, tokenAt(journal, tracked.get(0)));
            assertEquals(15, delivered.size());
            assertTrue(delivered.stream().allMatch((index) -> index >= middleIndex), delivered.toString());
        }
    }

    private static long tokenAt(final Journal journal, final long index)
    {
        final long[] token = {-1};
        Replay.of(journal).fromIndex(index).toIndex(index)
            .into((i, buffer, offset, length) -> token[0] = MessageFields.instrumentToken(buffer, offset)).run();
        return token[0];
    }

    @Test
    void shouldReplayTheRecordedEventsBetweenTwoIndexes()
    {
        try (Journal journal = open())
        {
            final long first = journal.firstIndex(JournalStream.OUT);
            final List<Long> indexes = new ArrayList<>();
            Replay.of(journal).stream(JournalStream.OUT).fromIndex(first + 3).toIndex(first + 7)
                .into((index, buffer, offset, length) -> indexes.add(index)).run();
            assertEquals(List.of(first + 3, first + 4, first + 5, first + 6, first + 7), indexes);
        }
    }

    @Test
    void shouldReplayTheCommandsRecordedBetweenTwoTimes()
    {
        try (Journal journal = open())
        {
            final List<Long> times = new ArrayList<>();
            Replay.of(journal).fromTimeNs(RecordedSession.T0 + 3 * SECOND).toTimeNs(RecordedSession.T0 + 6 * SECOND)
                .into((index, buffer, offset, length) -> times.add(MessageFields.timestampNs(buffer, offset))).run();
            assertEquals(List.of(RecordedSession.T0 + 3 * SECOND, RecordedSession.T0 + 4 * SECOND,
                RecordedSession.T0 + 5 * SECOND, RecordedSession.T0 + 6 * SECOND), times);
        }
    }

    @Test
    void shouldStartATimeRangeAtItsTimeWhicheverCommandsComeBeforeIt(@TempDir final Path other)
    {
        try (Journal journal = Journal.open(new JournalContext().journalDir(other).pretouch(false)))
        {
            new RecordedSession(journal).setUp().emptyOrderBook().ticks(10);
        }
        try (Journal journal = Journal.open(new JournalContext().journalDir(other).readOnly(true)))
        {
            final List<Long> times = new ArrayList<>();
            Replay.of(journal).fromTimeNs(RecordedSession.T0 + 5 * SECOND)
                .into((index, buffer, offset, length) -> times.add(MessageFields.timestampNs(buffer, offset))).run();
            assertEquals(List.of(RecordedSession.T0 + 5 * SECOND, RecordedSession.T0 + 6 * SECOND,
                RecordedSession.T0 + 7 * SECOND, RecordedSession.T0 + 8 * SECOND, RecordedSession.T0 + 9 * SECOND,
                RecordedSession.T0 + 10 * SECOND, RecordedSession.T0 + 11 * SECOND, RecordedSession.T0 + 12 * SECOND,
                RecordedSession.T0 + 13 * SECOND), times);
        }
    }

    @Test
    void shouldKnowEveryMessageOfTheSchema() throws Exception
    {
        final String schema;
        try (java.io.InputStream in = TradingCore.class.getResourceAsStream("/sbe/quantumleap-schema.xml"))
        {
            schema = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        final java.util.regex.Matcher message =
            java.util.regex.Pattern.compile("<sbe:message name=\"(\\w+)\" id=\"(\\d+)\"").matcher(schema);
        int messages = 0;
        while (message.find())
        {
            messages++;
            assertEquals(message.group(1), MessageFields.name(Integer.parseInt(message.group(2))));
        }
        assertTrue(messages > 20, "messages in the schema: " + messages);
    }

    @Test
    void shouldRebuildTheCoreAsItWasAtAnIndex()
    {
        try (Journal journal = open())
        {
            final TradingCore[] core = new TradingCore[1];
            final ReplayResult result = Replay.of(journal).toIndex(middleIndex)
                .intoFreshCore((sink) -> core[0] = new TradingCore(sink), null).run();
            assertEquals(stateHashAtMiddle, core[0].stateHash());
            assertEquals(middleIndex, result.lastIndex());
        }
    }

    @Test
    void shouldRebuildTheCoreAsItWasAtATimeAndHandOverItsFillsInTheRange()
    {
        try (Journal journal = open())
        {
            final TradingCore[] core = new TradingCore[1];
            final List<Long> fillTokens = new ArrayList<>();
            Replay.of(journal).toTimeNs(middleTimeNs).templates(FillEventDecoder.TEMPLATE_ID)
                .intoFreshCore((sink) -> core[0] = new TradingCore(sink),
                    (sequence, buffer, offset, length) -> fillTokens.add(MessageFields.instrumentToken(buffer, offset)))
                .run();
            assertEquals(stateHashAtMiddle, core[0].stateHash());
            assertEquals(List.of(INFY), fillTokens);
        }
    }

    @Test
    void shouldHandOverOnlyEventsOfCommandsInsideTheRangeWhileTheCoreSeesEverything()
    {
        try (Journal journal = open())
        {
            final TradingCore[] core = new TradingCore[1];
            final List<Long> sequences = new ArrayList<>();
            Replay.of(journal).fromIndex(middleIndex + 1).templates(MarketUpdateEventDecoder.TEMPLATE_ID)
                .intoFreshCore((sink) -> core[0] = new TradingCore(sink),
                    (sequence, buffer, offset, length) -> sequences.add(sequence)).run();
            assertEquals(finalStateHash, core[0].stateHash());
            assertEquals(30, sequences.size());
            assertTrue(sequences.stream().allMatch((sequence) -> sequence > middleIndex));
        }
    }

    @Test
    void shouldReleaseMessagesAtTheirRecordedPaceSpedUpTenTimes()
    {
        final long[] nowNs = new long[1];
        final NanoClock clock = () -> nowNs[0];
        final List<Long> releasedAtNs = new ArrayList<>();
        final Pacer pacer = new Pacer(10_000, clock)
        {
            @Override
            protected void park(final long nanos)
            {
                nowNs[0] += nanos;
            }
        };
        try (Journal journal = open())
        {
            Replay.of(journal).fromTimeNs(RecordedSession.T0 + SECOND).toTimeNs(RecordedSession.T0 + 5 * SECOND)
                .pace(pacer).into((index, buffer, offset, length) -> releasedAtNs.add(nowNs[0])).run();
        }
        assertEquals(List.of(0L, SECOND / 10, 2 * SECOND / 10, 3 * SECOND / 10, 4 * SECOND / 10), releasedAtNs);
    }

    @Test
    void shouldReadTimestampsOfEveryCommandAtTheSameOffset()
    {
        for (final String name : MessageFields.names())
        {
            final int templateId = MessageFields.templateIdOf(name);
            final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(new byte[1024]);
            buffer.putShort(0, (short)512, java.nio.ByteOrder.LITTLE_ENDIAN);
            buffer.putShort(2, (short)templateId, java.nio.ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(JournalSchema.HEADER_LENGTH + (templateId < 100 ? 0 : 8), 77L,
                java.nio.ByteOrder.LITTLE_ENDIAN);
            assertEquals(77L, MessageFields.timestampNs(buffer, 0), name);
        }
    }
}
