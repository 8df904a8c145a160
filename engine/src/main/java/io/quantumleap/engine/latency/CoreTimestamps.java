package io.quantumleap.engine.latency;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When the core finished each of its most recent commands, keyed by the command's journal index: the core thread
 * writes, any thread reads. Readers of the event stream use it to time the hop from the core to them, since the
 * events themselves carry no wall-clock time (they must replay byte for byte).
 *
 * <p>A ring of (index, time) pairs: an entry is overwritten {@code capacity} commands later, and a reader that asks
 * for an overwritten or never-written index gets {@link #UNKNOWN}. One writer; a reader re-checks the index after
 * reading the time, so it never pairs a time with the wrong command.
 */
public final class CoreTimestamps
{
    /** Returned for an index the ring does not hold. */
    public static final long UNKNOWN = Long.MIN_VALUE;
    /** 131,072 commands: over a second of the busiest feed. */
    public static final int DEFAULT_CAPACITY = 1 << 17;

    private static final int ENTRY = 2 * Long.BYTES;

    private final UnsafeBuffer entries;
    private final int mask;
    private final AtomicLong lastIndex = new AtomicLong(-1);

    CoreTimestamps(final int capacity)
    {
        if (!BitUtil.isPowerOfTwo(capacity))
        {
            throw new IllegalArgumentException("capacity=" + capacity + ": expected a power of two");
        }
        entries = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity * ENTRY));
        mask = capacity - 1;
        for (int i = 0; i < capacity; i++)
        {
            entries.putLong(i * ENTRY, UNKNOWN);
        }
    }

    /** The core finished the command at {@code index} at {@code epochNs}. Core thread only. */
    public void put(final long index, final long epochNs)
    {
        final int offset = ((int)index & mask) * ENTRY;
        entries.putLongVolatile(offset, UNKNOWN);
        entries.putLongOrdered(offset + Long.BYTES, epochNs);
        entries.putLongOrdered(offset, index);
        lastIndex.lazySet(index);
    }

    /**
     * @return the index of the command the core finished last, -1 before the first: a reader holding an event of a
     *         later command knows the core is still on it, and that its time is about to come.
     */
    public long lastIndex()
    {
        return lastIndex.get();
    }

    /** @return when the core finished the command at {@code index}, or {@link #UNKNOWN}. Any thread. */
    public long get(final long index)
    {
        final int offset = ((int)index & mask) * ENTRY;
        if (entries.getLongVolatile(offset) != index)
        {
            return UNKNOWN;
        }
        final long epochNs = entries.getLongVolatile(offset + Long.BYTES);
        return entries.getLongVolatile(offset) == index ? epochNs : UNKNOWN;
    }
}
