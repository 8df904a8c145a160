package io.quantumleap.engine.kite.feed;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import io.quantumleap.engine.protocol.TickMode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The Kite ticker feed of one api_key: up to {@code maxConnections} WebSockets, instruments spread across
 * them, with subscription and mode management, liveness, reconnection, gap reporting and token re-binding.
 * Binary frames go through the {@link TickerFrameDecoder} into the ring; text frames through the
 * {@link TextFrameHandler}; every frame is first offered to the {@link RawFrameCapture}.
 *
 * <p>Threads: one Netty event loop owns every connection: the caller's ({@link KiteFeedContext#eventLoop()}, the
 * engine's core thread) or a {@code kite-feed} thread the feed starts and stops; the public methods may be called
 * from any other thread and hand their work to it.
 */
public final class KiteFeed implements AutoCloseable
{
    /** Frame counters, written by the IO thread only, read by anyone (plain reads may lag). */
    public static final class Counters
    {
        long binaryFrames;
        long textFrames;
        long heartbeats;
        long malformedFrames;

        /** @return binary market data frames. */
        public long binaryFrames()
        {
            return binaryFrames;
        }

        /** @return text frames. */
        public long textFrames()
        {
            return textFrames;
        }

        /** @return 1-byte heartbeats. */
        public long heartbeats()
        {
            return heartbeats;
        }

        /** @return frames the decoder or text handler could not parse, and unexpected frames. */
        public long malformedFrames()
        {
            return malformedFrames;
        }
    }

    private static final long CLOSE_TIMEOUT_S = 5;

    private final KiteFeedContext context;
    private final EventLoopGroup group;
    private final EventLoop eventLoop;
    private ScheduledFuture<?> polling;
    private volatile boolean closed;
    private final SubscriptionPlan plan;
    private final FeedConnection[] connections;
    private final Counters counters = new Counters();

