package io.quantumleap.engine.sim;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;

/**
 * Frames from a ticker client, on its Netty thread: pings are answered here, text messages go to the simulator
 * thread, closes are acknowledged.
 */
final class TickerFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame>
{
    private final SimAgent agent;
    private final WebSocketServerHandshaker handshaker;

    TickerFrameHandler(final SimAgent agent, final WebSocketServerHandshaker handshaker)
    {
        this.agent = agent;
        this.handshaker = handshaker;
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (frame instanceof TextWebSocketFrame)
        {
            final String text = ((TextWebSocketFrame)frame).text();
            agent.submit(() -> agent.onTickerText(ctx.channel(), text));
        }
        else if (frame instanceof PingWebSocketFrame)
        {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        }
        else if (frame instanceof CloseWebSocketFrame)
        {
            handshaker.close(ctx.channel(), (CloseWebSocketFrame)frame.retain());
        }
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        agent.countError();
        ctx.close();
    }
}
