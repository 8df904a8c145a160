package io.quantumleap.gateway.runtime;

import io.quantumleap.engine.transport.EventHistory;
import io.quantumleap.engine.transport.IndexedEventHandler;
import io.quantumleap.engine.transport.StreamFrame;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.read.ExcerptHandler;
import io.quantumleap.journal.read.JournalReader;

/** The {@code out} journal as the engine's stream server reads it for followers that catch up. */
final class JournalHistory implements EventHistory
{
    private final Journal journal;

    JournalHistory(final Journal journal)
    {
        this.journal = journal;
    }

    @Override
    public Cursor openAfter(final long index)
    {
        final JournalReader reader = journal.reader(JournalStream.OUT);
        if (!reader.moveAfter(index))
        {
            reader.close();
            return null;
        }
        return new JournalCursor(reader);
    }

    private static final class JournalCursor implements Cursor, ExcerptHandler
    {
        private final JournalReader reader;
        private IndexedEventHandler handler;

        JournalCursor(final JournalReader reader)
        {
            this.reader = reader;
        }

        @Override
        public boolean next(final IndexedEventHandler handler)
        {
            this.handler = handler;
            return reader.poll(this, 1) == 1;
        }

        @Override
        public void onExcerpt(
            final long index, final org.agrona.DirectBuffer buffer, final int offset, final int length)
        {
            handler.onEvent(index, buffer, offset, length);
        }

        @Override
        public void moveAfter(final long index)
        {
            if (index == StreamFrame.NO_INDEX)
            {
                reader.toStart();
            }
            else
            {
                reader.moveAfter(index);
            }
        }

        @Override
        public void close()
        {
            reader.close();
        }
    }
}
