package io.quantumleap.gateway.market;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.engine.kite.rest.KiteCandle;
import io.quantumleap.engine.kite.rest.KiteErrorType;
import io.quantumleap.engine.kite.rest.KiteRestClient;
import io.quantumleap.gateway.auth.AccountAccess;
import io.quantumleap.gateway.broker.BrokerReads;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.live.InstrumentView;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An instrument's candles as the broker has them (Kite's historical data), for the minutes the engine did not see:
 * a chart opened at 11:00 on a day QuantumLeap started at 10:55 has the session since 09:15 only from the broker.
 * {@code /api/ticks} answers what the engine itself received and stored; this answers the market's record, which
 * needs a connected account, counts against Kite's historical rate limit and fails the ways a broker read fails, so
 * it is a route of its own rather than a source of {@code /api/ticks}. The caller's account reads it
 * ({@code account_id}, or the first of theirs connected to the broker); answers are kept for every asker a while
 * ({@link BrokerCandles}). By default it answers today's session (from 09:15 IST) up to now.
 */
@Requires(beans = EngineRuntime.class)
@Controller("/api/candles")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ApiErrors.SignedIn
class CandlesController
{
    /** The intervals Kite has candles of, below a day. */
    static final Set<String> INTERVALS =
        Set.of("minute", "3minute", "5minute", "10minute", "15minute", "30minute", "60minute");
    /** The longest window one request may ask for. */
    static final Duration MAX_SPAN = Duration.ofDays(7);
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final LocalTime SESSION_OPEN = LocalTime.of(9, 15);
    private static final long TIMEOUT_S = 10;
    /** What Kite's refusal of candles for want of a permission says to do ({@link BrokerReads#refusal}). */
    static final BrokerReads.Remedy WITHOUT_ADD_ON = BrokerReads.Remedy.of("Kite gives historical data only to " +
        "accounts with its historical data add-on: enable it for this account, then ask again.",
        KiteErrorType.PERMISSION);

    /** One candle: its interval's start and prices in rupees, and the quantity traded in it. */
    @Serdeable
    record Candle(Instant time, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, long volume)
    {
    }

    private final EngineRuntime engine;
    private final AccountAccess access;
    private final LiveState live;
    private final BrokerCandles candles;
    private final Clock clock;

    CandlesController(
        final EngineRuntime engine, final AccountAccess access, final LiveState live, final BrokerCandles candles,
        final Clock clock)
    {
        this.engine = engine;
        this.access = access;
        this.live = live;
        this.candles = candles;
        this.clock = clock;
    }

