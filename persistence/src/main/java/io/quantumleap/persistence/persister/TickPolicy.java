package io.quantumleap.persistence.persister;

/**
 * How much of the tick stream goes to PostgreSQL. Orders, trades, positions and audit events are always
 * stored completely; only market data is subject to this choice.
 */
public enum TickPolicy
{
    /** Every tick, as received (the default). */
    ALL,
    /** At most one tick per instrument per sample interval (by receive time). */
    SAMPLED,
    /** One-minute OHLC bars per instrument instead of ticks. */
    BARS;

    /**
     * Parses a policy name, case-insensitive.
     *
     * @throws IllegalArgumentException naming the accepted values.
     */
    public static TickPolicy parse(final String value)
    {
        for (final TickPolicy policy : values())
        {
            if (policy.name().equalsIgnoreCase(value.trim()))
            {
                return policy;
            }
        }
        throw new IllegalArgumentException("tick policy must be one of all, sampled, bars: " + value);
    }
}
