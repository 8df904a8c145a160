package io.quantumleap.gateway.market;

import io.micronaut.http.HttpStatus;
import io.quantumleap.engine.kite.rest.KiteCandle;
import io.quantumleap.engine.kite.rest.KiteErrorType;
import io.quantumleap.engine.kite.rest.KiteException;
import io.quantumleap.gateway.broker.BrokerReads;
import io.quantumleap.gateway.http.ApiException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerCandlesTest
{
    private static final BrokerCandles.Window TODAY = new BrokerCandles.Window(408065, "minute", "t", null);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final BrokerCandles candles = new BrokerCandles(Duration.ofSeconds(30), now::get);
    private final List<CompletableFuture<List<KiteCandle>>> asked = new ArrayList<>();

    private CompletableFuture<List<KiteCandle>> broker()
    {
        final CompletableFuture<List<KiteCandle>> answer = new CompletableFuture<>();
        asked.add(answer);
        return answer;
    }

    private static List<KiteCandle> one(final String close)
    {
        final BigDecimal price = new BigDecimal(close);
        return List.of(new KiteCandle(Instant.parse("2026-12-04T03:45:00Z"), price, price, price, price, 10, null));
    }

    private static ApiException refusal(final Throwable cause)
    {
        return BrokerReads.refusal(cause, 1, "candles of NSE:INFY", CandlesController.WITHOUT_ADD_ON);
    }

    @Test
    void shouldAskTheBrokerOnceForAWindowAskedAgainWithinTheKeepTimeOrWhileOnItsWay()
    {
        final var first = candles.of(TODAY, this::broker);
        final var whileAsked = candles.of(TODAY, this::broker);
        asked.get(0).complete(one("1500"));
        now.addAndGet(Duration.ofSeconds(29).toNanos());
        final var kept = candles.of(TODAY, this::broker);
        final var otherInstrument = candles.of(new BrokerCandles.Window(2953217, "minute", "t", null), this::broker);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        final var afterKeep = candles.of(TODAY, this::broker);

        assertEquals(3, asked.size());
        assertEquals(one("1500"), first.join());
        assertEquals(one("1500"), whileAsked.join());
        assertEquals(one("1500"), kept.join());
        asked.get(2).complete(one("1501"));
        assertEquals(one("1501"), afterKeep.join());
        assertFalse(otherInstrument.isDone());
    }

    @Test
    void shouldForgetAFailedReadSoThatTheNextAskerAsksAgain()
    {
        final var failed = candles.of(TODAY, this::broker);
        asked.get(0).completeExceptionally(new KiteException(KiteErrorType.TIMEOUT, 0, "GET x", "no reply", null));
        final var again = candles.of(TODAY, this::broker);

        assertThrows(CompletionException.class, failed::join);
        assertEquals(2, asked.size());
        asked.get(1).complete(one("1499"));
        assertEquals(one("1499"), again.join());
    }

    @Test
    void shouldAnswerTheBrokersRefusalAsA502WithItsMessageAndItsRateLimitAsA429()
    {
        final ApiException refused = refusal(new KiteException(KiteErrorType.PERMISSION, 403,
            "GET /instruments/historical/408065/minute", "Insufficient permission for that call.", null));
        final ApiException input = refusal(new KiteException(KiteErrorType.INPUT, 400,
            "GET /instruments/historical/408065/minute", "invalid token", null));
        final ApiException limited = refusal(new KiteException(KiteErrorType.RATE_LIMITED, 0,
            "GET /instruments/historical/408065/minute", "taken", null));
        final ApiException kiteLimited = refusal(new KiteException(KiteErrorType.NETWORK, 429,
            "GET /instruments/historical/408065/minute", "Too many requests", null));
        final ApiException down = refusal(new KiteException(KiteErrorType.NETWORK, 503,
            "GET /instruments/historical/408065/minute", "OMS down", null));
        final ApiException silent = refusal(new TimeoutException());

        assertEquals(HttpStatus.BAD_GATEWAY, refused.status());
        assertEquals("broker_refused", refused.code());
        assertEquals("the broker refused the candles of NSE:INFY for account 1: Insufficient permission for that " +
            "call. Kite gives historical data only to accounts with its historical data add-on: enable it for this " +
            "account, then ask again.", refused.getMessage());
        assertEquals("broker_refused", input.code());
        assertEquals("the broker refused the candles of NSE:INFY for account 1: invalid token. Asking again will not " +
            "help: take it up with the broker.", input.getMessage());
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, limited.status());
        assertEquals("broker_rate_limited", limited.code());
        assertEquals(1, limited.retryAfterSeconds());
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, kiteLimited.status());
        assertEquals(HttpStatus.BAD_GATEWAY, down.status());
        assertEquals("broker_unavailable", down.code());
        assertEquals("broker_unavailable", silent.code());
        assertTrue(silent.getMessage().endsWith("no answer within 10 s"), silent.getMessage());
    }
}
