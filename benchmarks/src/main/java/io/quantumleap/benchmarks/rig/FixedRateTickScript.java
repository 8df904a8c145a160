package io.quantumleap.benchmarks.rig;

import io.quantumleap.engine.sim.TickScript;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * The simulator's ticks during a rig run: idle until {@link #start}, then every tick of the {@link TickSchedule}
 * as soon as it is due, round robin over the plan's instruments, numbered in the volume field. Records how late
 * the simulator thread woke for each measured tick (sender lag), which is part of every client-side latency.
 *
 * <p>{@link #emitDue} runs on the simulator thread (the single writer); the rig thread starts it and reads
 * the results once {@link #sentSeq()} reached the end (a volatile publication).
 */
final class FixedRateTickScript implements TickScript
{
    private static final long IDLE_NS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Histogram senderLag = new Histogram(TickLatencyRecorder.HIGHEST_TRACKABLE_NS, 3);
    private volatile TickSchedule schedule;
    private volatile long sentSeq;
    private long nextSeq;
    private long refused;

    /** @param plan the ticks to send, from now on; set once. */
    void start(final TickSchedule plan)
    {
        schedule = plan;
    }

    @Override
    public long emitDue(final long nowNs, final TickSink sink)
    {
        final TickSchedule s = schedule;
        if (s == null)
        {
            return nowNs + IDLE_NS;
        }
        long seq = nextSeq;
        final long end = s.endSeq();
        while (seq < end)
        {
            final long intendedNs = s.intendedNs(seq);
            if (intendedNs - nowNs > 0)
            {
                break;
            }
            if (!sink.tick(s.token(s.instrumentIndex(seq)), s.volume(seq)))
            {
                refused++;
            }
            if (s.inWindow(seq))
            {
                senderLag.recordValue(Math.min(nowNs - intendedNs, TickLatencyRecorder.HIGHEST_TRACKABLE_NS));
            }
            seq++;
        }
        nextSeq = seq;
        sentSeq = seq;
        return seq < end ? s.intendedNs(seq) : nowNs + IDLE_NS;
    }

    /** @return one past the last tick handed to the simulator. */
    long sentSeq()
    {
        return sentSeq;
    }

    /** @return how late the simulator thread woke for each measured tick; read after the last was sent. */
    Histogram senderLag()
    {
        return senderLag;
    }

    /** @return ticks the simulator refused (unknown token); read after the last was sent. */
    long refused()
    {
        return refused;
    }
}
