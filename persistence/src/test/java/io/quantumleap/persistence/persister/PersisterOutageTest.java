package io.quantumleap.persistence.persister;

import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.db.EmbeddedServer;
import io.quantumleap.persistence.support.InMemoryJournal;
import io.quantumleap.persistence.support.Sql;
import io.quantumleap.persistence.support.TestDatabase;
import io.quantumleap.persistence.support.TestMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static io.quantumleap.persistence.support.TestMessages.T0_NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersisterOutageTest
{
    @TempDir
    Path dir;

    private final TestMessages messages = new TestMessages();

    private static void await(final String what, final long timeoutMs, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadlineNs, "timed out waiting for " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private void produce(final InMemoryJournal in, final InMemoryJournal out, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            in.append(messages.tick(T0_NS + i * 1_000L, 1 + i % 11, 100 + i, i));
            if (i % 50 == 0)
            {
                out.append(messages.fill(T0_NS + i, 9, i, "B" + i, "T" + i, 1));
            }
        }
    }

    @Test
    void shouldCatchUpWithNothingLostOrDuplicatedAfterPostgresIsStoppedUnderLoad()
    {
        final InMemoryJournal in = new InMemoryJournal("in");
        final InMemoryJournal out = new InMemoryJournal("out");
        try (EmbeddedServer server = new EmbeddedServer(dir.resolve("postgres"), 0).start();
            Database db = TestDatabase.on(server, "outage"))
        {
            final Persister persister = new Persister(new PersisterContext()
                .dataSource(db.dataSource()).inSource(in).outSource(out)
                .batchSize(500).retryMinMs(20).retryMaxMs(200)).start();
            try
            {
                produce(in, out, 0, 5_000);
                await("first rows", 30_000, () -> persister.metrics("in").lastAppliedIndex() >= 0);

                server.stop();
                produce(in, out, 5_000, 20_000);
                await("failed attempts", 30_000, () -> persister.failures() >= 3);
                final long lagWhileDown = persister.metrics("in").lagEvents();
                server.start();
                produce(in, out, 20_000, 25_000);

                await("catch up", 60_000, () -> persister.metrics("in").lastAppliedIndex() == in.lastIndex() &&
                    persister.metrics("out").lastAppliedIndex() == out.lastIndex());
                assertTrue(lagWhileDown > 0, "lag while down " + lagWhileDown);
            }
            finally
            {
                persister.close();
            }

            assertEquals(25_000, Sql.count(db.dataSource(), "SELECT count(*) FROM market_data"));
            assertEquals(25_000, Sql.count(db.dataSource(), "SELECT count(DISTINCT journal_index) FROM market_data"));
            assertEquals(InMemoryJournal.indexOf(0), Sql.count(db.dataSource(), "SELECT min(journal_index) FROM market_data"));
            assertEquals(in.lastIndex(), Sql.count(db.dataSource(), "SELECT max(journal_index) FROM market_data"));
            assertEquals(500, Sql.count(db.dataSource(), "SELECT count(*) FROM trades"));
        }
    }
}
