package io.quantumleap.gateway.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions kept in memory; expired ones are dropped as new sessions open. */
public final class InMemorySessionRegistry implements SessionRegistry
{
    private final Clock clock;
    private final ConcurrentHashMap<String, Instant> open = new ConcurrentHashMap<>();

    public InMemorySessionRegistry(final Clock clock)
    {
        this.clock = clock;
    }

    @Override
    public void open(final String sessionId, final String username, final String address, final Instant expiresAt)
    {
        final Instant now = clock.instant();
        open.values().removeIf(expiry -> !expiry.isAfter(now));
        open.put(sessionId, expiresAt);
    }

    @Override
    public void revoke(final String sessionId)
    {
        open.remove(sessionId);
    }

    @Override
    public boolean isRevoked(final String sessionId)
    {
        final Instant expiry = sessionId == null ? null : open.get(sessionId);
        return expiry == null || !expiry.isAfter(clock.instant());
    }
}
