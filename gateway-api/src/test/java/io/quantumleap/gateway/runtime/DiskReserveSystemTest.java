package io.quantumleap.gateway.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskReserveSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long INFY = 408_065;
    private static final String GAP_255_NOTICE = "{\"type\":\"gap\",\"data\":{\"connection\":255,";
    private static final String GAP_255_STARTED_NOTICE = GAP_255_NOTICE + "\"state\":\"gap_started\",";

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

            final List<String> joinedDuringTheGap = new CopyOnWriteArrayList<>();
            final WebSocket during = app.webSocket(admin, joinedDuringTheGap::add);
            GatewayFixture.await("the open gap told to a client that connects during it", Duration.ofSeconds(10),
                () -> joinedDuringTheGap.stream().anyMatch(m -> m.startsWith(GAP_255_STARTED_NOTICE)));
            during.abort();

            app.restartWith("quantumleap.disk-reserve", "0");
            admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
            final String afterRestart = admin;
            GatewayFixture.await("the gap of connection 255 ended by the restart", Duration.ofSeconds(30),
                () -> "gap_ended".equals(lastGapOf255(app, afterRestart)));
            final List<String> joinedAfter = new CopyOnWriteArrayList<>();
            final WebSocket after = app.webSocket(admin, joinedAfter::add);
            after.sendText("{\"a\":\"subscribe\",\"v\":[" + INFY + "]}", true).get(5, TimeUnit.SECONDS);
            GatewayFixture.await("a live INFY tick after the restart", Duration.ofSeconds(60),
                () -> joinedAfter.stream().anyMatch(m -> m.contains("\"instrument_token\":" + INFY)));
            after.abort();
            assertTrue(joinedAfter.stream().noneMatch(m -> m.startsWith(GAP_255_NOTICE)), joinedAfter.get(0));
        }
    }

    private static String lastGapOf255(final GatewayFixture app, final String token)
    {
        try
        {
            String last = null;
            for (final JsonNode gap : JSON.readTree(app.send("GET", "/api/broker/status", token, null).body())
                .path("gaps"))
            {
                if (gap.path("connection").asInt() == 255)
                {
                    last = gap.path("state").asText();
                }
            }
            return last;
        }
        catch (final Exception ex)
        {
            return null;
        }
    }

    private static String quote(final GatewayFixture app, final String token) throws Exception
    {
        final JsonNode quote = JSON.readTree(app.send("GET", "/api/quotes?i=NSE:INFY", token, null).body());
        return quote.findValue("last_price") + " " + quote.findValue("volume_traded") + " " +
            quote.findValue("timestamp");
    }
}
