package io.quantumleap.gateway.audit;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.gateway.auth.UserStore;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.persistence.Storage;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The audit trail for ops and admins: of one user ({@code user}) or of everyone and the engine, of one event type
 * ({@code type}, an {@link AuditEvent} or an {@code EngineAuditType}, e.g. {@code login} or
 * {@code BROKER_CONVERSION}, letter case aside; another is refused, naming them) or of all; the latest {@code limit}
 * entries (500 unless given) of the window, oldest first. Each entry's {@code detail} is a JSON object,
 * as {@link AuditDetail} reads it from the stored text.
 */
@Controller("/api/audit")
@Secured({"ops", "admin"})
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiErrors.InRole
class AuditController
{
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Entry(long id, @Nullable Long journalIndex, @Nullable UUID userId, @Nullable String username,
        @Nullable Long engineAccountId, String eventType,
        @Schema(requiredMode = REQUIRED, additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
            description = "what happened, field by field as recorded: values, or objects such as a modify's " +
            "changes, each field's from and to; a stored value that is not an object as {\"text\": that value}")
        Map<String, Object> detail,
        Instant occurredAt)
    {
    }

    private final Storage log;
    private final UserStore users;
    private final Clock clock;

    AuditController(final Storage log, final UserStore users, final Clock clock)
    {
        this.log = log;
        this.users = users;
        this.clock = clock;
    }

    @Get
    @ApiResponse(responseCode = "400", description = "bad_request: from or to that is not a time, or from after " +
        "to; a type that is not an audit event type; a limit out of its bounds; or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "not_found: no user of that name",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    List<Entry> audit(
        @Nullable @QueryValue final String user, @Nullable @QueryValue final String type,
        @Nullable @QueryValue final String from, @Nullable @QueryValue final String to,
        @Nullable @QueryValue final Integer limit)
    {
        final UUID who = user == null ? null : users.findByUsername(user)
            .orElseThrow(() -> ApiException.notFound("user: no user named '" + user.strip() +
                "'; leave user out for everyone's trail")).id();
        final Instant end = ApiException.instantUntil("to", to, clock.instant().plusSeconds(1), false);
        final Instant start = ApiException.instant("from", from, end.minus(Duration.ofDays(1)));
        if (start.isAfter(end))
        {
            throw ApiException.backwards(start, "to", end);
        }
        final String eventType = type == null ? null : AuditEvent.find(type)
            .orElseThrow(() -> ApiException.badRequest("type: '" + type.strip() + "' is not an audit event type; " +
                "the types are " + AuditEvent.ALL));
        final int max = limit == null ? 500 : limit;
        if (max < 1 || max > 10_000)
        {
            throw ApiException.badRequest("limit: must be between 1 and 10000");
        }
        return log.auditOf(who, eventType, start, end, max).stream()
            .map(e -> new Entry(e.id(), e.journalIndex(), e.userId(), e.username(), e.engineAccountId(),
                e.eventType(), AuditDetail.of(e.detailJson()), e.occurredAt()))
            .toList();
    }
}
