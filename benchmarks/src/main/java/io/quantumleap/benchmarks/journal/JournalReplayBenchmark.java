package io.quantumleap.benchmarks.journal;

import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.engine.spi.InputJournal;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalContext;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.replay.Replay;
import io.quantumleap.journal.replay.ReplayResult;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Question: how fast does a recorded day replay through a fresh core, next to a raw Chronicle tailer scan
 * of the same journal? One invocation replays the whole journal ({@value #COMMANDS} ticks over
 * {@value #INSTRUMENTS} instruments plus their definitions); scores are excerpts per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JournalReplayBenchmark
{
    static final int INSTRUMENTS = 200;
    static final int COMMANDS = 1_000_000;
    private static final int EXCERPTS = COMMANDS + INSTRUMENTS;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Path dir;
    private Journal journal;
    private SingleChronicleQueue rawQueue;
    private long sink;
    private long excerpts;
    private long cpuAtStartNs;

    /** Records the journal once per trial. */
    @Setup(Level.Trial)
    public void record() throws Exception
    {
        dir = Files.createTempDirectory("qleap-replay-bench");
        final BenchmarkMessages messages = new BenchmarkMessages();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final long t0 = 1_780_000_000_000_000_000L;
        try (Journal writer = Journal.open(new JournalContext().journalDir(dir).pretouch(false)))
        {
            final InputJournal in = writer.inputJournal();
            for (int i = 0; i < INSTRUMENTS; i++)
            {
                in.append(buffer, 0, messages.equity(buffer, t0, 100_000 + i));
            }
            for (int i = 0; i < COMMANDS; i++)
            {
                final long token = 100_000 + (i * 7919L) % INSTRUMENTS;
                in.append(buffer, 0, messages.fullTick(buffer, t0 + i * 1_000L, token, 100_000 + (i % 50) * 5));
            }
        }
        journal = Journal.open(new JournalContext().journalDir(dir).readOnly(true));
        rawQueue = SingleChronicleQueueBuilder
            .binary(new File(dir.resolve(JournalStream.IN.directoryName()).toString()))
            .rollCycle(RollCycles.FAST_DAILY).readOnly(true).build();
    }

    /** Starts counting this iteration's CPU time. */
    @Setup(Level.Iteration)
    public void startCpuClock()
    {
        excerpts = 0;
        cpuAtStartNs = THREADS.getCurrentThreadCpuTime();
    }

    /**
     * CPU time of the benchmark thread per excerpt, printed per iteration: unlike ops/s it does not count the
     * time other processes on a shared box take the core away (their cache pollution still shows).
     */
    @TearDown(Level.Iteration)
    public void printCpuPerExcerpt()
    {
        System.out.printf(" [CPU %.1f ns/excerpt]",
            (THREADS.getCurrentThreadCpuTime() - cpuAtStartNs) / (double)excerpts);
    }

    /** Deletes the journal. */
    @TearDown(Level.Trial)
    public void delete()
    {
        rawQueue.close();
        journal.close();
        IoUtil.delete(dir.toFile(), true);
    }

    /**
     * Baseline: a bare Chronicle tailer reading every excerpt and one long of each.
     *
     * @return a checksum.
     */
    @Benchmark
    @OperationsPerInvocation(EXCERPTS)
    public long rawTailerScan()
    {
        excerpts += EXCERPTS;
        long checksum = 0;
        try (ExcerptTailer tailer = rawQueue.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    checksum += bytes.readLong(bytes.readPosition() + 8);
                }
            }
        }
        return checksum;
    }

    /**
     * Our reader with its schema check, handing every excerpt to a handler.
     *
     * @return excerpts read.
     */
    @Benchmark
    @OperationsPerInvocation(EXCERPTS)
    public long replayIntoHandler()
    {
        excerpts += EXCERPTS;
        final ReplayResult result = Replay.of(journal)
            .into((index, buffer, offset, length) -> sink += buffer.getLong(offset + 8)).run();
        return result.excerptsRead();
    }

    /**
     * The whole replay: every command through a fresh {@link TradingCore}.
     *
     * @return events the core emitted.
     */
    @Benchmark
    @OperationsPerInvocation(EXCERPTS)
    public long replayThroughFreshCore()
    {
        excerpts += EXCERPTS;
        return Replay.of(journal).intoFreshCore(TradingCore::new, null).run().eventsEmitted();
    }
}
