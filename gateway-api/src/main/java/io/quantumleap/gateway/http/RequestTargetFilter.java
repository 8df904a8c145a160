package io.quantumleap.gateway.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * 400 for a request target the gateway does not take, seen in the request line alone, before any later filter reads
 * it: on any path, one {@link MalformedUri} marked as not a URI (its target has been replaced by {@code /}, so no
 * later filter can read the request as sent); on an API path, a path or query parameter holding the NUL character
 * ({@code %00}), which no name, id or time has and PostgreSQL cannot store, before a later filter echoes the path or
 * a parameter name that holds it (a 404, an unknown parameter). Before security, as anyone may be told. Texts in
 * request bodies are refused by {@link StrictJson}.
 *
 * <p>One filter for both, as both are answered from the request line alone and one after the other: a request pays
 * one filter's call, and the NUL check reads the raw path and query without copying them, matching the path against
 * the API's pattern only when it finds one.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestTargetFilter implements Ordered
{
    /** Where a NUL is refused, matched as a filter's own pattern would be. */
    private static final String API = "/api/**";

    @Override
    public int getOrder()
    {
        return FilterOrder.REQUEST_TARGET;
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> filter(final HttpRequest<?> request)
    {
        final String fault = request.getHeaders().get(MalformedUri.HEADER);
        if (fault != null)
        {
            return badRequest(fault);
        }
        final URI uri = request.getUri();
        if (!holdsNul(uri.getRawPath()) && !holdsNul(uri.getRawQuery()) ||
            !FilterPatternStyle.ANT.getPathMatcher().matches(API, request.getPath()))
        {
            return null;
        }
        String where = "the path";
        for (final Map.Entry<String, List<String>> parameter : request.getParameters().asMap().entrySet())
        {
            if (parameter.getKey().indexOf('\0') >= 0 ||
                parameter.getValue().stream().anyMatch(value -> value.indexOf('\0') >= 0))
            {
                where = "query parameter '" + QueryParameterFilter.shown(parameter.getKey().replace('\0', '\uFFFD')) +
                    "'";
                break;
            }
        }
        return badRequest(where + ": the NUL character (%00) is not allowed");
    }

    /** @return whether the raw (still percent-encoded) text holds {@code %00}, which has no letter to be cased. */
    private static boolean holdsNul(@Nullable final String raw)
    {
        return raw != null && raw.contains("%00");
    }

    private static MutableHttpResponse<ApiError> badRequest(final String message)
    {
        return HttpResponse.status(HttpStatus.BAD_REQUEST).body(new ApiError("bad_request", message));
    }
}
