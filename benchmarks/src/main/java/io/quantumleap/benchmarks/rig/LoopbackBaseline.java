package io.quantumleap.benchmarks.rig;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.HdrHistogram.Histogram;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The baseline: half a WebSocket round trip over loopback, measured in the same run and on the same box as the
 * ticks. A pinger thread sends a numbered text frame at a fixed rate (open loop) to an echo server on its own
 * event loop; the client's event loop records {@code (echo received - ping intended) / 2}. Each hop costs what a
 * tick's last hop costs (a thread hands a frame to an event loop, a loopback write, a wake-up and a read), twice.
 *
 * <p>Threads: "rig-echo" (server), "rig-ping" (client event loop, the histogram's single writer) and "rig-pinger".
 */
final class LoopbackBaseline implements AutoCloseable
{
    private final EventLoopGroup serverGroup = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("rig-echo", true), NioIoHandler.newFactory());
    private final EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("rig-ping", true), NioIoHandler.newFactory());
    private final Histogram halfRoundTrip = new Histogram(TickLatencyRecorder.HIGHEST_TRACKABLE_NS, 3);
    private final long ratePerSecond;
    private volatile boolean running = true;
    private volatile long startNs;
    private volatile long received;
    private Channel server;
    private Channel client;
    private Thread pinger;

    /** @param ratePerSecond pings per second. */
    LoopbackBaseline(final long ratePerSecond)
    {
        this.ratePerSecond = ratePerSecond;
    }

    /**
     * Bind the echo server and connect the client.
     *
     * @return this.
     * @throws Exception when loopback cannot be used.
     */
    LoopbackBaseline open() throws Exception
    {
        server = new ServerBootstrap()
            .group(serverGroup)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(65536))
                        .addLast(new WebSocketServerProtocolHandler("/echo"))
                        .addLast(new SimpleChannelInboundHandler<TextWebSocketFrame>()
                        {
                            @Override
                            protected void channelRead0(final ChannelHandlerContext ctx, final TextWebSocketFrame f)
                            {
                                ctx.writeAndFlush(new TextWebSocketFrame(f.content().retain()));
                            }
                        });
                }
            })
            .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        final int port = ((InetSocketAddress)server.localAddress()).getPort();
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        final Stamp stamp = new Stamp();
        client = new Bootstrap()
            .group(clientGroup)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel ch)
                {
                    ch.pipeline()
                        .addLast(stamp)
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(65536))
                        .addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                            .webSocketUri(URI.create("ws://127.0.0.1:" + port + "/echo")).build()))
                        .addLast(new Echoes(stamp, ready));
                }
            })
            .connect("127.0.0.1", port).sync().channel();
        ready.get(10, TimeUnit.SECONDS);
        return this;
    }

    /** Start pinging at the fixed rate; only echoes of pings sent from now on are recorded. */
    void start()
    {
        startNs = System.nanoTime();
        pinger = new Thread(this::ping, "rig-pinger");
        pinger.setDaemon(true);
        pinger.start();
    }

    private void ping()
    {
        final long t0 = startNs;
        for (long seq = 0; running; seq++)
        {
            final long intendedNs = t0 + intendedOffsetNs(seq);
            long waitNs;
            while ((waitNs = intendedNs - System.nanoTime()) > 0 && running)
            {
                LockSupport.parkNanos(waitNs);
            }
            client.writeAndFlush(new TextWebSocketFrame(Long.toString(seq)));
        }
    }

    private long intendedOffsetNs(final long seq)
    {
        return seq / ratePerSecond * 1_000_000_000L + seq % ratePerSecond * 1_000_000_000L / ratePerSecond;
    }

    /**
     * Stop pinging, wait for the echoes in flight, and return the half round trips.
     *
     * @return half round trips in ns; read only after this call.
     */
    Histogram stop()
    {
        running = false;
        if (pinger != null)
        {
            try
            {
                pinger.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        return clientGroup.next().submit(halfRoundTrip::copy).syncUninterruptibly().getNow();
    }

    long received()
    {
        return received;
    }

    @Override
    public void close()
    {
        running = false;
        if (client != null)
        {
            client.close();
        }
        if (server != null)
        {
            server.close();
        }
        clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        serverGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class Stamp extends ChannelInboundHandlerAdapter
    {
        long readNs;

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg)
        {
            readNs = System.nanoTime();
            ctx.fireChannelRead(msg);
        }
    }

    private final class Echoes extends SimpleChannelInboundHandler<TextWebSocketFrame>
    {
        private final Stamp stamp;
        private final CompletableFuture<Void> ready;

        Echoes(final Stamp stamp, final CompletableFuture<Void> ready)
        {
            this.stamp = stamp;
            this.ready = ready;
        }

        @Override
        public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt)
        {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
            {
                ready.complete(null);
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final TextWebSocketFrame frame)
        {
            final ByteBuf content = frame.content();
            final long seq = Long.parseLong(content.toString(StandardCharsets.US_ASCII));
            final long roundTripNs = stamp.readNs - (startNs + intendedOffsetNs(seq));
            halfRoundTrip.recordValue(Math.max(0, Math.min(roundTripNs / 2, TickLatencyRecorder.HIGHEST_TRACKABLE_NS)));
            received++;
        }
    }
}
