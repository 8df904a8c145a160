package io.quantumleap.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;

import java.nio.charset.StandardCharsets;

/**
 * The frame decoder the handshake puts in a client's pipeline (for the protocol's version 13, 8 or 7, which frame
 * alike), but for one case: a Close frame whose body the client may not send, a status code RFC 6455 (7.4) reserves
 * or does not define (1005, 1006 and 1015, which say there was no code, no close frame or no TLS handshake; 1004;
 * below 1000, 1016-2999 and above 4999) or a reason that is not UTF-8.
 * Netty's decoder, having read a Close frame, takes the closing handshake as done and refuses one of these by closing
 * the connection without a close frame back, so the client sees a dropped connection. This one refuses it as every
 * other broken frame is refused: with the exception {@link LiveSocket}'s error handler counts and answers with a close
 * frame that says why (1002, or 1007 for the reason). A valid Close frame goes on to the client's close handshake.
 */
final class CloseFrameDecoder extends WebSocket13FrameDecoder
{
    /** The name the handshake gives the frame decoder in the pipeline. */
    static final String NAME = "wsdecoder";

    /**
     * @param maxFramePayloadLength the longest frame taken, as Micronaut's handshake set it from
     *                              {@code @OnMessage(maxPayloadLength)}; extensions allowed as there, for
     *                              {@code permessage-deflate}.
     */
    CloseFrameDecoder(final int maxFramePayloadLength)
    {
        super(WebSocketDecoderConfig.newBuilder().allowExtensions(true).maxFramePayloadLength(maxFramePayloadLength)
            .build());
    }

    @Override
    protected void checkCloseFrameBody(final ChannelHandlerContext ctx, final ByteBuf buffer)
    {
        // An empty body is a close without a code; a body of one byte was refused before this, with the header.
        if (buffer == null || buffer.readableBytes() < 2)
        {
            return;
        }
        final int code = buffer.getUnsignedShort(buffer.readerIndex());
        if (!maySend(code))
        {
            throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.PROTOCOL_ERROR, "a Close frame with " +
                "status " + code + ", which an endpoint may not send (RFC 6455, 7.4)");
        }
        if (!ByteBufUtil.isText(buffer, buffer.readerIndex() + 2, buffer.readableBytes() - 2, StandardCharsets.UTF_8))
        {
            throw new CorruptedWebSocketFrameException(WebSocketCloseStatus.INVALID_PAYLOAD_DATA,
                "a Close frame whose reason is not UTF-8");
        }
    }

    /** @return whether a Close frame may carry the code: one RFC 6455 and IANA define for it, or 3000-4999. */
    static boolean maySend(final int code)
    {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }
}
