package io.quantumleap.persistence.persister;

import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.spi.EventSink;
import io.quantumleap.engine.spi.InputJournal;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalContext;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.support.InMemoryJournal;
import io.quantumleap.persistence.support.Sql;
import io.quantumleap.persistence.support.TestDatabase;
import io.quantumleap.persistence.support.TestMessages;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.quantumleap.persistence.support.TestMessages.T0_NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersisterCrashTest
{
    @TempDir
    Path dir;

    private final TestMessages messages = new TestMessages();
    private Database db;

    @BeforeEach
    void before()
    {
        db = TestDatabase.freshSchema();
    }

    @AfterEach
    void after()
    {
        db.close();
    }

    private static void drain(final Persister persister)
    {
        for (int i = 0; i < 100_000; i++)
        {
            if (0 == persister.doWork())
            {
                return;
            }
        }
        throw new IllegalStateException("persister did not go idle");
    }

    private static final class SimulatedCrash extends Error
    {
        private static final long serialVersionUID = 1L;

        SimulatedCrash()
        {
            super("persister thread killed between COPY and commit");
        }
    }

    @Test
    void shouldStoreEachMessageExactlyOnceWhenTheThreadDiesBetweenCopyAndCommit()
    {
        final InMemoryJournal in = new InMemoryJournal("in");
        final InMemoryJournal out = new InMemoryJournal("out");
        for (int i = 0; i < 1_000; i++)
        {
            in.append(messages.tick(T0_NS + i, 1 + i % 5, 100 + i, i));
            if (i % 10 == 0)
            {
                out.append(messages.fill(T0_NS + i, 2, i, "B" + i, "T" + i, 1));
            }
        }
        final int[] batches = {0};
        final Persister doomed = new Persister(new PersisterContext()
            .dataSource(db.dataSource()).inSource(in).outSource(out).batchSize(64)
            .batchHook((queue, first, last, rows) ->
            {
                if (++batches[0] == 7)
                {
                    throw new SimulatedCrash();
                }
            }));

        assertThrows(SimulatedCrash.class, () -> drain(doomed));
        final long storedBeforeRestart = Sql.count(db.dataSource(), "SELECT count(*) FROM market_data");
        assertTrue(storedBeforeRestart > 0 && storedBeforeRestart < 1_000);
        drain(new Persister(new PersisterContext()
            .dataSource(db.dataSource()).inSource(in).outSource(out).batchSize(64)));

        final List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 1_000; i++)
        {
            expected.add(InMemoryJournal.indexOf(i));
        }
        assertEquals(expected, Sql.longs(db.dataSource(), "SELECT journal_index FROM market_data ORDER BY 1"));
        assertEquals(100, Sql.count(db.dataSource(), "SELECT count(DISTINCT journal_index) FROM trades"));
        assertEquals(100, Sql.count(db.dataSource(), "SELECT count(*) FROM trades"));
    }

    @Test
    void shouldStoreEachMessageExactlyOnceWhenTheProcessIsKilledMidBatch() throws Exception
    {
        final Path journalDir = dir.resolve("journal");
        final List<Long> tickIndexes = new ArrayList<>();
        final List<String> tradeIds = new ArrayList<>();
        final long nowMs = Instant.parse("2026-11-30T04:00:00Z").toEpochMilli();
        try (Journal journal = Journal.open(new JournalContext().journalDir(journalDir).pretouch(false)
            .epochClock(() -> nowMs)))
        {
            final InputJournal in = journal.inputJournal();
            final EventSink sink = journal.eventSink();
            for (int i = 0; i < 3_000; i++)
            {
                final byte[] tick = messages.tick(T0_NS + i * 1_000L, 1 + i % 9, 100 + i, i);
                tickIndexes.add(in.append(new UnsafeBuffer(tick), 0, tick.length));
                if (i % 30 == 0)
                {
                    final byte[] order = messages.order(T0_NS + i, 4, i, "B" + i, OrderStatus.COMPLETE, 1, 1);
                    sink.onEvent(1, new UnsafeBuffer(order), 0, order.length);
                    final byte[] fill = messages.fill(T0_NS + i, 4, i, "B" + i, "T" + i, 1);
                    sink.onEvent(1, new UnsafeBuffer(fill), 0, fill.length);
                    tradeIds.add("T" + i);
                }
            }
            in.endOfBatch();
            sink.endOfBatch();
        }
        final String schema = Sql.strings(db.dataSource(), "SELECT current_schema()").get(0);

        final Process child = new ProcessBuilder(childCommand(journalDir, schema, 9, 200))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
        assertTrue(child.waitFor(90, TimeUnit.SECONDS), "child persister did not finish");
        assertEquals(PersisterCrashMain.HALT_STATUS, child.exitValue());
        final long storedBeforeRestart = Sql.count(db.dataSource(), "SELECT count(*) FROM market_data");
        assertTrue(storedBeforeRestart > 0 && storedBeforeRestart < 3_000, "stored " + storedBeforeRestart);

        try (Journal journal = Journal.open(new JournalContext().journalDir(journalDir).pretouch(false).readOnly(true));
            ChronicleJournalSource in = new ChronicleJournalSource(journal, JournalStream.IN);
            ChronicleJournalSource out = new ChronicleJournalSource(journal, JournalStream.OUT))
        {
            drain(new Persister(new PersisterContext()
                .dataSource(db.dataSource()).inSource(in).outSource(out).batchSize(200)));
        }

        assertEquals(tickIndexes, Sql.longs(db.dataSource(), "SELECT journal_index FROM market_data ORDER BY 1"));
        assertEquals(tradeIds.stream().sorted().toList(), Sql.strings(db.dataSource(),
            "SELECT trade_id FROM trades ORDER BY trade_id"));
        assertEquals(100, Sql.count(db.dataSource(), "SELECT count(*) FROM order_history"));
    }

    private List<String> childCommand(final Path journalDir, final String schema, final int haltAtBatch,
        final int batchSize)
    {
        final String classPath = System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path"));
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-D"))
            {
                command.add(arg);
            }
        }
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(classPath.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator));
        command.add(PersisterCrashMain.class.getName());
        command.add(journalDir.toString());
        command.add(TestDatabase.server().jdbcUrl("postgres"));
        command.add(schema);
        command.add(Integer.toString(haltAtBatch));
        command.add(Integer.toString(batchSize));
        return command;
    }
}
