package io.quantumleap.engine.latency;

import org.agrona.concurrent.EpochNanoClock;

import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves a fixed step forward on every read, so each stage between two reads spans exactly one step. */
public final class SteppingClock implements EpochNanoClock
{
    private final AtomicLong now;
    private final long step;

    public SteppingClock(final long start, final long step)
    {
        this.now = new AtomicLong(start);
        this.step = step;
    }

    @Override
    public long nanoTime()
    {
        return now.addAndGet(step);
    }

    /** @return what the next read will return. */
    public long next()
    {
        return now.get() + step;
    }
}
