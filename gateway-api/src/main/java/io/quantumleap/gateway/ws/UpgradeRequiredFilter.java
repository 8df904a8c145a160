package io.quantumleap.gateway.ws;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.FilterOrder;

/**
 * 426 for a request to {@code /ws} that is not a WebSocket handshake (a browser's or curl's plain GET), saying how to
 * connect, instead of the framework's complaint about a missing session argument.
 */
@ServerFilter("/ws")
final class UpgradeRequiredFilter implements Ordered
{
    @Override
    public int getOrder()
    {
        return FilterOrder.UPGRADE_REQUIRED;
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> filter(final HttpRequest<?> request)
    {
        final String upgrade = request.getHeaders().get(HttpHeaders.UPGRADE);
        if (upgrade != null && upgrade.equalsIgnoreCase("websocket"))
        {
            return null;
        }
        return HttpResponse.status(HttpStatus.UPGRADE_REQUIRED).header(HttpHeaders.UPGRADE, "websocket")
            .body(new ApiError("upgrade_required", "/ws is a WebSocket: connect with a WebSocket client " +
                "(Upgrade: websocket) to ws://<host>/ws?token=<JWT>, then send Kite's messages " +
                "({\"a\":\"mode\",\"v\":[\"full\",[408065]]})"));
    }
}
