package io.quantumleap.persistence.persister;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of the persister on one journal queue. Written by the persister thread, read by any thread
 * (metrics endpoint, health checks, tests).
 */
public final class QueueMetrics
{
    private final String queueName;
    private final AtomicLong lastAppliedIndex = new AtomicLong(-1);
    private final AtomicLong lagEvents = new AtomicLong();
    private final AtomicLong lagNs = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    /** @param queueName the queue these numbers describe. */
    public QueueMetrics(final String queueName)
    {
        this.queueName = queueName;
    }

    /** The queue these numbers describe. */
    public String queueName()
    {
        return queueName;
    }

    /** Journal index of the last message stored (the checkpoint), -1 before any. */
    public long lastAppliedIndex()
    {
        return lastAppliedIndex.get();
    }

    /** Messages in the journal not yet stored. */
    public long lagEvents()
    {
        return lagEvents.get();
    }

    /**
     * How far behind the stored data is, in nanoseconds of wall-clock time: now minus the time of the last
     * stored message while messages are waiting, 0 when caught up.
     */
    public long lagNs()
    {
        return lagNs.get();
    }

    /** Messages stored (committed) since start. */
    public long messages()
    {
        return messages.get();
    }

    /** Rows written (committed) since start. */
    public long rows()
    {
        return rows.get();
    }

    /** Transactions committed since start. */
    public long batches()
    {
        return batches.get();
    }

    /** Messages skipped because they could not be decoded. */
    public long malformed()
    {
        return malformed.get();
    }

    void onCommitted(final long lastIndex, final int messageCount, final int rowCount)
    {
        lastAppliedIndex.lazySet(lastIndex);
        messages.lazySet(messages.get() + messageCount);
        rows.lazySet(rows.get() + rowCount);
        batches.lazySet(batches.get() + 1);
    }

    void lag(final long events, final long ns)
    {
        lagEvents.lazySet(events);
        lagNs.lazySet(ns);
    }

    void lastAppliedIndex(final long index)
    {
        lastAppliedIndex.lazySet(index);
    }

    /** Counts one undecodable message. */
    public void onMalformed()
    {
        malformed.lazySet(malformed.get() + 1);
    }

    @Override
    public String toString()
    {
        return queueName + "{lastApplied=" + lastAppliedIndex() + ", lagEvents=" + lagEvents() +
            ", lagMs=" + lagNs() / 1_000_000 + ", messages=" + messages() + ", rows=" + rows() +
            ", batches=" + batches() + ", malformed=" + malformed() + "}";
    }
}
