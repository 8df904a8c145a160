package io.quantumleap.gateway.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.engine.sim.KiteSimulator;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositionConversionSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long INFY = 408065;
    private GatewayFixture app = new GatewayFixture(Map.of("quantumleap.kite.positions-check-s", 0));
    private String admin;

    @AfterEach
    void stop()
    {
        app.close();
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldConvertAtTheBrokerThenInTheEngineAndKeepItAcrossARestart() throws Exception
    {
        final JsonNode mis = buyEightMis();
        assertEquals(8, app.bean(EngineRuntime.class).broker().simulator().netQuantity(INFY, "MIS"));

        final HttpResponse<String> tooMany = convert("\"quantity\":9,\"old_product\":\"MIS\",\"new_product\":\"CNC\"");
        assertEquals(400, tooMany.statusCode(), tooMany.body());
        assertTrue(tooMany.body().contains("\"error\":\"insufficient_position\""), tooMany.body());
        assertTrue(tooMany.body().contains("quantity: 9 is more than the 8 bought net today"), tooMany.body());
        final HttpResponse<String> derivative =
            convert("\"quantity\":6,\"old_product\":\"MIS\",\"new_product\":\"NRML\"");
        assertEquals(400, derivative.statusCode(), derivative.body());
        assertTrue(derivative.body().contains("\"error\":\"invalid_product\""), derivative.body());
        assertTrue(derivative.body().contains("new_product: 'NRML' cannot be converted; NSE positions convert " +
            "between CNC, MIS, MTF"), derivative.body());
        final HttpResponse<String> wrongSide =
            convert("NSE", "SELL", "\"quantity\":2,\"old_product\":\"MIS\",\"new_product\":\"CNC\"");
        assertEquals(400, wrongSide.statusCode(), wrongSide.body());
        assertTrue(wrongSide.body().contains("the MIS position of NSE:INFY is long (8); BUY converts a long"),
            wrongSide.body());
        final HttpResponse<String> otherExchange =
            convert("nsex", "BUY", "\"quantity\":2,\"old_product\":\"MIS\",\"new_product\":\"CNC\"");
        assertEquals(400, otherExchange.statusCode(), otherExchange.body());
        assertTrue(otherExchange.body().contains("exchange: 'nsex' is not one of NSE, BSE, NFO, BFO, CDS, BCD, MCX"),
            otherExchange.body());
        final HttpResponse<String> same = convert("\"quantity\":6,\"old_product\":\"MIS\",\"new_product\":\"MIS\"");
        assertEquals(400, same.statusCode(), same.body());
        assertEquals(8, app.bean(EngineRuntime.class).broker().simulator().netQuantity(INFY, "MIS"));

        final HttpResponse<String> converted =
            convert("\"quantity\":6,\"old_product\":\"mis\",\"new_product\":\"CNC\"");

        assertEquals(200, converted.statusCode(), converted.body());
        final JsonNode answer = JSON.readTree(converted.body());
        assertEquals(INFY, answer.path("instrument_token").asLong());
        assertEquals(2, answer.path("positions").size(), converted.body());
        assertEquals("MIS", answer.path("positions").get(0).path("product").asText());
        assertEquals(2, answer.path("positions").get(0).path("quantity").asLong());
        assertEquals("CNC", answer.path("positions").get(1).path("product").asText());
        assertEquals(6, answer.path("positions").get(1).path("quantity").asLong());
        assertEquals(0, price(mis, "average_price").compareTo(price(answer.path("positions").get(1),
            "average_price")), converted.body());
        assertEquals(2, app.bean(EngineRuntime.class).broker().simulator().netQuantity(INFY, "MIS"));
        assertEquals(6, app.bean(EngineRuntime.class).broker().simulator().netQuantity(INFY, "CNC"));
        final HttpResponse<String> audit = app.send("GET", "/api/audit?user=admin", admin, null);
        assertTrue(audit.body().contains("\"event_type\":\"position_convert\""), audit.body());
        assertTrue(audit.body().contains("quantity: 9 is more than"), audit.body());

        final KiteSimulator sim = app.bean(EngineRuntime.class).broker().simulator();
        sim.faults().responseDelayMs(8_000);
        final CompletableFuture<HttpResponse<String>> unanswered = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return convert("\"quantity\":1,\"old_product\":\"MIS\",\"new_product\":\"CNC\"");
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        GatewayFixture.await("the broker to convert", Duration.ofSeconds(5), () -> sim.netQuantity(INFY, "CNC") == 7);
        sim.faults().clear();
        assertEquals(200, unanswered.get(20, TimeUnit.SECONDS).statusCode(), unanswered.get().body());
        assertEquals(7, awaitPosition("CNC", 7).path("quantity").asLong());
        assertEquals(7, app.bean(EngineRuntime.class).broker().simulator().netQuantity(INFY, "CNC"));

        app.restart();

        assertEquals(7, awaitPosition("CNC", 7).path("day_buy_quantity").asLong());
        assertEquals(1, position("MIS").path("quantity").asLong());
        assertEquals(7, app.bean(EngineRuntime.class).broker().simulator().netQuantity(INFY, "CNC"));
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldFollowAConversionMadeAtTheBrokerThatTheEngineWasNotToldOfWhenItReconcilesAtStart() throws Exception
    {
        buyEightMis();
        final KiteSimulator sim = app.bean(EngineRuntime.class).broker().simulator();

        sim.convertPosition("NSE", "INFY", true, 5, "MIS", "CNC");

        assertEquals(5, sim.netQuantity(INFY, "CNC"));
        assertEquals(8, position("MIS").path("quantity").asLong());
        assertTrue(position("CNC").isMissingNode());

        app.restart();

        assertEquals(5, awaitPosition("CNC", 5).path("day_buy_quantity").asLong());
        assertEquals(3, position("MIS").path("quantity").asLong());
        assertEquals(3, app.bean(EngineRuntime.class).broker().simulator().netQuantity(INFY, "MIS"));
        final String token = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        GatewayFixture.await("the followed conversion in the audit trail", Duration.ofSeconds(30),
            () -> !auditEntries(token, "BROKER_CONVERSION").isEmpty());
        final List<JsonNode> followed = auditEntries(token, "BROKER_CONVERSION");
        assertEquals(1, followed.size(), followed.toString());
        assertTrue(followed.get(0).path("username").isNull(), followed.toString());
        final JsonNode detail = followed.get(0).path("detail");
        assertEquals(INFY, detail.path("instrument_token").asLong());
        assertEquals("BUY", detail.path("transaction_type").asText());
        assertEquals("day", detail.path("position_type").asText());
        assertEquals(5, detail.path("quantity").asLong());
        assertEquals("MIS", detail.path("old_product").asText());
        assertEquals("CNC", detail.path("new_product").asText());
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldFollowAConversionMadeAtTheBrokerWithinAPositionsCheck() throws Exception
    {
        app.close();
        app = new GatewayFixture(Map.of("quantumleap.kite.positions-check-s", 1));
        buyEightMis();
        final KiteSimulator sim = app.bean(EngineRuntime.class).broker().simulator();

        sim.convertPosition("NSE", "INFY", true, 3, "MIS", "CNC");

        assertEquals(3, awaitPosition("CNC", 3).path("day_buy_quantity").asLong());
        assertEquals(5, position("MIS").path("quantity").asLong());
        final HttpResponse<String> converted =
            convert("\"quantity\":5,\"old_product\":\"MIS\",\"new_product\":\"CNC\"");
        assertEquals(200, converted.statusCode(), converted.body());
        assertEquals(8, awaitPosition("CNC", 8).path("quantity").asLong());
        Thread.sleep(2_500);
        assertEquals(8, position("CNC").path("quantity").asLong());
        assertTrue(position("MIS").path("quantity").asLong() == 0, position("MIS").toString());
    }

    private List<JsonNode> auditEntries(final String token, final String eventType)
    {
        final List<JsonNode> entries = new ArrayList<>();
        try
        {
            for (final JsonNode entry :
                JSON.readTree(app.send("GET", "/api/audit?type=" + eventType, token, null).body()))
            {
                if (eventType.equals(entry.path("event_type").asText()))
                {
                    entries.add(entry);
                }
            }
        }
        catch (final Exception ex)
        {
            entries.clear();
        }
        return entries;
    }

    private JsonNode buyEightMis() throws Exception
    {
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        app.connectBroker(admin, null);
        app.lastPrice(admin, "NSE:INFY");
        final HttpResponse<String> placed = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":\"MARKET\"," +
                "\"quantity\":8,\"product\":\"MIS\",\"market_protection\":2}");
        assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());
        return awaitPosition("MIS", 8);
    }

    private HttpResponse<String> convert(final String fields) throws Exception
    {
        return convert("NSE", "BUY", fields);
    }

    private HttpResponse<String> convert(final String exchange, final String side, final String fields)
        throws Exception
    {
        return app.send("PUT", "/api/positions", admin, "{\"exchange\":\"" + exchange + "\",\"tradingsymbol\":" +
            "\"INFY\",\"transaction_type\":\"" + side + "\",\"position_type\":\"day\"," + fields + "}");
    }

    private static BigDecimal price(final JsonNode node, final String field)
    {
        return new BigDecimal(node.path(field).asText());
    }

    private JsonNode position(final String product) throws Exception
    {
        for (final JsonNode position : JSON.readTree(app.send("GET", "/api/positions", admin, null).body()))
        {
            if (position.path("instrument_token").asLong() == INFY && product.equals(position.path("product").asText()))
            {
                return position;
            }
        }
        return JSON.missingNode();
    }

    private JsonNode awaitPosition(final String product, final long quantity) throws InterruptedException
    {
        final JsonNode[] found = new JsonNode[1];
        GatewayFixture.await("an INFY " + product + " position of " + quantity, Duration.ofSeconds(60), () ->
        {
            try
            {
                found[0] = position(product);
                return found[0].path("quantity").asLong() == quantity;
            }
            catch (final Exception ex)
            {
                return false;
            }
        });
        return found[0];
    }
}
