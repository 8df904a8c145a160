package io.quantumleap.gateway.live;

import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Variety;
import io.quantumleap.journal.schema.KiteNames;

/** Engine enums to Kite's wire strings, as the journal's exports spell them ({@link KiteNames}); null for none. */
public final class Names
{
    private Names()
    {
    }

    /**
     * Kite's status text, e.g. {@code TRIGGER PENDING}; the engine's own {@code PENDING_RISK} reads
     * {@code PENDING}.
     */
    public static String status(final OrderStatus status)
    {
        return status == null ? null : orNull(KiteNames.status(status));
    }

    public static String orderType(final OrderType type)
    {
        return type == null ? null : orNull(KiteNames.orderType(type));
    }

    public static String variety(final Variety variety)
    {
        return variety == null ? null : orNull(KiteNames.variety(variety));
    }

    public static String of(final Enum<?> value)
    {
        return value == null || "NULL_VAL".equals(value.name()) ? null : value.name();
    }

    private static String orNull(final String name)
    {
        return name.isEmpty() ? null : name;
    }
}
