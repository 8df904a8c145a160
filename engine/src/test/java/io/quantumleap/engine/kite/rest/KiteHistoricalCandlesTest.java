package io.quantumleap.engine.kite.rest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteHistoricalCandlesTest
{
    private static final String PATH = "GET /instruments/historical/408065/minute";
    private static final LocalDateTime FROM = LocalDateTime.of(2017, 12, 15, 9, 15);
    private static final LocalDateTime TO = LocalDateTime.of(2017, 12, 15, 9, 20, 30);

    private final FakeKiteServer server = new FakeKiteServer();
    private final KiteRestClient client = new KiteRestClient(server.clientContext()
        .apiKey("Uz7Mdn29ZGya31a")
        .requestTimeout(Duration.ofSeconds(5)));

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void shouldParseTheMinuteMockAndAskWithKitesTimeForm()
    {
        server.route(PATH, FakeKiteServer.Reply.mock("historical_minute.json"));

        final List<KiteCandle> candles =
            KiteRestClientMocksTest.await(client.historicalCandles(408065, "minute", FROM, TO, false, false));

        assertEquals(6, candles.size());
        assertEquals(new KiteCandle(Instant.parse("2017-12-15T03:45:00Z"), new BigDecimal("1704.5"),
            new BigDecimal("1705"), new BigDecimal("1699.25"), new BigDecimal("1702.8"), 2499, null), candles.get(0));
        assertEquals(Instant.parse("2017-12-15T03:50:00Z"), candles.get(5).time());
        assertEquals(802, candles.get(5).volume());
        assertEquals("from=2017-12-15+09%3A15%3A00&to=2017-12-15+09%3A20%3A30&continuous=0&oi=0",
            server.requests().get(0).query());
    }

    @Test
    void shouldParseTheOpenInterestOfTheOiMock()
    {
        server.route("GET /instruments/historical/12517890/minute", FakeKiteServer.Reply.mock("historical_oi.json"));

        final List<KiteCandle> candles =
            KiteRestClientMocksTest.await(client.historicalCandles(12517890, "minute", FROM, TO, true, true));

        assertEquals(Instant.parse("2019-12-04T03:45:00Z"), candles.get(0).time());
        assertEquals(new BigDecimal("12009.9"), candles.get(0).open());
        assertEquals(163275, candles.get(0).volume());
        assertEquals(13667775L, candles.get(0).openInterest());
        assertEquals(13758000L, candles.get(2).openInterest());
        assertTrue(server.requests().get(0).query().endsWith("&continuous=1&oi=1"), server.requests().get(0).query());
    }

    @Test
    void shouldAnswerNoCandlesForAnEmptyList()
    {
        server.route(PATH, FakeKiteServer.Reply.json(200, "{\"status\":\"success\",\"data\":{\"candles\":[]}}"));

        assertEquals(List.of(),
            KiteRestClientMocksTest.await(client.historicalCandles(408065, "minute", FROM, TO, false, false)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"candles\":[[\"2017-12-15T09:15:00+0530\",1,2,0.5,1.5]]}|candle 0: expected [time, open, high, low",
        "{\"candles\":[[\"2017-12-15T09:15:00+0530\",1,2,0.5,1.5,9,9,9]]}|candle 0: expected [time, open, high",
        "{\"candles\":[\"2017-12-15T09:15:00+0530\"]}|candle 0: expected [time",
        "{\"candles\":[[\"2017-12-15 09:15:00\",1,2,0.5,1.5,9]]}|candle 0: time: expected a time like",
        "{\"candles\":[[1513309500,1,2,0.5,1.5,9]]}|candle 0: time: expected a string",
        "{\"candles\":[[\"2017-12-15T09:15:00+0530\",1,2,0.5,1.5,9],[\"2017-12-15T09:16:00+0530\",\"x\",2,1,1,9]]}" +
            "|candle 1: open: expected a number, was \"x\"",
        "{\"candles\":[[\"2017-12-15T09:15:00+0530\",1,2,0.5,null,9]]}|candle 0: close: expected a number, was null",
        "{\"candles\":[[\"2017-12-15T09:15:00+0530\",1,2,0.5,1.5,9.5]]}|candle 0: volume: expected a whole number",
        "{\"candles\":[[\"2017-12-15T09:15:00+0530\",1,2,0.5,1.5,-3]]}|candle 0: volume: expected a count, was -3",
        "{\"candles\":[[\"2017-12-15T09:15:00+0530\",1,2,0.5,1.5,9,\"x\"]]}|candle 0: oi: expected a whole number",
        "{\"candles\":{}}|field candles: expected an array, was OBJECT",
        "{}|field candles: expected an array, was missing",
        "[]|data: expected an object, was ARRAY",
    })
    void shouldFailAMalformedReplyNamingWhatWasWrong(final String data, final String expected)
    {
        server.route(PATH, FakeKiteServer.Reply.json(200, "{\"status\":\"success\",\"data\":" + data + "}"));

        final KiteException error = failure(client.historicalCandles(408065, "minute", FROM, TO, false, false));

        assertEquals(KiteErrorType.MALFORMED_RESPONSE, error.type());
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @Test
    void shouldFailWithKitesRefusalOfAnAccountWithoutHistoricalData()
    {
        server.route(PATH, FakeKiteServer.Reply.json(403, "{\"status\":\"error\",\"message\":" +
            "\"Insufficient permission for that call.\",\"error_type\":\"PermissionException\"}"));

        final KiteException error = failure(client.historicalCandles(408065, "minute", FROM, TO, false, false));

        assertEquals(KiteErrorType.PERMISSION, error.type());
        assertEquals(403, error.httpStatus());
        assertTrue(error.getMessage().contains("Insufficient permission for that call."), error.getMessage());
    }

    @Test
    void shouldFailAsRateLimitedPastKitesHistoricalLimitWithoutTakingTheSlotsOrderChangesUse()
    {
        server.route(PATH, FakeKiteServer.Reply.mock("historical_minute.json"));
        final RateLimiter limiter = new RateLimiter(() -> 1_000_000_000L, 1, 3, 10, 200, 10);
        final KiteRestClient limited = new KiteRestClient(server.clientContext().rateLimiter(limiter)
            .requestTimeout(Duration.ofSeconds(5)));

        for (int i = 0; i < 3; i++)
        {
            KiteRestClientMocksTest.await(limited.historicalCandles(408065, "minute", FROM, TO, false, false));
        }
        final KiteException error = failure(limited.historicalCandles(408065, "minute", FROM, TO, false, false));

        assertEquals(KiteErrorType.RATE_LIMITED, error.type());
        assertTrue(error.getMessage().contains("historical"), error.getMessage());
        assertEquals(3, server.requests().size());
        assertEquals(0, limiter.bookIfFree(RateLimitBucket.OTHER, KiteRestClient.HEADROOM_FOR_ORDERS));
    }

    private static KiteException failure(final CompletableFuture<?> future)
    {
        final ExecutionException error = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(KiteException.class, error.getCause());
    }
}
