package io.quantumleap.gateway.live;

import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Variety;

import java.util.Locale;

/** Engine enums to Kite's wire strings. */
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
        if (status == null || status == OrderStatus.NULL_VAL)
        {
            return null;
        }
        return status == OrderStatus.PENDING_RISK ? "PENDING" : status.name().replace('_', ' ');
    }

    public static String orderType(final OrderType type)
    {
        if (type == null || type == OrderType.NULL_VAL)
        {
            return null;
        }
        return type == OrderType.SL_M ? "SL-M" : type.name();
    }

    public static String variety(final Variety variety)
    {
        return variety == null || variety == Variety.NULL_VAL ? null : variety.name().toLowerCase(Locale.ROOT);
    }

    public static String of(final Enum<?> value)
    {
        return value == null || "NULL_VAL".equals(value.name()) ? null : value.name();
    }
}
