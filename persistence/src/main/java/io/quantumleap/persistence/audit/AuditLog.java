package io.quantumleap.persistence.audit;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The audit trail: the gateway records API events here; the persister adds the engine's (rejects, limits,
 * kill switch, broker sessions). Thread safe.
 */
public final class AuditLog
{
    private final DataSource dataSource;

    /** @param dataSource the pool. */
    public AuditLog(final DataSource dataSource)
    {
        this.dataSource = dataSource;
    }

    /**
     * Records an API event.
     *
     * @param detailJson a JSON object (never secrets).
     */
    public void record(final UUID userId, final UUID accountId, final String eventType, final String detailJson,
        final Instant at) throws SQLException
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement("INSERT INTO audit_log (user_id, account_id, event_type, " +
                "detail, occurred_at) VALUES (?, ?, ?, ?::jsonb, ?)"))
        {
            s.setObject(1, userId);
            s.setObject(2, accountId);
            s.setString(3, eventType);
            s.setString(4, null == detailJson ? "{}" : detailJson);
            s.setTimestamp(5, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    /** Records a step of the Kite OAuth flow. */
    public void recordOAuth(final UUID userId, final UUID accountId, final String event, final String detailJson,
        final Instant at) throws SQLException
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement("INSERT INTO oauth_audit_log (user_id, account_id, event, " +
                "detail, occurred_at) VALUES (?, ?, ?, ?::jsonb, ?)"))
        {
            s.setObject(1, userId);
            s.setObject(2, accountId);
            s.setString(3, event);
            s.setString(4, null == detailJson ? "{}" : detailJson);
            s.setTimestamp(5, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    /**
     * The audit trail in {@code [from, to)}: of one user (events they made and events of their accounts) or, with no
     * user, all of it (every user's and the engine's own); the latest {@code limit} rows, oldest first.
     *
     * @param userId    the user, or null for all.
     * @param eventType only entries of this type (letter case aside), or null for every type.
     * @param limit     most rows returned.
     */
    public List<AuditEntry> entries(
        final UUID userId, final String eventType, final Instant from, final Instant to, final int limit)
        throws SQLException
    {
        try (Connection c = dataSource.getConnection();
            PreparedStatement s = c.prepareStatement("SELECT * FROM (SELECT l.id, l.journal_index, l.user_id, " +
                "u.username, l.account_id, l.engine_account_id, l.event_type, l.detail::text, l.occurred_at " +
                "FROM audit_log l LEFT JOIN users u ON u.id = l.user_id WHERE (?::uuid IS NULL OR l.user_id = ? OR " +
                "l.account_id IN (SELECT account_id FROM account_users WHERE user_id = ?)) " +
                "AND (?::text IS NULL OR lower(l.event_type) = lower(?)) " +
                "AND l.occurred_at >= ? AND l.occurred_at < ? ORDER BY l.occurred_at DESC, l.id DESC LIMIT ?) latest " +
                "ORDER BY occurred_at, id"))
        {
            s.setObject(1, userId);
            s.setObject(2, userId);
            s.setObject(3, userId);
            s.setString(4, eventType);
            s.setString(5, eventType);
            s.setTimestamp(6, Timestamp.from(from));
            s.setTimestamp(7, Timestamp.from(to));
            s.setInt(8, limit);
            final List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = s.executeQuery())
            {
                while (rs.next())
                {
                    entries.add(new AuditEntry(rs.getLong(1), rs.getObject(2, Long.class), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getObject(5, UUID.class), rs.getObject(6, Long.class), rs.getString(7),
                        rs.getString(8), rs.getTimestamp(9).toInstant()));
                }
            }
            return entries;
        }
    }
}
