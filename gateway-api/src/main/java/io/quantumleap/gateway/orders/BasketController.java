package io.quantumleap.gateway.orders;

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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.quantumleap.gateway.audit.Audit;
import io.quantumleap.gateway.audit.AuditEvent;
import io.quantumleap.gateway.auth.AccountAccess;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiErrors;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.http.StrictJson;
import io.quantumleap.gateway.live.InstrumentView;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.persistence.Storage;
import io.quantumleap.persistence.users.BasketItemRow;
import io.quantumleap.persistence.users.BasketRepository;
import io.quantumleap.persistence.users.BasketRow;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.agrona.ExpandableArrayBuffer;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The caller's baskets: named lists of up to {@link #MAX_ITEMS} orders, kept in PostgreSQL, that the broker's basket
 * calculator prices together ({@code POST /api/margins/basket}, {@link OrderMarginController}: the legs that hedge
 * each other need less margin than their sum) and that are placed in one go ({@code POST /api/baskets/{id}/orders}),
 * each order as {@code POST /api/orders} places it. Each item is checked as it is saved, as an order would be.
 */
@Controller("/api")
@Secured("trader")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiErrors.Trader
class BasketController
{
    static final int MAX_BASKETS = 50;
    static final int MAX_ITEMS = 20;
    static final int MAX_NAME = 40;

    /** One order of a basket, as {@code POST /api/orders} takes it, without the account and client order id. */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ItemRequest(
        @NotBlank String exchange,
        @NotBlank String tradingsymbol,
        @NotBlank @Schema(requiredMode = REQUIRED, description = "BUY or SELL") String transactionType,
        @NotBlank @Schema(requiredMode = REQUIRED, description = "MARKET, LIMIT, SL or SL-M") String orderType,
        @NotNull Long quantity,
        @NotBlank @Schema(requiredMode = REQUIRED, description = "CNC, NRML, MIS or MTF") String product,
        @Nullable BigDecimal price,
        @Nullable BigDecimal triggerPrice,
        @Nullable @Schema(description = "regular (the default) or amo") String variety,
        @Nullable @Schema(description = "DAY (the default) or IOC") String validity,
        @Nullable @Schema(description = "MARKET and SL-M: how far from the last price in percent the fill may go " +
            "(1 to 100), or -1 (the default) for the broker's automatic; ignored for LIMIT and SL")
        Integer marketProtection)
    {
        OrderRequests.Place order()
        {
            return new OrderRequests.Place(null, null, exchange, tradingsymbol, transactionType, orderType,
                quantity, product, price, triggerPrice, null, validity, null, variety, marketProtection, null, null,
                null, null, null);
        }
    }

