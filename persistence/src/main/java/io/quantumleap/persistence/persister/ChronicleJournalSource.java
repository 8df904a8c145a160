package io.quantumleap.persistence.persister;

import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalException;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.read.ExcerptHandler;
import io.quantumleap.journal.read.JournalReader;
import net.openhft.chronicle.queue.RollCycles;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link JournalSource} over one queue of the Chronicle Queue {@link Journal}. Create it on the persister
 * thread's side of things: the reader it holds belongs to the thread that reads it.
 */
public final class ChronicleJournalSource implements JournalSource, ExcerptHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(ChronicleJournalSource.class);

    private final Journal journal;
    private final JournalStream stream;
    private JournalReader reader;
    private MessageHandler handler;
    private long skipped;

    /**
     * @param journal the open journal (owned by the caller).
     * @param stream  which queue to read.
     */
    public ChronicleJournalSource(final Journal journal, final JournalStream stream)
    {
        this.journal = journal;
        this.stream = stream;
    }

    @Override
    public String queueName()
    {
        return stream.directoryName();
    }

    @Override
    public void resumeAfter(final long lastAppliedIndex)
    {
        if (null == reader)
        {
            reader = journal.reader(stream);
        }
        if (!reader.moveAfter(lastAppliedIndex))
        {
            throw new JournalException("queue '" + queueName() + "' has no excerpt at the stored checkpoint " +
                Long.toHexString(lastAppliedIndex) + ": the journal does not match this database");
        }
    }

    @Override
    public int read(final MessageHandler handler, final int limit)
    {
        this.handler = handler;
        try
        {
            return reader.poll(this, limit);
        }
        catch (final JournalException ex)
        {
            skipUnreadable(ex);
            return 0;
        }
    }

    @Override
    public void onExcerpt(final long index, final DirectBuffer buffer, final int offset, final int length)
    {
        handler.onMessage(index, buffer, offset, length);
    }

    /** Any thread: asks the journal's queue, not this source's reader, which belongs to the persister thread. */
    @Override
    public long countAfter(final long index)
    {
        final long last = journal.lastIndex(stream);
        if (last < 0 || index >= last)
        {
            return 0;
        }
        if (index < 0)
        {
            return journal.excerptCount(stream);
        }
        // Sequence numbers are contiguous within a daily cycle; across cycles this is a lower bound.
        final RollCycles cycles = RollCycles.FAST_DAILY;
        if (cycles.toCycle(index) == cycles.toCycle(last))
        {
            return cycles.toSequenceNumber(last) - cycles.toSequenceNumber(index);
        }
        return cycles.toSequenceNumber(last) + 1;
    }

    /** Excerpts skipped because the journal could not read them. */
    public long skipped()
    {
        return skipped;
    }

    private void skipUnreadable(final JournalException ex)
    {
        final long bad = reader.lastReadIndex() < 0 ? journal.firstIndex(stream) : reader.lastReadIndex() + 1;
        skipped++;
        LOG.warn("skipping unreadable excerpt {} of queue '{}' ({} skipped so far): {}",
            Long.toHexString(bad), queueName(), skipped, ex.getMessage());
        if (!reader.moveToIndex(bad + 1))
        {
            if (bad >= journal.lastIndex(stream))
            {
                reader.toEnd();
            }
            else
            {
                throw ex;
            }
        }
    }

    @Override
    public void close()
    {
        if (null != reader)
        {
            reader.close();
            reader = null;
        }
    }
}
