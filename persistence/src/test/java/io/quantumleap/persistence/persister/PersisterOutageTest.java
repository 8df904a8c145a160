package io.quantumleap.persistence.persister;

import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.db.EmbeddedServer;
import io.quantumleap.persistence.support.InMemoryJournal;
import io.quantumleap.persistence.support.Sql;
import io.quantumleap.persistence.support.TestDatabase;
import io.quantumleap.persistence.support.TestMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
            assertTrue(System.nanoTime() < deadlineNs, () -> "timed out waiting for " + what + "; threads:\n" +
                persisterStacks());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static String persisterStacks()
    {
        final StringBuilder stacks = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, frames) ->
        {
            if (thread.getName().startsWith("persister") || thread.getName().startsWith("qleap-db"))
            {
                stacks.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
                for (final StackTraceElement frame : frames)
                {
                    stacks.append("    at ").append(frame).append('\n');
                }
            }
        });
        return stacks.toString();
    }

    private void produce(final InMemoryJournal in, final InMemoryJournal out, final int from, final int to)
    {
        ticks(in, T0_NS, from, to);
        for (int i = from; i < to; i++)
        {
            if (i % 50 == 0)
            {
                out.append(messages.fill(T0_NS + i, 9, i, "B" + i, "T" + i, 1));
            }
        }
    }

    /** Ticks of today, whose partition the persister's upkeep summarises every second while it is idle. */
    private void produceToday(final InMemoryJournal in, final int from, final int to)
    {
        ticks(in, TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()), from, to);
    }

    private void ticks(final InMemoryJournal in, final long startNs, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            in.append(messages.tick(startNs + i * 1_000L, 1 + i % 11, 100 + i, i));
        }
    }

    /** A persister whose every database call gives up after a second. */
    private static Persister startedWithOneSecondTimeout(
        final DataSource dataSource, final InMemoryJournal in, final InMemoryJournal out)
    {
        return new Persister(new PersisterContext()
            .dataSource(dataSource).inSource(in).outSource(out)
            .batchSize(500).retryMinMs(20).retryMaxMs(200).networkTimeoutMs(1_000)).start();
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
                await("failed attempts", 90_000, () -> persister.failures() >= 3);
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
            assertEquals(InMemoryJournal.indexOf(0),
                Sql.count(db.dataSource(), "SELECT min(journal_index) FROM market_data"));
            assertEquals(in.lastIndex(), Sql.count(db.dataSource(), "SELECT max(journal_index) FROM market_data"));
            assertEquals(500, Sql.count(db.dataSource(), "SELECT count(*) FROM trades"));
        }
    }

    @Test
    void shouldRetryAndCatchUpWhenTheDatabaseStopsAnsweringWithoutClosingItsConnections() throws Exception
    {
        final InMemoryJournal in = new InMemoryJournal("in");
        final InMemoryJournal out = new InMemoryJournal("out");
        final Path dataDir = dir.resolve("postgres");
        try (EmbeddedServer server = new EmbeddedServer(dataDir, 0).start();
            Database db = TestDatabase.on(server, "frozen"))
        {
            final Persister persister = startedWithOneSecondTimeout(db.dataSource(), in, out);
            try
            {
                produce(in, out, 0, 5_000);
                await("first rows", 30_000, () -> persister.metrics("in").lastAppliedIndex() == in.lastIndex());

                final List<String> postgres = postgresProcesses(dataDir);
                signal("-STOP", postgres);
                try
                {
                    produce(in, out, 5_000, 10_000);
                    await("failed attempts", 20_000, () -> persister.failures() >= 2);
                }
                finally
                {
                    signal("-CONT", postgres);
                }

                await("catch up", 60_000, () -> persister.metrics("in").lastAppliedIndex() == in.lastIndex() &&
                    persister.metrics("out").lastAppliedIndex() == out.lastIndex());
            }
            finally
            {
                persister.close();
            }

            assertEquals(10_000, Sql.count(db.dataSource(), "SELECT count(*) FROM market_data"));
            assertEquals(10_000, Sql.count(db.dataSource(), "SELECT count(DISTINCT journal_index) FROM market_data"));
            assertEquals(200, Sql.count(db.dataSource(), "SELECT count(*) FROM trades"));
        }
    }

    @Test
    void shouldGiveUpTickPartitionUpkeepThatGetsNoAnswerAndGoOnStoringBatches() throws Exception
    {
        final InMemoryJournal in = new InMemoryJournal("in");
        final InMemoryJournal out = new InMemoryJournal("out");
        try (EmbeddedServer server = new EmbeddedServer(dir.resolve("postgres"), 0).start();
            Database db = TestDatabase.on(server, "upkeep_blocked"))
        {
            final Persister persister = startedWithOneSecondTimeout(db.dataSource(), in, out);
            try
            {
                produceToday(in, 0, 2_000);
                await("first rows", 30_000, () -> persister.metrics("in").lastAppliedIndex() == in.lastIndex());

                try (Connection locker = DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "");
                    Statement lock = locker.createStatement())
                {
                    locker.setAutoCommit(false);
                    lock.execute("LOCK TABLE upkeep_blocked.market_data IN ACCESS EXCLUSIVE MODE");
                    Thread.sleep(2_500);
                    produceToday(in, 2_000, 4_000);
                    await("failed attempts", 20_000, () -> persister.failures() >= 2);
                    locker.rollback();
                }

                await("catch up", 60_000, () -> persister.metrics("in").lastAppliedIndex() == in.lastIndex());
            }
            finally
            {
                persister.close();
            }

            assertEquals(4_000, Sql.count(db.dataSource(), "SELECT count(*) FROM market_data"));
            assertEquals(4_000, Sql.count(db.dataSource(), "SELECT count(DISTINCT journal_index) FROM market_data"));
        }
    }

    @Test
    void shouldGoOnStoringTicksWhileAPastDaysIndexBuildIsStillRunning() throws Exception
    {
        final InMemoryJournal in = new InMemoryJournal("in");
        final InMemoryJournal out = new InMemoryJournal("out");
        final String partition = MarketDataPartitions.partitionName(MarketDataPartitions.istDay(T0_NS));
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger builds = new AtomicInteger();
        try (EmbeddedServer server = new EmbeddedServer(dir.resolve("postgres"), 0).start();
            Database db = TestDatabase.on(server, "index_build_runs"))
        {
            final Persister persister =
                startedWithOneSecondTimeout(HeldIndexBuilds.wrap(db.dataSource(), builds, release), in, out);
            try
            {
                produce(in, out, 0, 2_000);
                await("a build of the past day's index started", 30_000, () -> builds.get() == 1);
                produceToday(in, 2_000, 4_000);
                await("today's ticks while the build runs", 20_000,
                    () -> persister.metrics("in").lastAppliedIndex() == in.lastIndex());
                assertEquals(0, instrumentIndexes(db, partition));
                release.countDown();
                await("the past day's index", 30_000, () -> instrumentIndexes(db, partition) == 1);
            }
            finally
            {
                release.countDown();
                persister.close();
            }
            assertEquals(4_000, Sql.count(db.dataSource(), "SELECT count(*) FROM market_data"));
            assertEquals(1, builds.get());
        }
    }

    @Test
    void shouldNotAbortTheIndexBuildsConnectionWhenClosedAsTheBuildHandsItBackToThePool() throws Exception
    {
        final InMemoryJournal in = new InMemoryJournal("in");
        final InMemoryJournal out = new InMemoryJournal("out");
        final String partition = MarketDataPartitions.partitionName(MarketDataPartitions.istDay(T0_NS));
        final CountDownLatch closing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger abortsWhileClosing = new AtomicInteger();
        try (EmbeddedServer server = new EmbeddedServer(dir.resolve("postgres"), 0).start();
            Database db = TestDatabase.on(server, "index_build_closing"))
        {
            final Persister persister = startedWithOneSecondTimeout(
                HeldIndexBuilds.closeHeldAfterBuild(db.dataSource(), closing, release, abortsWhileClosing), in, out);
            try
            {
                produce(in, out, 0, 2_000);
                assertTrue(closing.await(30, TimeUnit.SECONDS), "the build's connection closing");
                persister.close();
            }
            finally
            {
                release.countDown();
                persister.close();
            }
            assertEquals(0, abortsWhileClosing.get());
            await("the build's connection back in the pool", 10_000,
                () -> db.dataSource().getHikariPoolMXBean().getActiveConnections() == 0);
            assertEquals(1, instrumentIndexes(db, partition));
            assertEquals(2_000, Sql.count(db.dataSource(), "SELECT count(*) FROM market_data"));
        }
    }

    private static long instrumentIndexes(final Database db, final String partition)
    {
        return Sql.count(db.dataSource(), "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() " +
            "AND indexname = '" + partition + MarketDataPartitions.BTREE_SUFFIX + "'");
    }

    @Test
    void shouldAbortABatchStillRunningAfterTwoNetworkTimeoutsAndStoreItOnTheRetry()
    {
        final InMemoryJournal in = new InMemoryJournal("in");
        final InMemoryJournal out = new InMemoryJournal("out");
        final AtomicInteger hung = new AtomicInteger();
        try (EmbeddedServer server = new EmbeddedServer(dir.resolve("postgres"), 0).start();
            Database db = TestDatabase.on(server, "overdue"))
        {
            final Persister persister = new Persister(new PersisterContext()
                .dataSource(db.dataSource()).inSource(in).outSource(out)
                .batchSize(500).retryMinMs(20).retryMaxMs(200).networkTimeoutMs(500)
                .batchHook((queueName, firstIndex, lastIndex, rows) ->
                {
                    if (hung.getAndIncrement() == 0)
                    {
                        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(3));
                    }
                })).start();
            try
            {
                produce(in, out, 0, 2_000);
                await("catch up", 60_000, () -> persister.metrics("in").lastAppliedIndex() == in.lastIndex() &&
                    persister.metrics("out").lastAppliedIndex() == out.lastIndex());
                assertEquals(1, persister.abortedBatches());
                assertTrue(persister.failures() >= 1, "failures " + persister.failures());
            }
            finally
            {
                persister.close();
            }

            assertEquals(2_000, Sql.count(db.dataSource(), "SELECT count(*) FROM market_data"));
            assertEquals(2_000, Sql.count(db.dataSource(), "SELECT count(DISTINCT journal_index) FROM market_data"));
            assertEquals(40, Sql.count(db.dataSource(), "SELECT count(*) FROM trades"));
        }
    }

    @Test
    void shouldNotAbortTheConnectionOfABatchThatFailedBeforeItsTransactionBegan() throws Exception
    {
        final InMemoryJournal in = new InMemoryJournal("in");
        final InMemoryJournal out = new InMemoryJournal("out");
        final AtomicInteger refused = new AtomicInteger();
        try (EmbeddedServer server = new EmbeddedServer(dir.resolve("postgres"), 0).start();
            Database db = TestDatabase.on(server, "refused_begin"))
        {
            final Persister persister = new Persister(new PersisterContext()
                .dataSource(refusingTheFirstTransaction(db.dataSource(), refused)).inSource(in).outSource(out)
                .batchSize(500).retryMinMs(3_000).retryMaxMs(3_000).networkTimeoutMs(500)).start();
            try
            {
                final long producedNs = System.nanoTime();
                produce(in, out, 0, 2_000);
                await("catch up", 30_000, () -> persister.metrics("in").lastAppliedIndex() == in.lastIndex() &&
                    persister.metrics("out").lastAppliedIndex() == out.lastIndex());
                assertTrue(System.nanoTime() - producedNs > TimeUnit.MILLISECONDS.toNanos(
                    2 * 500 * Persister.BATCH_TIMEOUT_NETWORK_TIMEOUTS), "caught up after the failed batch's deadline");
                assertEquals(1, refused.get());
                assertEquals(1, persister.failures());
                assertEquals(0, persister.abortedBatches());
            }
            finally
            {
                persister.close();
            }
            assertEquals(2_000, Sql.count(db.dataSource(), "SELECT count(*) FROM market_data"));
        }
    }

    private static DataSource refusingTheFirstTransaction(final DataSource dataSource, final AtomicInteger refused)
    {
        return (DataSource)Proxy.newProxyInstance(PersisterOutageTest.class.getClassLoader(),
            new Class<?>[] {DataSource.class}, (proxy, method, args) ->
            {
                final Object result = HeldIndexBuilds.invoke(method, dataSource, args);
                if (!method.getName().equals("getConnection"))
                {
                    return result;
                }
                return Proxy.newProxyInstance(PersisterOutageTest.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (p, m, a) ->
                    {
                        if (m.getName().equals("setAutoCommit") && Boolean.FALSE.equals(a[0]) &&
                            refused.compareAndSet(0, 1))
                        {
                            throw new SQLException("refused by the test");
                        }
                        return HeldIndexBuilds.invoke(m, result, a);
                    });
            });
    }

    private static List<String> postgresProcesses(final Path dataDir) throws IOException
    {
        final long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        final List<String> pids = new ArrayList<>();
        pids.add(Long.toString(postmaster));
        ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(p -> pids.add(Long.toString(p.pid())));
        return pids;
    }

    private static void signal(final String signal, final List<String> pids) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of("kill", signal));
        command.addAll(pids);
        final Process kill = new ProcessBuilder(command).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill " + signal + " " + pids);
    }
}
