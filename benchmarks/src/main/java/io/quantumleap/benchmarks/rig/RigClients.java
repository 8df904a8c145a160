package io.quantumleap.benchmarks.rig;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

import java.net.URI;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The rig's WebSocket clients on loopback: many connections over a few Netty event-loop threads ("rig-client"),
 * each thread with its own {@link TickLatencyRecorder}. A connection stamps {@link System#nanoTime()} when its
 * bytes come off the socket (the first handler in the pipeline), subscribes once the handshake is done and hands
 * every tick message to its thread's recorder.
 */
final class RigClients implements AutoCloseable
{
    private static final int MAX_FRAME_BYTES = 1 << 20;

    private final EventLoopGroup group;
    private final Map<EventLoop, TickLatencyRecorder> recorders = new IdentityHashMap<>();
    private final List<Channel> channels = new ArrayList<>();
    private volatile boolean stopping;

    /**
     * @param threads     event-loop threads (one recorder each).
     * @param schedule    the plan in force, null before the sender starts.
     * @param instruments instruments in the plan.
     */
    RigClients(final int threads, final Supplier<TickSchedule> schedule, final int instruments)
    {
        group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("rig-client", true),
            NioIoHandler.newFactory());
        for (final EventExecutor executor : group)
        {
            recorders.put((EventLoop)executor, new TickLatencyRecorder(schedule, instruments));
        }
    }

    /** @return one recorder per client thread. */
    List<TickLatencyRecorder> recorders()
    {
        return new ArrayList<>(recorders.values());
    }

    /**
     * Open one client: handshake on {@code uri}, then send {@code subscribe}.
     *
     * @param uri               {@code ws://127.0.0.1:port/ws?token=…}.
     * @param subscribe         the first text message once connected.
     * @param instrumentIndexes the plan's instruments that message subscribes to.
     * @return completes when the subscribe message was written.
     */
    CompletableFuture<Void> connect(final URI uri, final String subscribe, final int[] instrumentIndexes)
    {
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
            .webSocketUri(uri)
            .maxFramePayloadLength(MAX_FRAME_BYTES)
            .handshakeTimeoutMillis(TimeUnit.SECONDS.toMillis(30))
            .build();
        final Bootstrap bootstrap = new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    final TickLatencyRecorder recorder = recorders.get(ch.eventLoop());
                    final ReadStamp stamp = new ReadStamp();
                    ch.pipeline()
                        .addLast("stamp", stamp)
                        .addLast("http", new HttpClientCodec())
                        .addLast("aggregator", new HttpObjectAggregator(MAX_FRAME_BYTES))
                        .addLast("ws", new WebSocketClientProtocolHandler(config))
                        .addLast("frames", new WebSocketFrameAggregator(MAX_FRAME_BYTES))
                        .addLast("ticks", new TickHandler(recorder.newConnection(instrumentIndexes), recorder,
                            stamp, subscribe, ready));
                }
            });
        bootstrap.connect(uri.getHost(), uri.getPort()).addListener(f ->
        {
            if (!f.isSuccess())
            {
                ready.completeExceptionally(f.cause());
            }
        });
        return ready;
    }

    void register(final Channel channel)
    {
        synchronized (channels)
        {
            channels.add(channel);
        }
    }

    /**
     * Close every connection, then stop the threads; afterwards the recorders may be read from this thread.
     *
     * @param stopNs the time lost ticks are recorded at.
     */
    void stop(final long stopNs)
    {
        stopping = true;
        synchronized (channels)
        {
            for (final Channel channel : channels)
            {
                channel.close();
            }
        }
        for (final Map.Entry<EventLoop, TickLatencyRecorder> e : recorders.entrySet())
        {
            final TickLatencyRecorder recorder = e.getValue();
            e.getKey().submit(() -> recorder.finish(stopNs)).syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Override
    public void close()
    {
        if (!group.isShuttingDown())
        {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Notes when a connection's bytes were read, before any decoding; owned by the channel's event loop. */
    private static final class ReadStamp extends ChannelInboundHandlerAdapter
    {
        long readNs;

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            readNs = System.nanoTime();
            ctx.fireChannelRead(msg);
        }
    }

    /** One connection's frames, on its event loop. */
    private final class TickHandler extends SimpleChannelInboundHandler<WebSocketFrame>
    {
        private final TickLatencyRecorder.Connection connection;
        private final TickLatencyRecorder recorder;
        private final ReadStamp stamp;
        private final String subscribe;
        private final CompletableFuture<Void> ready;

        TickHandler(
            final TickLatencyRecorder.Connection connection, final TickLatencyRecorder recorder,
            final ReadStamp stamp, final String subscribe, final CompletableFuture<Void> ready)
        {
            this.connection = connection;
            this.recorder = recorder;
            this.stamp = stamp;
            this.subscribe = subscribe;
            this.ready = ready;
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
        {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
            {
                register(ctx.channel());
                ctx.writeAndFlush(new TextWebSocketFrame(subscribe)).addListener(f ->
                {
                    if (f.isSuccess())
                    {
                        ready.complete(null);
                    }
                    else
                    {
                        ready.completeExceptionally(f.cause());
                    }
                });
            }
            else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT)
            {
                ready.completeExceptionally(new IllegalStateException("WebSocket handshake timed out"));
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
        {
            if (!(frame instanceof TextWebSocketFrame))
            {
                return;
            }
            final var json = frame.content();
            if (!TickJsonScanner.isTick(json))
            {
                recorder.onOther();
                return;
            }
            recorder.onTick(connection, TickJsonScanner.instrumentToken(json), TickJsonScanner.volumeTraded(json),
                TickJsonScanner.isConflated(json), stamp.readNs);
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx)
        {
            if (!stopping)
            {
                connection.closed();
            }
            ready.completeExceptionally(new IllegalStateException("connection closed before it subscribed"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            ready.completeExceptionally(cause);
            ctx.close();
        }
    }
}
