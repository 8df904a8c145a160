package io.quantumleap.gateway.ws;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Browsers cannot set headers on a WebSocket handshake or a page navigation, so {@code /ws} and the Kite connect
 * redirect also take the JWT as {@code ?token=}.
 */
@Singleton
final class QueryTokenReader implements TokenReader<HttpRequest<?>>
{
    @Override
    public Optional<String> findToken(final HttpRequest<?> request)
    {
        final String path = request.getPath();
        if (!"/ws".equals(path) && !"/api/broker/kite/connect".equals(path))
        {
            return Optional.empty();
        }
        return request.getParameters().getFirst("token");
    }
}
