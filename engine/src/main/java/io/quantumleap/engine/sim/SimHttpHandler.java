package io.quantumleap.engine.sim;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Decodes HTTP requests on a Netty thread and hands them to the simulator thread; upgrades {@code GET /} with
 * valid credentials to the ticker WebSocket.
 */
final class SimHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    private static final int MAX_WS_FRAME_BYTES = 1 << 20;

    private final SimAgent agent;
    private final Faults faults;

    SimHttpHandler(final SimAgent agent, final Faults faults)
    {
        this.agent = agent;
        this.faults = faults;
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest req)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!req.decoderResult().isSuccess())
        {
            final String why = req.decoderResult().cause().getMessage();
            writeError(ctx, 400, "InputException", "Malformed HTTP request" + (why == null ? "." : ": " + why), false);
            return;
        }
        final QueryStringDecoder uri = new QueryStringDecoder(req.uri(), StandardCharsets.UTF_8);
        final String path;
        final Map<String, List<String>> query;
        try
        {
            path = uri.path();
            query = uri.parameters();
        }
        catch (final IllegalArgumentException ex)
        {
            writeError(ctx, 400, "InputException", "Malformed URL query: " + ex.getMessage(), keepAlive);
            return;
        }
        if (isWebSocketUpgrade(req))
        {
            upgrade(ctx, req, path, query);
            return;
        }
        final String contentType = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
        final byte[] body = ByteBufUtil.getBytes(req.content());
        Map<String, List<String>> form = Collections.emptyMap();
        String formError = null;
        final boolean admin = path.startsWith("/__sim");
        final boolean json = Margins.takesJsonBody(path);
        if (body.length > 0 && !admin && !json && contentType != null && contentType.startsWith("application/json"))
        {
            formError = "Send form fields (application/x-www-form-urlencoded), not a JSON body.";
        }
        else if (body.length > 0 && !json && (contentType == null ||
            contentType.startsWith("application/x-www-form-urlencoded")))
        {
            try
            {
                form = new QueryStringDecoder(new String(body, StandardCharsets.UTF_8), StandardCharsets.UTF_8, false)
                    .parameters();
            }
            catch (final IllegalArgumentException ex)
            {
                formError = "Malformed form body (application/x-www-form-urlencoded): " + ex.getMessage();
            }
        }
        final RestRequest request = new RestRequest(req.method().name(), path, query, form, formError,
            req.headers().get("X-Kite-Version"), req.headers().get(HttpHeaderNames.AUTHORIZATION), contentType,
            body, isLoopback(ctx.channel()));
        agent.submit(() ->
        {
            RestReply reply;
            try
            {
                reply = agent.handle(request);
            }
            catch (final RuntimeException ex)
            {
                reply = agent.internalError(request, ex);
            }
            final RestReply response = reply;
            agent.countStatus(response.status);
            final long delayMs = admin ? 0 : faults.responseDelayMs();
            if (delayMs > 0)
            {
                ctx.executor().schedule(() -> write(ctx, response, keepAlive), delayMs, TimeUnit.MILLISECONDS);
            }
            else
            {
                write(ctx, response, keepAlive);
            }
        });
    }

    private void upgrade(
        final ChannelHandlerContext ctx, final FullHttpRequest req, final String path,
        final Map<String, List<String>> query)
    {
        if (!"/".equals(path))
        {
            writeError(ctx, 404, "GeneralException", "The ticker WebSocket is at /, not " + path + ".", false);
            return;
        }
        final String apiKey = first(query, "api_key");
        final String accessToken = first(query, "access_token");
        final Channel channel = ctx.channel();
        req.retain();
        agent.submit(() ->
        {
            final KiteError error = agent.checkTicker(apiKey, accessToken);
            if (error != null)
            {
                agent.countError();
                req.release();
                write(ctx, agent.handleError(error), false);
                return;
            }
            // The handshake is queued on the channel's loop before the connection joins the simulator's tickers:
            // what the simulator writes to it from then on is queued behind the handshake's answer, and a
            // subscription or an order the client sends once it has that answer finds the connection registered.
            channel.eventLoop().execute(() ->
            {
                try
                {
                    if (ctx.isRemoved())
                    {
                        // The client closed before its upgrade was answered: its pipeline is gone, nothing to answer.
                        return;
                    }
                    final WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(
                        "ws://" + req.headers().get(HttpHeaderNames.HOST, "127.0.0.1") + "/", null, true,
                        MAX_WS_FRAME_BYTES);
                    final WebSocketServerHandshaker handshaker = factory.newHandshaker(req);
                    if (handshaker == null)
                    {
                        WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel)
                            .addListener(ChannelFutureListener.CLOSE);
                        return;
                    }
                    ctx.pipeline().replace(this, "ticker", new TickerFrameHandler(agent, handshaker));
                    handshaker.handshake(channel, req).addListener((ChannelFutureListener)f ->
                    {
                        if (f.isSuccess())
                        {
                            channel.pipeline().addBefore("ticker", "ticker-aggregator",
                                new WebSocketFrameAggregator(MAX_WS_FRAME_BYTES));
                            // RFC 6455 section 8.1: a text message that is not UTF-8 fails the connection, 1007.
                            channel.pipeline().addBefore("ticker-aggregator", "ticker-utf8",
                                new Utf8FrameValidator());
                        }
                        else
                        {
                            channel.close();
                        }
                    });
                }
                finally
                {
                    req.release();
                }
            });
            agent.addTicker(channel, accessToken);
        });
    }

    private static boolean isWebSocketUpgrade(final FullHttpRequest req)
    {
        return "GET".equals(req.method().name()) &&
            req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private static String first(final Map<String, List<String>> query, final String name)
    {
        final List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static boolean isLoopback(final Channel channel)
    {
        return channel.remoteAddress() instanceof InetSocketAddress &&
            ((InetSocketAddress)channel.remoteAddress()).getAddress() != null &&
            ((InetSocketAddress)channel.remoteAddress()).getAddress().isLoopbackAddress();
    }

    static void write(final ChannelHandlerContext ctx, final RestReply reply, final boolean keepAlive)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(reply.status), Unpooled.wrappedBuffer(reply.body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body.length);
        if (reply.location != null)
        {
            response.headers().set(HttpHeaderNames.LOCATION, reply.location);
        }
        if (keepAlive)
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        }
        else
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Takes a request's body whole, up to {@code maxBytes}; a longer one is refused as Kite refuses other input, with
     * its JSON error (a client reads {@code error_type} from it). A keep-alive connection stays open and the rest of
     * the body is read and dropped, so a client still sending it gets the answer rather than a reset connection.
     */
    static final class BodyLimit extends HttpObjectAggregator
    {
        BodyLimit(final int maxBytes)
        {
            super(maxBytes);
        }

        @Override
        protected void handleOversizedMessage(final ChannelHandlerContext ctx, final HttpMessage oversized)
        {
            if (oversized instanceof HttpRequest)
            {
                writeError(ctx, 413, "InputException", "The request body is larger than " +
                    (maxContentLength() >> 10) + " KB, the most a request may carry.", HttpUtil.isKeepAlive(oversized));
            }
            else
            {
                ctx.close();
            }
        }
    }

    private static void writeError(
        final ChannelHandlerContext ctx, final int status, final String errorType, final String message,
        final boolean keepAlive)
    {
        final String json = "{\"status\":\"error\",\"message\":" + quote(message) + ",\"data\":null,\"error_type\":\"" +
            errorType + "\"}";
        write(ctx, new RestReply(status, RestReply.JSON, json.getBytes(StandardCharsets.UTF_8), null), keepAlive);
    }

    private static String quote(final String text)
    {
        final StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                sb.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        agent.countError();
        ctx.close();
    }
}
