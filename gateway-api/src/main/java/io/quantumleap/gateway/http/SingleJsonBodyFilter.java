package io.quantumleap.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.io.IOException;
/**
 * A JSON body is one JSON value and nothing after it but white space: {@code {"quantity":1}{"quantity":2}} or
 * {@code {...} garbage} is a 400 naming where the extra content starts, not the first object taken and the rest
 * dropped (the JSON reader stops after the first value). Runs after the security filter, so a caller without the
 * right learns nothing from it; the body it reads is the one the controller then gets.
 */
@ServerFilter("/api/**")
final class SingleJsonBodyFilter implements Ordered
{
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public int getOrder()
    {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> filter(final HttpRequest<?> request, @Nullable @Body final String body)
    {
        if (body == null || body.isEmpty() || !JsonBodyFilter.isJson(request))
        {
            return null;
        }
        final String after = afterTheValue(body);
        return after == null ? null : HttpResponse.status(HttpStatus.BAD_REQUEST).body(new ApiError("bad_request",
            after));
    }

    /**
     * @param body a request body.
     * @return what is wrong after its first JSON value, or null when nothing but white space follows it (or the
     * body is empty or not JSON at all, which the body's reader words).
     */
    static @Nullable String afterTheValue(final String body)
    {
        try (JsonParser parser = JSON.createParser(body))
        {
            try
            {
                if (parser.nextToken() == null)
                {
                    return null;
                }
                parser.skipChildren();
                parser.finishToken();
            }
            catch (final JsonProcessingException ex)
            {
                return null;
            }
            int at = (int)Math.min(body.length(), parser.currentLocation().getCharOffset());
            while (at < body.length() && isJsonWhiteSpace(body.charAt(at)))
            {
                at++;
            }
            if (at == body.length())
            {
                return null;
            }
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < at; i++)
            {
                if (body.charAt(i) == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }
            return "body: unexpected content after the JSON value at line " + line + ", column " +
                (at - lineStart + 1) + " (a body is one JSON object)";
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    private static boolean isJsonWhiteSpace(final char c)
    {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
