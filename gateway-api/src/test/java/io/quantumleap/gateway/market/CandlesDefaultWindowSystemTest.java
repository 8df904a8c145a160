package io.quantumleap.gateway.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.engine.sim.KiteSimulator;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.quantumleap.gateway.support.GatewayFixture;
import io.quantumleap.gateway.support.PinnedClock;
import io.quantumleap.gateway.support.PinnedClockFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandlesDefaultWindowSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final DateTimeFormatter KITE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final long HISTORICAL_WINDOW_MS = 1_100;
    private static GatewayFixture app;
    private static String admin;
    private static PinnedClock clock;
    private static KiteSimulator sim;

    @BeforeAll
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of(PinnedClockFactory.PROPERTY, true));
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        app.connectBroker(admin, null);
        final LiveState live = app.bean(LiveState.class);
        GatewayFixture.await("the simulator's instruments", Duration.ofSeconds(30),
            () -> InstrumentKey.parse("NSE:INFY").find(live).isPresent());
        clock = app.bean(PinnedClock.class);
        sim = app.bean(EngineRuntime.class).broker().simulator();
    }

    @AfterEach
    void release() throws InterruptedException
    {
        clock.release();
        sim.faults().clear();
        Thread.sleep(HISTORICAL_WINDOW_MS);
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    @Test
    void shouldAnswerNoCandlesAt3InTheMorningWithoutAskingTheBroker() throws Exception
    {
        clock.pin(lastWeekday().atTime(3, 0).toInstant(IST));
        sim.faults().failRequests(503, -1);

        final HttpResponse<String> response = app.send("GET", "/api/candles?i=NSE:INFY", admin, null);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(0, JSON.readTree(response.body()).size(), response.body());
    }

    @Test
    void shouldAskTheBrokerForTheSessionFromTheOpenUpToNowAt1030() throws Exception
    {
        final LocalDate day = lastWeekday();
        clock.pin(day.atTime(10, 30).toInstant(IST));

        final HttpResponse<String> response = app.send("GET", "/api/candles?i=NSE:INFY", admin, null);

        assertEquals(200, response.statusCode(), response.body());
        final List<String> answered = answered(response);
        assertEquals(simulatorCandles(day.atTime(9, 15), day.atTime(10, 30)), answered);
        if (!answered.isEmpty())
        {
            assertTrue(answered.get(0).startsWith(day.atTime(9, 15).toInstant(IST) + " "), answered.get(0));
            assertFalse(Instant.parse(answered.get(answered.size() - 1).split(" ")[0])
                .isAfter(day.atTime(10, 30).toInstant(IST)), answered.toString());
        }
    }

    @Test
    void shouldAnswerASundaysSessionAsTheBrokerHasIt() throws Exception
    {
        LocalDate sunday = LocalDate.now(IST).minusDays(1);
        while (sunday.getDayOfWeek() != DayOfWeek.SUNDAY)
        {
            sunday = sunday.minusDays(1);
        }
        clock.pin(sunday.atTime(11, 0).toInstant(IST));

        final HttpResponse<String> response = app.send("GET", "/api/candles?i=NSE:INFY", admin, null);
        clock.pin(sunday.atTime(8, 0).toInstant(IST));
        final HttpResponse<String> beforeTheOpen = app.send("GET", "/api/candles?i=NSE:INFY", admin, null);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(simulatorCandles(sunday.atTime(9, 15), sunday.atTime(11, 0)), answered(response));
        assertEquals(200, beforeTheOpen.statusCode(), beforeTheOpen.body());
        assertEquals(0, JSON.readTree(beforeTheOpen.body()).size(), beforeTheOpen.body());
    }

    private static LocalDate lastWeekday()
    {
        LocalDate day = LocalDate.now(IST).minusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY)
        {
            day = day.minusDays(1);
        }
        return day;
    }

    private static List<String> answered(final HttpResponse<String> response) throws Exception
    {
        final List<String> candles = new ArrayList<>();
        for (final JsonNode candle : JSON.readTree(response.body()))
        {
            candles.add(Instant.parse(candle.get("time").asText()) + " " +
                candle.get("open").decimalValue().stripTrailingZeros().toPlainString() + " " +
                candle.get("close").decimalValue().stripTrailingZeros().toPlainString() + " " +
                candle.get("volume").asLong());
        }
        return candles;
    }

    private static List<String> simulatorCandles(final LocalDateTime from, final LocalDateTime to) throws Exception
    {
        final EngineRuntime engine = app.bean(EngineRuntime.class);
        final String accessToken = engine.broker()
            .call(1, client -> CompletableFuture.completedFuture(client.accessToken())).get();
        final long token = InstrumentKey.parse("NSE:INFY").find(app.bean(LiveState.class)).orElseThrow()
            .instrumentToken();
        final HttpResponse<String> reply = app.http().send(HttpRequest.newBuilder(URI.create(sim.restBaseUrl() +
                "/instruments/historical/" + token + "/minute?from=" + encode(KITE.format(from)) + "&to=" +
                encode(KITE.format(to))))
            .header("X-Kite-Version", "3")
            .header("Authorization", "token " + sim.apiKey() + ":" + accessToken).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply.body());
        final List<String> candles = new ArrayList<>();
        for (final JsonNode row : JSON.readTree(reply.body()).get("data").get("candles"))
        {
            candles.add(OffsetDateTime.parse(row.get(0).asText(), DateTimeFormatter.ofPattern(
                "uuuu-MM-dd'T'HH:mm:ssxx")).toInstant() + " " +
                row.get(1).decimalValue().stripTrailingZeros().toPlainString() + " " +
                row.get(4).decimalValue().stripTrailingZeros().toPlainString() + " " + row.get(5).asLong());
        }
        return candles;
    }

    private static String encode(final String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
