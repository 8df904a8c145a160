package io.quantumleap.gateway.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;

import java.util.List;
import java.util.Map;

/**
 * 400 for a query parameter given more than once to a route that takes one value of it
 * ({@code ?account_id=1&account_id=2}), naming it, for every route at once: the binder would otherwise join the values
 * into one text ({@code NSE,BSE}) or fail to read them as a number and quote them as a list ({@code '[1, 2]'}). A
 * parameter the route takes as a list ({@code i} of {@code /api/quotes}) may come any number of times. Runs after the
 * security filter, as the route's own refusals of its parameters do.
 */
@ServerFilter("/api/**")
final class RepeatedQueryValueFilter implements Ordered
{
    @Override
    public int getOrder()
    {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> filter(final HttpRequest<?> request)
    {
        final Map<String, List<String>> parameters = request.getParameters().asMap();
        if (parameters.values().stream().allMatch(values -> values.size() < 2) ||
            !(RouteAttributes.getRouteMatch(request).orElse(null) instanceof MethodBasedRouteMatch<?, ?> route))
        {
            return null;
        }
        for (final Argument<?> argument : route.getArguments())
        {
            if (!argument.getAnnotationMetadata().hasStereotype(QueryValue.class) || takesMany(argument))
            {
                continue;
            }
            final String name = argument.getAnnotationMetadata().stringValue(Bindable.class)
                .filter(value -> !value.isBlank()).orElse(argument.getName());
            final List<String> values = parameters.get(name);
            if (values != null && values.size() > 1)
            {
                return HttpResponse.status(HttpStatus.BAD_REQUEST).body(new ApiError("bad_request", name +
                    ": given " + (values.size() == 2 ? "twice" : values.size() + " times") + "; give it once"));
            }
        }
        return null;
    }

    private static boolean takesMany(final Argument<?> argument)
    {
        final Argument<?> value = argument.isOptional() ? argument.getFirstTypeVariable().orElse(argument) : argument;
        final Class<?> type = value.getType();
        return type.isArray() || Iterable.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type);
    }
}
