package io.quantumleap.gateway.auth;

import com.nimbusds.jwt.JWT;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.JsonWebTokenValidator;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.text.ParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Checks a bearer token: its signature and standard claims (Micronaut's JWT validator, in memory), then its login
 * session ({@link SessionRegistry}), so a logged-out token is refused before it expires. It runs on the HTTP server's
 * event loop, which may be the engine's core thread, so it never waits for the database there: a session this
 * process knows is answered from memory, and one it has not seen (after a restart, or made by another gateway) is read
 * on the blocking executor, its answer handed back to the request's event loop. Micronaut goes on with the request
 * where the answer arrives, and a WebSocket handshake finished off its event loop can lose the client's first message.
 *
 * <p>It takes the place of Micronaut's own reactive JWT validator ({@code micronaut.security.token.jwt.nimbus
 * .reactive-validator: false} in {@code application.yml}).
 */
@Singleton
final class SessionTokenValidator implements TokenValidator<HttpRequest<?>>
{
    static final String SESSION_CLAIM = SessionRegistry.TOKEN_CLAIM;

    private final JsonWebTokenValidator<JWT, HttpRequest<?>> jwt;
    private final JwtAuthenticationFactory authentications;
    private final SessionRegistry sessions;
    private final Executor blocking;

    SessionTokenValidator(
        final JsonWebTokenValidator<JWT, HttpRequest<?>> jwt, final JwtAuthenticationFactory authentications,
        final SessionRegistry sessions, @Named(TaskExecutors.BLOCKING) final Executor blocking)
    {
        this.jwt = jwt;
        this.authentications = authentications;
        this.sessions = sessions;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> validateToken(final String token, final HttpRequest<?> request)
    {
        final Optional<JWT> valid = jwt.validate(token, request);
        if (valid.isEmpty())
        {
            return Publishers.empty();
        }
        final Object sid;
        try
        {
            sid = valid.get().getJWTClaimsSet().getClaim(SESSION_CLAIM);
        }
        catch (final ParseException ex)
        {
            return Publishers.empty();
        }
        final Optional<Authentication> authentication = authentications.createAuthentication(valid.get());
        if (!(sid instanceof String sessionId) || authentication.isEmpty())
        {
            return Publishers.empty();
        }
        return switch (sessions.checkInMemory(sessionId))
        {
            case VALID -> Publishers.just(authentication.get());
            case REFUSED -> Publishers.empty();
            case UNKNOWN -> askTheDatabase(sessionId, authentication.get(), request);
        };
    }

    private Publisher<Authentication> askTheDatabase(
        final String sessionId, final Authentication authentication, final HttpRequest<?> request)
    {
        final Executor eventLoop = request instanceof NettyHttpRequest<?> netty ?
            netty.getChannelHandlerContext().channel().eventLoop() : Runnable::run;
        try
        {
            return Publishers.fromCompletableFuture(CompletableFuture
                .supplyAsync(() -> sessions.isRevoked(sessionId), blocking)
                .handleAsync((revoked, failure) -> failure == null && !revoked ? authentication : null, eventLoop));
        }
        catch (final RejectedExecutionException ex)
        {
            return Publishers.empty();
        }
    }
}
