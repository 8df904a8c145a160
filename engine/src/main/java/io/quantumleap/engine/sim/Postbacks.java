package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kite's postback webhook: a raw JSON POST to the app's postback URL when an order completes, is rejected or
 * cancelled, or is updated (modified or partly filled). Sent asynchronously; failures are counted, never retried.
 */
final class Postbacks
{
    private final URI url;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong failures = new AtomicLong();

    Postbacks(final String url)
    {
        this.url = URI.create(url);
    }

    /**
     * Kite posts COMPLETE, REJECTED, CANCELLED and UPDATE (modified or partly filled), not transient states. A
     * modification is posted with its new terms: the state after MODIFIED (OPEN, TRIGGER PENDING, or AMO REQ RECEIVED
     * for a queued AMO), whose snapshot has them; MODIFIED's own still has the old ones.
     */
    static boolean isPostbackStatus(final Order order, final ObjectNode snapshot)
    {
        final String status = snapshot.get("status").asText();
        return Order.COMPLETE.equals(status) || Order.REJECTED.equals(status) || Order.CANCELLED.equals(status) ||
            followsModified(order, snapshot) ||
            Order.OPEN.equals(status) && order.filledQuantity > 0;
    }

    private static boolean followsModified(final Order order, final ObjectNode snapshot)
    {
        final int last = order.history.size() - 1;
        return last > 0 && order.history.get(last) == snapshot &&
            Order.MODIFIED.equals(order.history.get(last - 1).get("status").asText());
    }

    /**
     * @return the postback's status: the order's own when it is final, UPDATE for a modification or a partial fill,
     * as Kite documents it (the WebSocket's order message keeps the order's status).
     */
    static String postbackStatus(final String status)
    {
        return Order.COMPLETE.equals(status) || Order.REJECTED.equals(status) || Order.CANCELLED.equals(status) ?
            status : "UPDATE";
    }

    void post(final String json)
    {
        final HttpRequest request = HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) ->
        {
            if (error != null || response.statusCode() >= 300)
            {
                failures.incrementAndGet();
            }
        });
    }

    long failures()
    {
        return failures.get();
    }
}
