package io.quantumleap.gateway.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * Login sessions, one per issued token, so logout can revoke a token before it expires and a restart keeps
 * everyone logged in. Implementations are thread safe; a lookup happens on every authenticated request, so it
 * must be cheap.
 */
public interface SessionRegistry
{
    void open(String sessionId, UUID userId, Instant expiresAt);

    void revoke(String sessionId);

    /** Revokes every session of the user (disabled, password or roles changed). */
    void revokeAllOf(UUID userId);

    /** True when the session was revoked, has expired, or is not known at all (a token this system never issued). */
    boolean isRevoked(String sessionId);

    /** Forgets sessions that have expired. @return how many were removed from storage. */
    int purgeExpired();
}
