package io.quantumleap.engine.latency;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The interval recorder of one {@link LatencyStage}. Recording is wait-free and allocation-free; a stage written by
 * one thread uses a {@link SingleWriterRecorder}, one written by several a {@link Recorder}. Values are nanoseconds
 * between {@link LatencyRecorders#LOWEST_NS} and {@link LatencyRecorders#HIGHEST_NS}: a negative span (the wall
 * clock stepped back) counts as {@link #clockSteps()} instead of a sample, a longer one is clamped to the highest.
 */
public final class StageRecorder
{
    private final LatencyStage stage;
    private final SingleWriterRecorder singleWriter;
    private final Recorder multiWriter;
    private volatile long clockSteps;

    StageRecorder(final LatencyStage stage)
    {
        this.stage = stage;
        if (stage.concurrentWriters())
        {
            multiWriter =
                new Recorder(LatencyRecorders.LOWEST_NS, LatencyRecorders.HIGHEST_NS, LatencyRecorders.DIGITS);
            singleWriter = null;
        }
        else
        {
            singleWriter = new SingleWriterRecorder(
                LatencyRecorders.LOWEST_NS, LatencyRecorders.HIGHEST_NS, LatencyRecorders.DIGITS);
            multiWriter = null;
        }
    }

    public LatencyStage stage()
    {
        return stage;
    }

    /**
     * Records the span between two readings of {@link LatencyRecorders#clock()}.
     *
     * @param fromNs when the stage started, epoch nanoseconds.
     * @param toNs   when it ended.
     */
    public void record(final long fromNs, final long toNs)
    {
        final long span = toNs - fromNs;
        if (span < 0)
        {
            clockStepped();
            return;
        }
        final long value = Math.min(span, LatencyRecorders.HIGHEST_NS);
        if (singleWriter != null)
        {
            singleWriter.recordValue(value);
        }
        else
        {
            multiWriter.recordValue(value);
        }
    }

    private void clockStepped()
    {
        clockSteps++; // a rare diagnostic: a lost increment between racing writers is acceptable
    }

    /** @return spans that came out negative because the wall clock stepped back (not recorded as samples). */
    public long clockSteps()
    {
        return clockSteps;
    }

    /**
     * Swaps the recorder's interval: everything recorded since the previous call. For the one reader thread.
     *
     * @param recycle the histogram this method returned last time (its contents are discarded), or null.
     * @return the interval's histogram.
     */
    public Histogram intervalHistogram(final Histogram recycle)
    {
        return singleWriter != null ?
            singleWriter.getIntervalHistogram(recycle) : multiWriter.getIntervalHistogram(recycle);
    }
}
