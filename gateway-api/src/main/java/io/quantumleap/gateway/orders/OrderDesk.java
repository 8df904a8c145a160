package io.quantumleap.gateway.orders;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import io.quantumleap.engine.kite.rest.FreezeLimits;
import io.quantumleap.gateway.audit.Audit;
import io.quantumleap.gateway.audit.AuditEvent;
import io.quantumleap.gateway.auth.AccountAccess;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.live.EngineCommands;
import io.quantumleap.gateway.live.InstrumentView;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.live.OrderView;
import jakarta.inject.Singleton;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Sends order commands into the engine's ring and answers with what the engine made of them, as {@code /api/orders}
 * documents it: 201 or 200 when it took the command, 422 when it refused it, 202 when it did not answer in time, 409
 * while the account's broker session needs a login. Every order request that reaches it is written to the audit
 * trail with its answer, including those refused before the engine (an account not the caller's, an unknown
 * instrument, terms the encoder refuses, an engine not taking commands), with the refusal's {@code error} and
 * {@code message}.
 */
@Singleton
class OrderDesk
{
    /** The most orders one autoslice places, as on Kite (MARKET.md: at most 10 child orders). */
    static final int MAX_SLICES = 10;

    private final LiveState live;
    private final EngineCommands engine;
    private final ClientOrderIds ids;
    private final AccountAccess access;
    private final Audit audit;

    OrderDesk(
        final LiveState live, final EngineCommands engine, final ClientOrderIds ids, final AccountAccess access,
        final Audit audit)
    {
        this.live = live;
        this.engine = engine;
        this.ids = ids;
        this.access = access;
        this.audit = audit;
    }

    /**
     * Places a new order, as {@code POST /api/orders} does.
     *
     * @param inBody  the account the body names, or null.
     * @param inQuery the account the query names, or null.
     * @param more    what the audit entry says besides the order (such as the basket it came from).
     */
    HttpResponse<?> place(
        final Authentication auth, final Long inBody, final Long inQuery, final OrderRequests.Place request,
        final Map<String, Object> more)
    {
        final Map<String, Object> detail = new LinkedHashMap<>(more);
        detail.put("account_id", inBody != null ? inBody : inQuery);
        detail.put("client_order_id", request.clientOrderId());
        detail.put("exchange", OrdersController.upper(request.exchange()));
        detail.put("tradingsymbol", OrdersController.upper(request.tradingsymbol()));
        detail.put("transaction_type", OrdersController.upper(request.transactionType()));
        detail.put("order_type", OrdersController.upper(request.orderType()));
        detail.put("product", OrdersController.upper(request.product()));
        detail.put("variety", request.variety() == null ? "regular" : request.variety().toLowerCase(Locale.ROOT));
        detail.put("quantity", request.quantity());
        detail.put("price", request.price());
        detail.put("trigger_price", request.triggerPrice());
        return audit.answer(auth, AuditEvent.ORDER_PLACE, detail, () ->
        {
            final long accountId = access.resolve(auth, inBody, inQuery);
            detail.put("account_id", accountId);
            final InstrumentView instrument = OrdersController.tradable(live, request);
            detail.put("instrument_token", instrument.instrumentToken());
            final long clientOrderId = request.clientOrderId() == null ? ids.next() : request.clientOrderId();
            detail.put("client_order_id", clientOrderId);
            final OrderCommandEncoder encoder = new OrderCommandEncoder();
            return send(accountId, clientOrderId, instrument.instrumentToken(),
                (buffer, nowNs) -> encoder.encodePlace(buffer, nowNs, accountId, clientOrderId, instrument, request),
                true, detail);
        });
    }

