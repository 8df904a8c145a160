package io.quantumleap.gateway.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * Login sessions, one per issued token, so logout can revoke a token before it expires and a restart keeps
 * everyone logged in. Implementations are thread safe; a lookup happens on every authenticated request, so it
 * must be cheap ({@link #checkInMemory}).
 */
public interface SessionRegistry
{
    /** The token claim that names the login session a token belongs to. */
    String TOKEN_CLAIM = "sid";

    void open(String sessionId, UUID userId, Instant expiresAt);

    void revoke(String sessionId);

    /** Revokes every session of the user (disabled, password or roles changed). */
    void revokeAllOf(UUID userId);

    /** What a session check can answer without the database. */
    enum InMemory
    {
        /** Seen valid recently enough to be trusted. */
        VALID,
        /** Revoked, expired, or not a session id at all. */
        REFUSED,
        /** Not known to this process: only the database can tell. */
        UNKNOWN
    }

    /** Checks a session without waiting for the database; never blocks. */
    InMemory checkInMemory(String sessionId);

    /**
     * True when the session was revoked, has expired, or is not known at all (a token this system never issued).
     * May read the database (a session {@link #checkInMemory} calls {@link InMemory#UNKNOWN}), so never call it on an
     * event loop.
     */
    boolean isRevoked(String sessionId);

    /** Forgets sessions that have expired. @return how many were removed from storage. */
    int purgeExpired();
}
