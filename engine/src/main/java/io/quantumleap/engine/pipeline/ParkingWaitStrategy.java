package io.quantumleap.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine ring's default wait: a handler with nothing to do spins a little, yields a little, then parks until
 * it is signalled: by a producer publishing (the Disruptor calls {@link #signalAllWhenBlocking()} on every
 * publish) or by the handler it follows finishing a batch (the journal handler calls it, so the core is woken
 * when its commands are journaled).
 *
 * <p>Why not the Disruptor's own strategies on a 2-core machine: a timed park lasts at least ~75 µs here (timer
 * slack), so {@code SleepingWaitStrategy} both delays every hand-off by tens of µs and costs each idle handler
 * about a third of a core in wake-ups; {@code BlockingWaitStrategy} wakes the core on publish but then has it spin
 * while the journal handler works, and on two cores that spinning takes the CPU the journal handler needs
 * (journal-stage p90 0.6-1.7 ms in the tick-to-WebSocket rig). Parked threads here cost nothing and an unpark
 * runs the thread in ~7 µs at the median.
 *
 * <p>No wake-up is lost: a waiter registers itself, then checks the sequence it waits for once more, and parks
 * only if it is still behind and no signal came since it looked; a signaller makes its sequence visible first,
 * counts the signal, then unparks every registered waiter. A park is also bounded (a backstop, not a poll).
 */
final class ParkingWaitStrategy implements WaitStrategy
{
    private static final int SPINS = 100;
    private static final int YIELDS = 10;
    private static final int MAX_WAITERS = 16;
    private static final long MAX_PARK_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(1);

    private final long maxParkNs;
    private final AtomicLong signals = new AtomicLong();
    private final AtomicReferenceArray<Thread> waiters = new AtomicReferenceArray<>(MAX_WAITERS);

    ParkingWaitStrategy()
    {
        this(MAX_PARK_NS_DEFAULT);
    }

    /** @param maxParkNs longest park without a signal (tests make it long, so a lost wake-up shows). */
    ParkingWaitStrategy(final long maxParkNs)
    {
        this.maxParkNs = maxParkNs;
    }

    @Override
    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException
    {
        long available;
        int idle = 0;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (idle < SPINS)
            {
                idle++;
                Thread.onSpinWait();
            }
            else if (idle < SPINS + YIELDS)
            {
                idle++;
                Thread.yield();
            }
            else
            {
                park(sequence, dependentSequence);
            }
        }
        return available;
    }

    private void park(final long sequence, final Sequence dependentSequence)
    {
        final long seen = signals.get();
        final Thread self = Thread.currentThread();
        final int slot = register(self);
        if (slot < 0)
        {
            // More waiters than slots: fall back to short timed parks, still correct.
            LockSupport.parkNanos(MAX_PARK_NS_DEFAULT / 10);
            return;
        }
        try
        {
            if (dependentSequence.get() < sequence && signals.get() == seen)
            {
                LockSupport.parkNanos(this, maxParkNs);
            }
        }
        finally
        {
            waiters.set(slot, null);
        }
    }

    private int register(final Thread self)
    {
        for (int i = 0; i < MAX_WAITERS; i++)
        {
            if (waiters.get(i) == null && waiters.compareAndSet(i, null, self))
            {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void signalAllWhenBlocking()
    {
        signals.incrementAndGet();
        for (int i = 0; i < MAX_WAITERS; i++)
        {
            final Thread waiter = waiters.get(i);
            if (waiter != null)
            {
                LockSupport.unpark(waiter);
            }
        }
    }
}
