package io.quantumleap.persistence.persister.internal;

/**
 * What every queue writer keeps of its current batch: how many messages it read, the journal indexes of the first
 * and the last, and the event time of the newest (kept across batches). Persister thread only.
 */
abstract class BatchWriter implements QueueWriter
{
    private int messages;
    private long firstIndex = -1;
    private long lastIndex = -1;
    private long lastTimestampNs;

    /** Counts a message of the batch, whether or not it turns into rows. */
    final void read(final long index)
    {
        if (0 == messages)
        {
            firstIndex = index;
        }
        messages++;
        lastIndex = index;
    }

    final void lastTimestampNs(final long timestampNs)
    {
        lastTimestampNs = timestampNs;
    }

    /** Forgets the batch's messages (committed or discarded). */
    final void clearBatch()
    {
        messages = 0;
        firstIndex = -1;
        lastIndex = -1;
    }

    @Override
    public final int messages()
    {
        return messages;
    }

    @Override
    public final long firstIndex()
    {
        return firstIndex;
    }

    @Override
    public final long lastIndex()
    {
        return lastIndex;
    }

    @Override
    public final long lastTimestampNs()
    {
        return lastTimestampNs;
    }
}
