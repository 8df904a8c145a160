package io.quantumleap.engine.pipeline;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.netty.channel.EventLoop;
import io.netty.channel.ManualIoEventLoop;
import io.netty.channel.nio.NioIoHandler;
import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.engine.spi.CommandHandler;
import io.quantumleap.engine.spi.EventSink;
import io.quantumleap.engine.spi.InputJournal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The engine's ring: producers → journal handler → core handler. The core only sees a command once the journal
 * has appended it, and sees commands in journal order.
 *
 * <p>Threads it starts: {@code qleap-journal} and {@code qleap-core}, or with the journal on the core thread
 * ({@link PipelineContext#journalThread()}) {@code qleap-core} alone; stopped by {@link #close()} after the ring
 * drains. With the feed on the core thread ({@link PipelineContext#feedThread()}) the core thread also serves a
 * Netty event loop while it waits ({@link #ioEventLoop()}).
 */
public final class EnginePipeline implements AutoCloseable
{
    /**
     * The connection id of the feed gap the journal marks while its disk is short of space
     * ({@link PipelineContext#shortOfSpace}): market data is left out then, whichever connection it came on.
     */
    public static final short SHORT_OF_SPACE_CONNECTION = 255;

    private final Disruptor<CommandSlot> disruptor;
    private final RingBuffer<CommandSlot> ringBuffer;
    private final CommandPublisher publisher;
    private final PipelineCounters counters = new PipelineCounters();
    private final List<Thread> threads = new ArrayList<>(2);
    private final ManualIoEventLoop ioLoop;
    private boolean closed;

    /**
     * Builds and starts the pipeline.
     *
     * @param context settings; concluded here if not yet.
     * @param journal the input journal, used only on the journal thread.
     * @param core    handles journaled commands on the core thread.
     * @param sink    the core's sink, told at the end of each batch.
     */
    public EnginePipeline(
        final PipelineContext context, final InputJournal journal, final CommandHandler core, final EventSink sink)
    {
        this(context.isConcluded() ? context : context.conclude(), journal, core, sink, waitStrategy(context));
    }

    private static WaitStrategy waitStrategy(final PipelineContext context)
    {
        if (context.coreThreadServesIo())
        {
            // The owning thread is the core thread, set when the ring starts it.
            return new IoLoopWaitStrategy(context.ioLoop() != null ? context.ioLoop() :
                new ManualIoEventLoop(null, null, NioIoHandler.newFactory()));
        }
        return Configuration.waitStrategy(context.waitStrategy());
    }

    EnginePipeline(
        final PipelineContext context,
        final InputJournal journal,
        final CommandHandler core,
        final EventSink sink,
        final WaitStrategy waitStrategy)
    {
        final int slotSize = context.slotSize();
        final boolean journalOnCore = Configuration.journalOnCoreThread(
            context.journalThread(), Runtime.getRuntime().availableProcessors());
        final String[] names = journalOnCore ?
            new String[] {"qleap-core"} : new String[] {"qleap-journal", "qleap-core"};
        final IoLoopWaitStrategy ioWait = waitStrategy instanceof IoLoopWaitStrategy w ? w : null;
        if (ioWait != null && !journalOnCore)
        {
            throw new IllegalArgumentException("the core thread serves I/O only with the journal on it");
        }
        ioLoop = ioWait == null ? null : ioWait.loop();
        final ThreadFactory threadFactory = new ThreadFactory()
        {
            private int next;

            @Override
            public synchronized Thread newThread(final Runnable runnable)
            {
                final String name = next < names.length ? names[next] : "qleap-ring-" + next;
                final Runnable loop = ioLoop == null || next > 0 ? runnable : () -> runThenCloseIoLoop(runnable);
                final Thread thread = new Thread(() -> runOrTell(loop, context.threadDied()), name);
                if (ioLoop != null && next == 0)
                {
                    ioLoop.setOwningThread(thread);
                }
                next++;
                thread.setDaemon(true);
                threads.add(thread);
                return thread;
            }
        };
        disruptor = new Disruptor<>(
            () -> new CommandSlot(slotSize), context.ringSize(), threadFactory, ProducerType.MULTI, waitStrategy);
        disruptor.setDefaultExceptionHandler(new CountingExceptionHandler(counters));
        final LatencyRecorders latency = context.latency();
        final JournalHandler journalHandler =
            new JournalHandler(journal, counters, latency, waitStrategy, context.shortOfSpace());
        final CoreHandler coreHandler = new CoreHandler(core, sink, counters, latency);
        if (journalOnCore)
        {
            disruptor.handleEventsWith(new JournalingCoreHandler(journalHandler, coreHandler));
        }
        else
        {
            disruptor.handleEventsWith(journalHandler).then(coreHandler);
        }
        ringBuffer = disruptor.start();
        if (ioWait != null)
        {
            // A read publishes a frame's ticks at most; half the ring is far more than that.
            ioWait.ring(ringBuffer::remainingCapacity, context.ringSize() / 2);
        }
        publisher = new CommandPublisher(ringBuffer, slotSize, counters, latency.clock(),
            ioLoop == null ? null : threads.get(0));
    }

    static void runOrTell(final Runnable loop, final Consumer<Throwable> threadDied)
    {
        try
        {
            loop.run();
        }
        catch (final Throwable ex)
        {
            threadDied.accept(ex);
            throw ex;
        }
    }

    private void runThenCloseIoLoop(final Runnable handlerLoop)
    {
        try
        {
            handlerLoop.run();
        }
        finally
        {
            // On its owning thread, after the last command: channels still open are closed, tasks run.
            ioLoop.shutdownGracefully(0, 0, TimeUnit.NANOSECONDS);
            while (!ioLoop.isTerminated())
            {
                ioLoop.runNow();
            }
        }
    }

    /**
     * @return the Netty event loop the core thread serves while it waits, for the Kite feed's connections; null
     *         when the feed runs on a thread of its own ({@link PipelineContext#feedThread()}). Its tasks and I/O
     *         run on the core thread: they must be quick and must never wait for the core.
     */
    public EventLoop ioEventLoop()
    {
        return ioLoop;
    }

    /** @return the ingress producers publish commands through. */
    public CommandPublisher publisher()
    {
        return publisher;
    }

    public PipelineCounters counters()
    {
        return counters;
    }

    /** @return true when every published command has been handled by the core. */
    public boolean isDrained()
    {
        return ringBuffer.getMinimumGatingSequence() >= ringBuffer.getCursor();
    }

    /** @return the threads the pipeline started (for monitoring and allocation checks). */
    public List<Thread> threads()
    {
        return List.copyOf(threads);
    }

    /** Waits until the core handled every published command, then stops both threads. */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            disruptor.shutdown();
            if (ioLoop != null)
            {
                ioLoop.terminationFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
            }
        }
    }

    private static final class CountingExceptionHandler implements ExceptionHandler<CommandSlot>
    {
        private final PipelineCounters counters;

        CountingExceptionHandler(final PipelineCounters counters)
        {
            this.counters = counters;
        }

        @Override
        public void handleEventException(final Throwable ex, final long sequence, final CommandSlot event)
        {
            counters.coreFailure(ex);
        }

        @Override
        public void handleOnStartException(final Throwable ex)
        {
            counters.coreFailure(ex);
        }

        @Override
        public void handleOnShutdownException(final Throwable ex)
        {
            counters.coreFailure(ex);
        }
    }
}
