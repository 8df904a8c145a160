package io.quantumleap.engine.latency;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;

/**
 * The latency recorders of one engine process, one per {@link LatencyStage}, plus the clock every stage reads and
 * the {@link CoreTimestamps} side channel. Create one and hand it to every component on the event path.
 *
 * <p>All timestamps are epoch nanoseconds from one clock instance, so that a receive time carried inside a command
 * (stamped on the socket's thread) can be compared with a time read on another thread. The default is Agrona's
 * {@link OffsetEpochNanoClock}: the monotonic {@code System.nanoTime()} plus an offset to the epoch sampled at start
 * (and hourly), several times cheaper to read than the wall clock; another process's clock on the same machine
 * agrees with it to within the offset's sampling error (microseconds).
 */
public final class LatencyRecorders
{
    /** Smallest distinguishable value, ns. */
    public static final long LOWEST_NS = 1;
    /** Largest value recorded as itself, ns (10 s); longer spans are clamped to it. */
    public static final long HIGHEST_NS = 10_000_000_000L;
    /** Significant decimal digits kept by every histogram. */
    public static final int DIGITS = 3;

    private final EpochNanoClock clock;
    private final StageRecorder[] stages;
    private final CoreTimestamps coreTimestamps;

    /** Recorders on a fresh offset clock. */
    public LatencyRecorders()
    {
        this(new OffsetEpochNanoClock(), CoreTimestamps.DEFAULT_CAPACITY);
    }

    /**
     * @param clock             the clock every stage reads (epoch nanoseconds).
     * @param coreTimestampSlots capacity of the core-done side channel, a power of two.
     */
    public LatencyRecorders(final EpochNanoClock clock, final int coreTimestampSlots)
    {
        this.clock = clock;
        final LatencyStage[] all = LatencyStage.all();
        stages = new StageRecorder[all.length];
        for (final LatencyStage stage : all)
        {
            stages[stage.ordinal()] = new StageRecorder(stage);
        }
        coreTimestamps = new CoreTimestamps(coreTimestampSlots);
    }

    public EpochNanoClock clock()
    {
        return clock;
    }

    /** @return the recorder of one stage; look it up once and keep it, not per event. */
    public StageRecorder stage(final LatencyStage stage)
    {
        return stages[stage.ordinal()];
    }

    /** @return when the core finished each recent command, for readers of its event stream. */
    public CoreTimestamps coreTimestamps()
    {
        return coreTimestamps;
    }
}
