package io.quantumleap.gateway.runtime;

import com.zaxxer.hikari.HikariDataSource;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitDeploymentSystemTest
{
    private static final long TCS = 2953217;

    @Test
    void shouldServeTradersFromAGatewayProcessThatFollowsTheEngineOverAeronUdp() throws Exception
    {
        final int port = twoFreeUdpPorts();
        try (GatewayFixture engine = new GatewayFixture(Map.of(
            "quantumleap.role", "engine", "quantumleap.stream.port", port)))
        {
            final String engineAdmin = engine.login("admin", GatewayFixture.ADMIN_PASSWORD);
            engine.connectBroker(engineAdmin, null);
            awaitQuote(engine, engineAdmin);
            place(engine, engineAdmin, "BUY", 3);
            awaitPosition(engine, engineAdmin, 3);

            final HikariDataSource db = engine.bean(EngineRuntime.class).database().dataSource();
            try (GatewayFixture gateway = new GatewayFixture(Map.of(
                "quantumleap.role", "gateway", "quantumleap.stream.port", port,
                "quantumleap.db.url", db.getJdbcUrl(), "quantumleap.db.user", db.getUsername(),
                "quantumleap.db.password", db.getPassword() == null ? "" : db.getPassword(),
                "quantumleap.ws.release-after", "1s", "quantumleap.ws.release-check", "200ms")))
            {
                final String admin = gateway.login("admin", GatewayFixture.ADMIN_PASSWORD);
                awaitPosition(gateway, admin, 3);

                final List<String> received = new CopyOnWriteArrayList<>();
                final WebSocket socket = gateway.webSocket(admin, received::add);
                socket.sendText("{\"a\":\"mode\",\"v\":[\"full\",[" + TCS + "]]}", true).join();
                GatewayFixture.await("live TCS ticks through the gateway", Duration.ofSeconds(30),
                    () -> received.stream().anyMatch(m -> m.contains("\"instrument_token\":" + TCS) &&
                        m.contains("\"depth\"")));
                final BrokerRuntime broker = engine.bean(EngineRuntime.class).broker();
                GatewayFixture.await("the gateway's watch of TCS beside the simulator's whole list",
                    Duration.ofSeconds(15), () -> broker.watches(TCS) == 2);
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
                GatewayFixture.await("the gateway to give TCS back", Duration.ofSeconds(15),
                    () -> broker.watches(TCS) == 1);

                place(gateway, admin, "SELL", 1);
                awaitPosition(gateway, admin, 2);
                awaitPosition(engine, engineAdmin, 2);
                final HttpResponse<String> basket = gateway.send("POST", "/api/baskets", admin, "{\"name\":\"exit\"," +
                    "\"items\":[{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"SELL\"," +
                    "\"order_type\":\"MARKET\",\"quantity\":1,\"product\":\"MIS\",\"market_protection\":2}]}");
                assertEquals(201, basket.statusCode(), basket.body());
                final String basketId = basket.body().replaceAll("^\\{\"id\":(\\d+),.*$", "$1");
                assertTrue(engine.send("GET", "/api/baskets", engineAdmin, null).body().contains("\"name\":\"exit\""));
                final HttpResponse<String> sent = gateway.send("POST", "/api/baskets/" + basketId + "/orders", admin,
                    null);
                assertEquals(200, sent.statusCode(), sent.body());
                assertTrue(sent.body().contains("\"placed\":1,\"refused\":0"), sent.body());
                awaitPosition(gateway, admin, 1);
                awaitPosition(engine, engineAdmin, 1);
                assertEquals(404, gateway.send("GET", "/api/broker/status", admin, null).statusCode(),
                    "the broker is the engine process's");
                final String gatewayMetrics = gateway.send("GET", "/metrics", admin, null).body();
                assertTrue(gatewayMetrics.contains("qleap_stream_live 1.0"), gatewayMetrics);
                assertTrue(java.util.regex.Pattern.compile("qleap_stream_events_applied_total [1-9]")
                    .matcher(gatewayMetrics).find(), gatewayMetrics);
                final String engineMetrics = engine.send("GET", "/metrics", engineAdmin, null).body();
                assertTrue(java.util.regex.Pattern.compile("qleap_stream_commands_in_total [1-9]")
                    .matcher(engineMetrics).find(), engineMetrics);

                gateway.restart();
                final String again = gateway.login("admin", GatewayFixture.ADMIN_PASSWORD);
                awaitPosition(gateway, again, 1);
                final String orders = gateway.send("GET", "/api/orders", again, null).body();
                assertEquals(3, orders.split("\"status\":\"COMPLETE\"", -1).length - 1, orders);
            }
        }
    }

    private static void place(final GatewayFixture app, final String token, final String side, final int quantity)
        throws Exception
    {
        final HttpResponse<String> placed = app.send("POST", "/api/orders", token,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"" + side + "\"," +
                "\"order_type\":\"MARKET\",\"quantity\":" + quantity + ",\"product\":\"MIS\",\"market_protection\":2}");
        assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());
    }

    private static void awaitQuote(final GatewayFixture app, final String token) throws InterruptedException
    {
        GatewayFixture.await("a live INFY quote", Duration.ofSeconds(30), () ->
        {
            try
            {
                return app.send("GET", "/api/quotes?i=NSE:INFY", token, null).body().contains("\"last_price\"");
            }
            catch (final Exception ex)
            {
                return false;
            }
        });
    }

    private static void awaitPosition(final GatewayFixture app, final String token, final int quantity)
        throws InterruptedException
    {
        GatewayFixture.await("an INFY position of " + quantity, Duration.ofSeconds(30), () ->
        {
            try
            {
                return app.send("GET", "/api/positions", token, null).body().contains("\"quantity\":" + quantity + ",");
            }
            catch (final Exception ex)
            {
                return false;
            }
        });
    }

    private static int twoFreeUdpPorts() throws SocketException
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            try (DatagramSocket first = new DatagramSocket(0))
            {
                final int port = first.getLocalPort();
                if (port < 65535)
                {
                    try (DatagramSocket second = new DatagramSocket(port + 1))
                    {
                        return second.getLocalPort() - 1;
                    }
                    catch (final SocketException ex)
                    {
                        continue;
                    }
                }
            }
        }
        throw new SocketException("no two consecutive free UDP ports");
    }
}
