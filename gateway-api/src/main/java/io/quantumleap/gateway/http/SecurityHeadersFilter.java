package io.quantumleap.gateway.http;

import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Security headers on every response: no sniffing, no framing, no referrer leaks, a strict content policy. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeadersFilter
{
    @ResponseFilter
    void addHeaders(final MutableHttpResponse<?> response)
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
