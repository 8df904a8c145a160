package io.quantumleap.persistence.support;

import io.quantumleap.persistence.persister.JournalSource;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

public final class InMemoryJournal implements JournalSource
{
    public static final long FIRST_INDEX = 20_000L << 32;

    private final String queueName;
    private final List<byte[]> messages = new ArrayList<>();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    private int readPosition;
    private long countAfterCalls;

    public InMemoryJournal(final String queueName)
    {
        this.queueName = queueName;
    }

    public synchronized long append(final byte[] message)
    {
        messages.add(message.clone());
        return FIRST_INDEX + messages.size() - 1;
    }

    public synchronized int size()
    {
        return messages.size();
    }

    public synchronized long lastIndex()
    {
        return messages.isEmpty() ? -1 : FIRST_INDEX + messages.size() - 1;
    }

    public static long indexOf(final int position)
    {
        return FIRST_INDEX + position;
    }

    @Override
    public String queueName()
    {
        return queueName;
    }

    @Override
    public synchronized void resumeAfter(final long lastAppliedIndex)
    {
        readPosition = lastAppliedIndex < FIRST_INDEX ? 0 : (int)(lastAppliedIndex - FIRST_INDEX + 1);
    }

    @Override
    public synchronized int read(final MessageHandler handler, final int limit)
    {
        int count = 0;
        while (count < limit && readPosition < messages.size())
        {
            final byte[] message = messages.get(readPosition);
            buffer.wrap(message);
            handler.onMessage(FIRST_INDEX + readPosition, buffer, 0, message.length);
            readPosition++;
            count++;
        }
        return count;
    }

    @Override
    public synchronized long countAfter(final long index)
    {
        countAfterCalls++;
        final long next = index < FIRST_INDEX ? 0 : index - FIRST_INDEX + 1;
        return Math.max(0, messages.size() - next);
    }

    /** @return how often the persister asked how many messages lie after an index. */
    public synchronized long countAfterCalls()
    {
        return countAfterCalls;
    }
}
