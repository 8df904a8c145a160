package io.quantumleap.benchmarks.journal;

import io.quantumleap.engine.spi.InputJournal;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalContext;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.HdrHistogram.Histogram;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Question: what does our journal add to a raw Chronicle append? Appends ~190-byte SBE events at a fixed
 * rate (100k/s by default) through {@code Journal.inputJournal()} and, side by side in the same run, through
 * a bare Chronicle appender writing the same bytes; rounds alternate so both see the same machine noise. A
 * third round of the same pacing loop appending nothing measures the machine's own floor: the pauses any
 * thread of this box sees, whatever it does.
 *
 * <p>Latency is measured from each append's intended start on the fixed schedule, not from when it actually
 * started, so a stall is charged to every append it delays (no coordinated omission). The pacing loop spins:
 * this rig is run on purpose, never as part of the engine.
 *
 * <pre>
 * java $(cat benchmarks/target/jvm.options) -cp benchmarks/target/benchmarks.jar \
 *     io.quantumleap.benchmarks.journal.JournalAppendLatencyRig [rate/s] [warmUpS] [measureS] [rounds]
 * </pre>
 */
public final class JournalAppendLatencyRig
{
    private JournalAppendLatencyRig()
    {
    }

    /** An append under test. */
    private interface Appender extends AutoCloseable
    {
        void append(UnsafeBuffer buffer, int length);

        @Override
        void close();
    }

    /**
     * Prints, for both appenders, latency from the intended start (the number that counts) and service time
     * from the actual start (the append's own cost, which stays readable on a loaded machine).
     *
     * @param args rate per second, warm-up seconds, measured seconds per round, rounds.
     * @throws Exception when the journal cannot be created.
     */
    public static void main(final String[] args) throws Exception
    {
        final long rate = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        final long warmUpS = args.length > 1 ? Long.parseLong(args[1]) : 5;
        final long measureS = args.length > 2 ? Long.parseLong(args[2]) : 10;
        final int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;

        final Path root = Files.createTempDirectory("qleap-append-rig");
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final int length = new BenchmarkMessages().marketUpdate(buffer, 1, System.nanoTime());
        final Histogram raw = new Histogram(10_000_000_000L, 3);
        final Histogram ours = new Histogram(10_000_000_000L, 3);
        final Histogram floor = new Histogram(10_000_000_000L, 3);
        final Histogram rawService = new Histogram(10_000_000_000L, 3);
        final Histogram ourService = new Histogram(10_000_000_000L, 3);
        final Histogram floorService = new Histogram(10_000_000_000L, 3);
        final Appender nothing = new Appender()
        {
            @Override
            public void append(final UnsafeBuffer buffer, final int length)
            {
            }

            @Override
            public void close()
            {
            }
        };
        System.out.printf("append latency rig: %d-byte events at %d/s, warm-up %d s, %d rounds of %d s each%n",
            length, rate, warmUpS, rounds, measureS);
        try (Appender rawAppender = rawChronicle(root.resolve("raw"));
            Appender ourAppender = ourJournal(root.resolve("ours")))
        {
            run(rawAppender, buffer, length, rate, warmUpS, null, null);
            run(ourAppender, buffer, length, rate, warmUpS, null, null);
            for (int round = 0; round < rounds; round++)
            {
                run(rawAppender, buffer, length, rate, measureS, raw, rawService);
                run(ourAppender, buffer, length, rate, measureS, ours, ourService);
                run(nothing, buffer, length, rate, measureS, floor, floorService);
            }
        }
        finally
        {
            IoUtil.delete(root.toFile(), true);
        }
        System.out.println("latency from the intended start (includes waiting behind earlier appends):");
        print("raw Chronicle", raw, raw);
        print("qleap journal", ours, raw);
        print("no append", floor, raw);
        System.out.println("service time from the actual start (the append alone):");
        print("raw Chronicle", rawService, rawService);
        print("qleap journal", ourService, rawService);
        print("no append", floorService, rawService);
    }

    private static void run(
        final Appender appender,
        final UnsafeBuffer buffer,
        final int length,
        final long rate,
        final long seconds,
        final Histogram histogram,
        final Histogram service)
    {
        final long intervalNs = 1_000_000_000L / rate;
        final long count = rate * seconds;
        final long startNs = System.nanoTime() + 1_000_000;
        for (long i = 0; i < count; i++)
        {
            final long intendedNs = startNs + i * intervalNs;
            while (System.nanoTime() < intendedNs)
            {
                Thread.onSpinWait();
            }
            buffer.putLong(8, i);
            final long actualNs = System.nanoTime();
            appender.append(buffer, length);
            final long endNs = System.nanoTime();
            if (null != histogram)
            {
                histogram.recordValue(endNs - intendedNs);
                service.recordValue(endNs - actualNs);
            }
        }
    }

    private static void print(final String name, final Histogram h, final Histogram baseline)
    {
        System.out.printf(Locale.ROOT,
            "%-14s n=%,d p50=%.2fus p99=%.2fus p99.9=%.2fus p99.99=%.2fus max=%.2fus  (p50 %.2fx, p99 %.2fx raw)%n",
            name, h.getTotalCount(), us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(99)),
            us(h.getValueAtPercentile(99.9)), us(h.getValueAtPercentile(99.99)), us(h.getMaxValue()),
            (double)h.getValueAtPercentile(50) / baseline.getValueAtPercentile(50),
            (double)h.getValueAtPercentile(99) / baseline.getValueAtPercentile(99));
    }

    private static double us(final long ns)
    {
        return ns / 1000.0;
    }

    private static Appender ourJournal(final Path dir)
    {
        final Journal journal = Journal.open(new JournalContext().journalDir(dir));
        final InputJournal in = journal.inputJournal();
        return new Appender()
        {
            @Override
            public void append(final UnsafeBuffer buffer, final int length)
            {
                in.append(buffer, 0, length);
                in.endOfBatch();
            }

            @Override
            public void close()
            {
                journal.close();
            }
        };
    }

    private static Appender rawChronicle(final Path dir)
    {
        final JournalContext defaults = new JournalContext().conclude();
        final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(new File(dir.toString()))
            .rollCycle(RollCycles.FAST_DAILY).epoch(defaults.rollEpochMs()).blockSize(defaults.blockSize()).build();
        final ExcerptAppender appender = queue.createAppender();
        return new Appender()
        {
            @Override
            public void append(final UnsafeBuffer buffer, final int length)
            {
                try (DocumentContext dc = appender.writingDocument())
                {
                    final Bytes<?> bytes = dc.wire().bytes();
                    bytes.write(buffer.byteArray(), 0, length);
                }
            }

            @Override
            public void close()
            {
                appender.close();
                queue.close();
            }
        };
    }
}
