package io.quantumleap.engine.pipeline;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One ring slot: a fixed-size buffer holding one SBE command. Written by one producer, then read by the journal
 * handler (which sets {@link #journalIndex}) and then by the core handler, as ordered by the Disruptor.
 */
public final class CommandSlot
{
    /** Marks a slot whose command the journal failed to append: the core never sees it. */
    public static final long NOT_JOURNALED = -1;

    final UnsafeBuffer buffer;
    int length;
    long journalIndex = NOT_JOURNALED;
    /** When a producer put the command into the ring, epoch ns (the latency clock). */
    long publishedNs;
    /** When the journal handler finished appending it, epoch ns. */
    long journaledNs;

    CommandSlot(final int capacity)
    {
        buffer = new UnsafeBuffer(new byte[capacity]);
    }

    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    public int length()
    {
        return length;
    }

    public long journalIndex()
    {
        return journalIndex;
    }
}