    /**
     * @param context settings; concluded here.
     */
    public KiteFeed(final KiteFeedContext context)
    {
        this.context = context.conclude();
        if (context.eventLoop() == null)
        {
            group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("kite-feed", true),
                NioIoHandler.newFactory());
            eventLoop = group.next();
        }
        else
        {
            group = null;
            eventLoop = context.eventLoop();
        }
        plan = new SubscriptionPlan(context.maxConnections(), context.maxTokensPerConnection());
        connections = new FeedConnection[context.maxConnections()];
        for (int i = 0; i < connections.length; i++)
        {
            final NettyFeedTransport transport = new NettyFeedTransport(i, eventLoop, context, counters);
            connections[i] = new FeedConnection(i, transport, plan, context.session(), context.backoff(),
                context.livenessTimeoutNs(), context.pingIntervalNs(), context.connectTimeoutNs(),
                context.maxAttempts(), context.publisher());
            transport.connection(connections[i]);
            connections[i].reconnectListener(context.reconnectListener());
        }
        context.session().onRebind((token) -> eventLoop.execute(this::rebindAll));
    }

    /**
     * Starts the periodic checks; connections open as instruments are subscribed, or at once for a feed of order
     * updates only ({@link KiteFeedContext#orderUpdatesOnly}).
     */
    public void start()
    {
        polling = eventLoop.scheduleAtFixedRate(this::pollAll, context.pollIntervalNs(), context.pollIntervalNs(),
            TimeUnit.NANOSECONDS);
        if (context.orderUpdatesOnly())
        {
            // Not rebindAll: a session bound before the start has already opened the connection through it, and a
            // re-bind would close and open it again.
            eventLoop.execute(() ->
            {
                if (!closed && FeedConnection.State.IDLE == connections[0].state())
                {
                    connections[0].start(context.clock().nanoTime());
                }
            });
        }
    }

    /**
     * @param tokens instrument tokens.
     * @param mode   streaming mode.
     * @return completes once the frames are handed to the sockets; fails if all connections are full.
     */
    public CompletableFuture<Void> subscribe(final long[] tokens, final TickMode mode)
    {
        return onIoThread(() -> dispatch(plan.subscribe(tokens, mode)));
    }

    /**
     * @param tokens instrument tokens.
     * @return completes once the frames are handed to the sockets.
     */
    public CompletableFuture<Void> unsubscribe(final long[] tokens)
    {
        return onIoThread(() -> dispatch(plan.unsubscribe(tokens)));
    }

    /**
     * @return frame counters.
     */
    public Counters counters()
    {
        return counters;
    }

    /**
     * @param connectionId 0-based.
     * @return the state of that connection (read on the IO thread).
     */
    public FeedConnection.State state(final int connectionId)
    {
        return status(connectionId).state();
    }

    /** @return how many connections the feed may open (ids 0 to this, exclusive). */
    public int connectionCount()
    {
        return connections.length;
    }

    /**
     * One connection as the IO thread sees it.
     *
     * @param state       where the connection stands.
     * @param instruments how many instruments it is to carry (subscribed, or to be once it is up).
     */
    public record ConnectionStatus(FeedConnection.State state, int instruments)
    {
    }

    /**
     * @param connectionId 0-based.
     * @return that connection's state and instrument count, read together on the IO thread.
     */
    public ConnectionStatus status(final int connectionId)
    {
        return statuses().get(connectionId);
    }

    /** @return every connection's state and instrument count, by connection id, read in one task on the IO thread. */
    public List<ConnectionStatus> statuses()
    {
        final CompletableFuture<List<ConnectionStatus>> result = new CompletableFuture<>();
        eventLoop.execute(() ->
        {
            final ConnectionStatus[] all = new ConnectionStatus[connections.length];
            for (int i = 0; i < all.length; i++)
            {
                all[i] = new ConnectionStatus(connections[i].state(), plan.tokenCount(i));
            }
            result.complete(List.of(all));
        });
        return result.join();
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (group == null && eventLoop.isShuttingDown())
        {
            // The caller's loop has stopped (or is stopping) and closes every connection with it; a task handed
            // to it now might never run.
            return;
        }
        final Future<?> stopped;
        try
        {
            stopped = eventLoop.submit(() ->
            {
                if (polling != null)
                {
                    polling.cancel(false);
                }
                for (final FeedConnection connection : connections)
                {
                    connection.stop();
                }
            });
        }
        catch (final RejectedExecutionException ex)
        {
            return;
        }
        if (group != null)
        {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        else
        {
            // The caller's loop goes on: wait until the connections are stopped on it.
            stopped.awaitUninterruptibly(CLOSE_TIMEOUT_S, TimeUnit.SECONDS);
        }
    }

    private void dispatch(final Map<Integer, List<String>> frames)
    {
        if (closed)
        {
            return;
        }
        final long nowNs = context.clock().nanoTime();
        for (final Map.Entry<Integer, List<String>> entry : frames.entrySet())
        {
            final FeedConnection connection = connections[entry.getKey()];
            if (FeedConnection.State.IDLE == connection.state())
            {
                connection.start(nowNs);
            }
            else
            {
                connection.send(entry.getValue());
            }
        }
    }

    private void pollAll()
    {
        context.session().checkExpiry();
        final long nowNs = context.clock().nanoTime();
        for (final FeedConnection connection : connections)
        {
            connection.poll(nowNs);
        }
    }

    private void rebindAll()
    {
        if (closed)
        {
            return;
        }
        final long nowNs = context.clock().nanoTime();
        for (final FeedConnection connection : connections)
        {
            if (plan.tokenCount(connection.connectionId()) > 0 || context.orderUpdatesOnly())
            {
                if (FeedConnection.State.IDLE == connection.state())
                {
                    connection.start(nowNs);
                }
                else
                {
                    connection.rebind(nowNs);
                }
            }
        }
    }

    private CompletableFuture<Void> onIoThread(final Runnable task)
    {
        final CompletableFuture<Void> result = new CompletableFuture<>();
        eventLoop.execute(() ->
        {
            try
            {
                task.run();
                result.complete(null);
            }
            catch (final RuntimeException ex)
            {
                result.completeExceptionally(ex);
            }
        });
        return result;
    }
}
