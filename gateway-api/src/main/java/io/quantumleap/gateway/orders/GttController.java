package io.quantumleap.gateway.orders;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.context.annotation.Requires;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.engine.kite.rest.ContractMultipliers;
import io.quantumleap.engine.kite.rest.KiteErrorType;
import io.quantumleap.engine.kite.rest.KiteException;
import io.quantumleap.engine.kite.rest.KiteGtt;
import io.quantumleap.engine.kite.rest.KiteGttParams;
import io.quantumleap.engine.kite.rest.KiteHolding;
import io.quantumleap.engine.kite.rest.KiteQuote;
import io.quantumleap.engine.kite.rest.KiteRestClient;
import io.quantumleap.engine.kite.rest.KiteTimes;
import io.quantumleap.engine.protocol.Segment;
import io.quantumleap.gateway.audit.Audit;
import io.quantumleap.gateway.audit.AuditEvent;
import io.quantumleap.gateway.auth.AccountAccess;
import io.quantumleap.gateway.broker.BrokerReads;
import io.quantumleap.gateway.broker.SharedBrokerReads;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.http.StrictJson;
import io.quantumleap.gateway.live.InstrumentView;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.live.PositionView;
import io.quantumleap.gateway.live.Prices;
import io.quantumleap.gateway.live.RiskView;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.quantumleap.gateway.orders.OrdersController.upper;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * GTT (good till triggered) triggers, Kite's standing orders: a condition on an instrument's last price and the LIMIT
 * orders the broker places when it is met, kept at the broker for up to a year. A {@code single} trigger has one
 * value and one order (a stop-loss or a target); a {@code two-leg} (OCO) trigger a lower and an upper value, the last
 * price between them, and an order for each: whichever is reached first fires, the other is dropped. The triggers
 * live at the broker, not in the journal: they are read from and written to it here, every write checked first as
 * the broker would and recorded in the audit trail. The order a trigger places reaches the engine as an order of the
 * account placed outside QuantumLeap.
 */
