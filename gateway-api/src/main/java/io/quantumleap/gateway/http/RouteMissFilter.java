package io.quantumleap.gateway.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteMatch;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * 405 for a method an API path does not take, naming those it takes (also in {@code Allow}), and 404 for an API path
 * no route has, before the security filter: it refuses a request that matches no route as 403 (401 without a token),
 * as if the caller's roles were what was wrong. The routes of a path are public (GET /api/openapi.yml), so anyone is
 * told, as with a 415 ({@link JsonBodyFilter}); a route that exists still asks for a token and roles as before.
 * The dashboard's pages, which answer GET on every path, are not routes of the API. An OPTIONS that is not a CORS
 * preflight is answered 204 with the methods of the path in {@code Allow}. {@code /metrics} and {@code /health}, the
 * API's two paths outside {@code /api}, are answered alike ({@code DELETE /metrics} a 405, not a 403).
 */
@ServerFilter({"/api/**", "/metrics", "/health"})
final class RouteMissFilter implements Ordered
{
    private final Router router;

    RouteMissFilter(final Router router)
    {
        this.router = router;
    }

    @Override
    public int getOrder()
    {
        return FilterOrder.ROUTE_MISS;
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> filter(final HttpRequest<?> request)
    {
        // The dashboard's pages match a GET of any path: an API path they match is one no API route has for GET.
        final boolean options = request.getMethod() == HttpMethod.OPTIONS;
        if (options && request.getHeaders().contains(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) ||
            RouteAttributes.getRouteMatch(request)
                .filter(match -> match.getRouteInfo().getDeclaringType() != DashboardController.class).isPresent())
        {
            // A CORS preflight is the CORS filter's to answer, before this one.
            return null;
        }
        final Set<HttpMethod> taken = EnumSet.noneOf(HttpMethod.class);
        for (final UriRouteMatch<Object, Object> route : router.findAny(request))
        {
            if (route.getRouteInfo().getDeclaringType() != DashboardController.class)
            {
                taken.add(route.getRouteInfo().getHttpMethod());
            }
        }
        if (taken.contains(request.getMethod()))
        {
            // The path takes the method, not the body's type: JsonBodyFilter or the router answer.
            return null;
        }
        taken.remove(HttpMethod.HEAD);
        taken.remove(HttpMethod.OPTIONS);
        if (taken.isEmpty())
        {
            return HttpResponse.status(HttpStatus.NOT_FOUND)
                .body(new ApiError("not_found", DashboardController.noSuchPath(request.getPath())));
        }
        final String allowed = taken.stream().map(HttpMethod::name).collect(Collectors.joining(", "));
        if (options)
        {
            return HttpResponse.status(HttpStatus.NO_CONTENT).header(HttpHeaders.ALLOW, allowed + ", OPTIONS");
        }
        return HttpResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
            .header(HttpHeaders.ALLOW, allowed)
            .body(new ApiError("method_not_allowed", request.getMethodName() + " is not allowed on " +
                request.getPath() + "; it takes " + allowed));
    }
}
