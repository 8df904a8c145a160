package io.quantumleap.gateway.ws;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnError;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;

/**
 * {@code /ws}: live ticks, order, position, gap and broker messages. Clients speak Kite's ticker text protocol:
 * {@code {"a":"subscribe","v":[tokens]}}, {@code {"a":"unsubscribe","v":[…]}},
 * {@code {"a":"mode","v":["ltp|quote|full",[…]]}}.
 */
@ServerWebSocket("/ws")
@Secured(SecurityRule.IS_AUTHENTICATED)
final class LiveSocket
{
    private final LiveHub hub;

    LiveSocket(final LiveHub hub)
    {
        this.hub = hub;
    }

    @OnOpen
    void onOpen(final WebSocketSession session, final HttpRequest<?> request)
    {
        final Authentication authentication = request.getUserPrincipal(Authentication.class).orElse(null);
        if (authentication == null || !(request instanceof NettyHttpRequest<?> upgrade))
        {
            session.close();
            return;
        }
        // The fan-out writes frames to the socket's channel itself: one flush per batch, no future per message.
        hub.open(session, upgrade.getChannelHandlerContext().channel(), authentication);
    }

    @OnMessage(maxPayloadLength = 65536)
    void onMessage(final String message, final WebSocketSession session)
    {
        hub.onClientMessage(session, message);
    }

    /**
     * A frame that breaks the WebSocket protocol (a message longer than 64 KiB, a frame unmasked, with an opcode that
     * does not exist or a reserved bit set, a Close frame with a code the client may not send, text that is not
     * UTF-8) or this socket's (a binary frame: it takes text): the connection is closed with the code that says which
     * (1009, 1002, 1007, 1003), as the protocol requires; counted with the refused messages and logged in one line,
     * not as a server fault.
     */
    @OnError
    void onProtocolError(final WebSocketSession session, final CorruptedFrameException error)
    {
        final int code = error instanceof CorruptedWebSocketFrameException ws ? ws.closeStatus().code() :
            CloseReason.PROTOCOL_ERROR.getCode();
        hub.protocolError(session, code, String.valueOf(error.getMessage()));
    }

    @OnClose
    void onClose(final WebSocketSession session)
    {
        hub.close(session);
    }
}
