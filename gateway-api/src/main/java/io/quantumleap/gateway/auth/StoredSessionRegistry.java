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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Sessions in PostgreSQL (by the hash of their id, see {@link SessionRepository}), with an in-memory view in
 * front: a session seen valid is trusted for {@code recheck}; after that the next request that shows it is still
 * answered from memory while the database is asked again on the {@code recheckExecutor}, so a request costs a map
 * lookup and never waits for the database except for a session this process has not seen yet, which
 * {@link SessionTokenValidator} asks about on the blocking executor. Revocations made here take effect at once, those
 * made by another gateway process on the same database within {@code recheck} and one request. A revoked or unknown
 * session stays refused.
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
    private final Executor recheckExecutor;
    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();
    private final Set<String> rechecking = ConcurrentHashMap.newKeySet();
    private volatile boolean storageDown;

    /** @param recheckExecutor where sessions seen before are checked again (it may block on the database). */
    public StoredSessionRegistry(
        final SessionRepository repository, final Clock clock, final Duration recheck, final Executor recheckExecutor)
    {
        this.repository = repository;
        this.clock = clock;
        this.recheck = recheck;
        this.recheckExecutor = recheckExecutor;
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
    public InMemory checkInMemory(final String sessionId)
    {
        if (sessionId == null || sessionId.isEmpty())
        {
            return InMemory.REFUSED;
        }
        final Known cached = known.get(sessionId);
        if (cached == null)
        {
            return InMemory.UNKNOWN;
        }
        final Instant now = clock.instant();
        if (cached.revoked() || !cached.expiresAt().isAfter(now))
        {
            return InMemory.REFUSED;
        }
        if (!cached.checkedAt().plus(recheck).isAfter(now) && rechecking.add(sessionId))
        {
            try
            {
                recheckExecutor.execute(() -> recheck(sessionId, cached));
            }
            catch (final RejectedExecutionException ex)
            {
                rechecking.remove(sessionId);
            }
        }
        return InMemory.VALID;
    }

    @Override
    public boolean isRevoked(final String sessionId)
    {
        return switch (checkInMemory(sessionId))
        {
            case VALID -> false;
            case REFUSED -> true;
            case UNKNOWN -> check(sessionId, null, clock.instant());
        };
    }

    private void recheck(final String sessionId, final Known cached)
    {
        try
        {
            check(sessionId, cached, clock.instant());
        }
        finally
        {
            rechecking.remove(sessionId);
        }
    }

    /** Asks the database; when it cannot answer, a session seen before ({@code cached}) stays valid. */
    private boolean check(final String sessionId, final Known cached, final Instant now)
    {
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
            if (cached == null)
            {
                known.remove(sessionId);
            }
            else
            {
                known.put(sessionId, new Known(cached.userId(), cached.expiresAt(), true, now));
            }
            return true;
        }
        final SessionRow r = row.get();
        final boolean valid = r.validAt(now);
        // A revocation made here while the database was being asked wins over its older answer.
        known.compute(sessionId, (id, k) -> k != null && k.revoked() ? k : new Known(r.userId(), r.expiresAt(), !valid,
            now));
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
