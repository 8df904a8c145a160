package io.quantumleap.gateway.history;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.live.InstrumentView;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.live.Prices;
import io.quantumleap.gateway.market.InstrumentKey;
import io.quantumleap.persistence.Storage;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Tick history and OHLC bars from PostgreSQL, for charts. */
@Controller("/api/ticks")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiErrors.SignedIn
class TicksController
{
    static final int MAX_TICKS = 10_000;

    /** One element of the answer: a tick, or an OHLC bar when an interval is asked for. */
    @Schema(oneOf = {Tick.class, Bar.class})
    sealed interface Point permits Tick, Bar
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Tick(Instant time, BigDecimal lastPrice, long lastQuantity, long volume) implements Point
    {
    }

    /**
     * An OHLC bar; {@code volume} is what traded from the tick before the bar (on the same IST day) to its last tick,
     * so a day's bars add up to its volume.
     */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Bar(
        Instant time, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, long volume, long ticks)
        implements Point
    {
    }

    private final Storage queries;
    private final LiveState live;
    private final Clock clock;

    TicksController(final Storage queries, final LiveState live, final Clock clock)
    {
        this.queries = queries;
        this.live = live;
        this.clock = clock;
    }

    @Get
    @ApiResponse(responseCode = "200", description = "ticks, or OHLC bars when an interval is given",
        content = @Content(mediaType = "application/json", array = @ArraySchema(
            schema = @Schema(implementation = Point.class))))
    @ApiResponse(responseCode = "400", description = "bad_request: not one instrument, or one not known; from or " +
        "to that is not a time, or from not before to; an interval that is not known; or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    List<?> ticks(
        @QueryValue final String i, @Nullable @QueryValue final String from, @Nullable @QueryValue final String to,
        @Nullable @QueryValue final String interval)
    {
        final long token = token(i);
        final Instant end = ApiException.instantUntil("to", to, clock.instant().plusSeconds(1), false);
        final Instant start = ApiException.instant("from", from, end.minus(Duration.ofHours(8)));
        if (start.isAfter(end))
        {
            throw ApiException.backwards(start, "to", end);
        }
        if (start.equals(end))
        {
            throw ApiException.badRequest("from: must be before to; both are " + start);
        }
        if (interval == null)
        {
            return queries.ticks(token, start, end, MAX_TICKS).stream()
                .map(t -> new Tick(t.receivedAt(), Prices.rupees(t.lastPrice(), token), t.lastTradedQty(), t.volume()))
                .toList();
        }
        final Duration step = interval(interval);
        return queries.bars(token, start, end, step).stream()
            .map(b -> new Bar(b.start(), Prices.rupees(b.open(), token), Prices.rupees(b.high(), token),
                Prices.rupees(b.low(), token), Prices.rupees(b.close(), token), b.volume(), b.ticks()))
            .toList();
    }

    private long token(final String key)
    {
        if (key.indexOf(',') >= 0)
        {
            // Several instruments in one value (i=NSE:TCS,NSE:INFY); no exchange symbol has a comma. Several i=
            // parameters are refused before, by QueryParameterFilter.
            throw ApiException.badRequest("i: one instrument per request, got " + key.split(",", -1).length +
                " (" + key + "); ask for each in its own request");
        }
        final InstrumentKey instrument;
        try
        {
            instrument = InstrumentKey.parse(key);
        }
        catch (final IllegalArgumentException ex)
        {
            throw ApiException.badRequest("i: " + ex.getMessage());
        }
        // A token is taken as given, known or not: the history of an expired contract outlives the live list.
        return instrument.isToken() ? instrument.token() : instrument.find(live)
            .map(InstrumentView::instrumentToken)
            .orElseThrow(() -> ApiException.badRequest("i: no instrument " + key + " is known"));
    }

    static Duration interval(final String text)
    {
        return switch (text)
        {
            case "1s" -> Duration.ofSeconds(1);
            case "5s" -> Duration.ofSeconds(5);
            case "1m", "minute" -> Duration.ofMinutes(1);
            case "5m", "5minute" -> Duration.ofMinutes(5);
            case "15m", "15minute" -> Duration.ofMinutes(15);
            case "1h", "60minute" -> Duration.ofHours(1);
            case "1d", "day" -> Duration.ofDays(1);
            default -> throw ApiException.badRequest(
                "interval: '" + text + "' is not one of 1s, 5s, 1m, 5m, 15m, 1h, 1d");
        };
    }
}
