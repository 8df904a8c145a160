package io.quantumleap.gateway.runtime;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.concurrent.Agent;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs an Agrona {@link Agent} as tasks of a Netty event loop instead of on a thread of its own: the gateway
 * follower runs on the HTTP server's event loop, so the WebSocket clients of that loop get a tick written in the
 * same turn that applied it, without a hand-off to another thread (one wake-up fewer per tick, and one thread fewer
 * competing for the CPUs).
 *
 * <p>A turn calls {@link Agent#doWork()} until it finds nothing or has run {@link #ROUNDS_PER_TURN} times; then it
 * schedules itself again, so the loop's sockets are served between turns of a backlog. A turn that finds nothing
 * at all while the upstream is busy (the core has commands in hand) spins once, up to {@code upstreamSpinNs}, until
 * the upstream is done, then looks again; a turn that found work never spins, so a loaded loop never does. Signalled
 * as soon as a command enters the ring, the loop wakes while the core works, and the core's events are written
 * without a second wake-up. {@link #signal()} (the core
 * at the end of a batch) schedules a turn unless one is pending; a timer signals too, as a backstop. No signal is
 * lost: a turn clears its pending mark before it looks for work, so work made visible before a signal that found
 * a turn pending is seen by that turn, and a signal after the mark was cleared schedules the next.
 * {@link Agent#onStart()} and {@link Agent#onClose()} run on the loop, before the first turn and after the last.
 */
final class EventLoopAgentRunner implements AutoCloseable
{
    /** doWork calls in one turn before the loop's other tasks and sockets get their turn. */
    static final int ROUNDS_PER_TURN = 16;

    private final Agent agent;
    private final EventLoop loop;
    private final Consumer<Throwable> errorHandler;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable turn = this::turn;
    private final ScheduledFuture<?> backstop;
    private final BooleanSupplier upstreamBusy;
    private final long upstreamSpinNs;
    private volatile boolean closed;

    /**
     * Starts the agent: {@link Agent#onStart()} is queued on the loop at once.
     *
     * @param backstopNs   how often the agent works without a signal.
     * @param errorHandler told of whatever a turn throws; the agent goes on with the next turn.
     */
    EventLoopAgentRunner(
        final Agent agent, final EventLoop loop, final long backstopNs, final Consumer<Throwable> errorHandler)
    {
        this(agent, loop, backstopNs, errorHandler, () -> false, 0);
    }

    /**
     * Starts the agent: {@link Agent#onStart()} is queued on the loop at once.
     *
     * @param backstopNs     how often the agent works without a signal.
     * @param errorHandler   told of whatever a turn throws; the agent goes on with the next turn.
     * @param upstreamBusy   true while the producer of the agent's work has input in hand whose output the agent
     *                       will find (the engine's ring holds commands the core has not finished).
     * @param upstreamSpinNs how long a turn that found nothing waits for a busy upstream, spinning on the loop,
     *                       before it gives the loop back; 0 never waits.
     */
    EventLoopAgentRunner(
        final Agent agent, final EventLoop loop, final long backstopNs, final Consumer<Throwable> errorHandler,
        final BooleanSupplier upstreamBusy, final long upstreamSpinNs)
    {
        if (upstreamSpinNs < 0)
        {
            throw new IllegalArgumentException("upstreamSpinNs: must be >= 0, got " + upstreamSpinNs);
        }
        this.agent = agent;
        this.loop = loop;
        this.errorHandler = errorHandler;
        this.upstreamBusy = upstreamBusy;
        this.upstreamSpinNs = upstreamSpinNs;
        loop.execute(this::onStart);
        backstop = loop.scheduleAtFixedRate(this::signal, backstopNs, backstopNs, TimeUnit.NANOSECONDS);
        signal();
    }

    /**
     * Has the agent work on the loop soon; from any thread, lock-free, idempotent while a turn is pending. An
     * atomic swap, not a read then a swap: it orders the caller's work before it, so a turn that clears the mark
     * after the swap sees that work.
     */
    void signal()
    {
        if (!scheduled.getAndSet(true))
        {
            try
            {
                loop.execute(turn);
            }
            catch (final RejectedExecutionException ex)
            {
                scheduled.set(false);
            }
        }
    }

    private void onStart()
    {
        try
        {
            agent.onStart();
        }
        catch (final RuntimeException ex)
        {
            // An agent that could not start does no work (as Agrona's AgentRunner would not run it).
            closed = true;
            errorHandler.accept(ex);
        }
    }

    private void turn()
    {
        scheduled.set(false);
        if (closed)
        {
            return;
        }
        try
        {
            // The upstream is waited for once per turn, and only in a turn that found nothing: a busy loop never waits.
            int round = 0;
            boolean waited = false;
            while (true)
            {
                if (agent.doWork() > 0)
                {
                    if (++round == ROUNDS_PER_TURN)
                    {
                        signal();
                        return;
                    }
                }
                else if (round > 0 || waited || !awaitedUpstream())
                {
                    return;
                }
                else
                {
                    waited = true;
                }
            }
        }
        catch (final Exception ex)
        {
            errorHandler.accept(ex);
        }
    }

    /**
     * Spins while the upstream is busy, up to {@code upstreamSpinNs}, with this turn marked pending so that the
     * upstream's signals in the meantime cost it nothing (no task, no selector wake-up).
     *
     * @return true when the agent should look for work again.
     */
    private boolean awaitedUpstream()
    {
        if (upstreamSpinNs == 0 || closed || !upstreamBusy.getAsBoolean() || scheduled.getAndSet(true))
        {
            return false;
        }
        final long deadlineNs = System.nanoTime() + upstreamSpinNs;
        while (upstreamBusy.getAsBoolean() && deadlineNs - System.nanoTime() > 0)
        {
            Thread.onSpinWait();
        }
        // As at the start of a turn: cleared before the agent looks, so no signal after the look is lost.
        scheduled.set(false);
        return true;
    }

    /** Stops the turns and runs {@link Agent#onClose()} on the loop (here, when the loop is already gone). */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        backstop.cancel(false);
        if (loop.inEventLoop())
        {
            agent.onClose();
            return;
        }
        if (loop.isShuttingDown())
        {
            // A turn may still be running: the agent is closed once the loop has stopped.
            loop.terminationFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
            agent.onClose();
            return;
        }
        try
        {
            if (!loop.submit(agent::onClose).awaitUninterruptibly(10, TimeUnit.SECONDS))
            {
                errorHandler.accept(new IllegalStateException(agent.roleName() + " did not close within 10 s"));
            }
        }
        catch (final RejectedExecutionException ex)
        {
            agent.onClose();
        }
    }
}
