package io.quantumleap.engine.pipeline;

import io.netty.channel.ManualIoEventLoop;
import io.quantumleap.engine.core.CoreSettings;
import io.quantumleap.engine.latency.LatencyRecorders;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Settings of an {@link EnginePipeline}, read from system properties ({@link Configuration}) and overridable in
 * code; {@link #conclude()} validates them before the pipeline starts.
 */
public final class PipelineContext
{
    private int ringSize = Configuration.intProperty(Configuration.RING_SIZE_PROP_NAME,
        Configuration.RING_SIZE_DEFAULT, 1, Configuration.RING_SIZE_MAX, "a power of two");
    private int slotSize = Configuration.intProperty(Configuration.SLOT_SIZE_PROP_NAME,
        Configuration.SLOT_SIZE_DEFAULT, Configuration.SLOT_SIZE_MIN, Integer.MAX_VALUE, "a size in bytes");
    private String waitStrategy = System.getProperty(
        Configuration.WAIT_STRATEGY_PROP_NAME, Configuration.WAIT_STRATEGY_DEFAULT);
    private String journalThread = System.getProperty(
        Configuration.JOURNAL_THREAD_PROP_NAME, Configuration.JOURNAL_THREAD_DEFAULT);
    private String feedThread = System.getProperty(
        Configuration.FEED_THREAD_PROP_NAME, Configuration.FEED_THREAD_DEFAULT);
    private CoreSettings coreSettings;
    private LatencyRecorders latency;
    private ManualIoEventLoop ioLoop;
    private BooleanSupplier shortOfSpace = () -> false;
    private Consumer<Throwable> threadDied = ex ->
    {
        System.err.println("qleap engine: a pipeline thread ended with " + ex);
        ex.printStackTrace();
    };
    private boolean concluded;

    /**
     * Validates every setting and builds the core settings from the properties unless set in code.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first bad setting.
     */
    public PipelineContext conclude()
    {
        if (ringSize <= 0 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException(
                Configuration.RING_SIZE_PROP_NAME + "=" + ringSize + ": expected a power of two");
        }
        if (slotSize < Configuration.SLOT_SIZE_MIN)
        {
            throw new IllegalArgumentException(Configuration.SLOT_SIZE_PROP_NAME + "=" + slotSize +
                ": expected at least " + Configuration.SLOT_SIZE_MIN + " bytes");
        }
        Configuration.waitStrategy(waitStrategy);
        if (!coreThreadServesIo() && ioLoop != null)
        {
            throw new IllegalArgumentException("an event loop was given for the core thread to serve, but the core " +
                "thread serves none with " + Configuration.FEED_THREAD_PROP_NAME + "=" + feedThread + ", " +
                Configuration.JOURNAL_THREAD_PROP_NAME + "=" + journalThread + " and " +
                Configuration.WAIT_STRATEGY_PROP_NAME + "=" + waitStrategy);
        }
        if (coreSettings == null)
        {
            coreSettings = Configuration.coreSettingsFromProperties();
        }
        coreSettings.validate();
        if (latency == null)
        {
            latency = new LatencyRecorders();
        }
        concluded = true;
        return this;
    }

    public boolean isConcluded()
    {
        return concluded;
    }

    public int ringSize()
    {
        return ringSize;
    }

    public PipelineContext ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    public int slotSize()
    {
        return slotSize;
    }

    public PipelineContext slotSize(final int slotSize)
    {
        this.slotSize = slotSize;
        return this;
    }

    public String waitStrategy()
    {
        return waitStrategy;
    }

    /** @param waitStrategy parking (default), sleeping, yielding, blocking or busy-spin. */
    public PipelineContext waitStrategy(final String waitStrategy)
    {
        this.waitStrategy = waitStrategy;
        return this;
    }

    public String journalThread()
    {
        return journalThread;
    }

    /**
     * @param journalThread own (the journal appends on its own thread, a stage ahead of the core), core (on the
     *                      core thread, right before the core handles each command) or auto (core on fewer than
     *                      {@link Configuration#JOURNAL_THREAD_MIN_CPUS} CPUs).
     */
    public PipelineContext journalThread(final String journalThread)
    {
        this.journalThread = journalThread;
        return this;
    }

    public String feedThread()
    {
        return feedThread;
    }

    /**
     * @param feedThread own (the Kite feed reads its sockets on a thread of its own), core (on the core thread
     *                   while it waits: {@link EnginePipeline#ioEventLoop()}) or auto (core when the journal is on
     *                   the core thread and the ring waits by parking).
     */
    public PipelineContext feedThread(final String feedThread)
    {
        this.feedThread = feedThread;
        return this;
    }

    /**
     * @return whether the core thread serves a Netty event loop while it waits ({@link EnginePipeline#ioEventLoop()}),
     *         which the Kite feed's connections (and what else the caller puts there) live on.
     * @throws IllegalArgumentException naming the first bad setting of the three it depends on.
     */
    public boolean coreThreadServesIo()
    {
        return Configuration.feedOnCoreThread(feedThread,
            Configuration.journalOnCoreThread(journalThread, Runtime.getRuntime().availableProcessors()), waitStrategy);
    }

    /** @return the core's settings; built from the properties by {@link #conclude()} unless set. */
    public CoreSettings coreSettings()
    {
        return coreSettings;
    }

    public PipelineContext coreSettings(final CoreSettings coreSettings)
    {
        this.coreSettings = coreSettings;
        return this;
    }

    /** @return where the ring records its stage latencies; a fresh set by {@link #conclude()} unless set. */
    public LatencyRecorders latency()
    {
        return latency;
    }

    /** @param latency the process's recorders, shared with the other components on the event path. */
    public PipelineContext latency(final LatencyRecorders latency)
    {
        this.latency = latency;
        return this;
    }

    public ManualIoEventLoop ioLoop()
    {
        return ioLoop;
    }

    /**
     * @param ioLoop the event loop the core thread serves while it waits ({@link #coreThreadServesIo()}), made
     *               earlier by the caller so that others can register with it before the pipeline starts (the HTTP
     *               server); the pipeline makes its own when not set. Give it no owning thread: the pipeline makes
     *               the core thread its owner, and shuts it down when the core thread ends.
     * @return this.
     */
    public PipelineContext ioLoop(final ManualIoEventLoop ioLoop)
    {
        this.ioLoop = ioLoop;
        return this;
    }

    public BooleanSupplier shortOfSpace()
    {
        return shortOfSpace;
    }

    /**
     * @param shortOfSpace true while the journal's disk is short of space: market data is then left out of the
     *                     journal, and so out of the core, marked as a feed gap of connection
     *                     {@link EnginePipeline#SHORT_OF_SPACE_CONNECTION} (read once per market data command, on
     *                     the journaling thread: a volatile read, no more).
     * @return this.
     */
    public PipelineContext shortOfSpace(final BooleanSupplier shortOfSpace)
    {
        this.shortOfSpace = Objects.requireNonNull(shortOfSpace, "shortOfSpace");
        return this;
    }

    public Consumer<Throwable> threadDied()
    {
        return threadDied;
    }

    /**
     * @param threadDied told, on the dying thread, when a journal or core thread ends with an error its handlers
     *                   could not catch (a fault in a memory-mapped journal file arrives anywhere in the thread's
     *                   loop): nothing handles commands any more.
     * @return this.
     */
    public PipelineContext threadDied(final Consumer<Throwable> threadDied)
    {
        this.threadDied = Objects.requireNonNull(threadDied, "threadDied");
        return this;
    }
}
