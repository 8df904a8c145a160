package io.quantumleap.gateway.market;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.engine.sim.KiteSimulator;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.quantumleap.gateway.support.GatewayFixture;
import io.quantumleap.gateway.support.PinnedClock;
import io.quantumleap.gateway.support.PinnedClockFactory;
import io.quantumleap.gateway.support.SimulatorCandles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandlesDefaultWindowSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
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
        final List<String> answered = SimulatorCandles.answered(response.body());
        assertEquals(SimulatorCandles.of(app, "NSE:INFY", day.atTime(9, 15), day.atTime(10, 30)), answered);
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
        assertEquals(SimulatorCandles.of(app, "NSE:INFY", sunday.atTime(9, 15), sunday.atTime(11, 0)),
            SimulatorCandles.answered(response.body()));
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
}
