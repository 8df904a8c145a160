package io.quantumleap.engine.core;

/**
 * Mixing for {@link TradingCore#stateHash()}: order sensitive, so state must be visited in a deterministic order.
 */
final class StateHash
{
    private StateHash()
    {
    }

    static long mix(final long hash, final long value)
    {
        long h = (hash ^ value) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        return h * 0xBF58476D1CE4E5B9L;
    }

    static long mix(final long hash, final byte[] bytes)
    {
        long h = hash;
        for (final byte b : bytes)
        {
            h = (h ^ b) * 0x100000001B3L;
        }
        return mix(hash, h);
    }

    /** FNV-1a over a fixed-length ASCII id, used to index broker order ids and trade ids. */
    static long fnv(final byte[] bytes, final int length)
    {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ (bytes[i] & 0xFF)) * 0x100000001B3L;
        }
        return h;
    }
}