    /**
     * Places an order with {@code autoslice}, as Kite's {@code autoslice=true} does: as orders of at most the most one
     * order of the instrument may carry (floor(freeze / lot) x lot), at most {@value #MAX_SLICES} of them, the last
     * taking what is left; each is placed, and written to the audit trail, as {@link #place} places one, and each
     * stands on its own (one refused, the others are still placed). An order within the limit is placed whole.
     *
     * @return 201 with the orders ({@link OrderRequests.Sliced}) when the engine took at least one; else the first
     *     one's refusal, as {@code POST /api/orders} answers it; 400 when the order cannot be sliced at all.
     */
    HttpResponse<?> placeSliced(
        final Authentication auth, final Long inBody, final Long inQuery, final OrderRequests.Place request)
    {
        final long[] slices;
        final long most;
        try
        {
            if (request.clientOrderId() != null)
            {
                throw ApiException.badRequest("client_order_id: names one order, and autoslice may place several: " +
                    "leave it out (each order gets its own) or place the order without autoslice");
            }
            final String variety = request.variety() == null ? "regular" :
                request.variety().trim().toLowerCase(Locale.ROOT);
            if (!"regular".equals(variety) && !"amo".equals(variety))
            {
                throw ApiException.badRequest("autoslice: slices regular and amo orders, not " + variety + " ones" +
                    ("iceberg".equals(variety) ? " (an iceberg order's legs are each held to the freeze quantity " +
                    "already)" : ""));
            }
            final InstrumentView instrument = OrdersController.tradable(live, request);
            most = FreezeLimits.maxOrderQty(instrument.freezeQuantity(), instrument.lotSize());
            slices = slices(request.quantity(), most, instrument);
        }
        catch (final ApiException ex)
        {
            final Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("account_id", inBody != null ? inBody : inQuery);
            detail.put("exchange", OrdersController.upper(request.exchange()));
            detail.put("tradingsymbol", OrdersController.upper(request.tradingsymbol()));
            detail.put("quantity", request.quantity());
            detail.put("autoslice", true);
            return audit.answer(auth, AuditEvent.ORDER_PLACE, detail, () ->
            {
                throw ex;
            });
        }
        final List<OrderRequests.Slice> orders = new ArrayList<>(slices.length);
        HttpResponse<?> firstRefusal = null;
        long accountId = -1;
        for (int i = 0; i < slices.length; i++)
        {
            final HttpResponse<?> answer = place(auth, inBody, inQuery, request.slice(slices[i]),
                Map.of("autoslice", (i + 1) + " of " + slices.length));
            final Object body = answer.body();
            final OrderRequests.Accepted accepted = body instanceof OrderRequests.Accepted a ? a : null;
            final ApiError error = body instanceof ApiError e ? e : null;
            if (accepted != null && accountId < 0)
            {
                accountId = accepted.accountId();
            }
            if (accepted == null && firstRefusal == null)
            {
                firstRefusal = answer;
            }
            orders.add(new OrderRequests.Slice(slices[i], answer.code(),
                accepted == null ? null : accepted.clientOrderId(), accepted == null ? null : accepted.orderId(),
                accepted == null ? null : accepted.status(), error == null ? null : error.error(),
                error == null ? null : error.message()));
        }
        if (accountId < 0)
        {
            return firstRefusal;
        }
        final int placed = (int)orders.stream().filter((o) -> o.clientOrderId() != null).count();
        return HttpResponse.created(new OrderRequests.Sliced(accountId, request.quantity(),
            most == Long.MAX_VALUE ? null : most, placed, orders.size() - placed, orders));
    }

    /** The quantities an autoslice places; else a 400 saying why the order cannot be sliced. */
    static long[] slices(final long quantity, final long most, final InstrumentView instrument)
    {
        if (quantity <= most || most == 0 || (instrument.lotSize() > 1 && quantity % instrument.lotSize() != 0))
        {
            // Within the limit; or not whole lots, or a freeze quantity below one lot, which no order can meet: the
            // engine refuses it whole with its reason.
            return new long[] {quantity};
        }
        final long count = (quantity + most - 1) / most;
        if (count > MAX_SLICES)
        {
            throw ApiException.badRequest("quantity: " + quantity + " would take " + count + " orders of at most " +
                most + " (" + instrument.exchange() + ":" + instrument.tradingsymbol() + "'s freeze quantity " +
                instrument.freezeQuantity() + (instrument.lotSize() > 1 ? " in lots of " + instrument.lotSize() : "") +
                "), and autoslice places at most " + MAX_SLICES + ": at most " + MAX_SLICES * most + " at once");
        }
        final long[] slices = new long[(int)count];
        Arrays.fill(slices, most);
        slices[slices.length - 1] = quantity - most * (count - 1);
        return slices;
    }

