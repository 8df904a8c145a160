package io.quantumleap.gateway.market;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.gateway.audit.Audit;
import io.quantumleap.gateway.audit.AuditEvent;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.live.InstrumentView;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.orders.Instruments;
import io.quantumleap.persistence.Storage;
import io.quantumleap.persistence.users.AlertRow;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The caller's price alerts: an instrument's last price reaching a level, {@code above} (at or above it) or
 * {@code below} (at or below it). An active alert fires once, on the first tick that meets its condition (the next
 * tick, when the price meets it already as it is set): it becomes {@code triggered}, with the time and the last price,
 * and the user's dashboards get it on the WebSocket ({@code {"type":"alert","data":Alert}}). Changing an alert makes it
 * active again. Up to {@link #MAX_ACTIVE} are active per user.
 */
@Controller("/api/alerts")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ApiErrors.SignedIn
class AlertController
{
    static final int MAX_ACTIVE = 100;
    static final int MAX_NOTE = 200;
    /** Prices are stored with 4 decimals (a currency pair's tick is 0.0025). */
    private static final int MAX_SCALE = 4;
    private static final BigDecimal MAX_PRICE = new BigDecimal("1000000000");

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Alert(
        long id,
        String exchange,
        String tradingsymbol,
        long instrumentToken,
        @Schema(requiredMode = REQUIRED, description = "above (fires at or above the price) or below") String direction,
        BigDecimal price,
        String note,
        @Schema(requiredMode = REQUIRED, description = "active or triggered") String status,
        Instant createdAt,
        @Schema(requiredMode = REQUIRED, description = "when it fired; null while active") @Nullable
        Instant triggeredAt,
        @Schema(requiredMode = REQUIRED, description = "the last price that fired it; null while active") @Nullable
        BigDecimal triggeredPrice)
    {
        static Alert of(final AlertRow row)
        {
            return new Alert(row.id(), row.exchange(), row.tradingsymbol(), row.instrumentToken(), row.direction(),
                row.price(), row.note(), row.status(), row.createdAt(), row.triggeredAt(), row.triggeredPrice());
        }
    }

    /** A new alert: the instrument, {@code above} or {@code below}, the price, and a note of up to 200 characters. */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Create(
        @NotBlank String exchange,
        @NotBlank String tradingsymbol,
        @NotBlank @Schema(requiredMode = REQUIRED, description = "above or below") String direction,
        @NotNull BigDecimal price,
        @Nullable String note)
    {
    }

    /** What an alert becomes; it is active again. */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Change(
        @NotBlank @Schema(requiredMode = REQUIRED, description = "above or below") String direction,
        @NotNull BigDecimal price,
        @Nullable String note)
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Deleted(long id)
    {
    }

    private final Storage storage;
    private final LiveState live;
    private final AlertWatcher watcher;
    private final Audit audit;
    private final Clock clock = Clock.systemUTC();

    AlertController(final Storage storage, final LiveState live, final AlertWatcher watcher, final Audit audit)
    {
        this.storage = storage;
        this.live = live;
        this.watcher = watcher;
        this.audit = audit;
    }

    /** @return the caller's alerts, newest first, active and triggered. */
    @Get
    List<Alert> alerts(final Authentication auth)
    {
        return storage.alerts().ofUser(Audit.requireUserId(auth)).stream().map(Alert::of).toList();
    }

    @Post
    @ApiResponse(responseCode = "201", description = "the alert, active",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = Alert.class)))
    @ApiResponse(responseCode = "400", description = "bad_request: the message names the field (an instrument the " +
        "engine does not know, a direction other than above or below, a price not above 0 or with more than 4 " +
        "decimals, a note longer than 200 characters); nothing is stored; or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "too_many_alerts: the user has " + MAX_ACTIVE + " active alerts",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> create(@Body @Valid final Create request, final Authentication auth)
    {
        final Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("exchange", request.exchange());
        detail.put("tradingsymbol", request.tradingsymbol());
        return audit.answer(auth, AuditEvent.ALERT_CREATE, detail, () ->
        {
            final InstrumentView instrument = Instruments.named(live, request.exchange(), request.tradingsymbol());
            final String direction = direction(request.direction());
            final BigDecimal price = price(request.price());
            final String note = note(request.note());
            detail.put("direction", direction);
            detail.put("price", price.toPlainString());
            final AlertRow row = storage.alerts().create(Audit.requireUserId(auth), instrument.instrumentToken(),
                instrument.exchange(), instrument.tradingsymbol(), direction, price, note, clock.instant(), MAX_ACTIVE)
                .orElseThrow(AlertController::tooMany);
            detail.put("id", row.id());
            watcher.arm(row);
            return HttpResponse.created(Alert.of(row));
        });
    }

    @Put("/{id}")
    @ApiResponse(responseCode = "200", description = "the alert as changed, active again",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = Alert.class)))
    @ApiResponse(responseCode = "400", description = "bad_request: the message names the field; nothing is " +
        "changed; or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "not_found: the caller has no such alert",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "too_many_alerts: re-arming it would make more than " +
        MAX_ACTIVE + " active",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> change(@PathVariable final long id, @Body @Valid final Change request, final Authentication auth)
    {
        final Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("id", id);
        return audit.answer(auth, AuditEvent.ALERT_MODIFY, detail, () ->
        {
            final String direction = direction(request.direction());
            final BigDecimal price = price(request.price());
            final String note = note(request.note());
            detail.put("direction", direction);
            detail.put("price", price.toPlainString());
            final AlertRow row;
            try
            {
                row = storage.alerts().update(Audit.requireUserId(auth), id, direction, price, note, MAX_ACTIVE)
                    .orElseThrow(() -> ApiException.notFound("you have no alert " + id));
            }
            catch (final IllegalStateException ex)
            {
                throw tooMany();
            }
            watcher.arm(row);
            return HttpResponse.ok(Alert.of(row));
        });
    }

    @Delete("/{id}")
    @ApiResponse(responseCode = "200", description = "deleted",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = Deleted.class)))
    @ApiResponse(responseCode = "404", description = "not_found: the caller has no such alert",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> delete(@PathVariable final long id, final Authentication auth)
    {
        final Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("id", id);
        return audit.answer(auth, AuditEvent.ALERT_DELETE, detail, () ->
        {
            if (!storage.alerts().delete(Audit.requireUserId(auth), id))
            {
                throw ApiException.notFound("you have no alert " + id);
            }
            watcher.disarm(id);
            return HttpResponse.ok(new Deleted(id));
        });
    }


    private static String upper(final String text)
    {
        return text.trim().toUpperCase(Locale.ROOT);
    }

    private static String direction(final String direction)
    {
        final String d = direction.trim().toLowerCase(Locale.ROOT);
        if (!AlertRow.ABOVE.equals(d) && !AlertRow.BELOW.equals(d))
        {
            throw ApiException.badRequest("direction: '" + direction + "' is not one of above (the last price at " +
                "or above the price) or below (at or below it)");
        }
        return d;
    }

    private static BigDecimal price(final BigDecimal price)
    {
        if (price.signum() <= 0 || price.compareTo(MAX_PRICE) >= 0)
        {
            throw ApiException.badRequest("price: " + price.toPlainString() + " is not above 0 and below " +
                MAX_PRICE.toPlainString());
        }
        final BigDecimal stripped = price.stripTrailingZeros();
        if (stripped.scale() > MAX_SCALE)
        {
            throw ApiException.badRequest("price: " + stripped.toPlainString() + " has more than " + MAX_SCALE +
                " decimals");
        }
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static String note(final String note)
    {
        final String n = note == null ? "" : note.strip();
        if (n.length() > MAX_NOTE)
        {
            throw ApiException.badRequest("note: " + n.length() + " characters; at most " + MAX_NOTE);
        }
        return n;
    }

    private static ApiException tooMany()
    {
        return new ApiException(HttpStatus.CONFLICT, "too_many_alerts", "you have " + MAX_ACTIVE + " active " +
            "alerts, the most there may be; delete one or wait for one to fire");
    }
}
