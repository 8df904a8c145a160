package io.quantumleap.gateway.ws;

import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebSocketKeepAliveSystemTest
{
    @Test
    void shouldPingAClientThatOnlyListensSoTheServerDoesNotCloseItAsIdle() throws Exception
    {
        try (GatewayFixture app = new GatewayFixture(Map.of("micronaut.server.read-idle-timeout", "2s",
            "quantumleap.ws.ping-interval", "500ms")))
        {
            final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
            final AtomicInteger pings = new AtomicInteger();
            final CompletableFuture<String> closed = new CompletableFuture<>();
            final WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                URI.create(app.server().getURL().toString().replace("http", "ws") + "/ws?token=" + admin),
                new WebSocket.Listener()
                {
                    @Override
                    public CompletionStage<?> onPing(final WebSocket ws, final ByteBuffer message)
                    {
                        pings.incrementAndGet();
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(final WebSocket ws, final int statusCode, final String reason)
                    {
                        closed.complete(statusCode + " " + reason);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);

            GatewayFixture.await("three times the read-idle timeout of pings", Duration.ofSeconds(30),
                () -> pings.get() >= 12 || closed.isDone());

            assertFalse(closed.isDone(), () -> "closed as idle: " + closed.join());
            assertTrue(pings.get() >= 12, () -> pings.get() + " pings");
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        }
    }
}
