package io.quantumleap.gateway.market;

import io.micronaut.context.annotation.Value;
import io.quantumleap.engine.kite.rest.KiteQuote;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Instruments' circuit limits as the broker's full quote gives them ({@code GET /quote}), kept for every asker for a
 * while ({@code quantumleap.broker.circuit-limits-keep}, 60 s): the exchange sets them for the day and widens a
 * derivative's band at most a few times in a session, while Kite allows one quote call a second. An instrument asked
 * while the broker is being asked for it waits for that answer; a failed read is forgotten, so the next asker asks
 * again; instruments asked longer ago than the keep time are let go once many are held ({@link KeptAnswers}).
 */
@Singleton
final class CircuitLimits
{
    /** One instrument's band; an instrument the broker gives none for (an index) has none. */
    record Band(BigDecimal lower, BigDecimal upper)
    {
    }

    private final KeptAnswers<String, Optional<Band>> byKey;

    @Inject
    CircuitLimits(@Value("${quantumleap.broker.circuit-limits-keep:60s}") final Duration keep)
    {
        this(keep, System::nanoTime);
    }

    CircuitLimits(final Duration keep, final LongSupplier clock)
    {
        this.byKey = new KeptAnswers<>(keep, clock);
    }

    /**
     * @param keys  instruments as {@code EXCHANGE:TRADINGSYMBOL}.
     * @param quote the broker's full quote of the instruments not known now.
     * @return each instrument's band, in the order asked; the broker's failure if it failed.
     */
    CompletableFuture<Map<String, Optional<Band>>> of(
        final List<String> keys, final Function<List<String>, CompletableFuture<Map<String, KiteQuote>>> quote)
    {
        final Map<String, CompletableFuture<Optional<Band>>> answers = byKey.of(keys, toAsk ->
            quote.apply(toAsk).thenApply(quotes ->
            {
                final Map<String, Optional<Band>> bands = new HashMap<>();
                toAsk.forEach(key ->
                    bands.put(key, Optional.ofNullable(quotes.get(key)).flatMap(CircuitLimits::band)));
                return bands;
            }));
        final CompletableFuture<?>[] all = answers.values().toArray(CompletableFuture<?>[]::new);
        return CompletableFuture.allOf(all).thenApply(ignored ->
        {
            final Map<String, Optional<Band>> result = new LinkedHashMap<>();
            answers.forEach((key, band) -> result.put(key, band.join()));
            return result;
        });
    }

    /** @return how many instruments are held now, answered or on their way. */
    int held()
    {
        return byKey.held();
    }

    private static Optional<Band> band(final KiteQuote quote)
    {
        final BigDecimal lower = quote.lowerCircuitLimit();
        final BigDecimal upper = quote.upperCircuitLimit();
        return lower == null || upper == null || upper.signum() <= 0 ? Optional.empty() :
            Optional.of(new Band(lower, upper));
    }
}
