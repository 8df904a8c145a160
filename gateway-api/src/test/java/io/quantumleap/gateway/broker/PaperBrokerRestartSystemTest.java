package io.quantumleap.gateway.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaperBrokerRestartSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private final GatewayFixture app = new GatewayFixture(Map.of());
    private String admin;

    @AfterEach
    void stop()
    {
        app.close();
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldKeepThePaperBrokersBookAcrossARestartAndNeverReuseAnId() throws Exception
    {
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        app.connectBroker(admin, null);
        final long ltpPaise = Math.round(app.lastPrice(admin, "NSE:INFY") * 100);
        final String resting = place("LIMIT", 2, Math.round(ltpPaise * 0.97) / 5 * 5);
        final JsonNode open = awaitStatus(resting, "OPEN");
        awaitStatus(place("MARKET", 3, 0), "COMPLETE");
        awaitQuantity(3);

        app.restart();
        awaitConnected();

        assertEquals(3, app.bean(EngineRuntime.class).broker().simulator().netQuantity(408065, "CNC"));
        final HttpResponse<String> cancel = app.send("DELETE", "/api/orders/" + resting, admin, null);
        assertTrue(cancel.statusCode() == 200 || cancel.statusCode() == 202, cancel.body());
        final JsonNode cancelled = awaitStatus(resting, "CANCELLED");
        assertFalse(cancelled.path("status_message").asText().startsWith("Not in the broker's order book"),
            cancelled.toString());
        assertEquals(open.path("order_id").asText(), cancelled.path("order_id").asText());
        awaitStatus(place("MARKET", 4, 0), "COMPLETE");
        awaitQuantity(7);
        assertEquals(7, app.bean(EngineRuntime.class).broker().simulator().netQuantity(408065, "CNC"));
        final Set<String> orderIds = new HashSet<>();
        for (final JsonNode order : JSON.readTree(app.send("GET", "/api/orders", admin, null).body()))
        {
            assertTrue(orderIds.add(order.path("order_id").asText()), "order id issued twice: " + order);
        }
        assertEquals(3, orderIds.size());
        final Set<String> tradeIds = new HashSet<>();
        for (final JsonNode trade : JSON.readTree(app.send("GET", "/api/trades", admin, null).body()))
        {
            assertTrue(tradeIds.add(trade.path("trade_id").asText()), "trade id issued twice: " + trade);
        }
        assertFalse(tradeIds.isEmpty());
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldCloseTheOrdersAPaperBrokerThatLostItsBookDoesNotHave() throws Exception
    {
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        app.connectBroker(admin, null);
        final long ltpPaise = Math.round(app.lastPrice(admin, "NSE:INFY") * 100);
        final String resting = place("LIMIT", 2, Math.round(ltpPaise * 0.97) / 5 * 5);
        awaitStatus(resting, "OPEN");

        app.restart(() -> Files.delete(app.dataDir().resolve("sim").resolve("paper-broker.jsonl")));
        awaitConnected();

        final JsonNode closed = awaitStatus(resting, "CANCELLED");
        assertTrue(closed.path("status_message").asText().startsWith("Not in the broker's order book"),
            closed.toString());
    }

    private String place(final String type, final int quantity, final long pricePaise) throws Exception
    {
        final HttpResponse<String> placed = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":\"" + type +
                "\",\"quantity\":" + quantity + ",\"product\":\"CNC\",\"market_protection\":2" +
                (pricePaise > 0 ? ",\"price\":" + pricePaise / 100.0 : "") + "}");
        assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());
        return JSON.readTree(placed.body()).path("client_order_id").asText();
    }

    private JsonNode awaitStatus(final String id, final String status) throws InterruptedException
    {
        return app.awaitOrder(admin, id, status, Duration.ofSeconds(60),
            (state) -> status.equals(state.path("status").asText()));
    }

    private void awaitQuantity(final long quantity) throws InterruptedException
    {
        GatewayFixture.await("an INFY position of " + quantity, Duration.ofSeconds(60), () ->
        {
            try
            {
                for (final JsonNode position : JSON.readTree(app.send("GET", "/api/positions", admin, null).body())
                    .findValues("quantity"))
                {
                    if (position.asLong() == quantity)
                    {
                        return true;
                    }
                }
                return false;
            }
            catch (final Exception ex)
            {
                return false;
            }
        });
    }

    private void awaitConnected() throws InterruptedException
    {
        GatewayFixture.await("the broker connected again", Duration.ofSeconds(60), () ->
        {
            try
            {
                return app.send("GET", "/api/broker/status", admin, null).body().contains("\"connected\":true");
            }
            catch (final Exception ex)
            {
                return false;
            }
        });
    }
}
