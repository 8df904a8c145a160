package io.quantumleap.gateway.market;

import io.quantumleap.engine.kite.rest.KiteQuote;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitLimitsTest
{
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CircuitLimits limits = new CircuitLimits(Duration.ofSeconds(60), now::get);
    private final List<List<String>> asked = new ArrayList<>();
    private final List<CompletableFuture<Map<String, KiteQuote>>> pending = new ArrayList<>();

    private CompletableFuture<Map<String, KiteQuote>> broker(final List<String> keys)
    {
        asked.add(keys);
        final CompletableFuture<Map<String, KiteQuote>> answer = new CompletableFuture<>();
        pending.add(answer);
        return answer;
    }

    private static KiteQuote quote(final String lower, final String upper)
    {
        final BigDecimal zero = BigDecimal.ZERO;
        return new KiteQuote(408065, null, new BigDecimal("1500"), 0, 0, zero, 0, 0, 0, zero,
            new BigDecimal(lower), new BigDecimal(upper), zero, zero, zero, zero, List.of(), List.of());
    }

    @Test
    void shouldAskTheBrokerOnceForInstrumentsAskedAgainWithinTheKeepTimeOrWhileOnTheirWay()
    {
        final var first = limits.of(List.of("NSE:INFY", "NSE:NIFTY 50"), this::broker);
        final var whileAsked = limits.of(List.of("NSE:INFY"), this::broker);
        pending.get(0).complete(Map.of("NSE:INFY", quote("1361.2", "1663.6"), "NSE:NIFTY 50", quote("0", "0")));
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        final var later = limits.of(List.of("NSE:INFY", "NSE:SBIN"), this::broker);

        assertEquals(List.of(List.of("NSE:INFY", "NSE:NIFTY 50"), List.of("NSE:SBIN")), asked);
        assertEquals(Optional.of(new CircuitLimits.Band(new BigDecimal("1361.2"), new BigDecimal("1663.6"))),
            first.join().get("NSE:INFY"));
        assertEquals(Optional.empty(), first.join().get("NSE:NIFTY 50"));
        assertEquals(first.join().get("NSE:INFY"), whileAsked.join().get("NSE:INFY"));
        assertFalse(later.isDone());
        pending.get(1).complete(Map.of());
        assertEquals(Optional.empty(), later.join().get("NSE:SBIN"));
        assertEquals(first.join().get("NSE:INFY"), later.join().get("NSE:INFY"));
    }

    @Test
    void shouldAskAgainOnceTheKeepTimeIsOver()
    {
        limits.of(List.of("NSE:INFY"), this::broker);
        pending.get(0).complete(Map.of("NSE:INFY", quote("1361.2", "1663.6")));
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        final var later = limits.of(List.of("NSE:INFY"), this::broker);
        pending.get(1).complete(Map.of("NSE:INFY", quote("1400", "1700")));

        assertEquals(2, asked.size());
        assertEquals(new BigDecimal("1700"), later.join().get("NSE:INFY").orElseThrow().upper());
    }

    @Test
    void shouldForgetAFailedReadSoTheNextAskerAsksAgain()
    {
        final var failed = limits.of(List.of("NSE:INFY"), this::broker);
        pending.get(0).completeExceptionally(new IllegalStateException("rate limited"));
        final var next = limits.of(List.of("NSE:INFY"), this::broker);
        final var thrown = limits.of(List.of("NSE:SBIN"), keys ->
        {
            throw new IllegalArgumentException("account 1 has no broker link");
        });

        final CompletionException error = assertThrows(CompletionException.class, failed::join);
        assertEquals("rate limited", error.getCause().getMessage());
        assertEquals(2, asked.size());
        assertFalse(next.isDone());
        assertTrue(thrown.isCompletedExceptionally());
        pending.get(1).complete(Map.of("NSE:INFY", quote("1361.2", "1663.6")));
        assertTrue(next.join().get("NSE:INFY").isPresent());
    }

    @Test
    void shouldLetGoOfInstrumentsAskedLongerAgoThanTheKeepTimeOnceManyAreHeld()
    {
        for (int i = 0; i < 300; i++)
        {
            limits.of(List.of("NSE:Q" + i), this::broker);
        }
        pending.forEach(answer -> answer.complete(Map.of()));
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        final var later = limits.of(List.of("NSE:INFY"), this::broker);
        pending.get(300).complete(Map.of("NSE:INFY", quote("1361.2", "1663.6")));

        assertEquals(1, limits.held());
        assertTrue(later.join().get("NSE:INFY").isPresent());
    }
}
