package io.quantumleap.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JournalIndexTest
{
    @TempDir
    Path dir;

    @Test
    void shouldNameTheIstTradingDateAndPositionOfAnIndex()
    {
        final long[] nowMs = { Instant.parse("2026-11-30T18:20:00Z").toEpochMilli() };
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(new byte[256]);
        try (Journal journal =
            Journal.open(new JournalContext().journalDir(dir).pretouch(false).epochClock(() -> nowMs[0])))
        {
            journal.inputJournal().append(buffer, 0, TestMessages.timer(buffer, 1, 1));
            final long index = journal.inputJournal().append(buffer, 0, TestMessages.timer(buffer, 2, 2));
            assertEquals(LocalDate.of(2026, 11, 30), JournalIndex.tradingDate(index));
            assertEquals(1, JournalIndex.positionInDay(index));
            assertEquals(index + " (2026-11-30 #1)", JournalIndex.describe(index));
        }
    }
}
