package io.quantumleap.gateway.auth;

import io.quantumleap.persistence.StorageException;
import io.quantumleap.persistence.users.SessionRepository;
import io.quantumleap.persistence.users.SessionRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions in PostgreSQL (by the hash of their id, see {@link SessionRepository}), with an in-memory view in
 * front: a session seen valid is trusted for {@code recheck} before the database is asked again, so a request
 * costs a map lookup; revocations made here take effect at once, those made by another gateway process on the
 * same database within {@code recheck}. A revoked or unknown session stays refused.
 *
 * <p>When the database cannot be read, a session already seen valid stays valid until its expiry (logged once
 * per outage); a session never seen is refused.
 */
public final class StoredSessionRegistry implements SessionRegistry
{
    private static final Logger LOG = LoggerFactory.getLogger(StoredSessionRegistry.class);

    /** What this process last learned about a session; {@code checkedAt} is when the database said so. */
    private record Known(UUID userId, Instant expiresAt, boolean revoked, Instant checkedAt)
    {
    }

    private final SessionRepository repository;
    private final Clock clock;
    private final Duration recheck;
    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();
    private volatile boolean storageDown;

    public StoredSessionRegistry(final SessionRepository repository, final Clock clock, final Duration recheck)
    {
        this.repository = repository;
        this.clock = clock;
        this.recheck = recheck;
    }

    @Override
    public void open(final String sessionId, final UUID userId, final Instant expiresAt)
    {
        final Instant now = clock.instant();
        repository.open(sessionId, userId, now, expiresAt);
        known.put(sessionId, new Known(userId, expiresAt, false, now));
    }

    @Override
    public void revoke(final String sessionId)
    {
        final Instant now = clock.instant();
        known.compute(sessionId, (id, k) -> new Known(k == null ? null : k.userId(),
            k == null ? now : k.expiresAt(), true, now));
        repository.revoke(sessionId, now);
    }

    @Override
    public void revokeAllOf(final UUID userId)
    {
        final Instant now = clock.instant();
        known.replaceAll((id, k) -> userId.equals(k.userId()) ? new Known(userId, k.expiresAt(), true, now) : k);
        repository.revokeAllOf(userId, now);
    }

    @Override
    public boolean isRevoked(final String sessionId)
    {
        if (sessionId == null || sessionId.isEmpty())
        {
            return true;
        }
        final Instant now = clock.instant();
        final Known cached = known.get(sessionId);
        if (cached != null && (cached.revoked() || !cached.expiresAt().isAfter(now)))
        {
            return true;
        }
        if (cached != null && cached.checkedAt().plus(recheck).isAfter(now))
        {
            return false;
        }
        final Optional<SessionRow> row;
        try
        {
            row = repository.find(sessionId);
        }
        catch (final StorageException ex)
        {
            if (!storageDown)
            {
                storageDown = true;
                LOG.warn("sessions cannot be checked in the database; sessions already seen stay valid until they " +
                    "expire, others are refused: {}", ex.getMessage());
            }
            return cached == null;
        }
        storageDown = false;
        if (row.isEmpty())
        {
            known.remove(sessionId);
            return true;
        }
        final SessionRow r = row.get();
        final boolean valid = r.validAt(now);
        known.put(sessionId, new Known(r.userId(), r.expiresAt(), !valid, now));
        return !valid;
    }

    @Override
    public int purgeExpired()
    {
        final Instant now = clock.instant();
        known.values().removeIf(k -> !k.expiresAt().isAfter(now));
        return repository.deleteExpired(now);
    }
}
