package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class KiteSimulatorPostbackTest
{
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private HttpServer app;
    private KiteSimulator sim;

    @BeforeEach
    void start() throws Exception
    {
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/postback", exchange ->
        {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + "|" +
                exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        app.start();
        sim = new KiteSimulator(SimHttp.context(new ManualClock(ManualClock.MONDAY_10_00_IST))
            .postbackUrl("http://127.0.0.1:" + app.getAddress().getPort() + "/postback")).start();
    }

    @AfterEach
    void stop()
    {
        sim.close();
        app.stop(0);
    }

    @Test
    void shouldPostTheFinalStateOfAnOrderToThePostbackUrlWithItsChecksum() throws Exception
    {
        final SimHttp http = new SimHttp(sim);
        http.login();

        final String orderId = http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type",
            "BUY", "order_type", "MARKET", "quantity", "1", "product", "CNC");

        final String message = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(message);
        final String[] parts = message.split("\\|");
        assertEquals("application/json", parts[1]);
        final JsonNode postback = SimHttp.MAPPER.readTree(parts[0]);
        assertEquals(orderId, postback.get("order_id").asText());
        assertEquals("COMPLETE", postback.get("status").asText());
        assertEquals(Sessions.sha256Hex(orderId + postback.get("order_timestamp").asText() + sim.apiSecret()),
            postback.get("checksum").asText());
        assertEquals(1001, postback.get("app_id").asInt());
    }
}
