package io.quantumleap.gateway.orders;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.engine.kite.rest.KiteBasketMargin;
import io.quantumleap.engine.kite.rest.KiteErrorType;
import io.quantumleap.engine.kite.rest.KiteMarginOrder;
import io.quantumleap.engine.kite.rest.KiteOrderMargin;
import io.quantumleap.engine.kite.rest.KiteOrderParams;
import io.quantumleap.engine.protocol.Variety;
import io.quantumleap.gateway.auth.AccountAccess;
import io.quantumleap.gateway.broker.BrokerReads;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.live.InstrumentView;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.agrona.ExpandableArrayBuffer;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * What orders would need of their account's margin: one order ({@code POST /api/margins/orders}) or several placed
 * together ({@code POST /api/margins/basket}).
 * <p>
 * What an order would need of its account's margin if placed now, and what it would cost in charges, by the broker's
 * margin calculator (Kite's {@code POST /margins/orders}): the body is the order as {@code POST /api/orders} takes
 * it, checked the same way, and nothing is placed. An order the broker still finds wrong is a 502
 * {@code broker_refused} with its reason and the advice to change the order (see {@link BrokerReads#refusal}); an
 * account not connected a 409; a question Kite's rate limit cannot take now, as it keeps slots for order changes, a
 * 429.
 */
@Requires(beans = EngineRuntime.class)
@Controller("/api/margins")
@Secured("trader")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiErrors.Trader
class OrderMarginController
{
    /** What the refusal of an order the broker finds wrong says to do after the broker's reason. */
    static final BrokerReads.Remedy CHANGE_THE_ORDER = BrokerReads.Remedy.of("Change the order: as it is, the " +
        "broker will refuse it again.", KiteErrorType.INPUT, KiteErrorType.ORDER);
    /** The same, for a basket. */
    static final BrokerReads.Remedy CHANGE_THE_BASKET = BrokerReads.Remedy.of("Change the orders the broker names: " +
        "as they are, it will refuse them again.", KiteErrorType.INPUT, KiteErrorType.ORDER);

    /**
     * The margin of one order, in rupees: {@code total} is what placing it would block ({@code span},
     * {@code exposure}, {@code option_premium}, {@code additional} and {@code var} make it up), {@code charges}
     * what it would cost if it executed whole; {@code segment} is whose funds it draws on ({@code equity} or
     * {@code commodity}), {@code leverage} how many times the margin its value is.
     */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record OrderMargin(long accountId, String exchange, String tradingsymbol, String segment, BigDecimal total,
        BigDecimal charges, BigDecimal span, BigDecimal exposure, BigDecimal optionPremium, BigDecimal additional,
        BigDecimal var, BigDecimal leverage)
    {
        static OrderMargin of(final long accountId, final KiteOrderMargin m)
        {
            return new OrderMargin(accountId, m.exchange(), m.tradingsymbol(), m.type(),
                BrokerReads.plain(m.total()), BrokerReads.plain(m.charges()), BrokerReads.plain(m.span()),
                BrokerReads.plain(m.exposure()), BrokerReads.plain(m.optionPremium()),
                BrokerReads.plain(m.additional()), BrokerReads.plain(m.var()), BrokerReads.plain(m.leverage()));
        }
    }

    /** Orders to price together, and whether the account's open positions may hedge them (the default). */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MarginRequest(
        @Nullable Long accountId,
        @Nullable @Schema(description = "true (the default): the account's positions may hedge the orders")
        Boolean considerPositions,
        @NotNull List<BasketController.@NotNull @Valid ItemRequest> items)
    {
    }

    /** A margin made up as Kite's calculator makes it up, in rupees. */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MarginTotal(BigDecimal span, BigDecimal exposure, BigDecimal optionPremium, BigDecimal additional,
        BigDecimal var, BigDecimal total)
    {
        static MarginTotal of(final KiteOrderMargin m)
        {
            return new MarginTotal(BrokerReads.plain(m.span()), BrokerReads.plain(m.exposure()),
                BrokerReads.plain(m.optionPremium()), BrokerReads.plain(m.additional()), BrokerReads.plain(m.var()),
                BrokerReads.plain(m.total()));
        }
    }

    /**
     * What the orders need of the account's margin if placed together now: {@code initial} is each order's own margin
     * added up, {@code final} what they need together once the legs that cover each other (and, when considered, the
     * positions held) are netted, never more than {@code initial}; the difference is the hedge's benefit.
     * {@code charges} is what they would cost if they all executed whole, {@code orders} each one's own margin.
     */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BasketMargin(
        long accountId,
        boolean considerPositions,
        MarginTotal initial,
        @JsonProperty("final") MarginTotal finalMargin,
        BigDecimal charges,
        List<OrderMargin> orders)
    {
    }

    private final EngineRuntime engine;
    private final LiveState live;
    private final AccountAccess access;

    OrderMarginController(final EngineRuntime engine, final LiveState live, final AccountAccess access)
    {
        this.engine = engine;
        this.live = live;
        this.access = access;
    }

    @Post("/orders")
    @ApiResponse(responseCode = "503", description = ApiErrors.INTERRUPTED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "200", description = "the broker's margin calculator priced the order",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderMargin.class)))
    @ApiResponse(responseCode = "400", description = "the order is not one POST /api/orders would take " +
        "(bad_request, naming the field); or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "the account is not connected to the broker",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "429", description = "Kite's rate limit had no slot to spare within 2 s: a read " +
        "leaves the last 3 of each second to order changes (broker_rate_limited; Retry-After says when to ask " +
        "again); or " + ApiErrors.RATE_LIMITED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "502", description = "the broker refused the order(s) (broker_refused, with its " +
        "reason) or did not answer (broker_unavailable)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    OrderMargin orderMargin(
        @Body @Valid final OrderRequests.Place request,
        @Nullable @QueryValue("account_id") final Long accountParam, final Authentication auth)
    {
        final long accountId = access.resolve(auth, request.accountId(), accountParam);
        final InstrumentView instrument = OrdersController.tradable(live, request);
        try
        {
            new OrderCommandEncoder().encodePlace(new ExpandableArrayBuffer(256), 0, accountId, 1, instrument,
                request);
        }
        catch (final IllegalArgumentException ex)
        {
            throw ApiException.badRequest(ex.getMessage());
        }
        InstrumentUnits.order(request.quantity(), request.orderType(), request.price(), request.triggerPrice(),
            instrument);
        final Variety variety = request.variety() == null ? Variety.REGULAR :
            OrderCommandEncoder.variety(request.variety());
        final KiteOrderParams order = new KiteOrderParams(instrument.exchange(), instrument.tradingsymbol(),
            OrderCommandEncoder.upper(request.transactionType()), OrderCommandEncoder.upper(request.orderType()),
            request.quantity(),
            variety == Variety.CO ? "CO" : OrderCommandEncoder.upper(request.product()), plain(request.price()),
            plain(request.triggerPrice()), 0, null, 0, 0, 0, 0, null);
        final KiteOrderMargin m = BrokerReads.read(engine, access, accountId, auth, "margin of an order",
            CHANGE_THE_ORDER, (id) -> engine.broker().orderMargin(id, variety.name().toLowerCase(Locale.ROOT), order))
            .get(accountId);
        return OrderMargin.of(accountId, m);
    }

    @Post("/basket")
    @ApiResponse(responseCode = "503", description = ApiErrors.INTERRUPTED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "200", description = "the broker's basket calculator priced the orders together",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = BasketMargin.class)))
    @ApiResponse(responseCode = "400", description = "no orders, more than " + BasketController.MAX_ITEMS + ", or " +
        "one POST /api/orders would not take (bad_request, naming items[i].field); or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "the account is not connected to the broker",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "429", description = "Kite's rate limit had no slot to spare within 2 s: a read " +
        "leaves the last 3 of each second to order changes (broker_rate_limited; Retry-After says when to ask " +
        "again); or " + ApiErrors.RATE_LIMITED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "502", description = "the broker refused the order(s) (broker_refused, with its " +
        "reason) or did not answer (broker_unavailable)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    BasketMargin margin(
        @Body @Valid final MarginRequest request,
        @Nullable @QueryValue("account_id") final Long accountParam, final Authentication auth)
    {
        final long accountId = access.resolve(auth, request.accountId(), accountParam);
        BrokerReads.requireConnected(engine, accountId);
        if (request.items().isEmpty())
        {
            throw ApiException.badRequest("items: a basket's margin needs one order or more");
        }
        final List<KiteMarginOrder> orders = BasketController.items(live, request.items()).stream()
            .map((row) -> new KiteMarginOrder(row.variety(), new KiteOrderParams(row.exchange(), row.tradingsymbol(),
                row.transactionType(), row.orderType(), row.quantity(), row.product(), plain(row.price()),
                plain(row.triggerPrice()), 0, null, 0, 0, 0, 0, null))).toList();
        final boolean considerPositions = request.considerPositions() == null || request.considerPositions();
        final KiteBasketMargin m = BrokerReads.read(engine, access, accountId, auth, "margin of a basket",
            CHANGE_THE_BASKET,
            (id) -> engine.broker().call(id, (kite) -> kite.basketMargins(orders, considerPositions))).get(accountId);
        final List<OrderMargin> rows = m.orders().stream().map((row) -> OrderMargin.of(accountId, row)).toList();
        return new BasketMargin(accountId, considerPositions, MarginTotal.of(m.initial()), MarginTotal.of(m.after()),
            BrokerReads.plain(m.charges()), rows);
    }

    private static String plain(final BigDecimal price)
    {
        return price == null ? null : price.toPlainString();
    }
}
