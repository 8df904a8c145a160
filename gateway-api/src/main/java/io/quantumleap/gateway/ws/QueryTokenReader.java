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
public final class QueryTokenReader implements TokenReader<HttpRequest<?>>
{
    /** The query parameter the token comes in. */
    public static final String PARAMETER = "token";

    QueryTokenReader()
    {
    }

    /**
     * @param path a request's path.
     * @return whether a token is read from the query of a request to it: its route takes {@value #PARAMETER}
     * although none of its arguments reads it.
     */
    public static boolean readsTokenOf(final String path)
    {
        return "/ws".equals(path) || "/api/broker/kite/connect".equals(path);
    }

    @Override
    public Optional<String> findToken(final HttpRequest<?> request)
    {
        return readsTokenOf(request.getPath()) ? request.getParameters().getFirst(PARAMETER) : Optional.empty();
    }
}