@Requires(beans = EngineRuntime.class)
@Controller("/api/gtt")
@Secured("trader")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiErrors.Trader
class GttController
{
    static final String SINGLE = "single";
    static final String TWO_LEG = "two-leg";
    private static final Set<String> EQUITY_PRODUCTS = Set.of("CNC", "MIS");
    private static final Set<String> DERIVATIVE_PRODUCTS = Set.of("NRML", "MIS");
    private static final long BROKER_TIMEOUT_S = 10;

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Gtt(
        long accountId,
        long id,
        @Schema(requiredMode = REQUIRED, description = "single or two-leg") String type,
        @Schema(requiredMode = REQUIRED,
            description = "active, triggered, disabled, expired, cancelled, rejected or deleted")
        String status,
        String exchange,
        String tradingsymbol,
        long instrumentToken,
        @Schema(requiredMode = REQUIRED, description = "the last price the trigger was placed or last modified against")
        BigDecimal lastPrice,
        @Schema(requiredMode = REQUIRED, description = "one value for single; lower, then upper for two-leg")
        List<BigDecimal> triggerValues,
        @Schema(requiredMode = REQUIRED,
            description = "one for single; for two-leg the lower value's, then the upper's")
        List<Order> orders,
        @Schema(requiredMode = REQUIRED, description = "when the broker took the trigger (null if it did not say)")
        @Nullable Instant createdAt,
        @Schema(requiredMode = REQUIRED, description = "when it last changed (null if the broker did not say)")
        @Nullable Instant updatedAt,
        @Schema(requiredMode = REQUIRED, description = "when the broker drops it, a year after it was placed")
        @Nullable Instant expiresAt,
        @Nullable String rejectionReason)
    {
        static Gtt of(final long accountId, final KiteGtt g)
        {
            return new Gtt(accountId, g.id(), g.type(), g.status(), g.exchange(), g.tradingsymbol(),
                g.instrumentToken(), BrokerReads.plain(g.lastPrice()),
                g.triggerValues().stream().map(BrokerReads::plain).toList(),
                g.orders().stream().map(Order::of).toList(), instant(g.createdAt()), instant(g.updatedAt()),
                instant(g.expiresAt()), g.rejectionReason());
        }
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Order(
        String transactionType, long quantity, String product, String orderType, BigDecimal price,
        @Schema(requiredMode = REQUIRED, description = "what the order became once the trigger fired; null before")
        @Nullable Result result)
    {
        static Order of(final KiteGtt.Order o)
        {
            final KiteGtt.Result r = o.result();
            return new Order(o.transactionType(), o.quantity(), o.product(), o.orderType(),
                BrokerReads.plain(o.price()), r == null ? null : new Result(r.status(), r.orderId(),
                r.rejectionReason(), BrokerReads.plain(r.triggeredAt()), instant(r.timestamp())));
        }
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Result(
        @Schema(requiredMode = REQUIRED, description = "success (the order was placed) or failed") String status,
        @Nullable String orderId,
        @Nullable String rejectionReason,
        @Schema(requiredMode = REQUIRED, description = "the last price that fired the trigger") BigDecimal triggeredAt,
        @Schema(requiredMode = REQUIRED, description = "when it fired (null if the broker did not say)")
        @Nullable Instant timestamp)
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Place(
        @Nullable Long accountId,
        @NotBlank @Schema(requiredMode = REQUIRED, description = "single or two-leg") String type,
        @NotBlank String exchange,
        @NotBlank String tradingsymbol,
        @NotNull @Schema(requiredMode = REQUIRED, description = "one value for single; lower, then upper for two-leg")
        @Serdeable.Deserializable(using = StrictJson.Lists.class) List<BigDecimal> triggerValues,
        @NotNull @Valid @Schema(requiredMode = REQUIRED,
            description = "one for single; for two-leg the lower value's, then the upper's")
        @Serdeable.Deserializable(using = StrictJson.Lists.class) List<Leg> orders)
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Leg(
        @NotBlank @Schema(requiredMode = REQUIRED, description = "BUY or SELL") String transactionType,
        @NotNull @Positive Long quantity,
        @NotBlank @Schema(requiredMode = REQUIRED,
            description = "CNC or MIS on NSE and BSE; NRML or MIS on derivatives")
        String product,
        @NotNull @Schema(requiredMode = REQUIRED, description = "the LIMIT price") BigDecimal price)
    {
    }

    /**
     * Kite's times ({@code yyyy-MM-dd HH:mm:ss}, IST) as the instants the API gives everywhere else.
     *
     * @return the instant, or null for no time or one that is not in that form.
     */
    static Instant instant(final String ist)
    {
        if (ist == null || ist.isBlank())
        {
            return null;
        }
        try
        {
            return Instant.ofEpochSecond(KiteTimes.epochSeconds(ist));
        }
        catch (final DateTimeParseException ex)
        {
            return null;
        }
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Deleted(long accountId, long id)
    {
    }

    private final EngineRuntime engine;
    private final LiveState live;
    private final AccountAccess access;
    private final Audit audit;
    private final SharedBrokerReads reads;

    GttController(
        final EngineRuntime engine, final LiveState live, final AccountAccess access, final Audit audit,
        final SharedBrokerReads reads)
    {
        this.engine = engine;
        this.live = live;
        this.access = access;
        this.audit = audit;
        this.reads = reads;
    }

    /**
     * @return the GTT triggers of the caller's accounts connected to the broker (or of the one {@code account_id}
     * names), newest first; deleted ones are left out.
     */
    @Get
    @ApiErrors.BrokerRead
    List<Gtt> list(@Nullable @QueryValue("account_id") final Long accountParam, final Authentication auth)
    {
        final List<Gtt> result = new ArrayList<>();
        BrokerReads.read(engine, access, accountParam, auth, "GTT triggers",
            accountId -> reads.read(accountId, "gtt", (id) -> engine.broker().call(id, KiteRestClient::gtts)))
            .forEach((accountId, triggers) -> triggers.forEach(g -> result.add(Gtt.of(accountId, g))));
        return result;
    }

    @Get("/{id}")
    @ApiResponse(responseCode = "200", description = "the trigger, with what its orders became once it fired",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = Gtt.class)))
    @ApiResponse(responseCode = "404", description = "the broker has no such trigger for the account (not_found)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiErrors.BrokerRead
    Gtt get(
        @PathVariable final long id, @Nullable @QueryValue("account_id") final Long accountParam,
        final Authentication auth)
    {
        final long accountId = access.resolve(auth, accountParam);
        mayExist(accountId, id);
        return Gtt.of(accountId, BrokerReads.read(engine, access, accountId, auth, "GTT " + id,
            a -> engine.broker().call(a, c -> c.gtt(id)).exceptionally(failure ->
            {
                final Throwable cause = KiteRestClient.unwrap(failure);
                if (cause instanceof KiteException kite && kite.type() == KiteErrorType.INPUT)
                {
                    throw noSuchTrigger(accountId, id, kite);
                }
                throw failure instanceof CompletionException wrapped ? wrapped : new CompletionException(failure);
            })).get(accountId));
    }

    @Post
    @ApiResponse(responseCode = "201", description = "the broker placed the trigger; the body is the trigger as " +
        "the broker then has it",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = Gtt.class)))
    @ApiResponse(responseCode = "400", description = "a field names something the broker would refuse (the " +
        "message names it; nothing was sent): bad_request; or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "the account is not connected to the broker " +
        "(broker_not_connected) or the instrument's last price, which the broker checks the values against, is not " +
        "known (no_last_price); nothing was sent",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "an order of the trigger breaks a risk check, as POST " +
        "/api/orders would (kill_switch_halt, kill_switch_reduce_only, price_band around its trigger value, " +
        "max_order_value, max_position; nothing was sent), or the broker refused the trigger (broker_rejected, with " +
        "its message: a value too close to the last price, 250 active triggers already)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "502", description = "the broker did not answer (broker_unavailable): whether the " +
        "trigger was placed is not known until the list is read again",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "429", description = ApiErrors.BROKER_RATE_LIMITED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = ApiErrors.INTERRUPTED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> place(
        @Body @Valid final Place request,
        @Nullable @QueryValue("account_id") final Long accountParam, final Authentication auth)
    {
        final long accountId = access.resolve(auth, request.accountId(), accountParam);
        return audited(auth, AuditEvent.GTT_PLACE, accountId, null, request, () ->
        {
            final KiteGttParams params = check(accountId, request);
            final long id = atBroker(accountId, "placing the trigger", c -> c.placeGtt(params));
            return HttpResponse.created(readBack(accountId, id, params));
        });
    }

    @Put("/{id}")
    @ApiResponse(responseCode = "200", description = "the broker put the new type, values and orders in place of " +
        "the active trigger's (its instrument cannot change); the body is the trigger as the broker then has it",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = Gtt.class)))
    @ApiResponse(responseCode = "400", description = "a field names something the broker would refuse (the " +
        "message names it; nothing was sent): bad_request; or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "broker_not_connected or no_last_price, as for placing",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "the broker has no such trigger for the account (not_found)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "a risk check refused an order, as for placing, or the " +
        "broker refused the change (broker_rejected, with its message: a trigger no longer active, another " +
        "instrument, a value too close to the last price)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "502", description = "the broker did not answer (broker_unavailable): whether the " +
        "trigger changed is not known until it is read again",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "429", description = ApiErrors.BROKER_RATE_LIMITED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = ApiErrors.INTERRUPTED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> modify(
        @PathVariable final long id, @Body @Valid final Place request,
        @Nullable @QueryValue("account_id") final Long accountParam, final Authentication auth)
    {
        final long accountId = access.resolve(auth, request.accountId(), accountParam);
        return audited(auth, AuditEvent.GTT_MODIFY, accountId, id, request, () ->
        {
            mayExist(accountId, id);
            final KiteGttParams params = check(accountId, request);
            onKnownTrigger(accountId, id, () -> atBroker(accountId, "changing trigger " + id,
                c -> c.modifyGtt(id, params)));
            return HttpResponse.ok(readBack(accountId, id, params));
        });
    }

    @Delete("/{id}")
    @ApiResponse(responseCode = "200", description = "the broker removed the trigger",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = Deleted.class)))
    @ApiResponse(responseCode = "409", description = "the account is not connected to the broker " +
        "(broker_not_connected)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "the broker has no such trigger for the account (not_found)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "422", description = "the broker refused (broker_rejected: a trigger removed " +
        "already)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "502", description = "the broker did not answer (broker_unavailable)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "429", description = ApiErrors.BROKER_RATE_LIMITED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = ApiErrors.INTERRUPTED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> delete(
        @PathVariable final long id, @Nullable @QueryValue("account_id") final Long accountParam,
        final Authentication auth)
    {
        final long accountId = access.resolve(auth, accountParam);
        return audited(auth, AuditEvent.GTT_DELETE, accountId, id, null, () ->
        {
            mayExist(accountId, id);
            BrokerReads.requireConnected(engine, accountId);
            onKnownTrigger(accountId, id, () -> atBroker(accountId, "deleting trigger " + id, c -> c.deleteGtt(id)));
            return HttpResponse.ok(new Deleted(accountId, id));
        });
    }

    private HttpResponse<?> audited(
        final Authentication auth, final AuditEvent action, final long accountId, final Long id, final Place request,
        final Supplier<HttpResponse<?>> work)
    {
        final Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("account_id", accountId);
        if (id != null)
        {
            detail.put("id", id);
        }
        if (request != null)
        {
            detail.put("type", request.type());
            detail.put("exchange", upper(request.exchange()));
            detail.put("tradingsymbol", upper(request.tradingsymbol()));
            detail.put("trigger_values", request.triggerValues().stream()
                .map(v -> v == null ? "null" : v.toPlainString()).toList());
            detail.put("orders", request.orders().stream().map(o -> o == null ? "" : upper(o.transactionType()) +
                " " + o.quantity() + " " + upper(o.product()) + " @ " + o.price().toPlainString()).toList());
        }
        return audit.answer(auth, action, detail, () ->
        {
            try
            {
                final HttpResponse<?> response = work.get();
                if (id == null && response.body() instanceof Gtt placed)
                {
                    detail.put("id", placed.id());
                }
                return response;
            }
            finally
            {
                reads.changed(accountId);
            }
        });
    }

    /** Kite's rules for a trigger, checked before anything is sent; the broker checks the distance to the price. */
    private KiteGttParams check(final long accountId, final Place request)
    {
        BrokerReads.requireConnected(engine, accountId);
        final String type = request.type().toLowerCase(Locale.ROOT);
        if (!SINGLE.equals(type) && !TWO_LEG.equals(type))
        {
            throw ApiException.badRequest("type: '" + request.type() + "' is not one of single (one trigger value " +
                "and one order) or two-leg (a lower and an upper value, an order for each: one cancels the other)");
        }
        final InstrumentView instrument = Instruments.named(live, request.exchange(), request.tradingsymbol());
        if ("INDEX".equals(instrument.instrumentType()))
        {
            throw ApiException.badRequest("tradingsymbol: " + instrument.key() + " is an index; a GTT needs an " +
                "instrument that trades");
        }
        final int count = SINGLE.equals(type) ? 1 : 2;
        final List<BigDecimal> values = request.triggerValues();
        if (values.size() != count)
        {
            throw ApiException.badRequest("trigger_values: a " + type + " GTT has " + (count == 1 ? "one value" :
                "two values, the lower then the upper") + ", not " + values.size());
        }
        for (int i = 0; i < count; i++)
        {
            InstrumentUnits.onTick("trigger_values[" + i + "]", values.get(i), instrument);
        }
        if (request.orders().size() != count)
        {
            throw ApiException.badRequest("orders: a " + type + " GTT has " + (count == 1 ? "one order" :
                "two orders, the lower value's then the upper's") + ", not " + request.orders().size());
        }
        final boolean equity = "NSE".equals(instrument.exchange()) || "BSE".equals(instrument.exchange());
        final List<KiteGttParams.Order> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            orders.add(leg("orders[" + i + "]", request.orders().get(i), instrument, equity));
        }
        withinRisk(accountId, instrument, values, orders);
        final BigDecimal lastPrice = lastPrice(accountId, instrument);
        if (count == 2 && !(values.get(0).compareTo(lastPrice) < 0 && lastPrice.compareTo(values.get(1)) < 0))
        {
            throw ApiException.badRequest("trigger_values: a two-leg GTT's lower value is below the last price and " +
                "its upper value above it; the last price of " + instrument.key() + " is " +
                InstrumentUnits.shown(lastPrice) + ", the values " + InstrumentUnits.shown(values.get(0)) + " and " +
                InstrumentUnits.shown(values.get(1)));
        }
        if (count == 1 && values.get(0).compareTo(lastPrice) == 0)
        {
            throw ApiException.badRequest("trigger_values[0]: " + InstrumentUnits.shown(values.get(0)) +
                " is the last price of " + instrument.key() + "; a trigger fires when the price moves to it");
        }
        return new KiteGttParams(type, instrument.exchange(), instrument.tradingsymbol(), List.copyOf(values),
            lastPrice, List.copyOf(orders));
    }

    /**
     * @return the delivery shares of the instrument the account held at the day's start (settled and T1), from the
     *     broker's holdings (shared with the dashboards' reads), or empty when the broker cannot say.
     */
    private OptionalLong sharesHeld(final long accountId, final long instrumentToken)
    {
        try
        {
            return OptionalLong.of(reads.read(accountId, "holdings", engine.broker()::holdings)
                .get(BROKER_TIMEOUT_S, TimeUnit.SECONDS).stream()
                .filter(h -> h.instrumentToken() == instrumentToken)
                .mapToLong(KiteHolding::heldAtDayStart).sum());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
        catch (final ExecutionException | java.util.concurrent.TimeoutException | RuntimeException ex)
        {
            return OptionalLong.empty();
        }
    }

    /**
     * The engine's pre-trade checks, for the orders a trigger will place: a trigger's order reaches the engine only
     * when the broker has placed it, as an order from outside, past every check. So the kill switch, the price band
     * (around the trigger value, the price when it fires), the order value and the position limit are checked here,
     * against the account's limits and position now. A halt leaves the triggers already at the broker in place: most
     * are the stop-losses and targets that close positions; delete them on their own if need be.
     */
    private void withinRisk(
        final long accountId, final InstrumentView instrument, final List<BigDecimal> values,
        final List<KiteGttParams.Order> orders)
    {
        final String mode = live.killSwitchFor(accountId);
        if ("halt".equals(mode))
        {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "kill_switch_halt", "the kill switch halts " +
                "trading: no trigger is placed or changed until it is off (the triggers already placed stay)");
        }
        final RiskView.Limits limits = live.limitsFor(accountId);
        final BigDecimal multiplier = BigDecimal.valueOf(multiplier(instrument));
        for (int i = 0; i < orders.size(); i++)
        {
            final KiteGttParams.Order order = orders.get(i);
            final String field = "orders[" + i + "]";
            final Optional<PositionView> current = live.position(accountId, instrument.instrumentToken(),
                order.product());
            final boolean buy = "BUY".equals(order.transactionType());
            // As the engine counts it: delivery shares held are a CNC long beside the day's CNC trades.
            final OptionalLong shares = "CNC".equals(order.product()) ?
                sharesHeld(accountId, instrument.instrumentToken()) : OptionalLong.empty();
            final long exposure = shares.isPresent() ? shares.getAsLong() +
                current.map(p -> p.dayBuyQuantity() - p.daySellQuantity()).orElse(0L) :
                current.map(PositionView::quantity).orElse(0L);
            if ("reduce_only".equals(mode))
            {
                final long reducible = buy ? Math.max(0, -exposure) : Math.max(0, exposure);
                if (order.quantity() > reducible)
                {
                    throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "kill_switch_reduce_only", field +
                        ": the kill switch allows only orders that reduce the position (up to " + reducible + " " +
                        order.product() + "); this one is for " + order.quantity());
                }
            }
            // As the engine bounds a stop-loss order's price past its trigger: on the side it would trade at.
            final BigDecimal value = values.get(i);
            final BigDecimal past = buy ? order.price().subtract(value) : value.subtract(order.price());
            final BigDecimal distanceBps = past.max(BigDecimal.ZERO).movePointRight(4)
                .divide(value, 0, RoundingMode.DOWN);
            if (distanceBps.compareTo(BigDecimal.valueOf(limits.priceBandBps())) > 0)
            {
                final long token = instrument.instrumentToken();
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "price_band", field + ".price: " +
                    Prices.rupees(Prices.units(order.price(), token), token).toPlainString() + " is " +
                    Prices.percent(distanceBps.min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue()) +
                    (buy ? " above" : " below") + " the trigger value " +
                    Prices.rupees(Prices.units(value, token), token).toPlainString() + ", beyond the price band of " +
                    Prices.percent(limits.priceBandBps()) + " (risk limit price_band_bps " + limits.priceBandBps() +
                    "): a price within the band is taken, or an admin widens the band on the Risk page");
            }
            final BigDecimal orderValue = order.price().multiply(BigDecimal.valueOf(order.quantity()))
                .multiply(multiplier);
            if (orderValue.compareTo(limits.maxOrderValue()) > 0)
            {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "max_order_value", field + ": the order's " +
                    "value, ₹" + Prices.money(orderValue) + ", is above the limit of ₹" +
                    Prices.money(limits.maxOrderValue()) + " (risk limit max_order_value)");
            }
            final long projected = Math.abs(buy ? exposure + order.quantity() : exposure - order.quantity());
            if (projected > limits.maxPositionQty())
            {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "max_position", field + ": the position " +
                    "would be " + projected + ", above the limit of " + limits.maxPositionQty() +
                    " (risk limit max_position_qty)");
            }
        }
    }

    private static int multiplier(final InstrumentView instrument)
    {
        return switch (instrument.exchange())
        {
            case "MCX" -> Math.max(1, ContractMultipliers.of(Segment.MCX, instrument.tradingsymbol()));
            case "CDS", "BCD" -> ContractMultipliers.of(Segment.CDS, instrument.tradingsymbol());
            default -> 1;
        };
    }

    private static KiteGttParams.Order leg(
        final String field, final Leg leg, final InstrumentView instrument, final boolean equity)
    {
        if (leg == null)
        {
            throw ApiException.badRequest(field + ": an order is required");
        }
        final String side = upper(leg.transactionType());
        if (!"BUY".equals(side) && !"SELL".equals(side))
        {
            throw ApiException.badRequest(field + ".transaction_type: '" + leg.transactionType() + "' is not one " +
                "of BUY or SELL");
        }
        final String product = upper(leg.product());
        final Set<String> products = equity ? EQUITY_PRODUCTS : DERIVATIVE_PRODUCTS;
        if (!products.contains(product))
        {
            throw ApiException.badRequest(field + ".product: a GTT on " + instrument.exchange() + " places " +
                String.join(" or ", products.stream().sorted().toList()) + " orders, not '" + leg.product() + "'");
        }
        final long quantity = leg.quantity();
        InstrumentUnits.wholeLots(field + ".quantity", quantity, instrument);
        InstrumentUnits.onTick(field + ".price", leg.price(), instrument);
        return new KiteGttParams.Order(side, quantity, product, leg.price());
    }

    /** The last price the engine has from the feed, else the broker's ({@code GET /quote/ltp}). */
    private BigDecimal lastPrice(final long accountId, final InstrumentView instrument)
    {
        final BigDecimal streamed = live.lastPrice(instrument.instrumentToken()).orElse(null);
        if (streamed != null && streamed.signum() > 0)
        {
            return streamed;
        }
        final String key = instrument.key();
        BigDecimal fromBroker = null;
        try
        {
            final KiteQuote quote = await(engine.broker().call(accountId, c -> c.ltp(List.of(key)))).get(key);
            fromBroker = quote == null ? null : quote.lastPrice();
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            fromBroker = null;
        }
        if (fromBroker == null || fromBroker.signum() <= 0)
        {
            throw new ApiException(HttpStatus.CONFLICT, "no_last_price", "the last price of " + key + " is not " +
                "known (no tick yet, and the broker did not give it): the broker checks a trigger against it; try " +
                "again once the instrument trades");
        }
        return fromBroker;
    }

    /** Sends a write to the broker and waits for its answer: the trigger's id. */
    private long atBroker(
        final long accountId, final String what, final Function<KiteRestClient, CompletableFuture<Long>> call)
    {
        try
        {
            return await(engine.broker().call(accountId, call));
        }
        catch (final ExecutionException ex)
        {
            final Throwable cause = ex.getCause() == null ? ex : KiteRestClient.unwrap(ex.getCause());
            if (cause instanceof KiteException kite && kite.type() == KiteErrorType.TOKEN)
            {
                throw ApiException.brokerNotConnected(accountId, "the broker refused its session: " + kite.reason());
            }
            if (cause instanceof KiteException kite && kite.type() == KiteErrorType.RATE_LIMITED)
            {
                throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "broker_rate_limited", what + " could not " +
                    "be sent now: " + kite.getMessage(), 1);
            }
            if (cause instanceof KiteException kite && !kite.type().outcomeUnknown() && kite.httpStatus() != 0)
            {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "broker_rejected",
                    "the broker refused " + what + ": " + kite.reason());
            }
            throw new ApiException(HttpStatus.BAD_GATEWAY, "broker_unavailable", "the broker did not answer " + what +
                " (" + cause.getMessage() + "): whether it was done is not known; read the triggers again before " +
                "trying again");
        }
        catch (final TimeoutException ex)
        {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "broker_unavailable", "the broker did not answer " + what +
                " within " + BROKER_TIMEOUT_S + " s: whether it was done is not known; read the triggers again " +
                "before trying again");
        }
    }

    /** @throws ApiException 404, asking the broker nothing, for an id no trigger has (Kite's are positive). */
    private static void mayExist(final long accountId, final long id)
    {
        if (id < 1)
        {
            throw ApiException.notFound("account " + accountId + " has no GTT " + id + " (trigger ids are above 0)");
        }
    }

    /**
     * The 404 for a trigger the broker has none by: Kite answers a read of an unknown trigger id with an
     * {@code InputException}, whose reason is all the message adds (a {@code broker_refused}'s advice to take it up
     * with the broker does not fit an id that names nothing).
     */
    private static ApiException noSuchTrigger(final long accountId, final long id, final KiteException kite)
    {
        return ApiException.notFound("account " + accountId + " has no GTT " + id + " (the broker: " + kite.reason() +
            ")");
    }

    /**
     * Runs a change of trigger {@code id}; when the broker refuses it, asks the broker for the trigger, and if it has
     * none by that id (not one deleted: that it keeps), answers 404 instead of the refusal.
     */
    private void onKnownTrigger(final long accountId, final long id, final Runnable change)
    {
        try
        {
            change.run();
        }
        catch (final ApiException refused)
        {
            if (!"broker_rejected".equals(refused.code()))
            {
                throw refused;
            }
            try
            {
                await(engine.broker().call(accountId, c -> c.gtt(id)));
            }
            catch (final ExecutionException ex)
            {
                final Throwable cause = ex.getCause() == null ? ex : KiteRestClient.unwrap(ex.getCause());
                if (cause instanceof KiteException kite && kite.type() == KiteErrorType.INPUT)
                {
                    throw noSuchTrigger(accountId, id, kite);
                }
            }
            catch (final TimeoutException ex)
            {
                throw refused;
            }
            throw refused;
        }
    }

    /**
     * The trigger as the broker has it after a write; when it cannot be read back in time, as the write sent it
     * (status active, the broker's times null).
     */
    private Gtt readBack(final long accountId, final long id, final KiteGttParams sent)
    {
        try
        {
            return Gtt.of(accountId, await(engine.broker().call(accountId, c -> c.gtt(id))));
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            return new Gtt(accountId, id, sent.type(), "active", sent.exchange(), sent.tradingsymbol(),
                live.instrument(sent.exchange(), sent.tradingsymbol()).map(InstrumentView::instrumentToken).orElse(0L),
                BrokerReads.plain(sent.lastPrice()), sent.triggerValues(), sent.orders().stream().map(o ->
                new Order(o.transactionType(), o.quantity(), o.product(), "LIMIT", o.price(), null)).toList(),
                null, null, null, null);
        }
    }

    /** The broker's answer, waiting at most {@link #BROKER_TIMEOUT_S}. */
    private static <T> T await(final CompletableFuture<T> answer) throws ExecutionException, TimeoutException
    {
        try
        {
            return answer.get(BROKER_TIMEOUT_S, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            throw ApiException.interrupted();
        }
    }
}
