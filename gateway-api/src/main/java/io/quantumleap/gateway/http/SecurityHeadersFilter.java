package io.quantumleap.gateway.http;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Security headers on every response: no sniffing, no framing, no referrer leaks, a strict content policy. A refusal
 * is a page a browser may render as much as any other, so it gets them too: the filter runs before every filter that
 * answers ({@link FilterOrder#SECURITY_HEADERS}).
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

    /** Adds the headers: for an answer made before any filter runs as well. */
    static void addHeaders(final MutableHttpResponse<?> response)
    {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
        response.header("Cross-Origin-Opener-Policy", "same-origin");
        response.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        response.header("Content-Security-Policy",
            "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; " +
            "style-src 'self' 'unsafe-inline'; " +
            "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
        if (!response.getHeaders().contains("Cache-Control"))
        {
            response.header("Cache-Control", "no-store");
        }
    }
}
