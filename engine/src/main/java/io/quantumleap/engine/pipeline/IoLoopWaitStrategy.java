package io.quantumleap.engine.pipeline;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import io.netty.channel.ManualIoEventLoop;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The wait of a ring whose one handler thread also serves a Netty event loop: while the handler has nothing to
 * do it runs the loop's I/O and tasks, blocking in the loop's selector until a socket is ready, a task comes, or a
 * producer publishes ({@link #signalAllWhenBlocking()} wakes the selector). The Kite feed's connections live on
 * that loop, so a tick read from the socket is decoded, published, journaled and handled by the core on one
 * thread, with no hand-off between them; other producers (the API, the order router) wake the selector instead of
 * unparking a thread.
 *
 * <p>When the handler runs out of commands it first runs the loop's queued tasks (up to
 * {@link #BUSY_IO_INTERVAL_NS} of them), so work its own batch queued on the loop follows the batch at once; then it
 * spins briefly, then serves the loop's I/O without blocking, then blocks.
 *
 * <p>While the handler is busy it still serves the loop's I/O now and then ({@link #BUSY_IO_INTERVAL_NS}), when
 * the ring has room for what a read can publish, so a stream of other commands does not starve the feed.
 *
 * <p>No wake-up is lost: a waiter marks itself waiting, then checks the sequence once more before it blocks; a
 * producer makes its sequence visible first, then wakes the selector if a waiter is marked. A wake-up that comes
 * before the selector blocks makes its next select return at once. A wait is also bounded (a backstop).
 *
 * <p>Only for a single handler thread, the loop's owner (set by the pipeline when it makes that thread).
 */
final class IoLoopWaitStrategy implements WaitStrategy
{
    private static final int SPINS = 100;
    /**
     * The backstop: producers and the loop's tasks wake the selector and its timers bound the wait, so this only
     * bounds the cost of a lost wake-up. An idle core wakes 50 times a second for it.
     */
    private static final long MAX_WAIT_NS_DEFAULT = TimeUnit.MILLISECONDS.toNanos(20);
    /** While the handler is busy, how often it serves the loop's I/O. */
    static final long BUSY_IO_INTERVAL_NS = TimeUnit.MICROSECONDS.toNanos(100);

    private final ManualIoEventLoop loop;
    private final long maxWaitNs;
    private LongSupplier freeSlots = () -> 0;
    private long minFreeSlots;
    private long lastIoNs;
    private volatile boolean waiting;

    IoLoopWaitStrategy(final ManualIoEventLoop loop)
    {
        this(loop, MAX_WAIT_NS_DEFAULT);
    }

    /** @param maxWaitNs longest block without a signal (tests make it long, so a lost wake-up shows). */
    IoLoopWaitStrategy(final ManualIoEventLoop loop, final long maxWaitNs)
    {
        if (maxWaitNs < TimeUnit.MILLISECONDS.toNanos(1))
        {
            // The NIO selector counts in milliseconds: a shorter wait would be a busy poll.
            throw new IllegalArgumentException("maxWaitNs: at least 1 ms, got " + maxWaitNs);
        }
        this.loop = loop;
        this.maxWaitNs = maxWaitNs;
    }

    /**
     * @param freeSlots    the ring's free slots, read before serving I/O while the handler is busy.
     * @param minFreeSlots fewer than this and the busy handler leaves the I/O for later (the ring first drains).
     */
    void ring(final LongSupplier freeSlots, final long minFreeSlots)
    {
        this.freeSlots = freeSlots;
        this.minFreeSlots = minFreeSlots;
    }

    ManualIoEventLoop loop()
    {
        return loop;
    }

    @Override
    public long waitFor(
        final long sequence, final Sequence cursor, final Sequence dependentSequence, final SequenceBarrier barrier)
        throws AlertException
    {
        long available = dependentSequence.get();
        if (available >= sequence)
        {
            if (System.nanoTime() - lastIoNs >= BUSY_IO_INTERVAL_NS && freeSlots.getAsLong() >= minFreeSlots)
            {
                serve(-1);
            }
            return available;
        }
        int idle = 0;
        boolean tasksRun = false;
        while ((available = dependentSequence.get()) < sequence)
        {
            barrier.checkAlert();
            if (!tasksRun)
            {
                // The loop's queued tasks first, before any spin: those the handler queued on its own thread in the
                // batch it just finished (a consumer of its output living on this loop) run at once.
                tasksRun = true;
                loop.runNonBlockingTasks(BUSY_IO_INTERVAL_NS);
            }
            else if (idle < SPINS)
            {
                idle++;
                Thread.onSpinWait();
            }
            else if (idle == SPINS)
            {
                idle++;
                serve(-1);
            }
            else
            {
                waiting = true;
                try
                {
                    serve(dependentSequence.get() < sequence && !barrier.isAlerted() ? maxWaitNs : -1);
                }
                finally
                {
                    waiting = false;
                }
            }
        }
        return available;
    }

    /**
     * Serves the loop's I/O, then its tasks for at most {@link #BUSY_IO_INTERVAL_NS} (and the one running then): a
     * task that queues itself again, as the gateway follower does while it catches up with a day's journal, would
     * otherwise run on until it stopped, and the loop's sockets (the Kite feed, the HTTP server) would wait for it.
     *
     * @param waitNs how long the selector may block, -1 not at all.
     */
    private void serve(final long waitNs)
    {
        loop.run(waitNs, BUSY_IO_INTERVAL_NS);
        lastIoNs = System.nanoTime();
    }

    @Override
    public void signalAllWhenBlocking()
    {
        if (waiting)
        {
            loop.wakeup();
        }
    }
}
