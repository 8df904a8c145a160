package io.quantumleap.gateway.orders;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import io.quantumleap.gateway.audit.Audit;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.gateway.live.EngineCommands;
import io.quantumleap.gateway.live.InstrumentView;
import io.quantumleap.gateway.live.LiveState;
import jakarta.inject.Singleton;
import org.agrona.ExpandableArrayBuffer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Sends order commands into the engine's ring and answers with what the engine made of them, as {@code /api/orders}
 * documents it: 201 or 200 when it took the command, 422 when it refused it, 202 when it did not answer in time, 409
 * while the account's broker session needs a login. Every command is written to the audit trail with its answer.
 */
@Singleton
class OrderDesk
{
    private final LiveState live;
    private final EngineCommands engine;
    private final ClientOrderIds ids;
    private final Audit audit;

    OrderDesk(final LiveState live, final EngineCommands engine, final ClientOrderIds ids, final Audit audit)
    {
        this.live = live;
        this.engine = engine;
        this.ids = ids;
        this.audit = audit;
    }

    /**
     * Places a new order in the account, as {@code POST /api/orders} does.
     *
     * @param accountId the account, one the caller may trade.
     * @param more      what the audit entry says besides the order (such as the basket it came from).
     */
    HttpResponse<?> place(
        final Authentication auth, final long accountId, final OrderRequests.Place request,
        final Map<String, Object> more)
    {
        final InstrumentView instrument = OrdersController.tradable(live, request);
        final long clientOrderId = request.clientOrderId() == null ? ids.next() : request.clientOrderId();
        final OrderCommandEncoder encoder = new OrderCommandEncoder();
        final Map<String, Object> detail = new LinkedHashMap<>(more);
        detail.put("exchange", instrument.exchange());
        detail.put("tradingsymbol", instrument.tradingsymbol());
        detail.put("transaction_type", OrdersController.upper(request.transactionType()));
        detail.put("order_type", OrdersController.upper(request.orderType()));
        detail.put("product", OrdersController.upper(request.product()));
        detail.put("variety", request.variety() == null ? "regular" : request.variety().toLowerCase(Locale.ROOT));
        detail.put("quantity", request.quantity());
        detail.put("price", request.price());
        detail.put("trigger_price", request.triggerPrice());
        return send(auth, "order_place", accountId, clientOrderId, instrument.instrumentToken(),
            (buffer, nowNs) -> encoder.encodePlace(buffer, nowNs, accountId, clientOrderId, instrument, request), true,
            detail);
    }

    /**
     * Sends one order command and writes the audit entry.
     *
     * @param action  the audit entry's event type, e.g. {@code order_modify}.
     * @param created whether the command places a new order (201) or changes one (200).
     * @param order   what the audit entry says of the order.
     */
    HttpResponse<?> send(
        final Authentication auth, final String action, final long accountId, final long clientOrderId,
        final long instrumentToken, final CommandEncoding encode, final boolean created,
        final Map<String, Object> order)
    {
        final HttpResponse<?> notConnected =
            OrdersController.brokerNotConnected(accountId, live.brokerSession(accountId));
        final HttpResponse<?> response = notConnected != null ? notConnected :
            send(accountId, clientOrderId, instrumentToken, encode, created);
        final Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("account_id", accountId);
        detail.put("client_order_id", clientOrderId);
        if (!order.containsKey("order_id") && response.body() instanceof OrderRequests.Accepted accepted &&
            accepted.orderId() != null)
        {
            detail.put("order_id", accepted.orderId());
        }
        detail.putAll(order);
        detail.put("http_status", response.code());
        audit.record(Audit.userId(auth), action, detail);
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

    @FunctionalInterface
    interface CommandEncoding
    {
        int encode(ExpandableArrayBuffer buffer, long timestampNs);
    }
}