    /**
     * Modifies or cancels one of the caller's orders, as {@code PUT} and {@code DELETE /api/orders/{id}} do.
     *
     * @param action  the audit entry's event type, e.g. {@link AuditEvent#ORDER_MODIFY}.
     * @param id      the order's broker id or client order id, as the path names it.
     * @param inQuery the account the query names, or null.
     * @param command what the audit entry says of the order and the command to send, from the order's latest state.
     */
    HttpResponse<?> change(
        final Authentication auth, final AuditEvent action, final String id, final Long inQuery, final Change command)
    {
        final Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("account_id", inQuery);
        detail.put("order_id", id);
        return audit.answer(auth, action, detail, () ->
        {
            final long accountId = access.resolve(auth, inQuery);
            detail.put("account_id", accountId);
            final OrderView order = latest(accountId, id);
            detail.put("client_order_id", order.clientOrderId());
            final CommandEncoding encoding = command.describe(accountId, order, detail);
            return send(accountId, order.clientOrderId(), order.instrumentToken(), encoding, false, detail);
        });
    }

    /** The order's latest state; else 404 naming the id. */
    private OrderView latest(final long accountId, final String id)
    {
        final List<OrderView> history = live.orderHistory(accountId, id);
        if (history.isEmpty())
        {
            throw ApiException.notFound("order_id: no order '" + id + "' in account " + accountId);
        }
        return history.get(history.size() - 1);
    }

    /**
     * Sends one order command, unless the account's broker session needs a login, and adds the broker's order id the
     * engine answered with to {@code detail} when it has none yet.
     *
     * @param created whether the command places a new order (201) or changes one (200).
     */
    private HttpResponse<?> send(
        final long accountId, final long clientOrderId, final long instrumentToken, final CommandEncoding encode,
        final boolean created, final Map<String, Object> detail)
    {
        final ApiException notConnected = OrdersController.notConnected(accountId, live.brokerSession(accountId));
        if (notConnected != null)
        {
            throw notConnected;
        }
        final HttpResponse<?> response = send(accountId, clientOrderId, instrumentToken, encode, created);
        if (detail.get("order_id") == null && response.body() instanceof OrderRequests.Accepted accepted &&
            accepted.orderId() != null)
        {
            detail.put("order_id", accepted.orderId());
        }
        return response;
    }

    private HttpResponse<?> send(
        final long accountId, final long clientOrderId, final long instrumentToken, final CommandEncoding encode,
        final boolean created)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final long timestampNs = engine.nowNs();
        final int length;
        try
        {
            length = encode.encode(buffer, timestampNs);
        }
        catch (final IllegalArgumentException ex)
        {
            throw ApiException.badRequest(ex.getMessage());
        }
        final CompletableFuture<LiveState.Outcome> answer = live.awaitOutcome(accountId, clientOrderId, timestampNs);
        try
        {
            if (!engine.publish(buffer, 0, length))
            {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "engine_unavailable",
                    "the engine is not taking commands right now; try again");
            }
            return OrdersController.answer(accountId, clientOrderId, instrumentToken,
                ApiException.awaitEngine(answer, OrdersController.ENGINE_ANSWER_TIMEOUT), created);
        }
        catch (final TimeoutException ex)
        {
            return OrdersController.answer(accountId, clientOrderId, instrumentToken, null, created);
        }
        finally
        {
            live.forget(accountId, clientOrderId);
        }
    }

    /** What a change of an existing order says in the audit entry, and the command it sends. */
    @FunctionalInterface
    interface Change
    {
        /**
         * @param detail the audit entry's detail, to add the order's terms and the change to.
         * @return the command's encoding.
         */
        CommandEncoding describe(long accountId, OrderView order, Map<String, Object> detail);
    }

    @FunctionalInterface
    interface CommandEncoding
    {
        int encode(ExpandableArrayBuffer buffer, long timestampNs);
    }
}