    // The answers are listed in @Operation, as the errors' content is application/json like the candles'.
    @Get
    @Operation(description = "The broker's candles of one instrument (Kite's historical data), oldest first, for the " +
        "minutes QuantumLeap did not see itself; by default today's session (from 09:15 IST) up to now.",
        responses = {
            @ApiResponse(responseCode = "200", description = "the candles, oldest first; none for a window with no " +
                "trading (a holiday, before the open)", content = @Content(mediaType = "application/json",
                array = @ArraySchema(schema = @Schema(implementation = Candle.class)))),
            @ApiResponse(responseCode = "400", description = "i names no instrument the engine knows, or is of " +
                "neither form; an interval not listed; a malformed time; from not before to, or more than 7 days " +
                "apart; or " + ApiErrors.QUERY_FAULTS, content = @Content(mediaType = "application/json",
                schema = @Schema(implementation = ApiError.class))),
            @ApiResponse(responseCode = "401", description = ApiErrors.UNAUTHORIZED, content = @Content(
                mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
            @ApiResponse(responseCode = "403", description = "forbidden: an account_id that is not one of the user's " +
                "accounts", content = @Content(mediaType = "application/json",
                schema = @Schema(implementation = ApiError.class))),
            @ApiResponse(responseCode = "409", description = "broker_not_connected: the account asked for, or " +
                "every account of the caller, is not connected to the broker (or the caller has none)",
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
            @ApiResponse(responseCode = "429", description = "broker_rate_limited: Kite's limit of historical " +
                "calls a second is taken now; ask again after Retry-After; or " + ApiErrors.RATE_LIMITED,
                content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class))),
            @ApiResponse(responseCode = "502", description = "broker_refused: the broker refused the read; the " +
                "message gives its reason, then what to do: for an account without Kite's historical data add-on " +
                "(Kite gives historical data only to accounts with it), to enable it and ask again, else to take it " +
                "up with the broker, as asking again will not help; broker_unavailable: the broker did not answer, " +
                "or answered what could not be read",
                content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ApiError.class))),
            @ApiResponse(responseCode = "503", description = ApiErrors.INTERRUPTED, content = @Content(
                mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))})
    List<Candle> candles(
        @Parameter(description = "the instrument, EXCHANGE:TRADINGSYMBOL or its token") @QueryValue final String i,
        @Parameter(description = "the candles' length; minute by default", schema = @Schema(allowableValues = {
            "minute", "3minute", "5minute", "10minute", "15minute", "30minute", "60minute"}))
        @Nullable @QueryValue final String interval,
        @Parameter(description = "the earliest candle's start: an instant, an IST date-time or a date; today's " +
            "09:15 IST by default") @Nullable @QueryValue final String from,
        @Parameter(description = "the latest candle's start, as from; now by default")
        @Nullable @QueryValue final String to,
        @Parameter(description = "the account to read with; the first of the caller's connected to the broker by " +
            "default") @Nullable @QueryValue("account_id") final Long accountParam,
        final Authentication auth)
    {
        final InstrumentView instrument = instrument(i);
        final String step = interval == null ? "minute" : interval;
        if (!INTERVALS.contains(step))
        {
            throw ApiException.badRequest("interval: '" + step + "' is not one of minute, 3minute, 5minute, " +
                "10minute, 15minute, 30minute, 60minute");
        }
        final Instant now = clock.instant();
        final Instant start = ApiException.instant("from", from,
            LocalDateTime.of(LocalDateTime.ofInstant(now, IST).toLocalDate(), SESSION_OPEN).toInstant(IST));
        final Instant end = ApiException.instantUntil("to", to, now, true);
        // Between midnight and 09:15 IST the default window, today's session up to now, has not begun: no candles yet.
        final boolean beforeTheOpen = from == null && !start.isBefore(end);
        if (!beforeTheOpen && !start.isBefore(end))
        {
            throw start.equals(end) ? ApiException.badRequest("from: must be before to; both are " + start) :
                ApiException.backwards(start, "to", end);
        }
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0)
        {
            throw ApiException.badRequest("from: " + start + " is more than 7 days before to " + end +
                "; ask for at most 7 days at a time");
        }
        final long accountId = accountParam != null ? access.resolve(auth, accountParam) :
            BrokerReads.firstConnected(engine, access, auth, "candles");
        BrokerReads.requireConnected(engine, accountId);
        if (beforeTheOpen)
        {
            return List.of();
        }
        final BrokerCandles.Window window = new BrokerCandles.Window(instrument.instrumentToken(), step,
            start.toString(), to == null ? null : end.toString());
        final LocalDateTime kiteFrom = LocalDateTime.ofInstant(start, IST);
        final LocalDateTime kiteTo = LocalDateTime.ofInstant(end, IST);
        final List<KiteCandle> read;
        try
        {
            read = candles.of(window, () -> engine.broker().call(accountId, client ->
                client.historicalCandles(instrument.instrumentToken(), step, kiteFrom, kiteTo, false, false)))
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw BrokerReads.refusal(ex.getCause() == null ? ex : KiteRestClient.unwrap(ex.getCause()), accountId,
                "candles of " + instrument.key(), WITHOUT_ADD_ON);
        }
        catch (final InterruptedException ex)
        {
            throw ApiException.interrupted();
        }
        return read.stream()
            .map(c -> new Candle(c.time(), BrokerReads.stripped(c.open()), BrokerReads.stripped(c.high()),
                BrokerReads.stripped(c.low()), BrokerReads.stripped(c.close()), c.volume()))
            .toList();
    }

    private InstrumentView instrument(final String key)
    {
        if (key.indexOf(',') >= 0)
        {
            throw ApiException.badRequest("i: one instrument per request, got " + key.split(",", -1).length +
                " (" + key + "); ask for each in its own request");
        }
        return MarketController.resolve(live, key)
            .orElseThrow(() -> ApiException.badRequest("i: no instrument " + key + " is known"));
    }
}
