package io.quantumleap.persistence.persister;

import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.support.InMemoryJournal;
import io.quantumleap.persistence.support.Sql;
import io.quantumleap.persistence.support.TestDatabase;
import io.quantumleap.persistence.support.TestMessages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersisterLagTest
{
    private static final long STUCK_FOR_MS = 1_500;

    private final TestMessages messages = new TestMessages();
    private final InMemoryJournal in = new InMemoryJournal("in");
    private final InMemoryJournal out = new InMemoryJournal("out");
    private Database db;
    private int ticks;
    private int fills;

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

    @Test
    void shouldReportTheGrowingLagOfBothQueuesWhileTheDatabaseHoldsThePersistersCall()
    {
        assertLagOfBothQueuesGrowsWhileTheDatabaseIs(StuckDatabase.Mode.BLOCK);
    }

    @Test
    void shouldReportTheGrowingLagOfBothQueuesWhileTheDatabaseRefusesConnections()
    {
        assertLagOfBothQueuesGrowsWhileTheDatabaseIs(StuckDatabase.Mode.FAIL);
    }

    private void assertLagOfBothQueuesGrowsWhileTheDatabaseIs(final StuckDatabase.Mode stuck)
    {
        final StuckDatabase database = new StuckDatabase(db.dataSource());
        final Persister persister = new Persister(new PersisterContext()
            .dataSource(database.dataSource()).inSource(in).outSource(out)
            .batchSize(500).retryMinMs(20).retryMaxMs(200).lingerMs(5)).start();
        final QueueMetrics inLag = persister.metrics("in");
        final QueueMetrics outLag = persister.metrics("out");
        try
        {
            final long beforeNs = epochNs();
            produceFor(200);
            await("caught up", () -> caughtUp(inLag, in) && caughtUp(outLag, out));

            database.mode(stuck);
            final long stuckAtNs = System.nanoTime();
            await("a database call held or refused", () ->
            {
                produceFor(0);
                return database.stuckCalls() > 0;
            });
            final int ticksBefore = ticks;
            final int fillsBefore = fills;
            produceFor(300);
            final long inEvents = inLag.lagEvents();
            final long inNs = inLag.lagNs();
            final long outEvents = outLag.lagEvents();
            final long outNs = outLag.lagNs();
            produceFor(STUCK_FOR_MS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stuckAtNs));

            assertEquals(in.lastIndex() - inLag.lastAppliedIndex(), inLag.lagEvents());
            assertEquals(out.lastIndex() - outLag.lastAppliedIndex(), outLag.lagEvents());
            assertTrue(inLag.lagEvents() >= ticks - ticksBefore, inLag.toString());
            assertTrue(outLag.lagEvents() >= fills - fillsBefore, outLag.toString());
            assertTrue(inLag.lagEvents() > inEvents, inEvents + " then " + inLag);
            assertTrue(outLag.lagEvents() > outEvents, outEvents + " then " + outLag);
            assertTrue(inLag.lagNs() > inNs, inNs + " then " + inLag);
            assertTrue(outLag.lagNs() > outNs, outNs + " then " + outLag);
            assertTrue(inLag.lagNs() >= TimeUnit.MILLISECONDS.toNanos(STUCK_FOR_MS - 300), inLag.toString());
            assertTrue(outLag.lagNs() >= TimeUnit.MILLISECONDS.toNanos(STUCK_FOR_MS - 300), outLag.toString());
            assertTrue(inLag.lagNs() <= epochNs() - beforeNs, inLag.toString());
            assertTrue(outLag.lagNs() <= epochNs() - beforeNs, outLag.toString());

            database.mode(StuckDatabase.Mode.OPEN);
            await("caught up after the database came back", () -> caughtUp(inLag, in) && caughtUp(outLag, out));
        }
        finally
        {
            database.mode(StuckDatabase.Mode.OPEN);
            persister.close();
        }
        assertEquals(ticks, Sql.count(db.dataSource(), "SELECT count(*) FROM market_data"));
        assertEquals(fills, Sql.count(db.dataSource(), "SELECT count(*) FROM trades"));
    }

    private static boolean caughtUp(final QueueMetrics metrics, final InMemoryJournal journal)
    {
        return metrics.lastAppliedIndex() == journal.lastIndex() && 0 == metrics.lagEvents() && 0 == metrics.lagNs();
    }

    private void produceFor(final long ms)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        do
        {
            final long nowNs = epochNs();
            for (int i = 0; i < 5; i++)
            {
                in.append(messages.tick(nowNs, 1 + ticks % 7, 100 + ticks, ticks));
                ticks++;
            }
            out.append(messages.fill(nowNs, 9, fills, "B" + fills, "T" + fills, 1));
            fills++;
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        while (System.nanoTime() - deadlineNs < 0);
    }

    private static long epochNs()
    {
        final Instant now = Instant.now();
        return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
    }

    private static void await(final String what, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "timed out waiting until " + what);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
