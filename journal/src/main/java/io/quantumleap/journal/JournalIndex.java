package io.quantumleap.journal;

import java.time.LocalDate;

/**
 * Reads a journal index for people. An index is {@code cycle << 32 | position}: the cycle is the trading day
 * (days since 1970-01-01 of its IST date, as daily files roll between 05:30 and 09:00 IST) and the position
 * counts excerpts within that day from 0.
 */
public final class JournalIndex
{
    private JournalIndex()
    {
    }

    /**
     * @param index a journal index.
     * @return the trading day it belongs to.
     */
    public static LocalDate tradingDate(final long index)
    {
        return LocalDate.ofEpochDay(index >>> 32);
    }

    /**
     * @param index a journal index.
     * @return its position within its trading day.
     */
    public static long positionInDay(final long index)
    {
        return index & 0xFFFF_FFFFL;
    }

    /**
     * @param index a journal index, or a negative value for none.
     * @return e.g. {@code 89279485182754 (2026-05-29 #802)}, or {@code none}.
     */
    public static String describe(final long index)
    {
        if (index < 0)
        {
            return "none";
        }
        return index + " (" + tradingDate(index) + " #" + positionInDay(index) + ")";
    }
}
