package io.quantumleap.gateway.auth;

import io.micronaut.scheduling.annotation.Scheduled;
import io.quantumleap.persistence.StorageException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes expired login sessions now and then ({@code quantumleap.auth.session-sweep-interval}, default 1 h). */
@Singleton
final class SessionSweep
{
    private static final Logger LOG = LoggerFactory.getLogger(SessionSweep.class);

    private final SessionRegistry sessions;

    SessionSweep(final SessionRegistry sessions)
    {
        this.sessions = sessions;
    }

    @Scheduled(initialDelay = "1m", fixedDelay = "${quantumleap.auth.session-sweep-interval:1h}")
    void sweep()
    {
        try
        {
            final int removed = sessions.purgeExpired();
            if (removed > 0)
            {
                LOG.info("removed {} expired login sessions", removed);
            }
        }
        catch (final StorageException ex)
        {
            LOG.warn("expired login sessions not removed (next try in one interval): {}", ex.getMessage());
        }
    }
}
