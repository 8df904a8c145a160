package io.quantumleap.gateway.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.engine.sim.KiteSimulator;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorMarketHoursSystemTest
{
    private static GatewayFixture app;
    private static String admin;

    @BeforeAll
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of("quantumleap.capture.enabled", false, "quantumleap.sim.market-hours", true));
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        app.connectBroker(admin, null);
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    @Test
    void shouldTradeOnlyInTheExchangesHoursWhenTheSimulatorIsToldTo() throws Exception
    {
        final KiteSimulator sim = app.bean(EngineRuntime.class).broker().simulator();
        assertTrue(sim.keepsMarketHours());
        app.lastPrice(admin, "NSE:INFY");
        final boolean open = sim.equityMarketOpenNow();

        final HttpResponse<String> placed = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":\"MARKET\"," +
                "\"quantity\":1,\"product\":\"CNC\",\"market_protection\":2}");
        assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());
        final String id = new ObjectMapper().readTree(placed.body()).path("client_order_id").asText();
        final JsonNode order = app.awaitOrder(admin, id, "to be settled by the broker", Duration.ofSeconds(30),
            (o) -> "COMPLETE".equals(o.path("status").asText()) || "REJECTED".equals(o.path("status").asText()) ||
                !open && "OPEN".equals(o.path("status").asText()));

        final String message = order.path("status_message").asText();
        if (open && sim.equityMarketOpenNow())
        {
            assertEquals("COMPLETE", order.path("status").asText(), order.toString());
        }
        else if (!open && "OPEN".equals(order.path("status").asText()))
        {
            final LocalTime ist = LocalTime.now(ZoneId.of("Asia/Kolkata"));
            assertTrue(!ist.isBefore(LocalTime.of(9, 0)) && ist.isBefore(LocalTime.of(9, 16)),
                "only the pre-open takes an order while the market is closed: " + order);
        }
        else if (!open)
        {
            assertEquals("REJECTED", order.path("status").asText(), order.toString());
            assertTrue(message.startsWith("Markets are closed right now."), message);
        }
    }
}
