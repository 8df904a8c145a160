package io.quantumleap.benchmarks.persistence;

import io.quantumleap.engine.spi.InputJournal;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalContext;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.db.DatabaseContext;
import io.quantumleap.persistence.db.EmbeddedServer;
import io.quantumleap.persistence.persister.ChronicleJournalSource;
import io.quantumleap.persistence.persister.Persister;
import io.quantumleap.persistence.persister.PersisterContext;
import io.quantumleap.persistence.persister.QueueMetrics;
import io.quantumleap.persistence.persister.TickPolicy;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * What does a backlog cost? A journal holds a backlog of ticks (the persister was stopped); the persister starts
 * while live ticks keep arriving at Kite's ceiling (18,000/s) and are appended to the {@code in} journal, the
 * engine's first stage. Measures how fast the backlog drains (and so how long a one-hour backlog would take) and
 * the journal append latency of the live flow while draining, while caught up, and with no persister at all.
 * Latency is from each tick's intended send time (fixed rate, no coordinated omission).
 *
 * <p>Usage: {@code java -cp benchmarks.jar <flags> io.quantumleap.benchmarks.persistence.PersisterBacklogRig
 * [backlogTicks=1000000] [phaseSeconds=10] [persisterMaxRate=0 (no cap)]}
 */
public final class PersisterBacklogRig
{
    private static final long T0_NS = 1_796_000_000_000_000_000L;
    private static final long RATE = SyntheticTicks.KITE_MAX_TICKS_PER_SECOND;

    private PersisterBacklogRig()
    {
    }

    /** Runs the rig and prints the results. */
    public static void main(final String[] args) throws Exception
    {
        final long backlog = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        final int phaseSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        final long maxRate = args.length > 2 ? Long.parseLong(args[2]) : 0;
        final Path dir = Files.createTempDirectory("qleap-backlog-rig-");
        final SyntheticTicks ticks = new SyntheticTicks(10_000, T0_NS);
        try (EmbeddedServer server = new EmbeddedServer(dir.resolve("postgres"), 0).start();
            Database db = Database.launch(new DatabaseContext().dataDir(dir).url(server.jdbcUrl("postgres"))
                .user("postgres").password("").schema("rig").poolSize(2));
            Journal journal = Journal.open(new JournalContext().journalDir(dir.resolve("journal")).pretouch(false)))
        {
            final Live live = new Live(journal, ticks, backlog);
            final Thread liveThread = new Thread(live, "live-feed");
            liveThread.start();
            live.backlogWritten.await();

            final ChronicleJournalSource source = new ChronicleJournalSource(journal, JournalStream.IN);
            final Persister persister = new Persister(new PersisterContext().dataSource(db.dataSource())
                .inSource(source).batchSize(10_000).tickPolicy(TickPolicy.ALL).maxMessagesPerSecond(maxRate));
            TimeUnit.SECONDS.sleep(phaseSeconds);
            final Histogram idle = live.swap();
            persister.start();
            final long drainStartNs = System.nanoTime();
            final QueueMetrics metrics = persister.metrics("in");
            while (metrics.lastAppliedIndex() < 0 || metrics.lagEvents() > 0 ||
                metrics.lastAppliedIndex() != journal.lastIndex(JournalStream.IN))
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            final double drainS = (System.nanoTime() - drainStartNs) / 1e9;
            final Histogram draining = live.swap();
            final long stored = metrics.messages();
            TimeUnit.SECONDS.sleep(phaseSeconds);
            final Histogram caughtUp = live.swap();
            persister.close();
            TimeUnit.SECONDS.sleep(phaseSeconds);
            final Histogram none = live.swap();
            live.stop(liveThread);
            source.close();

            final double rate = stored / drainS;
            final double hourBacklog = RATE * 3600.0;
            System.out.printf("drain: %,d ticks (backlog + live) stored in %.1f s = %,.0f rows/s with %,d/s arriving%n",
                stored, drainS, rate, RATE);
            System.out.printf("one-hour backlog at Kite's maximum (%,.0f ticks): drains in %.0f s (%.1f min)%n",
                hourBacklog, hourBacklog / (rate - RATE), hourBacklog / (rate - RATE) / 60);
            print("journal append latency, before the persister starts (backlog waiting)", idle);
            print("journal append latency, persister draining the backlog", draining);
            print("journal append latency, persister caught up and tailing", caughtUp);
            print("journal append latency, no persister", none);
        }
        finally
        {
            try (var paths = Files.walk(dir))
            {
                paths.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
            }
        }
    }

    private static void print(final String what, final Histogram h)
    {
        System.out.printf("%s: n=%,d p50=%.1f us p99=%.1f us p99.9=%.1f us p99.99=%.1f us max=%.1f us%n", what,
            h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
            h.getValueAtPercentile(99.9) / 1e3, h.getValueAtPercentile(99.99) / 1e3, h.getMaxValue() / 1e3);
    }

    /** Appends ticks at a fixed rate, recording each append's latency from its intended time. */
    private static final class Live implements Runnable
    {
        private final Journal journal;
        private final SyntheticTicks ticks;
        private final long backlog;
        private final java.util.concurrent.CountDownLatch backlogWritten = new java.util.concurrent.CountDownLatch(1);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicReference<Histogram> current = new AtomicReference<>(newHistogram());

        Live(final Journal journal, final SyntheticTicks ticks, final long backlog)
        {
            this.journal = journal;
            this.ticks = ticks;
            this.backlog = backlog;
        }

        private static Histogram newHistogram()
        {
            return new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        }

        Histogram swap()
        {
            return current.getAndSet(newHistogram());
        }

        void stop(final Thread thread) throws InterruptedException
        {
            running.set(false);
            thread.join();
        }

        @Override
        public void run()
        {
            final InputJournal in = journal.inputJournal();
            final long fillStartNs = System.nanoTime();
            for (long i = 0; i < backlog; i++)
            {
                final int slot = (int)(i % ticks.count());
                in.append(ticks.buffer(slot), 0, ticks.length(slot));
                if ((i & 1023) == 1023)
                {
                    in.endOfBatch();
                }
            }
            in.endOfBatch();
            System.out.printf("backlog: %,d ticks journaled in %.1f s%n", backlog,
                (System.nanoTime() - fillStartNs) / 1e9);
            current.set(newHistogram());
            backlogWritten.countDown();
            final long intervalNs = 1_000_000_000L / RATE;
            final long startNs = System.nanoTime();
            long n = 0;
            while (running.get())
            {
                final long intendedNs = startNs + n * intervalNs;
                long nowNs = System.nanoTime();
                if (intendedNs - nowNs > 100_000)
                {
                    LockSupport.parkNanos(intendedNs - nowNs - 50_000);
                    continue;
                }
                while (nowNs < intendedNs)
                {
                    Thread.onSpinWait();
                    nowNs = System.nanoTime();
                }
                final int slot = (int)(n % ticks.count());
                in.append(ticks.buffer(slot), 0, ticks.length(slot));
                in.endOfBatch();
                final Histogram histogram = current.get();
                histogram.recordValue(Math.min(System.nanoTime() - intendedNs, histogram.getHighestTrackableValue()));
                n++;
            }
        }
    }
}
