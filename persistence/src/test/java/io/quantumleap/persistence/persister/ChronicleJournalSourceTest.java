package io.quantumleap.persistence.persister;

import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.spi.EventSink;
import io.quantumleap.engine.spi.InputJournal;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalContext;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.support.Sql;
import io.quantumleap.persistence.support.TestDatabase;
import io.quantumleap.persistence.support.TestMessages;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.quantumleap.persistence.support.TestMessages.T0_NS;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ChronicleJournalSourceTest
{
    @TempDir
    Path dir;

    private final TestMessages messages = new TestMessages();
    private final long nowMs = Instant.parse("2026-11-30T04:00:00Z").toEpochMilli();
    private Database db;
    private Journal journal;

    @BeforeEach
    void before()
    {
        db = TestDatabase.freshSchema();
        journal = Journal.open(new JournalContext().journalDir(dir).pretouch(false).epochClock(() -> nowMs));
    }

    @AfterEach
    void after()
    {
        journal.close();
        db.close();
    }

    private static long append(final InputJournal in, final byte[] message)
    {
        return in.append(new UnsafeBuffer(message), 0, message.length);
    }

    private static void emit(final EventSink sink, final byte[] message)
    {
        sink.onEvent(1, new UnsafeBuffer(message), 0, message.length);
    }

    private Persister persister(final ChronicleJournalSource in, final ChronicleJournalSource out)
    {
        return new Persister(new PersisterContext()
            .dataSource(db.dataSource())
            .inSource(in)
            .outSource(out)
            .batchSize(256)
            .tickPolicy(TickPolicy.ALL));
    }

    private static void drain(final Persister persister)
    {
        for (int i = 0; i < 10_000; i++)
        {
            if (0 == persister.doWork())
            {
                return;
            }
        }
        throw new IllegalStateException("persister did not go idle");
    }

    @Test
    void shouldPersistBothQueuesOfTheChronicleJournalExactlyOnceAcrossRestarts()
    {
        final InputJournal in = journal.inputJournal();
        final EventSink out = journal.eventSink();
        final List<Long> tickIndexes = new ArrayList<>();
        for (int i = 0; i < 1_000; i++)
        {
            tickIndexes.add(append(in, messages.tick(T0_NS + i, 10 + i % 3, 1_000 + i, i)));
        }
        emit(out, messages.order(T0_NS, 3, 1, "", OrderStatus.PENDING_RISK, 5, 0));
        emit(out, messages.fill(T0_NS, 3, 1, "B1", "T1", 5));
        in.endOfBatch();
        out.endOfBatch();

        try (ChronicleJournalSource inSource = new ChronicleJournalSource(journal, JournalStream.IN);
            ChronicleJournalSource outSource = new ChronicleJournalSource(journal, JournalStream.OUT))
        {
            final Persister persister = persister(inSource, outSource);
            drain(persister);
            persister.doWork();
            assertEquals(0, persister.metrics("in").lagEvents());
        }
        for (int i = 1_000; i < 1_500; i++)
        {
            tickIndexes.add(append(in, messages.tick(T0_NS + i, 10 + i % 3, 1_000 + i, i)));
        }
        emit(out, messages.fill(T0_NS, 3, 1, "B1", "T2", 5));
        in.endOfBatch();
        out.endOfBatch();

        try (ChronicleJournalSource inSource = new ChronicleJournalSource(journal, JournalStream.IN);
            ChronicleJournalSource outSource = new ChronicleJournalSource(journal, JournalStream.OUT))
        {
            final Persister persister = persister(inSource, outSource);
            persister.doWork();
            assertEquals(500 - 256, persister.metrics("in").lagEvents());
            drain(persister);
        }

        assertEquals(tickIndexes,
            Sql.longs(db.dataSource(), "SELECT journal_index FROM market_data ORDER BY journal_index"));
        assertEquals(List.of("T1", "T2"),
            Sql.strings(db.dataSource(), "SELECT trade_id FROM trades ORDER BY trade_id"));
        assertEquals(journal.lastIndex(JournalStream.OUT), Sql.count(db.dataSource(),
            "SELECT last_index FROM journal_checkpoints WHERE queue = 'out'"));
    }
}
