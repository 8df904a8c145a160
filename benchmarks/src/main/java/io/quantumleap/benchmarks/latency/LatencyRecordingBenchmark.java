package io.quantumleap.benchmarks.latency;

import io.quantumleap.engine.latency.CoreTimestamps;
import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.engine.latency.LatencyStage;
import io.quantumleap.engine.latency.StageRecorder;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What per-stage latency recording costs the event path. {@code baseline} is the work a stage does anyway without
 * recording (reading a field of the event); {@code oneStage*} add one clock read and one histogram record, the
 * way each handler does it (single-writer recorder for the ring's threads, the concurrent one for the
 * WebSocket and broker stages); {@code wholeTick} is every recording one market-data tick causes across all its
 * threads (5 clock reads, 6 stage records, the core-done side channel written and read), summed on one thread.
 * Run with {@code -prof gc}: every variant is allocation-free.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class LatencyRecordingBenchmark
{
    private final EpochNanoClock wallClock = new SystemEpochNanoClock();
    private EpochNanoClock clock;
    private StageRecorder feedDecode;
    private StageRecorder journal;
    private StageRecorder core;
    private StageRecorder publish;
    private StageRecorder wsWrite;
    private StageRecorder tickToWs;
    private CoreTimestamps coreTimestamps;
    private long receivedNs;
    private long index;

    @Setup
    public void setUp()
    {
        final LatencyRecorders latency = new LatencyRecorders();
        clock = latency.clock();
        feedDecode = latency.stage(LatencyStage.FEED_DECODE);
        journal = latency.stage(LatencyStage.JOURNAL);
        core = latency.stage(LatencyStage.CORE);
        publish = latency.stage(LatencyStage.PUBLISH);
        wsWrite = latency.stage(LatencyStage.WS_WRITE);
        tickToWs = latency.stage(LatencyStage.TICK_TO_WS);
        coreTimestamps = latency.coreTimestamps();
        receivedNs = clock.nanoTime() - 5_000;
    }

    @Benchmark
    public long baseline()
    {
        return receivedNs + index++;
    }

    /** The latency clock (an offset {@code System.nanoTime()}). */
    @Benchmark
    public long clockRead()
    {
        return clock.nanoTime();
    }

    /** The wall clock it replaced, for comparison. */
    @Benchmark
    public long wallClockRead()
    {
        return wallClock.nanoTime();
    }

    @Benchmark
    public long oneStageSingleWriter()
    {
        final long now = clock.nanoTime();
        core.record(receivedNs, now);
        return now;
    }

    @Benchmark
    public long oneStageConcurrent()
    {
        final long now = clock.nanoTime();
        wsWrite.record(receivedNs, now);
        return now;
    }

    @Benchmark
    public long wholeTick()
    {
        final long i = index++;
        final long published = clock.nanoTime();
        final long journaled = clock.nanoTime();
        journal.record(published, journaled);
        feedDecode.record(receivedNs, published);
        final long handled = clock.nanoTime();
        core.record(journaled, handled);
        coreTimestamps.put(i, handled);
        final long coreDone = coreTimestamps.get(i);
        final long atGateway = clock.nanoTime();
        publish.record(coreDone, atGateway);
        final long written = clock.nanoTime();
        wsWrite.record(atGateway, written);
        tickToWs.record(receivedNs, written);
        return written;
    }
}
