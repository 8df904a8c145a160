package io.quantumleap.gateway.audit;

import io.quantumleap.persistence.audit.EngineAuditType;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The audit trail's event types the API shell writes, each stored by its name in lower case (the engine's are
 * {@link EngineAuditType}, in upper case).
 */
public enum AuditEvent
{
    LOGIN,
    LOGIN_FAILED,
    LOGIN_LOCKED_OUT,
    LOGOUT,
    USER_CREATED,
    USER_UPDATED,
    USER_DELETED,
    BROKER_CONNECT_STARTED,
    BROKER_CONNECTED,
    BROKER_CONNECT_FAILED,
    ORDER_PLACE,
    ORDER_MODIFY,
    ORDER_CANCEL,
    GTT_PLACE,
    GTT_MODIFY,
    GTT_DELETE,
    BASKET_CREATE,
    BASKET_MODIFY,
    BASKET_DELETE,
    BASKET_PLACE,
    POSITION_CONVERT,
    ALERT_CREATE,
    ALERT_MODIFY,
    ALERT_DELETE,
    ALERT_TRIGGERED,
    RISK_LIMITS_CHANGED,
    KILL_SWITCH_CHANGED,
    EXPORT;

    /** Every type the trail holds, the shell's then the engine's, as stored. */
    public static final String ALL = Stream.concat(
        Arrays.stream(values()).map(AuditEvent::stored), Arrays.stream(EngineAuditType.values()).map(Enum::name))
        .collect(Collectors.joining(", "));

    private final String stored = name().toLowerCase(Locale.ROOT);

    /** The type as the trail stores it. */
    public String stored()
    {
        return stored;
    }

    /** The stored type that {@code type} names, letter case aside, the shell's or the engine's; empty if none. */
    public static Optional<String> find(final String type)
    {
        final String upper = type.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(e -> e.name().equals(upper)).map(AuditEvent::stored).findFirst()
            .or(() -> Arrays.stream(EngineAuditType.values()).filter(e -> e.name().equals(upper)).map(Enum::name)
                .findFirst());
    }
}
