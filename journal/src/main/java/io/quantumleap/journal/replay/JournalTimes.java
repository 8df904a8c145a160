package io.quantumleap.journal.replay;

import java.time.Instant;

/**
 * The times a journal holds: its timestamps are nanoseconds since 1970 in a long, from 1970-01-01T00:00:00Z to
 * 2262-04-11T23:47:16.854775807Z. A time outside them does not fit and would wrap around, so the replay's readers
 * refuse it.
 */
public final class JournalTimes
{
    /** The last time a journal's timestamp can hold. */
    public static final Instant LAST = Instant.ofEpochSecond(0, Long.MAX_VALUE);
    /** Said of a time outside {@link Instant#EPOCH} to {@link #LAST}, after the time itself. */
    public static final String OUTSIDE = " is outside the times a journal holds (" + Instant.EPOCH + " to " + LAST +
        ")";

    private JournalTimes()
    {
    }

    /** @return whether a journal's timestamp can hold {@code at}. */
    public static boolean holds(final Instant at)
    {
        return !at.isBefore(Instant.EPOCH) && !at.isAfter(LAST);
    }

    /**
     * @param at a time the journal {@link #holds}.
     * @return it as a journal's timestamp: nanoseconds since 1970.
     */
    public static long nanos(final Instant at)
    {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }
}
