package io.quantumleap.gateway.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/** 400 for a request {@link MalformedUri} marked: its target was not a URI. Before security, as anyone may be told. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class MalformedUriFilter implements Ordered
{
    @Override
    public int getOrder()
    {
        return FilterOrder.MALFORMED_URI;
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> filter(final HttpRequest<?> request)
    {
        final String fault = request.getHeaders().get(MalformedUri.HEADER);
        return fault == null ? null :
            HttpResponse.status(HttpStatus.BAD_REQUEST).body(new ApiError("bad_request", fault));
    }
}
