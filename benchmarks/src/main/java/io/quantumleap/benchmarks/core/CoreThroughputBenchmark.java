package io.quantumleap.benchmarks.core;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.quantumleap.engine.core.CoreSettings;
import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.engine.pipeline.CommandPublisher;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.pipeline.EnginePipeline;
import io.quantumleap.engine.pipeline.PipelineContext;
import io.quantumleap.engine.spi.InputJournal;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * How many ticks a second does the core turn into events, replaying QUOTE ticks over 9,000 instruments, and how
 * does that compare with only moving the same commands across threads (a bare Disruptor 1P1C hop, an
 * ArrayBlockingQueue hop)? {@code pipeline} adds the whole path a live tick takes: ring, journal handler (a journal
 * that only counts: the Chronicle journal's own cost belongs to its module) and core. One op = one tick = one
 * MarketUpdateEvent. Each benchmark has its own state, so no other benchmark's threads run beside it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CoreThroughputBenchmark
{
    static final int INSTRUMENTS = 9_000;
    static final int BATCH = 1 << 16;
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @State(Scope.Benchmark)
    public static class CoreState
    {
        /** 9,000 is the question; a small set shows what cache misses on instrument state cost. */
        @Param({"9000"})
        int instruments;
        /** QUOTE is the question; FULL adds five levels of depth a side, as replayed journals mostly carry. */
        @Param({"QUOTE"})
        TickMode mode;
        TickStream stream;
        TradingCore core;
        long sequence;
        long events;

        @Setup(Level.Trial)
        public void setUp()
        {
            stream = new TickStream(instruments, BATCH, 42, mode);
            core = new TradingCore((inputSequence, buffer, offset, length) -> events++,
                new CoreSettings().instrumentCapacity(instruments * 2));
            sequence = stream.define(core);
        }

        long sequenceAtStart;
        long cpuAtStartNs;

        @Setup(Level.Iteration)
        public void startCpuClock()
        {
            sequenceAtStart = sequence;
            cpuAtStartNs = THREADS.getCurrentThreadCpuTime();
        }

        /**
         * CPU time of the benchmark thread per tick, printed per iteration: unlike ops/s it does not count the time
         * other processes on a shared box take the core away (their cache pollution still shows).
         */
        @TearDown(Level.Iteration)
        public void printCpuPerTick()
        {
            System.out.printf(" [core CPU %.1f ns/tick]",
                (THREADS.getCurrentThreadCpuTime() - cpuAtStartNs) / (double)(sequence - sequenceAtStart));
        }
    }

    @State(Scope.Benchmark)
    public static class DisruptorState
    {
        TickStream stream;
        Disruptor<Slot> disruptor;
        RingBuffer<Slot> ring;
        volatile long consumed;

        @Setup(Level.Trial)
        public void setUp()
        {
            stream = new TickStream(INSTRUMENTS, BATCH, 42);
            disruptor = new Disruptor<>(Slot::new, 8_192, Thread::new, ProducerType.SINGLE, new YieldingWaitStrategy());
            disruptor.handleEventsWith((EventHandler<Slot>)(slot, sequence, endOfBatch) ->
            {
                if (endOfBatch || (sequence & 1023) == 0)
                {
                    consumed = sequence + 1;
                }
            });
            ring = disruptor.start();
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            disruptor.shutdown();
        }
    }

    @State(Scope.Benchmark)
    public static class QueueState
    {
        TickStream stream;
        ArrayBlockingQueue<Integer> queue;
        Integer[] indexes;
        Thread consumer;
        volatile long consumed;
        volatile boolean running;
        long bytes;

        @Setup(Level.Trial)
        public void setUp()
        {
            stream = new TickStream(INSTRUMENTS, BATCH, 42);
            queue = new ArrayBlockingQueue<>(8_192);
            indexes = new Integer[BATCH];
            for (int i = 0; i < BATCH; i++)
            {
                indexes[i] = i;
            }
            running = true;
            consumer = new Thread(() ->
            {
                long count = 0;
                long total = 0;
                while (running)
                {
                    final Integer index = queue.poll();
                    if (index == null)
                    {
                        Thread.yield();
                        continue;
                    }
                    total += stream.lengths[index];
                    count++;
                    if ((count & 1023) == 0 || queue.isEmpty())
                    {
                        consumed = count;
                    }
                }
                bytes = total;
            }, "abq-consumer");
            consumer.setDaemon(true);
            consumer.start();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException
        {
            running = false;
            consumer.join();
            if (bytes < 0)
            {
                throw new IllegalStateException("keeps the consumer's work observable");
            }
        }
    }

    @State(Scope.Benchmark)
    public static class PipelineState
    {
        TickStream stream;
        EnginePipeline pipeline;
        CommandPublisher publisher;
        long ticks;
        long cpuAtStartNs;

        @Setup(Level.Trial)
        public void setUp()
        {
            stream = new TickStream(INSTRUMENTS, BATCH, 42);
            final TradingCore core = new TradingCore((inputSequence, buffer, offset, length) -> { },
                new CoreSettings().instrumentCapacity(INSTRUMENTS * 2));
            stream.define(core);
            pipeline = new EnginePipeline(new PipelineContext().ringSize(8_192),
                new CountingJournal(), core, (inputSequence, buffer, offset, length) -> { });
            publisher = pipeline.publisher();
        }

        @Setup(Level.Iteration)
        public void startCpuClock()
        {
            ticks = 0;
            cpuAtStartNs = handlerCpuNs();
        }

        /**
         * CPU time of the journal and core threads per tick, printed per iteration: what a live tick costs on the
         * box whatever else is running on it (the producer's copy into the ring is not included).
         */
        @TearDown(Level.Iteration)
        public void printCpuPerTick()
        {
            System.out.printf(" [journal+core CPU %.0f ns/tick]", (handlerCpuNs() - cpuAtStartNs) / (double)ticks);
        }

        private long handlerCpuNs()
        {
            long total = 0;
            for (final Thread thread : pipeline.threads())
            {
                total += THREADS.getThreadCpuTime(thread.getId());
            }
            return total;
        }

        @TearDown(Level.Trial)
        public void tearDown()
        {
            pipeline.close();
        }
    }

    /** The core alone on the benchmark thread: decode, update state, encode one event per tick. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long core(final CoreState s)
    {
        final UnsafeBuffer buffer = s.stream.buffer;
        final int[] lengths = s.stream.lengths;
        final int stride = s.stream.stride;
        final TradingCore core = s.core;
        long sequence = s.sequence;
        for (int t = 0; t < BATCH; t++)
        {
            core.onCommand(sequence++, buffer, t * stride, lengths[t]);
        }
        s.sequence = sequence;
        return s.events;
    }

    /** Baseline: copy each command into a Disruptor slot and hand it to a consumer that does nothing. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long disruptorHop(final DisruptorState s)
    {
        final UnsafeBuffer buffer = s.stream.buffer;
        final int[] lengths = s.stream.lengths;
        final int stride = s.stream.stride;
        final RingBuffer<Slot> ring = s.ring;
        long last = -1;
        for (int t = 0; t < BATCH; t++)
        {
            last = ring.next();
            final Slot slot = ring.get(last);
            slot.buffer.putBytes(0, buffer, t * stride, lengths[t]);
            slot.length = lengths[t];
            ring.publish(last);
        }
        while (s.consumed < last + 1)
        {
            Thread.onSpinWait();
        }
        return last;
    }

    /** Baseline: hand each command's index through an ArrayBlockingQueue to a consumer thread. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long arrayBlockingQueueHop(final QueueState s) throws InterruptedException
    {
        final long target = s.consumed + BATCH;
        for (int t = 0; t < BATCH; t++)
        {
            s.queue.put(s.indexes[t]);
        }
        while (s.consumed < target)
        {
            Thread.onSpinWait();
        }
        return target;
    }

    /** The live path: ring, journal handler, core handler, each on its own thread. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public boolean pipeline(final PipelineState s)
    {
        final UnsafeBuffer buffer = s.stream.buffer;
        final int[] lengths = s.stream.lengths;
        final int stride = s.stream.stride;
        final CommandPublisher publisher = s.publisher;
        for (int t = 0; t < BATCH; t++)
        {
            publisher.publish(buffer, t * stride, lengths[t]);
        }
        while (!s.pipeline.isDrained())
        {
            Thread.onSpinWait();
        }
        s.ticks += BATCH;
        return true;
    }

    static final class Slot
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        int length;
    }

    static final class CountingJournal implements InputJournal
    {
        private long next;

        @Override
        public long append(final DirectBuffer buffer, final int offset, final int length)
        {
            return next++;
        }

        @Override
        public long lastIndex()
        {
            return next - 1;
        }
    }
}
