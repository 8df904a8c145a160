package io.quantumleap.gateway.orders;

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
import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.gateway.audit.AuditEvent;
import io.quantumleap.gateway.auth.AccountAccess;
import io.quantumleap.gateway.broker.BrokerReads;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.live.FillView;
import io.quantumleap.gateway.live.InstrumentView;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.live.OrderView;
import io.quantumleap.gateway.live.PositionView;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Orders, trades and positions of the caller's accounts. Order commands go through the engine's ring (journaled,
 * then risk-checked by the core); the controller waits briefly for the core's answer so a risk reject comes back
 * as 422 with its reason.
 */
@Controller("/api")
@Secured("trader")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiErrors.Trader
class OrdersController
{
    static final Duration ENGINE_ANSWER_TIMEOUT = Duration.ofSeconds(2);

    /**
     * Examples of the answers as documented (OrderAnswersTest holds the controller to them). A null order_id is left
     * out: the generated document drops null example values.
     */
    private static final String NOT_CONNECTED = "the account is not connected to the broker (never, or its token " +
        "expired at 06:00 IST or was refused): connect it and send this again; nothing was sent";
    private static final String BAD_ORDER = "bad_request: a field missing, out of its bounds or naming an " +
        "instrument the engine cannot trade (the message names it), a body that is not one JSON object, or no " +
        "account_id while the user has several accounts or none; or " + ApiErrors.QUERY_FAULTS;
    private static final String NO_SUCH_ORDER = "not_found: no order of this id in the account";
    private static final String ENGINE_UNAVAILABLE = "engine_unavailable: the engine is not taking commands right " +
        "now (nothing was sent); or interrupted: the server is shutting down";
    private static final String RATE_LIMITED = "the account's orders_per_second or orders_per_minute risk limit " +
        "is reached (rate_limit_second, rate_limit_minute): Retry-After says when to send it again (1 s or 60 s)";
    private static final String PENDING = "{\"account_id\":1,\"client_order_id\":42,\"status\":\"PENDING\"}";
    private static final String SLICED = "{\"account_id\":1,\"quantity\":3900,\"max_order_quantity\":1755," +
        "\"placed\":3,\"refused\":0,\"orders\":[{\"quantity\":1755,\"http_status\":201,\"client_order_id\":42," +
        "\"status\":\"PENDING\"},{\"quantity\":1755,\"http_status\":201,\"client_order_id\":43," +
        "\"status\":\"PENDING\"},{\"quantity\":390,\"http_status\":201,\"client_order_id\":44," +
        "\"status\":\"PENDING\"}]}";
    private static final String MODIFYING = "{\"account_id\":1,\"client_order_id\":42," +
        "\"order_id\":\"250101000000001\",\"status\":\"MODIFY VALIDATION PENDING\"}";
    private static final String CANCELLING = "{\"account_id\":1,\"client_order_id\":42," +
        "\"order_id\":\"250101000000001\",\"status\":\"CANCEL PENDING\"}";

    private final LiveState live;
    private final AccountAccess access;
    private final OrderDesk desk;

    OrdersController(final LiveState live, final AccountAccess access, final OrderDesk desk)
    {
        this.live = live;
        this.access = access;
        this.desk = desk;
    }

