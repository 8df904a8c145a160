package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteSimulatorHistoricalTest extends SimulatorFixture
{
    private static final String FRIDAY = "from=2026-11-27%2009:15:00&to=2026-11-27%2015:29:00";

    private JsonNode candles(final String path) throws Exception
    {
        final HttpResponse<String> response = http.get(path);
        assertEquals(200, response.statusCode(), response.body());
        return SimHttp.json(response).path("data").path("candles");
    }

    private JsonNode error(final String path) throws Exception
    {
        final HttpResponse<String> response = http.get(path);
        assertEquals(400, response.statusCode(), response.body());
        final JsonNode body = SimHttp.json(response);
        assertEquals("InputException", body.path("error_type").asText());
        return body.path("message");
    }

    @Test
    void shouldServeEveryMinuteOfADaysSessionEndingAtThePreviousClose() throws Exception
    {
        final JsonNode minutes = candles("/instruments/historical/408065/minute?" + FRIDAY);
        final BigDecimal previousClose = SimHttp.json(http.get("/quote/ohlc?i=NSE:INFY")).path("data")
            .path("NSE:INFY").path("ohlc").path("close").decimalValue();

        assertEquals(375, minutes.size());
        assertEquals("2026-11-27T09:15:00+0530", minutes.get(0).get(0).asText());
        assertEquals("2026-11-27T15:29:00+0530", minutes.get(374).get(0).asText());
        assertEquals(0, previousClose.compareTo(minutes.get(374).get(4).decimalValue()));
        for (final JsonNode candle : minutes)
        {
            assertEquals(6, candle.size(), candle.toString());
            final BigDecimal open = candle.get(1).decimalValue();
            final BigDecimal high = candle.get(2).decimalValue();
            final BigDecimal low = candle.get(3).decimalValue();
            final BigDecimal close = candle.get(4).decimalValue();
            assertTrue(high.compareTo(open.max(close)) >= 0 && low.compareTo(open.min(close)) <= 0, candle.toString());
            assertEquals(0, close.remainder(new BigDecimal("0.05")).signum(), candle.toString());
            assertTrue(candle.get(5).asLong() > 0, candle.toString());
        }
        for (int i = 1; i < minutes.size(); i++)
        {
            assertEquals(0, minutes.get(i - 1).get(4).decimalValue().compareTo(minutes.get(i).get(1).decimalValue()));
        }
        assertEquals(minutes, candles("/instruments/historical/408065/minute?" + FRIDAY));
    }

    @Test
    void shouldBuildLongerCandlesFromTheSameMinutes() throws Exception
    {
        final JsonNode minutes = candles("/instruments/historical/408065/minute?" + FRIDAY);
        final JsonNode fives = candles("/instruments/historical/408065/5minute?" + FRIDAY);
        final JsonNode days = candles("/instruments/historical/408065/day?from=2026-11-23&to=2026-11-27");

        assertEquals(75, fives.size());
        assertEquals("2026-11-27T09:20:00+0530", fives.get(1).get(0).asText());
        assertEquals(minutes.get(5).get(1), fives.get(1).get(1));
        assertEquals(minutes.get(9).get(4), fives.get(1).get(4));
        assertEquals(4, days.size());
        final JsonNode friday = days.get(3);
        assertEquals("2026-11-27T00:00:00+0530", friday.get(0).asText());
        assertEquals(minutes.get(0).get(1), friday.get(1));
        assertEquals(minutes.get(374).get(4), friday.get(4));
        BigDecimal high = BigDecimal.ZERO;
        long volume = 0;
        for (final JsonNode minute : minutes)
        {
            high = high.max(minute.get(2).decimalValue());
            volume += minute.get(5).asLong();
        }
        assertEquals(0, high.compareTo(friday.get(2).decimalValue()));
        assertEquals(volume, friday.get(5).asLong());
    }

    @Test
    void shouldServeTheWholeCandlesThatStartWithinTheRequestAndNoVolumeForAnIndex() throws Exception
    {
        final JsonNode fives = candles("/instruments/historical/408065/5minute?from=2026-11-27%2010:02:00" +
            "&to=2026-11-27%2010:12:00");
        final JsonNode minutes = candles("/instruments/historical/408065/minute?from=2026-11-27%2010:00:30" +
            "&to=2026-11-27%2010:05:30");
        final JsonNode everyMinute = candles("/instruments/historical/408065/minute?" + FRIDAY);
        final JsonNode nifty = candles("/instruments/historical/256265/minute?" + FRIDAY);

        assertEquals(2, fives.size());
        assertEquals("2026-11-27T10:05:00+0530", fives.get(0).get(0).asText());
        assertEquals("2026-11-27T10:10:00+0530", fives.get(1).get(0).asText());
        assertEquals(everyMinute.get(59).get(4), fives.get(1).get(4));
        assertEquals(5, minutes.size());
        assertEquals("2026-11-27T10:01:00+0530", minutes.get(0).get(0).asText());
        assertEquals(375, nifty.size());
        for (final JsonNode candle : nifty)
        {
            assertEquals(0, candle.get(5).asLong(), candle.toString());
        }
    }

    @Test
    void shouldAddOpenInterestWhenAskedAndStopAtNow() throws Exception
    {
        final String path = "/instruments/historical/408065/minute?from=2026-11-30%2009:15:00" +
            "&to=2026-11-30%2015:29:00&oi=1";
        final Instrument future = sim.agent().universe().instruments().stream()
            .filter(i -> "NFO".equals(i.exchange) && i.isFuture()).findFirst().orElseThrow();
        assertEquals(45, candles(path).size());
        sim.step(10);

        final JsonNode today = candles(path);
        final JsonNode futureToday = candles("/instruments/historical/" + future.token +
            "/minute?from=2026-11-30%2009:15:00&to=2026-11-30%2015:29:00&oi=1");
        final JsonNode futureQuote = SimHttp.json(http.get("/quote?i=" + future.key())).path("data")
            .path(future.key());

        assertEquals(46, today.size());
        assertEquals("2026-11-30T10:00:00+0530", today.get(45).get(0).asText());
        assertEquals(7, today.get(0).size());
        final JsonNode lastMinute = futureToday.get(futureToday.size() - 1);
        assertEquals("2026-11-30T10:00:00+0530", lastMinute.get(0).asText());
        assertEquals(futureQuote.path("oi").asLong(), lastMinute.get(6).asLong(), futureQuote.toString());
    }

    @Test
    void shouldStartTheLiveMarketFromTodaysMinuteCandlesSoFar() throws Exception
    {
        final String soFar = "/minute?from=2026-11-30%2009:15:00&to=2026-11-30%2009:59:00";
        final JsonNode infy = candles("/instruments/historical/408065" + soFar);
        final JsonNode nifty = candles("/instruments/historical/256265" + soFar);
        final JsonNode quotes = SimHttp.json(http.get("/quote?i=NSE:INFY&i=NSE:NIFTY%2050")).path("data");
        final JsonNode infyQuote = quotes.path("NSE:INFY");

        assertEquals(45, infy.size());
        assertEquals("2026-11-30T09:59:00+0530", infy.get(44).get(0).asText());
        BigDecimal high = BigDecimal.ZERO;
        BigDecimal low = infy.get(0).get(3).decimalValue();
        long volume = 0;
        for (final JsonNode minute : infy)
        {
            high = high.max(minute.get(2).decimalValue());
            low = low.min(minute.get(3).decimalValue());
            volume += minute.get(5).asLong();
        }
        assertEquals(0, infy.get(44).get(4).decimalValue().compareTo(infyQuote.path("last_price").decimalValue()),
            infyQuote.toString());
        assertEquals(0, infy.get(0).get(1).decimalValue()
            .compareTo(infyQuote.path("ohlc").path("open").decimalValue()));
        assertEquals(0, high.compareTo(infyQuote.path("ohlc").path("high").decimalValue()));
        assertEquals(0, low.compareTo(infyQuote.path("ohlc").path("low").decimalValue()));
        assertEquals(volume, infyQuote.path("volume").asLong());
        assertEquals(0, nifty.get(44).get(4).decimalValue()
            .compareTo(quotes.path("NSE:NIFTY 50").path("last_price").decimalValue()), quotes.toString());
    }

    @Test
    void shouldServeTodaysMinutesSinceTheStartFromTheLiveMarketsTrades() throws Exception
    {
        final List<long[]> minutes = new ArrayList<>();
        JsonNode quote = SimHttp.json(http.get("/quote?i=NSE:INFY")).path("data").path("NSE:INFY");
        for (int minute = 0; minute < 3; minute++)
        {
            long[] traded = null;
            for (int step = 0; step < 12; step++)
            {
                final long volumeBefore = quote.path("volume").asLong();
                sim.step(1);
                quote = SimHttp.json(http.get("/quote?i=NSE:INFY")).path("data").path("NSE:INFY");
                final long qty = quote.path("volume").asLong() - volumeBefore;
                final long paise = quote.path("last_price").decimalValue().movePointRight(2).longValueExact();
                if (qty > 0)
                {
                    traded = traded == null ? new long[] {minute, paise, paise, paise, paise, 0} : traded;
                    traded[2] = Math.max(traded[2], paise);
                    traded[3] = Math.min(traded[3], paise);
                    traded[4] = paise;
                    traded[5] += qty;
                }
                clock.advanceMs(5_000);
            }
            if (traded != null)
            {
                minutes.add(traded);
            }
        }

        final JsonNode today = candles("/instruments/historical/408065/minute?from=2026-11-30%2009:15:00" +
            "&to=2026-11-30%2015:29:00");
        final JsonNode day = candles("/instruments/historical/408065/day?from=2026-11-30&to=2026-11-30");

        assertTrue(minutes.size() >= 2, "INFY traded in " + minutes.size() + " of 3 minutes");
        assertEquals(45 + minutes.size(), today.size(), today.toString());
        for (int k = 0; k < minutes.size(); k++)
        {
            final long[] traded = minutes.get(k);
            final JsonNode row = today.get(45 + k);
            assertEquals("2026-11-30T10:0" + traded[0] + ":00+0530", row.get(0).asText());
            for (int field = 1; field <= 4; field++)
            {
                assertEquals(traded[field], row.get(field).decimalValue().movePointRight(2).longValueExact(),
                    "field " + field + " of " + row);
            }
            assertEquals(traded[5], row.get(5).asLong(), row.toString());
        }
        assertEquals(1, day.size());
        assertEquals(0, day.get(0).get(2).decimalValue().compareTo(quote.path("ohlc").path("high").decimalValue()));
        assertEquals(0, day.get(0).get(3).decimalValue().compareTo(quote.path("ohlc").path("low").decimalValue()));
        assertEquals(0, day.get(0).get(4).decimalValue().compareTo(quote.path("last_price").decimalValue()));
        assertEquals(quote.path("volume").asLong(), day.get(0).get(5).asLong(), quote.toString());
    }

    @Test
    void shouldStartTheLiveMarketAfterTheCloseFromTheWholeSessionAndBeforeTheOpenFromItsOwnOpening() throws Exception
    {
        final String session = "/instruments/historical/408065/minute?from=2026-11-30%2009:15:00" +
            "&to=2026-11-30%2015:29:00";
        final long sixHours = TimeUnit.HOURS.toMillis(6);
        restart(SimHttp.context(new ManualClock(ManualClock.MONDAY_10_00_IST + sixHours)));
        final JsonNode minutes = candles(session);
        final JsonNode afterTheClose = SimHttp.json(http.get("/quote?i=NSE:INFY")).path("data").path("NSE:INFY");
        restart(SimHttp.context(new ManualClock(ManualClock.MONDAY_10_00_IST - sixHours)));
        final JsonNode beforeTheOpen = SimHttp.json(http.get("/quote?i=NSE:INFY")).path("data").path("NSE:INFY");

        assertEquals(375, minutes.size());
        long volume = 0;
        for (final JsonNode minute : minutes)
        {
            volume += minute.get(5).asLong();
        }
        assertEquals(0, minutes.get(374).get(4).decimalValue()
            .compareTo(afterTheClose.path("last_price").decimalValue()), afterTheClose.toString());
        assertEquals(volume, afterTheClose.path("volume").asLong());
        assertEquals(0, beforeTheOpen.path("last_price").decimalValue()
            .compareTo(beforeTheOpen.path("ohlc").path("open").decimalValue()), beforeTheOpen.toString());
        assertTrue(beforeTheOpen.path("volume").asLong() < volume, beforeTheOpen.toString());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldAnswerFarPastAndFutureRequestsAtOnceWithTheCandlesThereAre() throws Exception
    {
        final JsonNode future = candles("/instruments/historical/408065/day?from=9999-01-01&to=9999-12-31");
        final JsonNode ancient = candles("/instruments/historical/408065/day?from=0001-01-01&to=0005-12-31");
        final JsonNode edge = candles("/instruments/historical/408065/day?from=2016-11-01&to=2016-12-31");

        assertEquals(0, future.size());
        assertEquals(0, ancient.size());
        assertTrue(edge.size() > 0 && edge.size() < 45, edge.size() + " candles");
    }

    @Test
    void shouldRefuseWhatKiteRefuses() throws Exception
    {
        assertTrue(error("/instruments/historical/408065/2minute?" + FRIDAY).asText().startsWith("invalid interval"));
        assertEquals("interval exceeds max limit: 60 days",
            error("/instruments/historical/408065/minute?from=2026-08-01&to=2026-11-27").asText());
        assertTrue(error("/instruments/historical/408065/minute?from=2026-11-28&to=2026-11-27").asText()
            .contains("is after"));
        assertTrue(error("/instruments/historical/999999999/day?" + FRIDAY).asText().startsWith("invalid token"));
        assertTrue(error("/instruments/historical/408065/day?from=yesterday&to=2026-11-27").asText()
            .startsWith("invalid `from`"));
        assertTrue(error("/instruments/historical/408065/day?continuous=1&" + FRIDAY).asText()
            .contains("futures only"));
    }

    @Test
    void shouldHoldHistoricalCallsToThreeASecond() throws Exception
    {
        restart(SimHttp.context(clock).historicalRequestsPerSecond(3));

        for (int i = 0; i < 3; i++)
        {
            candles("/instruments/historical/408065/day?" + FRIDAY);
        }
        assertEquals(429, http.get("/instruments/historical/408065/day?" + FRIDAY).statusCode());
        assertEquals(200, http.get("/user/profile").statusCode());
        clock.advanceMs(1_000);
        candles("/instruments/historical/408065/day?" + FRIDAY);
    }

    @Test
    void shouldRefuseTheCallsOfAUserWithoutTheHistoricalDataAddOnAsKiteDoes() throws Exception
    {
        sim.historicalData(sim.userId(), false);
        final HttpResponse<String> refused = http.get("/instruments/historical/408065/minute?" + FRIDAY);
        sim.historicalData(sim.userId(), true);
        final JsonNode granted = candles("/instruments/historical/408065/minute?" + FRIDAY);
        restart(SimHttp.context(clock).usersWithoutHistoricalData(sim.userId()));
        final HttpResponse<String> fromTheStart = http.get("/instruments/historical/408065/minute?" + FRIDAY);

        assertEquals(403, refused.statusCode(), refused.body());
        final JsonNode body = SimHttp.json(refused);
        assertEquals("PermissionException", body.path("error_type").asText());
        assertEquals("Insufficient permission for that call.", body.path("message").asText());
        assertEquals(375, granted.size());
        assertEquals(403, fromTheStart.statusCode(), fromTheStart.body());
    }
}
