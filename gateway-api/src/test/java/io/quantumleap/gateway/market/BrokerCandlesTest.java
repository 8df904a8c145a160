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
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void shouldSayToEnableKitesHistoricalDataAddOnWhenKiteRefusesTheCandlesForWantOfAPermission()
    {
        final ApiException refused = BrokerReads.refusal(new KiteException(KiteErrorType.PERMISSION, 403,
            "GET /instruments/historical/408065/minute", "Insufficient permission for that call.", null), 1,
            "candles of NSE:INFY", CandlesController.WITHOUT_ADD_ON);

        assertEquals(HttpStatus.BAD_GATEWAY, refused.status());
        assertEquals("broker_refused", refused.code());
        assertEquals("the broker refused the candles of NSE:INFY for account 1: Insufficient permission for that " +
            "call. Kite gives historical data only to accounts with its historical data add-on: enable it for this " +
            "account, then ask again.", refused.getMessage());
    }
}
