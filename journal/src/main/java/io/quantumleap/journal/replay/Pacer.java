package io.quantumleap.journal.replay;

import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.concurrent.locks.LockSupport;

/**
 * Holds replay back so messages come out at their recorded pace, sped up {@code speed} times: a message
 * recorded {@code d} ns after the first is released {@code d / speed} ns after replay started.
 *
 * <p>Owned by the replay thread. Waits park the thread (never spin), in slices of at most one millisecond.
 */
public class Pacer
{
    private static final long MAX_PARK_NS = 1_000_000;

    private final long speedMilli;
    private final NanoClock clock;
    private long firstRecordedNs = Long.MIN_VALUE;
    private long startNs;

    /**
     * @param speedMilli {@code N} of {@code xN} in thousandths: 1000 is real time, 10000 ten times faster,
     *                   500 half speed.
     * @param clock where elapsed time is read from.
     */
    public Pacer(final long speedMilli, final NanoClock clock)
    {
        if (speedMilli <= 0)
        {
            throw new IllegalArgumentException("pace must be positive, was " + speedMilli + "/1000");
        }
        this.speedMilli = speedMilli;
        this.clock = clock;
    }

    /**
     * @param speedMilli speed in thousandths (1000 is real time).
     * @return a pacer on the system clock.
     */
    public static Pacer realTime(final long speedMilli)
    {
        return new Pacer(speedMilli, SystemNanoClock.INSTANCE);
    }

    /**
     * Returns once the message recorded at {@code recordedNs} is due. Messages without a time, or recorded
     * before the first one, are due at once.
     *
     * @param recordedNs the message's timestampNs, {@link Long#MIN_VALUE} when it has none.
     */
    public void awaitDue(final long recordedNs)
    {
        if (recordedNs == Long.MIN_VALUE)
        {
            return;
        }
        if (firstRecordedNs == Long.MIN_VALUE)
        {
            firstRecordedNs = recordedNs;
            startNs = clock.nanoTime();
            return;
        }
        final long recordedElapsedNs = recordedNs - firstRecordedNs;
        if (recordedElapsedNs <= 0)
        {
            return;
        }
        final long dueNs = startNs +
            recordedElapsedNs / speedMilli * 1000 + recordedElapsedNs % speedMilli * 1000 / speedMilli;
        long nowNs;
        while ((nowNs = clock.nanoTime()) < dueNs)
        {
            park(Math.min(dueNs - nowNs, MAX_PARK_NS));
        }
    }

    /**
     * Waits; tests replace it to move a manual clock instead.
     *
     * @param nanos how long.
     */
    protected void park(final long nanos)
    {
        LockSupport.parkNanos(nanos);
    }
}
