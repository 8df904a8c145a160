package io.quantumleap.gateway.market;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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
import io.quantumleap.gateway.auth.AccountAccess;
import io.quantumleap.gateway.broker.BrokerReads;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.live.InstrumentView;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The circuit limits of instruments ({@code ?i=NSE:INFY}, as {@code /api/quotes} takes them): the prices outside
 * which the exchange takes no order today, from the broker's full quote (the ticker does not carry them), read with
 * the caller's account ({@code account_id}, or the first of theirs connected to the broker) and kept for a minute for
 * every asker. Instruments the engine does not know, and those with no limits (an index), are left out.
 */
@Requires(beans = EngineRuntime.class)
@Controller("/api/quotes/limits")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ApiErrors.SignedIn
class CircuitLimitsController
{
    /** One instrument's limits, in rupees. */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Limits(BigDecimal lowerCircuitLimit, BigDecimal upperCircuitLimit)
    {
    }

    private final EngineRuntime engine;
    private final AccountAccess access;
    private final LiveState live;
    private final CircuitLimits limits;

    CircuitLimitsController(
        final EngineRuntime engine, final AccountAccess access, final LiveState live, final CircuitLimits limits)
    {
        this.engine = engine;
        this.access = access;
        this.live = live;
        this.limits = limits;
    }

    /**
     * @return each instrument asked for that has limits, keyed as it was asked for.
     */
    @Get
    @ApiResponse(responseCode = "400", description = "bad_request: no instrument, more than the most asked at " +
        "once, or one that is neither EXCHANGE:SYMBOL nor a token; or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiErrors.BrokerRead
    Map<String, Limits> limits(
        @QueryValue("i") final List<String> instruments, @Nullable @QueryValue("account_id") final Long accountParam,
        final Authentication auth)
    {
        MarketController.checkCount(instruments);
        final Map<String, String> brokerKeys = new LinkedHashMap<>();
        for (final String key : instruments)
        {
            MarketController.resolve(live, key).map(InstrumentView::key).ifPresent(k -> brokerKeys.put(key, k));
        }
        if (brokerKeys.isEmpty())
        {
            return Map.of();
        }
        final long accountId = accountParam != null ? accountParam :
            BrokerReads.firstConnected(engine, access, auth, "circuit limits");
        final Map<String, Optional<CircuitLimits.Band>> bands = BrokerReads.read(engine, access, accountId, auth,
            "circuit limits", id -> limits.of(brokerKeys.values().stream().distinct().toList(),
                keys -> engine.broker().call(id, client -> client.quote(keys)))).get(accountId);
        final Map<String, Limits> result = new LinkedHashMap<>();
        brokerKeys.forEach((asked, key) -> bands.get(key)
            .ifPresent(band -> result.put(asked,
                new Limits(BrokerReads.stripped(band.lower()), BrokerReads.stripped(band.upper())))));
        return result;
    }
}
