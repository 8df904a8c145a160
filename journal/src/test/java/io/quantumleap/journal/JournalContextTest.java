package io.quantumleap.journal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JournalContextTest
{
    @Test
    void shouldRollAtSixAmIstByDefaultWhichIsHalfAnHourAfterMidnightUtc()
    {
        final JournalContext context = new JournalContext().conclude();
        assertEquals(6 * 60, context.rollMinuteIst());
        assertEquals(30 * 60_000L, context.rollEpochMs());
        assertEquals(Durability.PAGE_CACHE, context.durability());
    }

    @Test
    void shouldRefuseARollTimeThatWouldSplitATradingSessionNamingTheProperty()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new JournalContext().rollMinuteIst(JournalContext.parseRollTime("10:00")).conclude());
        assertEquals("qleap.journal.roll.time.ist must be from 05:30 to before 09:00 IST, was 10:00", ex.getMessage());
    }

    @Test
    void shouldRefuseAMalformedRollTime()
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> JournalContext.parseRollTime("6am"));
        assertEquals("qleap.journal.roll.time.ist must be HH:mm, was '6am'", ex.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownDurabilityNamingTheAcceptedValues()
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> JournalContext.parseDurability("fsync"));
        assertEquals("qleap.journal.durability must be PAGE_CACHE or GROUP_FSYNC, was 'fsync'", ex.getMessage());
        assertEquals(Durability.GROUP_FSYNC, JournalContext.parseDurability("group_fsync"));
    }

    @Test
    void shouldRefuseABlockSizeThatIsNotAPowerOfTwo()
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> new JournalContext().blockSize(100_000).conclude());
        assertEquals("qleap.journal.block.size must be a power of two of at least 65536 bytes, was 100000",
            ex.getMessage());
    }

    @Test
    void shouldRefuseAPretouchLookAheadShorterThanAPage()
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> new JournalContext().pretouchAheadBytes(4095).conclude());
        assertEquals("qleap.journal.pretouch.ahead.bytes must be at least 4096 (one page), was 4095", ex.getMessage());
    }
}
