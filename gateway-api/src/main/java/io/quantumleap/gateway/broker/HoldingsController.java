package io.quantumleap.gateway.broker;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.gateway.auth.AccountAccess;
import io.micronaut.context.annotation.Requires;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.runtime.EngineRuntime;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Holdings (delivery stock) of the caller's accounts, read from the broker, and those an exchange auction open now
 * may buy ({@code /auctions}, each with the {@code auction_number} an auction order is placed with). Accounts not
 * connected to the broker are left out; one asked for by {@code account_id} gets 409 {@code broker_not_connected}.
 */
@Requires(beans = EngineRuntime.class)
@Controller("/api/holdings")
@Secured("trader")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiErrors.Trader
class HoldingsController
{
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Holding(long accountId, String tradingsymbol, String exchange, long instrumentToken, String isin,
        String product, long quantity, long t1Quantity, long usedQuantity, BigDecimal averagePrice,
        BigDecimal lastPrice, BigDecimal closePrice, BigDecimal pnl, @Nullable String auctionNumber)
    {
    }

    private final EngineRuntime engine;
    private final AccountAccess access;
    private final SharedBrokerReads reads;

    HoldingsController(final EngineRuntime engine, final AccountAccess access, final SharedBrokerReads reads)
    {
        this.engine = engine;
        this.access = access;
        this.reads = reads;
    }

    @Get
    @ApiErrors.BrokerRead
    List<Holding> holdings(@Nullable @QueryValue("account_id") final Long accountParam, final Authentication auth)
    {
        return read(accountParam, auth, "holdings",
            accountId -> reads.read(accountId, "holdings", engine.broker()::holdings));
    }

    @Get("/auctions")
    @ApiErrors.BrokerRead
    List<Holding> auctions(@Nullable @QueryValue("account_id") final Long accountParam, final Authentication auth)
    {
        return read(accountParam, auth, "holdings in an auction",
            accountId -> reads.read(accountId, "auctions", engine.broker()::holdingsAuctions));
    }

    private List<Holding> read(
        final Long accountParam, final Authentication auth, final String what,
        final java.util.function.LongFunction<java.util.concurrent.CompletableFuture<
            List<io.quantumleap.engine.kite.rest.KiteHolding>>> fromBroker)
    {
        final List<Holding> result = new ArrayList<>();
        BrokerReads.read(engine, access, accountParam, auth, what, fromBroker).forEach((accountId, holdings) ->
            holdings.forEach(h -> result.add(new Holding(
                accountId, h.tradingsymbol(), h.exchange(), h.instrumentToken(), h.isin(), h.product(),
                h.quantity(), h.t1Quantity(), h.usedQuantity(), BrokerReads.plain(h.averagePrice()),
                BrokerReads.plain(h.lastPrice()), BrokerReads.plain(h.closePrice()), BrokerReads.plain(h.pnl()),
                h.auctionNumber()))));
        return result;
    }
}
