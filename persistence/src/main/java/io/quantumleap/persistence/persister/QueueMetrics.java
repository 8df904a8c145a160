package io.quantumleap.persistence.persister;

import org.agrona.concurrent.EpochNanoClock;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of the persister on one journal queue. Written by the persister thread, read by any thread
 * (metrics endpoint, health checks, tests).
 *
 * <p>The lag is worked out when it is read, from what the persister published last (the checkpoint it stored, the
 * event time of the last message stored, the last time it found nothing left to store) and what the journal holds
 * now, so it stays true while the persister thread waits on the database or retries a queue it cannot store: the
 * persister never has to run for the lag to grow.
 */
public final class QueueMetrics
{
    private final String queueName;
    private final JournalSource source;
    private final EpochNanoClock epochNanoClock;
    private final long startedAtNs;
    private final AtomicLong lastAppliedIndex = new AtomicLong(-1);
    private final AtomicLong lastStoredTimestampNs = new AtomicLong();
    private final AtomicLong caughtUpAtNs = new AtomicLong();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    /**
     * Numbers without a journal to measure the lag against: it reads 0.
     *
     * @param queueName the queue these numbers describe.
     */
    public QueueMetrics(final String queueName)
    {
        this(queueName, null, null);
    }

    /**
     * @param queueName      the queue these numbers describe.
     * @param source         the queue, asked for its length whenever the lag is read (from any thread).
     * @param epochNanoClock wall clock the lag in time is measured with; read at construction as the start.
     */
    QueueMetrics(final String queueName, final JournalSource source, final EpochNanoClock epochNanoClock)
    {
        this.queueName = queueName;
        this.source = source;
        this.epochNanoClock = epochNanoClock;
        this.startedAtNs = null == epochNanoClock ? 0 : epochNanoClock.nanoTime();
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

    /**
     * Messages in the journal after the checkpoint, as the journal holds them at this call. Before the persister
     * has read its checkpoint, every message in the journal counts. Across a daily roll of the journal it may count
     * only the current day's messages (see {@link JournalSource#countAfter}).
     */
    public long lagEvents()
    {
        return null == source ? 0 : Math.max(0, source.countAfter(lastAppliedIndex.get()));
    }

    /**
     * How far behind the stored data is, in nanoseconds of wall-clock time, while messages wait ({@link #lagEvents()}
     * above 0), else 0: now minus the later of the event time of the last message stored and the last time the
     * persister found nothing after its checkpoint (before either, the persister's start). The oldest waiting
     * message came after both, so this bounds its age from above, and it goes on growing while nothing is stored.
     */
    public long lagNs()
    {
        return lagNs(lagEvents());
    }

    /**
     * The same, for a reader that has just read {@link #lagEvents()}: one look at the journal for both numbers.
     *
     * @param lagEvents what {@link #lagEvents()} returned, read before this call.
     */
    public long lagNs(final long lagEvents)
    {
        if (lagEvents <= 0)
        {
            return 0;
        }
        // Read after the count (the commit publishes its time before its index), so never older than its checkpoint.
        final long since = Math.max(lastStoredTimestampNs.get(), caughtUpAtNs.get());
        return Math.max(0, epochNanoClock.nanoTime() - (0 == since ? startedAtNs : since));
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

    void onCommitted(final long lastIndex, final long lastTimestampNs, final int messageCount, final int rowCount)
    {
        if (0 != lastTimestampNs)
        {
            lastStoredTimestampNs.lazySet(lastTimestampNs);
        }
        lastAppliedIndex.lazySet(lastIndex);
        messages.lazySet(messages.get() + messageCount);
        rows.lazySet(rows.get() + rowCount);
        batches.lazySet(batches.get() + 1);
    }

    /** The persister found nothing after its checkpoint at {@code nowNs} (epoch): every waiting message is younger. */
    void onCaughtUp(final long nowNs)
    {
        caughtUpAtNs.lazySet(nowNs);
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
