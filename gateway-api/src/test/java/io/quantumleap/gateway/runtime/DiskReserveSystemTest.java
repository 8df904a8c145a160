package io.quantumleap.gateway.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskReserveSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldLeaveMarketDataOutWhileTheDiskIsShortOfSpaceAndStillTrade() throws Exception
    {
        try (GatewayFixture app = new GatewayFixture(Map.of()))
        {
            String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
            app.connectBroker(admin, null);
            app.lastPrice(admin, "NSE:INFY");
            assertEquals(0, app.bean(EngineRuntime.class).pipelineCounters().leftOutForSpace());

            app.restartWith("quantumleap.disk-reserve", "1000000GB");
            admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
            final String token = admin;
            final EngineRuntime engine = app.bean(EngineRuntime.class);
            assertTrue(engine.diskReserve().shortOfSpace());
            GatewayFixture.await("market data left out and a gap of connection 255", Duration.ofSeconds(60), () ->
            {
                try
                {
                    return engine.pipelineCounters().leftOutForSpace() > 100 &&
                        app.send("GET", "/api/broker/status", token, null).body()
                            .contains("{\"connection\":255,\"state\":\"gap_started\"");
                }
                catch (final Exception ex)
                {
                    return false;
                }
            });
            final String before = quote(app, admin);
            Thread.sleep(1_000);
            assertEquals(before, quote(app, admin));
            GatewayFixture.await("raw frames left out of the capture", Duration.ofSeconds(10),
                () -> engine.broker().capture().droppedFrames() > 0);

            final HttpResponse<String> placed = app.send("POST", "/api/orders", admin,
                "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":" +
                    "\"MARKET\",\"quantity\":2,\"product\":\"MIS\",\"market_protection\":2}");
            assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());
            final String id = JSON.readTree(placed.body()).path("client_order_id").asText();
            final JsonNode filled = app.awaitOrder(admin, id, "COMPLETE", Duration.ofSeconds(60),
                (state) -> "COMPLETE".equals(state.path("status").asText()));
            assertEquals(2, filled.path("filled_quantity").asLong(), filled.toString());
        }
    }

    private static String quote(final GatewayFixture app, final String token) throws Exception
    {
        final JsonNode quote = JSON.readTree(app.send("GET", "/api/quotes?i=NSE:INFY", token, null).body());
        return quote.findValue("last_price") + " " + quote.findValue("volume_traded") + " " +
            quote.findValue("timestamp");
    }
}
