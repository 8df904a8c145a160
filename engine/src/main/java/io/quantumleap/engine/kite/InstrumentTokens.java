package io.quantumleap.engine.kite;

/**
 * Kite's instrument tokens: unsigned 32-bit numbers on the wire (PROTOCOL.md), held in a {@code long}.
 */
public final class InstrumentTokens
{
    /** The largest instrument token. */
    public static final long MAX = 0xFFFF_FFFFL;

    private InstrumentTokens()
    {
    }

    /**
     * @param token a number given as an instrument token.
     * @return whether it can name an instrument: 1 to {@link #MAX}.
     */
    public static boolean valid(final long token)
    {
        return token >= 1 && token <= MAX;
    }
}
