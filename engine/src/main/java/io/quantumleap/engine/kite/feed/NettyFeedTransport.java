package io.quantumleap.engine.kite.feed;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.agrona.concurrent.UnsafeBuffer;

import javax.net.ssl.SSLException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Netty WebSocket transport of one ticker connection. Binary frames are handed to the decoder as a view over
 * Netty's memory (an {@link UnsafeBuffer} wrapped on the direct buffer's address), with no copy; only a
 * composite buffer is copied, into a reused scratch buffer.
 *
 * <p>All callbacks run on the given event loop, the feed's IO thread.
 */
final class NettyFeedTransport implements FeedTransport
{
    private static final System.Logger LOGGER = System.getLogger(NettyFeedTransport.class.getName());
    private static final byte[] NO_BYTES = new byte[0];

    private final int connectionId;
    private final EventLoop eventLoop;
    private final KiteFeedContext context;
    private final KiteFeed.Counters counters;
    private final SslContext sslContext;
    private final UnsafeBuffer view = new UnsafeBuffer(NO_BYTES);
    private final UnsafeBuffer scratch;
    private FeedConnection connection;
    private Channel current;

    NettyFeedTransport(
        final int connectionId,
        final EventLoop eventLoop,
        final KiteFeedContext context,
        final KiteFeed.Counters counters)
    {
        this.connectionId = connectionId;
        this.eventLoop = eventLoop;
        this.context = context;
        this.counters = counters;
        this.scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(context.maxFrameBytes()));
        try
        {
            sslContext = "wss".equals(context.wsUrl().getScheme()) ? SslContextBuilder.forClient().build() : null;
        }
        catch (final SSLException ex)
        {
            throw new IllegalStateException("cannot create the TLS context for " + context.wsUrl(), ex);
        }
    }

    void connection(final FeedConnection connection)
    {
        this.connection = connection;
    }

    @Override
    public void connect(final String accessToken)
    {
        close();
        final URI base = context.wsUrl();
        final String path = null == base.getRawPath() || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        final URI uri = URI.create(base.getScheme() + "://" + base.getAuthority() + path + "?api_key=" +
            URLEncoder.encode(context.apiKey(), StandardCharsets.UTF_8) + "&access_token=" +
            URLEncoder.encode(accessToken, StandardCharsets.UTF_8));
        final HttpHeaders headers = new DefaultHttpHeaders().add("X-Kite-Version", "3");
        final WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
            uri, WebSocketVersion.V13, null, false, headers, context.maxFrameBytes());
        final int port = -1 != uri.getPort() ? uri.getPort() : (null != sslContext ? 443 : 80);
        final Bootstrap bootstrap = new Bootstrap()
            .group(eventLoop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)Math.min(Integer.MAX_VALUE,
                context.connectTimeoutNs() / 1_000_000))
            .handler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    final ChannelPipeline pipeline = channel.pipeline();
                    if (null != sslContext)
                    {
                        pipeline.addLast(sslContext.newHandler(channel.alloc(), uri.getHost(), port));
                    }
                    pipeline.addLast(new HttpClientCodec());
                    pipeline.addLast(new HttpObjectAggregator(64 * 1024));
                    pipeline.addLast(new WebSocketFrameAggregator(context.maxFrameBytes()));
                    pipeline.addLast(new Handler(handshaker));
                }
            });
        final ChannelFuture future = bootstrap.connect(uri.getHost(), port);
        current = future.channel();
        future.addListener((ignore) ->
        {
            if (!future.isSuccess() && future.channel() == current)
            {
                current = null;
                connection.onClosed(context.clock().nanoTime(), "connect failed: " + future.cause());
            }
        });
    }

    @Override
    public void send(final String textFrame)
    {
        if (null != current)
        {
            current.writeAndFlush(new TextWebSocketFrame(textFrame));
        }
    }

    @Override
    public void ping()
    {
        if (null != current)
        {
            current.writeAndFlush(new PingWebSocketFrame());
        }
    }

    @Override
    public void close()
    {
        final Channel channel = current;
        current = null;
        if (null != channel)
        {
            channel.close();
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<Object>
    {
        private final WebSocketClientHandshaker handshaker;
        private String closeCause = "closed by peer";

        Handler(final WebSocketClientHandshaker handshaker)
        {
            this.handshaker = handshaker;
        }

        @Override
        public void channelActive(final ChannelHandlerContext ctx)
        {
            handshaker.handshake(ctx.channel());
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx)
        {
            if (ctx.channel() == current)
            {
                current = null;
                connection.onClosed(context.clock().nanoTime(), closeCause);
            }
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            closeCause = String.valueOf(cause);
            ctx.close();
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final Object msg)
        {
            if (ctx.channel() != current)
            {
                return;
            }
            final long nowNs = context.clock().nanoTime();
            if (!handshaker.isHandshakeComplete())
            {
                if (msg instanceof FullHttpResponse)
                {
                    final FullHttpResponse response = (FullHttpResponse)msg;
                    try
                    {
                        handshaker.finishHandshake(ctx.channel(), response);
                        connection.onOpen(nowNs);
                    }
                    catch (final WebSocketClientHandshakeException ex)
                    {
                        current = null;
                        ctx.close();
                        connection.onHandshakeRejected(nowNs, response.status().code());
                    }
                    catch (final WebSocketHandshakeException ex)
                    {
                        current = null;
                        ctx.close();
                        connection.onHandshakeRejected(nowNs, 0);
                    }
                }
                return;
            }
            if (!(msg instanceof WebSocketFrame))
            {
                return;
            }
            if (msg instanceof BinaryWebSocketFrame)
            {
                connection.onFrame(nowNs);
                onBinary(((BinaryWebSocketFrame)msg).content(), nowNs);
            }
            else if (msg instanceof TextWebSocketFrame)
            {
                connection.onFrame(nowNs);
                onText((TextWebSocketFrame)msg, nowNs);
            }
            else if (msg instanceof PingWebSocketFrame)
            {
                ctx.writeAndFlush(new PongWebSocketFrame(((PingWebSocketFrame)msg).content().retain()));
            }
            else if (msg instanceof CloseWebSocketFrame)
            {
                final CloseWebSocketFrame close = (CloseWebSocketFrame)msg;
                closeCause = "close frame " + close.statusCode() + " " + close.reasonText();
                ctx.close();
            }
            else if (!(msg instanceof PongWebSocketFrame))
            {
                counters.malformedFrames++;
            }
        }

        private void onBinary(final ByteBuf content, final long nowNs)
        {
            final int length = content.readableBytes();
            final UnsafeBuffer frame = wrap(content, length);
            if (null == frame)
            {
                counters.malformedFrames++;
                return;
            }
            context.capture().onFrame(connectionId, nowNs, true, frame, 0, length);
            if (length <= 1)
            {
                counters.heartbeats++;
                return;
            }
            counters.binaryFrames++;
            if (context.decoder().onBinaryFrame(frame, 0, length, connectionId, nowNs) < 0)
            {
                final long count = ++counters.malformedFrames;
                if (0 == (count & (count - 1)))
                {
                    LOGGER.log(System.Logger.Level.WARNING, connection.name() + ": binary frame of " +
                        length + " bytes did not parse (" + count + " malformed frames so far)");
                }
            }
        }

        private void onText(final TextWebSocketFrame textFrame, final long nowNs)
        {
            final ByteBuf content = textFrame.content();
            final int length = content.readableBytes();
            final UnsafeBuffer frame = wrap(content, length);
            if (null != frame)
            {
                context.capture().onFrame(connectionId, nowNs, false, frame, 0, length);
            }
            counters.textFrames++;
            if (!context.textHandler().onTextFrame(textFrame.text(), connectionId, nowNs))
            {
                counters.malformedFrames++;
            }
        }

        private UnsafeBuffer wrap(final ByteBuf content, final int length)
        {
            if (content.hasMemoryAddress())
            {
                view.wrap(content.memoryAddress() + content.readerIndex(), length);
                return view;
            }
            if (content.hasArray())
            {
                view.wrap(content.array(), content.arrayOffset() + content.readerIndex(), length);
                return view;
            }
            if (length > scratch.capacity())
            {
                return null;
            }
            content.getBytes(content.readerIndex(), scratch.byteBuffer().clear().limit(length));
            return scratch;
        }
    }
}
