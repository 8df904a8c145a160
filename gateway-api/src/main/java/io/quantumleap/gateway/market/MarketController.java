package io.quantumleap.gateway.market;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.quantumleap.engine.protocol.Exchange;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.live.InstrumentView;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.live.QuoteView;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Instruments the engine knows and their live quotes (from the engine's stream, Kite's {@code /quote} shape). */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ApiErrors.SignedIn
class MarketController
{
    static final int MAX_LIMIT = 1000;
    static final int MAX_QUOTES = 500;
    /**
     * The exchanges the engine lists instruments on, as its {@link Exchange} names them: MCXSX too, which the exchanges
     * orders take ({@code KiteEnums.EXCHANGES}) leave out.
     */
    static final List<String> EXCHANGES = Stream.of(Exchange.values())
        .filter(e -> e != Exchange.NULL_VAL && e != Exchange.SBE_UNKNOWN).map(Exchange::name).toList();

    private final LiveState live;

    MarketController(final LiveState live)
    {
        this.live = live;
    }

    @Get("/instruments")
    @ApiResponse(responseCode = "400", description = "bad_request: a limit out of its bounds or an exchange that " +
        "is not known; or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    List<InstrumentView> instruments(
        @Nullable @QueryValue final String q, @Nullable @QueryValue final String exchange,
        @Nullable @QueryValue final Integer limit)
    {
        final int max = limit == null ? 50 : limit;
        if (max < 1 || max > MAX_LIMIT)
        {
            throw ApiException.badRequest("limit: must be between 1 and " + MAX_LIMIT);
        }
        final String query = q == null ? "" : q.trim().toUpperCase(Locale.ROOT);
        final List<String> terms = query.isEmpty() ? List.of() : List.of(query.split("\\s+"));
        final String exch = exchange == null ? null : exchange(exchange.strip());
        return live.instruments().stream()
            .filter(i -> exch == null || i.exchange().equals(exch))
            .filter(i -> terms.stream().allMatch(i.tradingsymbol()::contains))
            .sorted(searchOrder(query))
            .limit(max)
            .toList();
    }

    /** @throws ApiException 400 naming the exchange, and those there are, unless instruments are listed on it. */
    private static String exchange(final String given)
    {
        final String upper = given.toUpperCase(Locale.ROOT);
        if (!EXCHANGES.contains(upper))
        {
            throw ApiException.badRequest("exchange: '" + given + "' is not one of " + String.join(", ", EXCHANGES));
        }
        return upper;
    }

    /**
     * Every word of the query in the symbol ("NIFTY FUT"); the symbol itself first, then those it starts, then the
     * underlying before its futures before its options, as a trader looks for them; NSE's listing before BSE's of
     * the same symbol (where most of the volume is).
     */
    static Comparator<InstrumentView> searchOrder(final String query)
    {
        return Comparator.comparing((InstrumentView i) -> !i.tradingsymbol().equals(query))
            .thenComparing(i -> !i.tradingsymbol().startsWith(query))
            .thenComparingInt(MarketController::kindRank)
            .thenComparingInt(i -> i.tradingsymbol().length())
            .thenComparing(InstrumentView::tradingsymbol)
            .thenComparingInt(MarketController::exchangeRank);
    }

    private static int exchangeRank(final InstrumentView instrument)
    {
        return switch (instrument.exchange())
        {
            case "BSE", "BFO", "BCD" -> 1;
            default -> 0;
        };
    }

    private static int kindRank(final InstrumentView instrument)
    {
        return switch (instrument.instrumentType())
        {
            case "EQ", "INDEX" -> 0;
            case "FUT" -> 1;
            default -> 2;
        };
    }

    /**
     * The live quote of each instrument asked for, keyed as it was asked for. One the engine does not know, or has no
     * quote of yet, is left out rather than refused, as Kite's {@code /quote} leaves it out: the dashboard asks for
     * every instrument of a watchlist at once, and a watchlist keeps an expired contract the engine no longer knows.
     */
    @Get("/quotes")
    @ApiResponse(responseCode = "400", description = "bad_request: no instrument, more than the most asked at " +
        "once, or one that is neither EXCHANGE:SYMBOL nor a token; or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    Map<String, QuoteView> quotes(@QueryValue("i") final List<String> instruments)
    {
        checkCount(instruments);
        final Map<String, QuoteView> result = new LinkedHashMap<>();
        for (final String key : instruments)
        {
            resolve(live, key).flatMap(i -> live.quote(i.instrumentToken())).ifPresent(q -> result.put(key, q));
        }
        return result;
    }

    /** @throws ApiException 400 unless 1 to {@value #MAX_QUOTES} instruments are asked for. */
    static void checkCount(final List<String> instruments)
    {
        if (instruments.isEmpty() || instruments.size() > MAX_QUOTES)
        {
            throw ApiException.badRequest("i: give 1 to " + MAX_QUOTES + " instruments as EXCHANGE:SYMBOL or a token");
        }
    }

    /**
     * @param key {@code EXCHANGE:TRADINGSYMBOL} or an instrument token.
     * @return the instrument, if the engine knows it.
     * @throws ApiException 400 naming the key when it is neither.
     */
    static Optional<InstrumentView> resolve(final LiveState live, final String key)
    {
        try
        {
            return InstrumentKey.parse(key).find(live);
        }
        catch (final IllegalArgumentException ex)
        {
            throw ApiException.badRequest("i: " + ex.getMessage());
        }
    }
}
