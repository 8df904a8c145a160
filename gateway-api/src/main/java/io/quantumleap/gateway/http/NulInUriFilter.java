package io.quantumleap.gateway.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * 400 for an API path or query parameter holding the NUL character ({@code %00}), which no name, id or time has and
 * PostgreSQL cannot store, before anything reads it. Texts in request bodies are refused by {@link StrictJson}.
 */
@ServerFilter("/api/**")
final class NulInUriFilter implements Ordered
{
    @Override
    public int getOrder()
    {
        return FilterOrder.NUL_IN_URI;
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> filter(final HttpRequest<?> request)
    {
        final String raw = request.getUri().getRawPath() + "?" + request.getUri().getRawQuery();
        if (!raw.toLowerCase(Locale.ROOT).contains("%00"))
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
        return HttpResponse.status(HttpStatus.BAD_REQUEST).body(new ApiError("bad_request",
            where + ": the NUL character (%00) is not allowed"));
    }
}
