package io.quantumleap.journal.replay;

import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.read.ExcerptHandler;
import io.quantumleap.journal.read.JournalReader;
import io.quantumleap.journal.schema.MessageFields;

/**
 * The first and the last timed message of a queue: the moments a journal covers, read from its two ends without
 * reading what lies between.
 *
 * @param firstIndex  index of the first message that carries a time, -1 when none does.
 * @param firstTimeNs its time, epoch ns.
 * @param lastIndex   index of the last message that carries a time, -1 when none does.
 * @param lastTimeNs  its time, epoch ns.
 */
public record JournalSpan(long firstIndex, long firstTimeNs, long lastIndex, long lastTimeNs)
{
    /**
     * @param journal open.
     * @param stream  which queue.
     * @return its span; {@link #isEmpty()} when no message of it carries a time.
     */
    public static JournalSpan of(final Journal journal, final JournalStream stream)
    {
        final long[] first = timed(journal, stream, false);
        final long[] last = timed(journal, stream, true);
        return new JournalSpan(first[0], first[1], last[0], last[1]);
    }

    /** @return whether the queue holds no timed message. */
    public boolean isEmpty()
    {
        return firstIndex < 0;
    }

    /** @return e.g. {@code 2026-12-06T02:15:03+05:30 (2026-12-05T20:45:03Z) to ..., indices 8930... to 8930...}. */
    public String describe()
    {
        return ReplayMain.describeTime(firstTimeNs) + " to " + ReplayMain.describeTime(lastTimeNs) + ", indices " +
            firstIndex + " to " + lastIndex;
    }

    /** @return index and time of the first (or, backward, the last) message carrying a time; -1s when none. */
    private static long[] timed(final Journal journal, final JournalStream stream, final boolean backward)
    {
        final long[] found = {-1, -1};
        try (JournalReader reader = journal.reader(stream))
        {
            if (backward)
            {
                reader.fromEndBackward();
            }
            final ExcerptHandler firstTimed = (index, buffer, offset, length) ->
            {
                final long timeNs = MessageFields.timestampNs(buffer, offset);
                if (timeNs != Long.MIN_VALUE)
                {
                    found[0] = index;
                    found[1] = timeNs;
                }
            };
            int read;
            do
            {
                read = reader.poll(firstTimed, 1);
            }
            while (read > 0 && found[0] < 0);
        }
        return found;
    }
}
