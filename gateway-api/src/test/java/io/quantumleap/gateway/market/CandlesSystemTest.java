package io.quantumleap.gateway.market;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.engine.sim.KiteSimulator;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.quantumleap.gateway.support.GatewayFixture;
import io.quantumleap.gateway.support.SimulatorCandles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandlesSystemTest
{
    private static final ObjectMapper JSON =
        new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static GatewayFixture app;
    private static String admin;
    private static HttpResponse<String> beforeConnecting;

    @BeforeAll
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of());
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        app.quotedEquity(990_001L, "QLCANDLE", 10_000, 5, 9_900);
        beforeConnecting = app.send("GET", "/api/candles?i=NSE:QLCANDLE", admin, null);
        app.connectBroker(admin, null);
        final LiveState live = app.bean(LiveState.class);
        GatewayFixture.await("the simulator's instruments", Duration.ofSeconds(30),
            () -> InstrumentKey.parse("NSE:INFY").find(live).isPresent());
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    @Test
    void shouldAnswerTheCandlesTheBrokersHistoricalApiGivesForTheSameWindow() throws Exception
    {
        final LocalDate today = LocalDate.now(IST);
        final LocalDateTime from = today.minusDays(3).atTime(9, 15);
        final LocalDateTime to = today.minusDays(1).atTime(15, 30);

        final HttpResponse<String> response = app.send("GET", "/api/candles?i=NSE:INFY&from=" + from + "&to=" + to,
            admin, null);

        assertEquals(200, response.statusCode(), response.body());
        final List<String> expected = SimulatorCandles.of(app, "NSE:INFY", from, to);
        assertFalse(expected.isEmpty(), "three days hold a trading day");
        assertEquals(expected, SimulatorCandles.answered(response.body()));
    }

    @Test
    void shouldAnswerTodaysSessionUpToNowByDefault() throws Exception
    {
        final Instant open = LocalDate.now(IST).atTime(9, 15).toInstant(IST);

        final HttpResponse<String> response = app.send("GET", "/api/candles?i=NSE:INFY", admin, null);

        assertEquals(200, response.statusCode(), response.body());
        for (final JsonNode candle : JSON.readTree(response.body()))
        {
            final Instant time = Instant.parse(candle.get("time").asText());
            assertFalse(time.isBefore(open) || time.isAfter(Instant.now()), candle.toString());
        }
    }

    @Test
    void shouldRefuseAnInstrumentTheEngineDoesNotKnowAndAnIntervalNotListed() throws Exception
    {
        final HttpResponse<String> unknown = app.send("GET", "/api/candles?i=NSE:NOSUCHTHING", admin, null);
        final HttpResponse<String> interval = app.send("GET", "/api/candles?i=NSE:INFY&interval=2minute", admin, null);
        final HttpResponse<String> tooLong = app.send("GET",
            "/api/candles?i=NSE:INFY&from=2026-01-01&to=2026-02-01", admin, null);

        assertEquals(400, unknown.statusCode(), unknown.body());
        assertEquals("i: no instrument NSE:NOSUCHTHING is known",
            JSON.readTree(unknown.body()).get("message").asText());
        assertEquals(400, interval.statusCode(), interval.body());
        assertTrue(interval.body().contains("interval: '2minute' is not one of minute"), interval.body());
        assertEquals(400, tooLong.statusCode(), tooLong.body());
        assertTrue(tooLong.body().contains("ask for at most 7 days at a time"), tooLong.body());
    }

    @Test
    void shouldAnswerBrokerNotConnectedBeforeTheAccountIsConnected() throws Exception
    {
        assertEquals(409, beforeConnecting.statusCode(), beforeConnecting.body());
        assertEquals("broker_not_connected", JSON.readTree(beforeConnecting.body()).get("error").asText());
    }

    @Test
    void shouldAnswerABrokerFailureAsA502AndAskAgainNextTime() throws Exception
    {
        final KiteSimulator sim = app.bean(EngineRuntime.class).broker().simulator();
        final String url = "/api/candles?i=NSE:INFY&from=" + LocalDate.now(IST).minusDays(5) + "T10:00&to=" +
            LocalDate.now(IST).minusDays(5) + "T11:00";

        sim.faults().failRequests(503, -1);
        final HttpResponse<String> failed = app.send("GET", url, admin, null);
        sim.faults().clear();
        final HttpResponse<String> again = app.send("GET", url, admin, null);

        assertEquals(502, failed.statusCode(), failed.body());
        assertEquals("broker_unavailable", JSON.readTree(failed.body()).get("error").asText());
        assertTrue(failed.body().contains("candles of NSE:INFY for account 1"), failed.body());
        assertEquals(200, again.statusCode(), again.body());
    }

    @Test
    void shouldAnswerWhatTheBrokerRefusesAsA502BrokerRefusedOnCandlesAndHoldingsAlike() throws Exception
    {
        final KiteSimulator sim = app.bean(EngineRuntime.class).broker().simulator();
        final String url = "/api/candles?i=NSE:INFY&from=" + LocalDate.now(IST).minusDays(4) + "T10:00&to=" +
            LocalDate.now(IST).minusDays(4) + "T11:00";

        sim.faults().failRequests(400, -1);
        final HttpResponse<String> candles = app.send("GET", url, admin, null);
        final HttpResponse<String> holdings = app.send("GET", "/api/holdings?account_id=1", admin, null);
        sim.faults().clear();

        assertEquals(502, candles.statusCode(), candles.body());
        assertEquals("broker_refused", JSON.readTree(candles.body()).get("error").asText());
        assertEquals("the broker refused the candles of NSE:INFY for account 1: Invalid input (simulated fault). " +
            "Asking again will not help: take it up with the broker.",
            JSON.readTree(candles.body()).get("message").asText());
        assertEquals(502, holdings.statusCode(), holdings.body());
        assertEquals("broker_refused", JSON.readTree(holdings.body()).get("error").asText());
        assertTrue(JSON.readTree(holdings.body()).get("message").asText()
            .endsWith("for account 1: Invalid input (simulated fault). Asking again will not help: take it up with " +
                "the broker."), holdings.body());
    }

    @Test
    void shouldAnswerKitesPermissionRefusalOfAnAccountWithoutTheHistoricalDataAddOnWithItsMessage() throws Exception
    {
        final KiteSimulator sim = app.bean(EngineRuntime.class).broker().simulator();
        final String url = "/api/candles?i=NSE:INFY&from=" + LocalDate.now(IST).minusDays(6) + "T10:00&to=" +
            LocalDate.now(IST).minusDays(6) + "T11:00";

        sim.historicalData(sim.userId(), false);
        final HttpResponse<String> refused = app.send("GET", url, admin, null);
        sim.historicalData(sim.userId(), true);
        final HttpResponse<String> granted = app.send("GET", url, admin, null);

        assertEquals(502, refused.statusCode(), refused.body());
        assertEquals("broker_refused", JSON.readTree(refused.body()).get("error").asText());
        assertEquals("the broker refused the candles of NSE:INFY for account 1: Insufficient permission for that " +
            "call. Kite gives historical data only to accounts with its historical data add-on: enable it for this " +
            "account, then ask again.",
            JSON.readTree(refused.body()).get("message").asText());
        assertEquals(200, granted.statusCode(), granted.body());
    }
}
