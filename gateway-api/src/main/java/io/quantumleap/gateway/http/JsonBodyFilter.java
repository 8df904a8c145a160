package io.quantumleap.gateway.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteMatch;

import java.util.List;

/**
 * 415 for a body that is not JSON, before the security filter. A request whose Content-Type no route of its method
 * and path takes matches no route at all, which the security filter refuses as 403 (401 at login) before the
 * router could say 415; so the route is looked up here by method and path alone. Only {@code application/json} is
 * JSON here: {@code text/json} or {@code application/json-patch+json} are taken by no route, so they are a 415 too.
 */
@ServerFilter("/api/**")
final class JsonBodyFilter implements Ordered
{
    private final Router router;

    JsonBodyFilter(final Router router)
    {
        this.router = router;
    }

    @Override
    public int getOrder()
    {
        return FilterOrder.JSON_BODY;
    }

    /**
     * @param request a request.
     * @return whether its body is JSON as the API reads it: sent as {@code application/json}, or with no
     * Content-Type at all.
     */
    static boolean isJson(final HttpRequest<?> request)
    {
        final MediaType type = request.getContentType().orElse(null);
        return type == null ? request.getHeaders().get(HttpHeaders.CONTENT_TYPE) == null :
            type.getName().equalsIgnoreCase(MediaType.APPLICATION_JSON);
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> filter(final HttpRequest<?> request)
    {
        final String header = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        final MediaType type = request.getContentType().orElse(null);
        if (header != null && type == null)
        {
            return unsupported("the body must be JSON (Content-Type: application/json), got a Content-Type that " +
                "does not read: " + header.substring(0, Math.min(header.length(), 100)));
        }
        if (type == null)
        {
            return null;
        }
        final String charset = type.getParameters().get("charset").map(JsonBodyFilter::unquoted).orElse(null);
        if (type.getName().equalsIgnoreCase(MediaType.APPLICATION_JSON) && charset != null &&
            !charset.equalsIgnoreCase("utf-8"))
        {
            return unsupported("the body must be JSON in UTF-8, got charset=" +
                charset.substring(0, Math.min(charset.length(), 40)));
        }
        if (type.getName().equalsIgnoreCase(MediaType.APPLICATION_JSON))
        {
            return null;
        }
        final List<UriRouteMatch<Object, Object>> routes =
            router.find(request.getMethod(), request.getPath(), request).toList();
        if (routes.isEmpty() || routes.stream().anyMatch(route -> route.getRouteInfo().doesConsume(type)))
        {
            return null;
        }
        return unsupported("the body must be JSON (Content-Type: application/json), got " + type.getName());
    }

    /** A parameter value as RFC 9110 reads it: {@code "utf-8"} is {@code utf-8}. */
    private static String unquoted(final String value)
    {
        final String trimmed = value.strip();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"") ?
            trimmed.substring(1, trimmed.length() - 1).replaceAll("\\\\(.)", "$1") : trimmed;
    }

    private static MutableHttpResponse<?> unsupported(final String message)
    {
        return HttpResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(new ApiError("unsupported_media_type",
            message));
    }
}
