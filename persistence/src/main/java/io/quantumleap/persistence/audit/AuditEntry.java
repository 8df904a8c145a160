package io.quantumleap.persistence.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One audit log row.
 *
 * @param id              row id.
 * @param journalIndex    index in the {@code out} journal for engine events, null for API events.
 * @param userId          acting or owning user, or null.
 * @param username        that user's name, or null (an engine event, or a user deleted since).
 * @param accountId       account concerned, or null.
 * @param engineAccountId the engine's account id, or null.
 * @param eventType       e.g. REJECT, KILL_SWITCH, LOGIN.
 * @param detailJson      details as JSON.
 * @param occurredAt      when it happened.
 */
public record AuditEntry(long id, Long journalIndex, UUID userId, String username, UUID accountId, Long engineAccountId,
    String eventType, String detailJson, Instant occurredAt)
{
}
