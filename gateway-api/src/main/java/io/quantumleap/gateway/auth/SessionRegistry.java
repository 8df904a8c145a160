package io.quantumleap.gateway.auth;

import java.time.Instant;

/**
 * Login sessions, one per issued token, so logout can revoke a token before it expires. Implementations are
 * thread safe; a lookup happens on every authenticated request, so it must be cheap.
 */
public interface SessionRegistry
{
    void open(String sessionId, String username, String address, Instant expiresAt);

    void revoke(String sessionId);

    /** True when the session was revoked, or is not known at all (a token from before a restart is not trusted). */
    boolean isRevoked(String sessionId);
}
