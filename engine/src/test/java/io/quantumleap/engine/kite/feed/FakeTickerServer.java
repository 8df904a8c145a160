package io.quantumleap.engine.kite.feed;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

public final class FakeTickerServer implements AutoCloseable
{
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel serverChannel;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> handshakeUris = new CopyOnWriteArrayList<>();
    private final List<Channel> clients = new CopyOnWriteArrayList<>();
    private volatile String refusedToken = "expired";

    public FakeTickerServer()
    {
        serverChannel = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    channel.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(65536))
                        .addLast(new SimpleChannelInboundHandler<FullHttpRequest>(false)
                        {
                            @Override
                            protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
                            {
                                handshakeUris.add(request.uri());
                                if (request.uri().contains("access_token=" + refusedToken))
                                {
                                    request.release();
                                    ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                        HttpResponseStatus.FORBIDDEN, Unpooled.copiedBuffer(
                                        "{\"status\":\"error\",\"error_type\":\"TokenException\"}",
                                        StandardCharsets.UTF_8)))
                                        .addListener(ChannelFutureListener.CLOSE);
                                    return;
                                }
                                clients.add(ctx.channel());
                                ctx.fireChannelRead(request);
                            }
                        })
                        .addLast(new WebSocketServerProtocolHandler("/", null, false, 1 << 20, false, true))
                        .addLast(new SimpleChannelInboundHandler<TextWebSocketFrame>()
                        {
                            @Override
                            protected void channelRead0(final ChannelHandlerContext ctx, final TextWebSocketFrame frame)
                            {
                                received.add(frame.text());
                            }
                        });
                }
            })
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .syncUninterruptibly()
            .channel();
    }

    public URI uri()
    {
        return URI.create("ws://127.0.0.1:" + ((InetSocketAddress)serverChannel.localAddress()).getPort() + "/");
    }

    public List<String> received()
    {
        return received;
    }

    public List<String> handshakeUris()
    {
        return handshakeUris;
    }

    public int clientCount()
    {
        return clients.size();
    }

    public void sendBinary(final byte[] frame)
    {
        lastClient().writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(frame)));
    }

    public void sendText(final String text)
    {
        lastClient().writeAndFlush(new TextWebSocketFrame(text));
    }

    public void dropClient()
    {
        lastClient().close();
    }

    @Override
    public void close()
    {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Channel lastClient()
    {
        return clients.get(clients.size() - 1);
    }
}