    /** One order of a basket as stored, with the instrument's token. */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Item(
        String exchange,
        String tradingsymbol,
        long instrumentToken,
        String transactionType,
        String orderType,
        long quantity,
        String product,
        @Schema(requiredMode = REQUIRED, description = "null for MARKET and SL-M") @Nullable BigDecimal price,
        @Schema(requiredMode = REQUIRED, description = "null unless SL or SL-M") @Nullable BigDecimal triggerPrice,
        @Schema(requiredMode = REQUIRED, description = "regular or amo") String variety,
        @Schema(requiredMode = REQUIRED, description = "DAY or IOC") String validity,
        @Schema(requiredMode = REQUIRED, description = "MARKET and SL-M: percent, or -1 for the broker's " +
            "automatic; null otherwise") @Nullable Integer marketProtection)
    {
        static Item of(final BasketItemRow row)
        {
            return new Item(row.exchange(), row.tradingsymbol(), row.instrumentToken(), row.transactionType(),
                row.orderType(), row.quantity(), row.product(), row.price(), row.triggerPrice(), row.variety(),
                row.validity(), row.marketProtection());
        }

        ItemRequest request()
        {
            return new ItemRequest(exchange, tradingsymbol, transactionType, orderType, quantity, product, price,
                triggerPrice, variety, validity, marketProtection);
        }
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Basket(long id, String name, Instant createdAt, Instant updatedAt, List<Item> items)
    {
        static Basket of(final BasketRow row)
        {
            return new Basket(row.id(), row.name(), row.createdAt(), row.updatedAt(),
                row.items().stream().map(Item::of).toList());
        }
    }

    /** A basket's name (unique per user, whatever its case) and its orders, in the order they are listed. */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Save(
        @NotBlank String name,
        @Nullable @Serdeable.Deserializable(using = StrictJson.Lists.class) List<@NotNull @Valid ItemRequest> items)
    {
    }

    /** The optional body of placing a basket: the account to place it for, as POST /api/orders takes it. */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Placing(@Nullable @Schema(description = "the account to place for; or ?account_id=, or none when the " +
        "caller has one account") Long accountId)
    {
    }

    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Deleted(long id)
    {
    }

    /**
     * What became of one order of a basket: {@code item} is its place in the basket (from 0), {@code http_status}
     * what {@code POST /api/orders} would have answered, with the order's ids and status when the engine took it or
     * the {@code error} and {@code message} when it was refused.
     */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PlacedOrder(
        int item,
        String exchange,
        String tradingsymbol,
        String transactionType,
        long quantity,
        int httpStatus,
        @Schema(requiredMode = REQUIRED) @Nullable Long clientOrderId,
        @Schema(requiredMode = REQUIRED) @Nullable String orderId,
        @Schema(requiredMode = REQUIRED, description = "the order's status (PENDING until the broker answers); " +
            "null when refused") @Nullable String status,
        @Schema(requiredMode = REQUIRED) @Nullable String error,
        @Schema(requiredMode = REQUIRED) @Nullable String message)
    {
    }

    /** A basket placed: each order in the order it was sent (buys first), how many the engine took and refused. */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Placement(long basketId, long accountId, int placed, int refused, List<PlacedOrder> orders)
    {
    }

    private final Storage storage;
    private final LiveState live;
    private final AccountAccess access;
    private final OrderDesk desk;
    private final Audit audit;
    private final Clock clock = Clock.systemUTC();

    BasketController(final Storage storage, final LiveState live, final AccountAccess access, final OrderDesk desk,
        final Audit audit)
    {
        this.storage = storage;
        this.live = live;
        this.access = access;
        this.desk = desk;
        this.audit = audit;
    }

    /** @return the caller's baskets, newest first, each with its orders. */
    @Get("/baskets")
    List<Basket> baskets(final Authentication auth)
    {
        return storage.baskets().ofUser(Audit.requireUserId(auth)).stream().map(Basket::of).toList();
    }

    @Get("/baskets/{id}")
    @ApiResponse(responseCode = "200", description = "the basket",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = Basket.class)))
    @ApiResponse(responseCode = "404", description = "not_found: the caller has no such basket",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    Basket basket(@PathVariable final long id, final Authentication auth)
    {
        return Basket.of(find(auth, id));
    }

    @Post("/baskets")
    @ApiResponse(responseCode = "201", description = "the basket as stored",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = Basket.class)))
    @ApiResponse(responseCode = "400", description = "bad_request: the message names the field (a name longer " +
        "than " + MAX_NAME + " characters, more than " + MAX_ITEMS + " orders, an order POST /api/orders would " +
        "not take, as items[i].field); nothing is stored; or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "name_taken: the caller has a basket of that name; " +
        "too_many_baskets: the caller has " + MAX_BASKETS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> create(@Body @Valid final Save request, final Authentication auth)
    {
        final Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", request.name());
        return audit.answer(auth, AuditEvent.BASKET_CREATE, detail, () ->
        {
            final String name = name(request.name());
            final List<BasketItemRow> items = items(live, request.items());
            detail.put("orders", items.size());
            final UUID user = Audit.requireUserId(auth);
            final BasketRow row =
                stored(() -> storage.baskets().create(user, name, items, clock.instant(), MAX_BASKETS));
            detail.put("id", row.id());
            return HttpResponse.created(Basket.of(row));
        });
    }

    @Put("/baskets/{id}")
    @ApiResponse(responseCode = "200", description = "the basket as changed: its name and all its orders replaced",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = Basket.class)))
    @ApiResponse(responseCode = "400", description = "bad_request: the message names the field; nothing is " +
        "changed; or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "not_found: the caller has no such basket",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "name_taken: another basket of the caller's has that name",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> change(@PathVariable final long id, @Body @Valid final Save request, final Authentication auth)
    {
        final Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("id", id);
        detail.put("name", request.name());
        return audit.answer(auth, AuditEvent.BASKET_MODIFY, detail, () ->
        {
            final String name = name(request.name());
            final List<BasketItemRow> items = items(live, request.items());
            detail.put("orders", items.size());
            final UUID user = Audit.requireUserId(auth);
            final BasketRow row = stored(() -> storage.baskets().update(user, id, name, items, clock.instant())
                .orElseThrow(() -> noBasket(id)));
            return HttpResponse.ok(Basket.of(row));
        });
    }

    @Delete("/baskets/{id}")
    @ApiResponse(responseCode = "200", description = "deleted",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = Deleted.class)))
    @ApiResponse(responseCode = "404", description = "not_found: the caller has no such basket",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> delete(@PathVariable final long id, final Authentication auth)
    {
        final Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("id", id);
        return audit.answer(auth, AuditEvent.BASKET_DELETE, detail, () ->
        {
            if (!storage.baskets().delete(Audit.requireUserId(auth), id))
            {
                throw noBasket(id);
            }
            return HttpResponse.ok(new Deleted(id));
        });
    }

    @Post("/baskets/{id}/orders")
    @ApiResponse(responseCode = "200", description = "every order of the basket was sent to the engine, buys " +
        "first (their cover is in place before the sells need margin), each as POST /api/orders places it, and is " +
        "reported with its answer (those refused, by the engine's risk checks or as no longer valid, among them)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = Placement.class)))
    @ApiResponse(responseCode = "400", description = "bad_request: the basket has no orders, or account_id is " +
        "needed; nothing was sent; or " + ApiErrors.QUERY_FAULTS,
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "404", description = "not_found: the caller has no such basket",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "broker_not_connected: the account needs a broker login; " +
        "nothing was sent",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = "engine_unavailable: the engine is not taking commands right " +
        "now; or interrupted: the server is shutting down",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    HttpResponse<?> place(
        @PathVariable final long id, @Nullable @Body final Placing request,
        @Nullable @QueryValue("account_id") final Long accountParam, final Authentication auth)
    {
        final Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("basket_id", id);
        return audit.answer(auth, AuditEvent.BASKET_PLACE, detail, () ->
        {
            final long accountId = access.resolve(auth, request == null ? null : request.accountId(), accountParam);
            detail.put("account_id", accountId);
            final BasketRow basket = find(auth, id);
            if (basket.items().isEmpty())
            {
                throw ApiException.badRequest("basket " + id + " has no orders to place; add one first");
            }
            final ApiException notConnected = OrdersController.notConnected(accountId, live.brokerSession(accountId));
            if (notConnected != null)
            {
                throw notConnected;
            }
            final List<Integer> sequence = IntStream.range(0, basket.items().size()).boxed()
                .sorted(Comparator.comparingInt((Integer i) -> "BUY".equals(basket.items().get(i).transactionType()) ?
                    0 : 1)).toList();
            final List<PlacedOrder> placed = new ArrayList<>();
            for (final int i : sequence)
            {
                placed.add(placeOne(auth, accountId, id, i, basket.items().get(i)));
            }
            final int taken = (int)placed.stream().filter((p) -> p.httpStatus() < 300).count();
            detail.put("placed", taken);
            detail.put("refused", placed.size() - taken);
            return HttpResponse.ok(new Placement(id, accountId, taken, placed.size() - taken, placed));
        });
    }

    private PlacedOrder placeOne(
        final Authentication auth, final long accountId, final long basketId, final int index, final BasketItemRow row)
    {
        final Item item = Item.of(row);
        final HttpResponse<?> answer =
            desk.place(auth, accountId, null, item.request().order(), Map.of("basket_id", basketId));
        final Object body = answer.body();
        final OrderRequests.Accepted accepted = body instanceof OrderRequests.Accepted a ? a : null;
        final ApiError error = body instanceof ApiError e ? e : null;
        return new PlacedOrder(index, row.exchange(), row.tradingsymbol(), row.transactionType(), row.quantity(),
            answer.code(), accepted == null ? null : accepted.clientOrderId(),
            accepted == null ? null : accepted.orderId(), accepted == null ? null : accepted.status(),
            error == null ? null : error.error(), error == null ? null : error.message());
    }

    private BasketRow find(final Authentication auth, final long id)
    {
        return storage.baskets().find(Audit.requireUserId(auth), id).orElseThrow(() -> noBasket(id));
    }

    /** An item checked as {@code POST /api/orders} would check the order, with the instrument it names. */
    private record Checked(InstrumentView instrument, String variety, String validity)
    {
    }

    private static Checked checked(final LiveState live, final int index, final ItemRequest request)
    {
        final String field = "items[" + index + "].";
        try
        {
            final String variety = request.variety() == null ? "regular" :
                request.variety().trim().toLowerCase(Locale.ROOT);
            if (!"regular".equals(variety) && !"amo".equals(variety))
            {
                throw ApiException.badRequest("variety: '" + request.variety() + "' is not one a basket holds: " +
                    "regular or amo");
            }
            final String validity = request.validity() == null ? "DAY" :
                request.validity().trim().toUpperCase(Locale.ROOT);
            if (!"DAY".equals(validity) && !"IOC".equals(validity))
            {
                throw ApiException.badRequest("validity: '" + request.validity() + "' is not one a basket holds: " +
                    "DAY or IOC");
            }
            if (request.quantity() <= 0)
            {
                throw ApiException.badRequest("quantity: must be greater than 0");
            }
            final OrderRequests.Place order = request.order();
            final InstrumentView instrument = OrdersController.tradable(live, order);
            try
            {
                new OrderCommandEncoder().encodePlace(new ExpandableArrayBuffer(256), 0, 1, 1, instrument, order);
            }
            catch (final IllegalArgumentException ex)
            {
                throw ApiException.badRequest(ex.getMessage());
            }
            InstrumentUnits.order(request.quantity(), request.orderType(), request.price(), request.triggerPrice(),
                instrument);
            return new Checked(instrument, variety, validity);
        }
        catch (final ApiException ex)
        {
            throw ApiException.badRequest(field + ex.getMessage());
        }
    }

    /**
     * The items as stored, each checked as {@code POST /api/orders} would check the order (a 400 names
     * {@code items[i].field}); none for null.
     */
    static List<BasketItemRow> items(final LiveState live, final List<ItemRequest> requests)
    {
        if (requests == null)
        {
            return List.of();
        }
        if (requests.size() > MAX_ITEMS)
        {
            throw ApiException.badRequest("items: " + requests.size() + " orders; a basket holds at most " +
                MAX_ITEMS);
        }
        final List<BasketItemRow> rows = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++)
        {
            final ItemRequest r = requests.get(i);
            final Checked c = checked(live, i, r);
            final String orderType = OrdersController.upper(r.orderType().trim());
            final boolean market = "MARKET".equals(orderType) || "SL-M".equals(orderType);
            rows.add(new BasketItemRow(c.instrument().instrumentToken(), c.instrument().exchange(),
                c.instrument().tradingsymbol(), OrdersController.upper(r.transactionType().trim()), orderType,
                OrdersController.upper(r.product().trim()), c.variety(), c.validity(), r.quantity(),
                "LIMIT".equals(orderType) || "SL".equals(orderType) ? r.price() : null,
                "SL".equals(orderType) || "SL-M".equals(orderType) ? r.triggerPrice() : null,
                market ? (r.marketProtection() == null ? -1 : r.marketProtection()) : null));
        }
        return rows;
    }

    private static String name(final String name)
    {
        final String n = name.strip();
        if (n.length() > MAX_NAME)
        {
            throw ApiException.badRequest("name: " + n.length() + " characters; at most " + MAX_NAME);
        }
        return n;
    }

    private static BasketRow stored(final Supplier<BasketRow> store)
    {
        try
        {
            return store.get();
        }
        catch (final BasketRepository.Conflict ex)
        {
            throw new ApiException(HttpStatus.CONFLICT, ex.reason(), ex.getMessage());
        }
    }

    private static ApiException noBasket(final long id)
    {
        return ApiException.notFound("you have no basket " + id);
    }

}
