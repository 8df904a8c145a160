package io.quantumleap.gateway.broker;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.engine.sim.KiteSimulator;
import io.quantumleap.gateway.runtime.BrokerRuntime;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerSessionExpirySystemTest
{
    private static final int UNCONNECTED_ACCOUNTS = 6;

    private static GatewayFixture app;
    private static String admin;

    @BeforeAll
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of("quantumleap.capture.enabled", false));
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        final StringBuilder accounts = new StringBuilder();
        for (int i = 0; i < UNCONNECTED_ACCOUNTS; i++)
        {
            accounts.append(i == 0 ? "" : ",").append(20 + i);
        }
        final HttpResponse<String> created = app.send("POST", "/api/users", admin,
            "{\"username\":\"idle-desk\",\"password\":\"idle-desk-password\",\"roles\":[\"trader\"]," +
                "\"account_ids\":[" + accounts + "]}");
        assertEquals(201, created.statusCode(), created.body());
        app.connectBroker(admin, null);
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    private static String get(final String path)
    {
        try
        {
            return app.send("GET", path, admin, null).body();
        }
        catch (final Exception ex)
        {
            return "";
        }
    }

    @Test
    void shouldComeBackFromTokenExpiryWithoutCallsThatKiteRefuses() throws Exception
    {
        final BrokerRuntime broker = app.bean(EngineRuntime.class).broker();
        final KiteSimulator sim = broker.simulator();
        GatewayFixture.await("account 1 connected and INFY quoted", Duration.ofSeconds(30),
            () -> get("/api/broker/status").matches(".*\"account_id\":1,\"state\":\"connected\".*") &&
                get("/api/quotes?i=NSE:INFY").contains("\"last_price\""));
        final long forbidden = sim.restReplies(403);
        final long rateLimited = sim.restReplies(429);
        final long runs = broker.reconcileRuns();

        final HttpResponse<String> expired = app.http().send(HttpRequest.newBuilder(
                URI.create(sim.restBaseUrl() + "/__sim/faults"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"expireTokens\":true}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, expired.statusCode(), expired.body());
        GatewayFixture.await("account 1 to see its token expired", Duration.ofSeconds(30),
            () -> get("/api/broker/status").matches(".*\"account_id\":1,\"state\":\"token_expired\".*"));

        app.connectBroker(admin, null);
        GatewayFixture.await("account 1 connected again and reconciled", Duration.ofSeconds(30),
            () -> get("/api/broker/status").matches(".*\"account_id\":1,\"state\":\"connected\".*") &&
                broker.reconcileRuns() > runs);
        final HttpResponse<String> placed = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":\"MARKET\"," +
                "\"quantity\":1,\"product\":\"MIS\",\"market_protection\":2}");
        assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());
        final String id = new ObjectMapper().readTree(placed.body()).path("client_order_id").asText();
        app.awaitOrder(admin, id, "to fill", Duration.ofSeconds(30),
            (order) -> "COMPLETE".equals(order.path("status").asText()));

        assertEquals(rateLimited, sim.restReplies(429), "calls refused by Kite's rate limits");
        assertEquals(forbidden, sim.restReplies(403), "calls made without a usable token");
        assertEquals(0, broker.reconcileFailures());
        final String metrics = get("/metrics");
        assertTrue(metrics.contains("qleap_broker_reconciles_total"), metrics);
        assertTrue(metrics.contains("qleap_broker_rest_errors_total{type=\"network\"}"), metrics);
    }

    @Test
    void shouldReadHoldingsAndFundsOfConnectedAccountsOnlyWithoutAskingKiteForTheOthers() throws Exception
    {
        final KiteSimulator sim = app.bean(EngineRuntime.class).broker().simulator();
        final String desk = app.login("idle-desk", "idle-desk-password");
        final long forbidden = sim.restReplies(403);

        for (final String path : List.of("/api/holdings", "/api/margins"))
        {
            final HttpResponse<String> all = app.send("GET", path, desk, null);
            final HttpResponse<String> one = app.send("GET", path + "?account_id=21", desk, null);

            assertEquals(200, all.statusCode(), path + " " + all.body());
            assertEquals("[]", all.body(), path);
            assertEquals(409, one.statusCode(), path + " " + one.body());
            assertTrue(one.body().contains("\"error\":\"broker_not_connected\""), one.body());
            assertTrue(one.body().contains("account 21 is not connected to the broker (login_required)"), one.body());
        }
        assertEquals(forbidden, sim.restReplies(403));
    }
}
