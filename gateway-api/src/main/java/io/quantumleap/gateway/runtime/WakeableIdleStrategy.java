package io.quantumleap.gateway.runtime;

import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Idles an agent thread that a producer wakes when it has work: a few spins and yields, then the thread parks
 * until {@link #signal()} (or {@code maxParkNs} as a backstop). On this project's 2-core VM a timed park lasts
 * at least ~75 µs whatever it asks for (timer slack), while an unpark runs the parked thread in ~7 µs at the
 * median; and a parked thread costs no CPU, where a thread polling with timed parks wakes ten thousand times
 * a second for nothing.
 *
 * <p>No wake-up is lost: a producer makes its work visible, then calls {@link #signal()}, which counts the
 * signal and unparks the thread if it is parking. The idle thread notes the signal count after each
 * {@link #idle(int)} (so before its next poll for work) and parks only if no signal came since; both sides use
 * sequentially consistent operations, so either the thread sees the count move or the producer sees it parking.
 */
final class WakeableIdleStrategy implements IdleStrategy
{
    private static final int SPINS = 100;
    private static final int YIELDS = 10;

    private final long maxParkNs;
    private final AtomicLong signals = new AtomicLong();
    private volatile Thread parking;
    private long signalsSeen;
    private int idleCount;

    /** @param maxParkNs longest park without a signal, a backstop only. */
    WakeableIdleStrategy(final long maxParkNs)
    {
        this.maxParkNs = maxParkNs;
    }

    /** For the producer, after its work is visible to the idle thread: wakes the thread if it is parking. */
    void signal()
    {
        signals.incrementAndGet();
        final Thread thread = parking;
        if (null != thread)
        {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            reset();
        }
        else
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        if (idleCount < SPINS)
        {
            idleCount++;
            Thread.onSpinWait();
        }
        else if (idleCount < SPINS + YIELDS)
        {
            idleCount++;
            Thread.yield();
        }
        else
        {
            parking = Thread.currentThread();
            if (signals.get() == signalsSeen)
            {
                LockSupport.parkNanos(maxParkNs);
            }
            parking = null;
        }
        signalsSeen = signals.get();
    }

    @Override
    public void reset()
    {
        idleCount = 0;
        signalsSeen = signals.get();
    }

    @Override
    public String alias()
    {
        return "wakeable";
    }
}
