package io.quantumleap.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>A signal wakes only the parked handlers it can let go on (or that are being halted): a command published
 * by the feed wakes the journal handler, not the core, which would only find its commands not yet journaled and
 * park again, taking one of the two CPUs from the journal handler meanwhile.
 *
 * <p>No wake-up is lost: a waiter notes what it waits for, marks itself parked, then checks the sequence once
 * more, and parks only if it is still behind and no signal came since it looked; a signaller makes its sequence
 * visible first, counts the signal (a full fence), then unparks every parked waiter whose sequence has got far
 * enough or whose barrier is alerted. A park is also bounded (a backstop, not a poll).
 */
final class ParkingWaitStrategy implements WaitStrategy
{
    private static final int SPINS = 100;
    private static final int YIELDS = 10;
    private static final long MAX_PARK_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(1);

    private final long maxParkNs;
    private final AtomicLong signals = new AtomicLong();
    private final ThreadLocal<Waiter> ownWaiter = ThreadLocal.withInitial(this::newWaiter);
    private volatile Waiter[] waiters = new Waiter[0];

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
                park(sequence, dependentSequence, barrier);
            }
        }
        return available;
    }

    private void park(final long sequence, final Sequence dependentSequence, final SequenceBarrier barrier)
    {
        final long seen = signals.get();
        final Waiter waiter = ownWaiter.get();
        waiter.sequence = sequence;
        waiter.dependentSequence = dependentSequence;
        waiter.barrier = barrier;
        waiter.parked = true;
        try
        {
            if (dependentSequence.get() < sequence && !barrier.isAlerted() && signals.get() == seen)
            {
                LockSupport.parkNanos(this, maxParkNs);
            }
        }
        finally
        {
            waiter.parked = false;
        }
    }

    @Override
    public void signalAllWhenBlocking()
    {
        signals.incrementAndGet();
        for (final Waiter waiter : waiters)
        {
            if (waiter.parked &&
                (waiter.dependentSequence.get() >= waiter.sequence || waiter.barrier.isAlerted()))
            {
                LockSupport.unpark(waiter.thread);
            }
        }
    }

    private synchronized Waiter newWaiter()
    {
        final Waiter waiter = new Waiter(Thread.currentThread());
        final Waiter[] grown = Arrays.copyOf(waiters, waiters.length + 1);
        grown[grown.length - 1] = waiter;
        waiters = grown;
        return waiter;
    }

    /** A handler thread's wait, read by signallers once {@link #parked} is set. */
    private static final class Waiter
    {
        private final Thread thread;
        private long sequence;
        private Sequence dependentSequence;
        private SequenceBarrier barrier;
        private volatile boolean parked;

        Waiter(final Thread thread)
        {
            this.thread = thread;
        }
    }
}
