package io.quantumleap.gateway.ws;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Browsers cannot set headers on a WebSocket handshake, so {@code /ws} also takes the JWT as {@code ?token=}. */
@Singleton
final class QueryTokenReader implements TokenReader<HttpRequest<?>>
{
    @Override
    public Optional<String> findToken(final HttpRequest<?> request)
    {
        if (!"/ws".equals(request.getPath()))
        {
            return Optional.empty();
        }
        return request.getParameters().getFirst("token");
    }
}
