package io.quantumleap.gateway.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/** Refuses a well-signed token whose session was logged out (or is unknown to this server). */
@Singleton
final class SessionClaimsValidator implements GenericJwtClaimsValidator<HttpRequest<?>>
{
    static final String SESSION_CLAIM = "sid";

    private final SessionRegistry sessions;

    SessionClaimsValidator(final SessionRegistry sessions)
    {
        this.sessions = sessions;
    }

    @Override
    public boolean validate(final Claims claims, final HttpRequest<?> request)
    {
        final Object sid = claims.get(SESSION_CLAIM);
        return sid != null && !sessions.isRevoked(sid.toString());
    }
}
