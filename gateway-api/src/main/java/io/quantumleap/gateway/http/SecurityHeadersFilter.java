package io.quantumleap.gateway.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.annotation.PreMatching;

/**
 * Security headers on every response: no sniffing, no framing, no referrer leaks, a strict content policy. A refusal
 * is a page a browser may render as much as any other, so it gets them too: the filter runs before every filter that
 * answers ({@link FilterOrder#SECURITY_HEADERS}), and also before the route is looked up ({@link PreMatching}), as
 * Micronaut's CORS filter answers a preflight then, before any filter that waits for the route has run.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeadersFilter implements Ordered
{
    @Override
    public int getOrder()
    {
        return FilterOrder.SECURITY_HEADERS;
    }

    @ResponseFilter
    void filter(final MutableHttpResponse<?> response)
    {
        addHeaders(response);
    }

    /**
     * The same on an answer made before the route is looked up (a CORS preflight's), which the response part above
     * never sees; and this one sees no other.
     */
    @PreMatching
    @ResponseFilter
    void filterBeforeTheRoute(final MutableHttpResponse<?> response)
    {
        addHeaders(response);
    }

    /** Adds the headers: for an answer made before any filter runs as well. */
    static void addHeaders(final MutableHttpResponse<?> response)
    {
        final MutableHttpHeaders headers = response.getHeaders();
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        headers.set("Content-Security-Policy",
            "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; " +
            "style-src 'self' 'unsafe-inline'; " +
            "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
        if (!headers.contains("Cache-Control"))
        {
            headers.set("Cache-Control", "no-store");
        }
    }
}
