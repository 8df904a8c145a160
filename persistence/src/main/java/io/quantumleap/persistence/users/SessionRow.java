package io.quantumleap.persistence.users;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored login session.
 *
 * @param userId    whose session it is.
 * @param expiresAt when it stops being valid.
 * @param revokedAt when it was logged out, or null.
 */
public record SessionRow(UUID userId, Instant expiresAt, Instant revokedAt)
{
    /** @return true when the session is neither revoked nor expired at {@code now}. */
    public boolean validAt(final Instant now)
    {
        return null == revokedAt && expiresAt.isAfter(now);
    }
}
