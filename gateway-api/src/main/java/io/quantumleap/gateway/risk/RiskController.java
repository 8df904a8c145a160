package io.quantumleap.gateway.risk;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.engine.protocol.KillSwitchCommandEncoder;
import io.quantumleap.engine.protocol.KillSwitchMode;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.RiskLimitsCommandEncoder;
import io.micronaut.security.authentication.Authentication;
import io.quantumleap.gateway.audit.Audit;
import io.quantumleap.gateway.audit.AuditEvent;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.http.StrictJson;
import io.quantumleap.gateway.live.EngineCommands;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.live.RiskView;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.agrona.ExpandableArrayBuffer;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/** Risk limits and kill switches: ops read them, admins change them (as journaled engine commands). */
@Controller("/api/risk")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiErrors.InRole
class RiskController
{
    private static final Duration ENGINE_ANSWER_TIMEOUT = Duration.ofSeconds(5);

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LimitsChange(
        @NotNull @PositiveOrZero Long accountId,
        @NotNull @Positive BigDecimal maxOrderValue,
        @NotNull @Positive Long maxPositionQty,
        @NotNull @Min(1) @Max(10_000) Integer priceBandBps,
        @NotNull @Min(1) @Max(10) Integer ordersPerSecond,
        @NotNull @Min(1) @Max(400) Integer ordersPerMinute,
        @NotNull @Min(1) @Max(100_000) Integer ordersPerDay)
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record KillSwitchChange(@NotNull @PositiveOrZero Long accountId, @NotNull String mode,
        @Nullable @Size(max = 200) String reason)
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Change(
        @Nullable @Valid @Serdeable.Deserializable(using = StrictJson.Objects.class) LimitsChange limits,
        @Nullable @Valid @Serdeable.Deserializable(using = StrictJson.Objects.class) KillSwitchChange killSwitch)
    {
    }

    private final LiveState live;
    private final EngineCommands engine;
    private final Clock clock;
    private final Audit audit;

    RiskController(final LiveState live, final EngineCommands engine, final Clock clock, final Audit audit)
    {
        this.audit = audit;
        this.live = live;
        this.engine = engine;
        this.clock = clock;
    }

    @Get
    @Secured({"ops", "admin"})
    RiskView risk()
    {
        return live.risk();
    }

    @Put
    @Secured("admin")
    @ApiResponse(responseCode = "400", description = "bad_request: neither limits nor kill_switch, or a field out " +
        "of its bounds (the message names it), or a body that is not one JSON object; or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = "engine_unavailable: the engine is not taking commands; or " +
        "interrupted: the server is shutting down",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "504", description = "engine_timeout: the engine has not applied the change within " +
        "its time; GET /api/risk shows whether it did",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    RiskView change(@Body @Valid final Change change, final Authentication auth)
    {
        if (change.limits() == null && change.killSwitch() == null)
        {
            throw ApiException.badRequest("body: give 'limits', 'kill_switch' or both");
        }
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        if (change.limits() != null)
        {
            final LimitsChange l = change.limits();
            final long maxValuePaise;
            try
            {
                maxValuePaise = l.maxOrderValue().setScale(2).unscaledValue().longValueExact();
            }
            catch (final ArithmeticException ex)
            {
                throw ApiException.badRequest("limits.max_order_value: at most 2 decimals and below 9e16");
            }
            final long commandNs = nowNs();
            final RiskLimitsCommandEncoder e = new RiskLimitsCommandEncoder().wrapAndApplyHeader(buffer, 0, header)
                .timestampNs(commandNs).accountId(l.accountId()).maxOrderValuePaise(maxValuePaise)
                .maxPositionQty(l.maxPositionQty()).priceBandBps(l.priceBandBps()).ordersPerSecond(l.ordersPerSecond())
                .ordersPerMinute(l.ordersPerMinute()).ordersPerDay(l.ordersPerDay());
            apply(l.accountId(), commandNs, buffer, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
            audit.record(Audit.userId(auth), AuditEvent.RISK_LIMITS_CHANGED, java.util.Map.of(
                "account_id", l.accountId(), "max_order_value", l.maxOrderValue(),
                "max_position_qty", l.maxPositionQty(), "price_band_bps", l.priceBandBps(),
                "orders_per_second", l.ordersPerSecond(),
                "orders_per_minute", l.ordersPerMinute(), "orders_per_day", l.ordersPerDay()));
        }
        if (change.killSwitch() != null)
        {
            final KillSwitchChange k = change.killSwitch();
            final KillSwitchMode mode = switch (k.mode().toLowerCase(Locale.ROOT))
            {
                case "off" -> KillSwitchMode.OFF;
                case "halt" -> KillSwitchMode.HALT;
                case "reduce_only", "reduce-only" -> KillSwitchMode.REDUCE_ONLY;
                default -> throw ApiException.badRequest(
                    "kill_switch.mode: '" + k.mode() + "' is not one of off, halt, reduce_only");
            };
            final long commandNs = nowNs();
            final KillSwitchCommandEncoder e = new KillSwitchCommandEncoder().wrapAndApplyHeader(buffer, 0, header)
                .timestampNs(commandNs).accountId(k.accountId()).mode(mode);
            e.reason(k.reason() == null ? "" : k.reason());
            apply(k.accountId(), commandNs, buffer, MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength());
            audit.record(Audit.userId(auth), AuditEvent.KILL_SWITCH_CHANGED, java.util.Map.of(
                "account_id", k.accountId(), "mode", mode.name().toLowerCase(Locale.ROOT),
                "reason", k.reason() == null ? "" : k.reason()));
        }
        return live.risk();
    }

    /**
     * Sends the command and waits for the engine to apply it, so the view returned shows the change; a command the
     * engine refuses is answered 422 with its reason, one it has not answered in time 504 (it may still apply).
     */
    private void apply(final long accountId, final long timestampNs, final ExpandableArrayBuffer buffer,
        final int length)
    {
        final CompletableFuture<LiveState.Outcome> answer = live.awaitAdminOutcome(accountId, timestampNs);
        try
        {
            if (!engine.publish(buffer, 0, length))
            {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "engine_unavailable",
                    "the engine is not taking commands");
            }
            final LiveState.Outcome outcome = ApiException.awaitEngine(answer, ENGINE_ANSWER_TIMEOUT);
            if (outcome.reject() != null)
            {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY,
                    outcome.reject().reason().toLowerCase(Locale.ROOT), outcome.reject().message(0));
            }
        }
        catch (final TimeoutException ex)
        {
            throw new ApiException(HttpStatus.GATEWAY_TIMEOUT, "engine_timeout",
                "the engine has not applied the change within " + ENGINE_ANSWER_TIMEOUT.toSeconds() +
                " s; GET /api/risk shows whether it did");
        }
        finally
        {
            live.forgetAdmin(accountId);
        }
    }

    private long nowNs()
    {
        final Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
