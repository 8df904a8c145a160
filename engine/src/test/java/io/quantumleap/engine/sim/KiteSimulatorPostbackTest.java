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
import static org.junit.jupiter.api.Assertions.assertNull;

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
                exchange.getRequestHeaders().getFirst("Content-Type") + "|" +
                exchange.getRequestHeaders().getFirst("Upgrade") + "|" + exchange.getProtocol());
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
        assertEquals("null", parts[2]);
        assertEquals("HTTP/1.1", parts[3]);
        final JsonNode postback = SimHttp.MAPPER.readTree(parts[0]);
        assertEquals(orderId, postback.get("order_id").asText());
        assertEquals("COMPLETE", postback.get("status").asText());
        assertEquals(Sessions.sha256Hex(orderId + postback.get("order_timestamp").asText() + sim.apiSecret()),
            postback.get("checksum").asText());
        assertEquals(1001, postback.get("app_id").asInt());
    }

    @Test
    void shouldPostAModificationAsUpdateAsKiteDocumentsIt() throws Exception
    {
        final SimHttp http = new SimHttp(sim);
        http.login();
        final Instrument infy = sim.agent().universe().byKey("NSE", "INFY");
        final long ltp = sim.agent().call(() -> sim.agent().market().ltpPaise[infy.index]);
        final long low = (ltp * 95 / 100) / 5 * 5;
        final String orderId = http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type",
            "BUY", "order_type", "LIMIT", "quantity", "1", "product", "CNC", "price", Double.toString(low / 100.0));

        assertEquals(200, http.put("/orders/regular/" + orderId, "price", Double.toString((low - 5) / 100.0))
            .statusCode());

        final String message = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(message);
        final JsonNode postback = SimHttp.MAPPER.readTree(message.split("\\|")[0]);
        assertEquals(orderId, postback.get("order_id").asText());
        assertEquals("UPDATE", postback.get("status").asText());
        assertEquals((low - 5) / 100.0, postback.get("price").asDouble(), 1e-9);
        assertNull(received.poll(1, TimeUnit.SECONDS));
    }

    @Test
    void shouldPostEachIcebergLegsFinalStateWithItsParentAndLegNumber() throws Exception
    {
        final SimHttp http = new SimHttp(sim);
        http.login();
        final Instrument infy = sim.agent().universe().byKey("NSE", "INFY");
        final long ltp = sim.agent().call(() -> sim.agent().market().ltpPaise[infy.index]);

        final String first = SimHttp.json(http.post("/orders/iceberg", "exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "order_type", "LIMIT", "quantity", "4", "product", "CNC", "price",
            infy.priceText(Instrument.roundToTick(ltp * 102 / 100, infy.tickPaise)), "iceberg_legs", "2",
            "iceberg_quantity", "2")).get("data").get("order_id").asText();

        final JsonNode a = SimHttp.MAPPER.readTree(received.poll(10, TimeUnit.SECONDS).split("\\|")[0]);
        final JsonNode b = SimHttp.MAPPER.readTree(received.poll(10, TimeUnit.SECONDS).split("\\|")[0]);
        final boolean inOrder = a.get("meta").get("iceberg").get("leg").asInt() == 1;
        final JsonNode leg1 = inOrder ? a : b;
        final JsonNode leg2 = inOrder ? b : a;
        assertEquals(first, leg1.get("order_id").asText());
        assertEquals("COMPLETE", leg1.get("status").asText());
        assertEquals(1, leg1.get("meta").get("iceberg").get("leg").asInt());
        assertEquals(first, leg2.get("parent_order_id").asText());
        assertEquals("COMPLETE", leg2.get("status").asText());
        assertEquals(2, leg2.get("meta").get("iceberg").get("leg").asInt());
        assertEquals("iceberg", leg2.get("variety").asText());
    }

    @Test
    void shouldPostTheFinalStateOfTheOrderAFiredGttPlaced() throws Exception
    {
        final SimHttp http = new SimHttp(sim);
        http.login();
        final Instrument infy = sim.agent().universe().byKey("NSE", "INFY");
        final long ltp = sim.agent().call(() -> sim.agent().market().ltpPaise[infy.index]);
        final long trigger = Instrument.roundToTick(ltp * 102 / 100, infy.tickPaise);
        final long id = SimHttp.json(http.post("/gtt/triggers", "type", "single", "condition",
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"trigger_values\":[" + infy.priceText(trigger) +
            "],\"last_price\":" + infy.priceText(ltp) + "}", "orders", "[{\"transaction_type\":\"BUY\"," +
            "\"quantity\":1,\"order_type\":\"LIMIT\",\"product\":\"CNC\",\"price\":" + infy.priceText(trigger + 100) +
            "}]"))
            .get("data").get("trigger_id").asLong();

        sim.agent().call(() ->
        {
            sim.agent().market().trade(infy.index, trigger, 1, ManualClock.MONDAY_10_00_IST / 1000);
            sim.agent().market().rebuildDepth(infy.index);
            sim.agent().gtts().onMarketStep();
            return null;
        });

        final JsonNode postback = SimHttp.MAPPER.readTree(received.poll(10, TimeUnit.SECONDS).split("\\|")[0]);
        final JsonNode result = SimHttp.json(http.get("/gtt/triggers/" + id)).get("data").get("orders").get(0)
            .get("result");
        assertEquals(result.get("order_result").get("order_id").asText(), postback.get("order_id").asText());
        assertEquals("COMPLETE", postback.get("status").asText());
        assertEquals("regular", postback.get("variety").asText());
        assertEquals("LIMIT", postback.get("order_type").asText());
    }
}