    @Post("/orders")
    @ApiResponse(responseCode = "201", description = "the engine took the order (it passed the engine's checks, risk " +
        "included) and sent it to the broker, which has not answered yet: status is always PENDING and order_id " +
        "null; the broker's order id and the order's later statuses show in GET /api/orders/{client_order_id} and " +
        "on the WebSocket; with autoslice, one answer for each order it was split into (Sliced: what this " +
        "endpoint answers for each, refusals among them), when the engine took at least one",
        content = @Content(mediaType = "application/json",
            schema = @Schema(oneOf = {OrderRequests.Accepted.class, OrderRequests.Sliced.class}),
            examples = {@ExampleObject(name = "placed", value = PENDING),
                @ExampleObject(name = "sliced", value = SLICED)}))
    @ApiResponse(responseCode = "202", description = "the engine did not answer within 2 s: status PENDING and " +
        "order_id null, as with 201, but the engine may still refuse the order (then no order with this " +
        "client_order_id appears)",
        content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = OrderRequests.Accepted.class),
            examples = @ExampleObject(name = "unanswered", value = PENDING)))
    @ApiResponse(responseCode = "422", description = "refused by the engine (its risk checks, a client_order_id " +
        "already taken, an instrument it cannot trade, ...); error names the reason",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "429", description = RATE_LIMITED + "; or " + ApiErrors.RATE_LIMITED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = NOT_CONNECTED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "400", description = BAD_ORDER,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = ENGINE_UNAVAILABLE,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> place(
        @Body @Valid final OrderRequests.Place request,
        @Nullable @QueryValue("account_id") final Long accountParam, final Authentication auth)
    {
        if (Boolean.TRUE.equals(request.autoslice()))
        {
            return desk.placeSliced(auth, request.accountId(), accountParam, request);
        }
        return desk.place(auth, request.accountId(), accountParam, request, Map.of());
    }

    /** The instrument an order names, known to the engine and not an index; else a 400 saying which. */
    static InstrumentView tradable(final LiveState live, final OrderRequests.Place request)
    {
        final InstrumentView instrument = Instruments.named(live, request.exchange(), request.tradingsymbol());
        if ("INDICES".equals(instrument.segment()))
        {
            throw ApiException.badRequest("tradingsymbol: " + instrument.exchange() + ":" + instrument.tradingsymbol() +
                " is an index: it has prices but cannot be traded (trade its futures or options)");
        }
        return instrument;
    }

    @Put("/orders/{id}")
    @ApiResponse(responseCode = "200", description = "the engine took the change and sent it to the broker: status " +
        "is always MODIFY VALIDATION PENDING, order_id the broker's",
        content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = OrderRequests.Accepted.class),
            examples = @ExampleObject(name = "modifying", value = MODIFYING)))
    @ApiResponse(responseCode = "202", description = "the engine did not answer within 2 s: status PENDING (the " +
        "request's, not the order's) and order_id null; the engine may still refuse the change",
        content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = OrderRequests.Accepted.class),
            examples = @ExampleObject(name = "unanswered", value = PENDING)))
    @ApiResponse(responseCode = "422", description = "refused by the engine (the order is not open, risk checks, " +
        "...); error names the reason",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "429", description = RATE_LIMITED + "; or " + ApiErrors.RATE_LIMITED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = NOT_CONNECTED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "400", description = BAD_ORDER,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = ENGINE_UNAVAILABLE,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = NO_SUCH_ORDER,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> modify(
        @PathVariable final String id, @Body @Valid final OrderRequests.Modify request,
        @Nullable @QueryValue("account_id") final Long accountParam, final Authentication auth)
    {
        return desk.change(auth, AuditEvent.ORDER_MODIFY, id, accountParam, (accountId, order, detail) ->
        {
            describe(order, detail);
            final Map<String, Object> changes = new LinkedHashMap<>();
            change(changes, "order_type", order.orderType(), upper(request.orderType()));
            change(changes, "quantity", order.quantity(), request.quantity());
            change(changes, "price", order.price(), request.price());
            change(changes, "trigger_price", order.triggerPrice(), request.triggerPrice());
            change(changes, "disclosed_quantity", null, request.disclosedQuantity());
            change(changes, "validity", order.validity(), upper(request.validity()));
            detail.put("changes", changes);
            final OrderCommandEncoder encoder = new OrderCommandEncoder();
            return (buffer, nowNs) -> encoder.encodeModify(buffer, nowNs, accountId, order, request);
        });
    }

    @Delete("/orders/{id}")
    @ApiResponse(responseCode = "200", description = "the engine took the cancellation and sent it to the broker: " +
        "status is always CANCEL PENDING, order_id the broker's",
        content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = OrderRequests.Accepted.class),
            examples = @ExampleObject(name = "cancelling", value = CANCELLING)))
    @ApiResponse(responseCode = "202", description = "the engine did not answer within 2 s: status PENDING (the " +
        "request's, not the order's) and order_id null; the engine may still refuse the cancellation",
        content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = OrderRequests.Accepted.class),
            examples = @ExampleObject(name = "unanswered", value = PENDING)))
    @ApiResponse(responseCode = "422", description = "refused by the engine (the order is not open, or already " +
        "being cancelled); error names the reason",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = NOT_CONNECTED,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "400", description = ApiErrors.BAD_REQUEST + ", or no account_id while the user " +
        "has several accounts or none",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = ENGINE_UNAVAILABLE,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = NO_SUCH_ORDER,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> cancel(
        @PathVariable final String id, @Nullable @QueryValue("account_id") final Long accountParam,
        final Authentication auth)
    {
        return desk.change(auth, AuditEvent.ORDER_CANCEL, id, accountParam, (accountId, order, detail) ->
        {
            describe(order, detail);
            final OrderCommandEncoder encoder = new OrderCommandEncoder();
            return (buffer, nowNs) -> encoder.encodeCancel(buffer, nowNs, accountId, order.clientOrderId());
        });
    }

    @Get("/orders")
    List<OrderView> orders(@Nullable @QueryValue("account_id") final Long accountParam, final Authentication auth)
    {
        return accounts(auth, accountParam).stream().flatMap(a -> live.orders(a).stream()).toList();
    }

    @Get("/orders/{id}")
    @ApiResponse(responseCode = "404", description = NO_SUCH_ORDER,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    List<OrderView> history(
        @PathVariable final String id, @Nullable @QueryValue("account_id") final Long accountParam,
        final Authentication auth)
    {
        for (final long account : accounts(auth, accountParam))
        {
            final List<OrderView> history = live.orderHistory(account, id);
            if (!history.isEmpty())
            {
                return history;
            }
        }
        throw ApiException.notFound("order_id: no order '" + id + "' in your accounts");
    }

    @Get("/trades")
    List<FillView> trades(@Nullable @QueryValue("account_id") final Long accountParam, final Authentication auth)
    {
        return accounts(auth, accountParam).stream().flatMap(a -> live.fills(a).stream()).toList();
    }

    @Get("/positions")
    List<PositionView> positions(@Nullable @QueryValue("account_id") final Long accountParam, final Authentication auth)
    {
        return accounts(auth, accountParam).stream().flatMap(a -> live.positions(a).stream()).toList();
    }

    private List<Long> accounts(final Authentication auth, final Long accountParam)
    {
        return accountParam == null ? access.accounts(auth) : List.of(access.resolve(auth, accountParam));
    }

    /**
     * What an audit entry says of an existing order: the broker's ids (an adopted order, such as a cover order's
     * second leg, has a negative client order id that names nothing), the instrument, its terms and its status.
     */
    private static void describe(final OrderView order, final Map<String, Object> detail)
    {
        detail.put("order_id", order.orderId());
        detail.put("parent_order_id", order.parentOrderId());
        detail.put("exchange", order.exchange());
        detail.put("tradingsymbol", order.tradingsymbol());
        detail.put("instrument_token", order.instrumentToken());
        detail.put("transaction_type", order.transactionType());
        detail.put("order_type", order.orderType());
        detail.put("product", order.product());
        detail.put("variety", order.variety());
        detail.put("quantity", order.quantity());
        detail.put("filled_quantity", order.filledQuantity());
        detail.put("price", order.price());
        detail.put("trigger_price", order.triggerPrice());
        detail.put("status", order.status());
    }

    /** Adds {@code {"from": old, "to": new}} under {@code field} when the request sets it to something else. */
    private static void change(final Map<String, Object> changes, final String field, final Object from,
        final Object to)
    {
        final boolean same = from instanceof BigDecimal a && to instanceof BigDecimal b ? a.compareTo(b) == 0 :
            from instanceof Number a && to instanceof Number b ? a.longValue() == b.longValue() :
            java.util.Objects.equals(from, to);
        if (to != null && !same)
        {
            final Map<String, Object> values = new LinkedHashMap<>();
            values.put("from", from instanceof BigDecimal price ? BrokerReads.stripped(price) : from);
            values.put("to", to instanceof BigDecimal price ? BrokerReads.stripped(price) : to);
            changes.put(field, values);
        }
    }

    static String upper(final String text)
    {
        return text == null ? null : text.toUpperCase(Locale.ROOT);
    }

    /**
     * The answer to an order command: the engine's first event for it (201 for a new order, 200 for a change), its
     * refusal (422), or 202 when it has not answered in time.
     *
     * @param outcome what the engine answered, or null for no answer in time.
     * @param created whether the command places a new order.
     */
    static HttpResponse<?> answer(
        final long accountId, final long clientOrderId, final long instrumentToken, final LiveState.Outcome outcome,
        final boolean created)
    {
        if (outcome == null)
        {
            return HttpResponse.accepted().body(new OrderRequests.Accepted(accountId, clientOrderId, null, "PENDING"));
        }
        if (outcome.reject() != null)
        {
            final String reason = outcome.reject().reason();
            final ApiError error = new ApiError(reason.toLowerCase(Locale.ROOT),
                outcome.reject().message(instrumentToken));
            // The per-second and per-minute order limits pass by themselves: 429 with when to try again, as Kite
            // answers its own rate limit, so a client backs off and retries instead of giving the order up.
            final long retryAfterS = "RATE_LIMIT_SECOND".equals(reason) ? 1 :
                "RATE_LIMIT_MINUTE".equals(reason) ? 60 : 0;
            return retryAfterS > 0 ?
                HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", Long.toString(retryAfterS))
                    .body(error) :
                HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(error);
        }
        final OrderView order = outcome.order();
        final OrderRequests.Accepted body = new OrderRequests.Accepted(accountId, clientOrderId, order.orderId(),
            order.status());
        return created ? HttpResponse.created(body) : HttpResponse.ok(body);
    }

    /**
     * 409 {@code broker_not_connected} while the account's broker session needs a login (never connected, or its token
     * expired or was refused): the broker would refuse the command. Null when the session is connected, or when the
     * engine has not said where it stands (the broker then answers for itself).
     */
    static HttpResponse<?> brokerNotConnected(final long accountId, final BrokerSessionState state)
    {
        final ApiException refusal = notConnected(accountId, state);
        return refusal == null ? null :
            HttpResponse.status(refusal.status()).body(new ApiError(refusal.code(), refusal.getMessage()));
    }

    /** The 409 of {@link #brokerNotConnected} as an exception to throw; null when the session may take orders. */
    static ApiException notConnected(final long accountId, final BrokerSessionState state)
    {
        return state == null || state == BrokerSessionState.CONNECTED ? null :
            ApiException.brokerNotConnected(accountId, state.name().toLowerCase(Locale.ROOT));
    }
}
