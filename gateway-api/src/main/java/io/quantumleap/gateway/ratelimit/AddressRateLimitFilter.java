package io.quantumleap.gateway.ratelimit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.quantumleap.gateway.http.FilterOrder;

/**
 * Per client address limit on every REST request, before authentication: a flood is refused before it costs a
 * token check.
 */
@ServerFilter("/api/**")
final class AddressRateLimitFilter implements Ordered
{
    private final RateLimits limits;

    AddressRateLimitFilter(final RateLimits limits)
    {
        this.limits = limits;
    }

    @Override
    public int getOrder()
    {
        return FilterOrder.ADDRESS_RATE_LIMIT;
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> filter(final HttpRequest<?> request)
    {
        return limits.checkAddress(request.getRemoteAddress().getAddress().getHostAddress());
    }
}
