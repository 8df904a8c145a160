package io.quantumleap.gateway.broker;

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
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.engine.kite.rest.KiteSegmentMargins;
import io.quantumleap.gateway.auth.AccountAccess;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.runtime.EngineRuntime;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Funds and margins of the caller's accounts by segment ({@code equity}, {@code commodity}), read from the broker
 * (Kite's {@code GET /user/margins}): what an order may still use ({@code net}) and how it is made up. Accounts not
 * connected to the broker are left out; one asked for by {@code account_id} gets 409 {@code broker_not_connected}.
 */
@Requires(beans = EngineRuntime.class)
@Controller("/api/margins")
@Secured("trader")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiErrors.Trader
class MarginsController
{
    /**
     * One segment of one account, in rupees: {@code net} is the margin available to new orders; {@code cash},
     * {@code opening_balance}, {@code live_balance} and {@code collateral} what is available; {@code debits} (all
     * that is used), {@code exposure}, {@code span} and {@code option_premium} what is used.
     */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SegmentFunds(long accountId, String segment, boolean enabled, BigDecimal net, BigDecimal cash,
        BigDecimal openingBalance, BigDecimal liveBalance, BigDecimal collateral, BigDecimal debits,
        BigDecimal exposure, BigDecimal span, BigDecimal optionPremium)
    {
    }

    private final EngineRuntime engine;
    private final AccountAccess access;
    private final SharedBrokerReads reads;

    MarginsController(final EngineRuntime engine, final AccountAccess access, final SharedBrokerReads reads)
    {
        this.engine = engine;
        this.access = access;
        this.reads = reads;
    }

    @Get
    @ApiErrors.BrokerRead
    List<SegmentFunds> margins(
        @Nullable @QueryValue("account_id") final Long accountParam, final Authentication auth)
    {
        final List<SegmentFunds> result = new ArrayList<>();
        BrokerReads.read(engine, access, accountParam, auth, "funds",
                accountId -> reads.read(accountId, "funds", engine.broker()::margins))
            .forEach((accountId, segments) ->
                segments.forEach((segment, m) -> result.add(funds(accountId, segment, m))));
        return result;
    }

    private static SegmentFunds funds(final long accountId, final String segment, final KiteSegmentMargins m)
    {
        return new SegmentFunds(accountId, segment, m.enabled(), BrokerReads.plain(m.net()),
            BrokerReads.plain(m.cash()), BrokerReads.plain(m.openingBalance()),
            BrokerReads.plain(m.liveBalance()), BrokerReads.plain(m.collateral()),
            BrokerReads.plain(m.debits()), BrokerReads.plain(m.exposure()),
            BrokerReads.plain(m.span()), BrokerReads.plain(m.optionPremium()));
    }
}
