package io.quantumleap.gateway.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.regex.Pattern;

/**
 * The requests refused with an {@link ApiError} and a 4xx status, in {@code /metrics} by status and the error's code
 * ({@code qleap_api_refused_requests_total{status="400",error="bad_request"}}), wherever the refusal was made: a
 * controller's {@link ApiException} or its own answer, the framework's errors ({@link ApiErrorResponseProcessor}) and
 * the filters that answer before any route ({@link RequestTargetFilter}, {@link RouteMissFilter}, ...). Counted as the
 * answer leaves, after every other filter, so none is missed; the request line or headers too long for the server,
 * which it answers before any filter, are counted by {@link ApiErrorResponseProcessor}. The tags are bounded: the
 * status, and the code, which the server writes, never the client; a code that is not a short snake_case word is
 * counted as {@code other}. The message and the path are never tags.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RefusedRequestMetrics implements Ordered
{
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    /** Marks an answer counted, so that one counted before it reaches the filters is not counted again there. */
    private static final String COUNTED = RefusedRequestMetrics.class.getName() + ".counted";

    private final MeterRegistry registry;

    RefusedRequestMetrics(final MeterRegistry registry)
    {
        this.registry = registry;
    }

    /** The first filter a request meets, so the last its answer leaves through. */
    @Override
    public int getOrder()
    {
        return FilterOrder.REFUSED_REQUEST_METRICS;
    }

    /** Counts the answer if it is a refusal, once however often it is handed here. */
    @ResponseFilter
    void count(final MutableHttpResponse<?> response)
    {
        final int status = response.code();
        if (status < 400 || status > 499 || !(response.getBody().orElse(null) instanceof ApiError error) ||
            response.getAttribute(COUNTED).isPresent())
        {
            return;
        }
        response.setAttribute(COUNTED, Boolean.TRUE);
        final String code = error.error() != null && CODE.matcher(error.error()).matches() ? error.error() : "other";
        Counter.builder("qleap.api.refused.requests")
            .tag("status", Integer.toString(status))
            .tag("error", code)
            .description("Requests the API refused with a 4xx and an ApiError, by status and error code")
            .register(registry)
            .increment();
    }
}
