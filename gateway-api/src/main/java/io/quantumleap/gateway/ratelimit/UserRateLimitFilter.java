package io.quantumleap.gateway.ratelimit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.quantumleap.gateway.http.FilterOrder;

import java.security.Principal;

/**
 * Per user limit on every authenticated REST request, after authentication has named the user and before the checks
 * of its query and body ({@link FilterOrder#USER_RATE_LIMIT}): a request they would refuse counts too.
 */
@ServerFilter("/api/**")
final class UserRateLimitFilter implements Ordered
{
    private final RateLimits limits;

    UserRateLimitFilter(final RateLimits limits)
    {
        this.limits = limits;
    }

    @Override
    public int getOrder()
    {
        return FilterOrder.USER_RATE_LIMIT;
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> filter(final HttpRequest<?> request)
    {
        final Principal user = request.getUserPrincipal().orElse(null);
        return user == null ? null : limits.checkUser(user.getName());
    }
}
