package io.quantumleap.benchmarks.rig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickScheduleTest
{
    private static final long START_NS = 5_000_000_000L;
    private static final long[] TOKENS = {408065, 779521, 738561};

    @Test
    void shouldPlaceEveryTickOnTheFixedRateWithoutAccumulatingRounding()
    {
        final TickSchedule s = new TickSchedule(START_NS, 3, TOKENS, 0, 4_000_000_000L - TickSchedule.VOLUME_BASE);

        assertEquals(START_NS, s.intendedNs(0));
        assertEquals(START_NS + 333_333_333L, s.intendedNs(1));
        assertEquals(START_NS + 666_666_666L, s.intendedNs(2));
        assertEquals(START_NS + 1_000_000_000L, s.intendedNs(3));
        assertEquals(START_NS + 1_000_000_000_000L, s.intendedNs(3_000));
    }

    @Test
    void shouldFindTheLastTickDueAtATime()
    {
        final TickSchedule s = new TickSchedule(START_NS, 1_000, TOKENS, 0, 100);

        assertEquals(-1, s.lastDueSeq(START_NS - 1));
        assertEquals(0, s.lastDueSeq(START_NS));
        assertEquals(0, s.lastDueSeq(START_NS + 999_999));
        assertEquals(1, s.lastDueSeq(START_NS + 1_000_000));
        assertEquals(42, s.lastDueSeq(START_NS + 42_500_000));
    }

    @Test
    void shouldGiveEachTickItsInstrumentRoundRobinAndItsNumberInTheVolume()
    {
        final TickSchedule s = new TickSchedule(START_NS, 1_000, TOKENS, 10, 100);

        assertEquals(0, s.instrumentIndex(0));
        assertEquals(2, s.instrumentIndex(41));
        assertEquals(TOKENS[1], s.token(s.instrumentIndex(40)));
        assertEquals(TickSchedule.VOLUME_BASE + 41, s.volume(41));
        assertEquals(41, s.seqOfVolume(s.volume(41)));
        assertEquals(3_000_000L, s.instrumentIntervalNs());
    }

    @Test
    void shouldNotTakeOrdinaryVolumesOrTicksBeyondTheEndForNumberedTicks()
    {
        final TickSchedule s = new TickSchedule(START_NS, 1_000, TOKENS, 10, 100);

        assertEquals(-1, s.seqOfVolume(123_456));
        assertEquals(-1, s.seqOfVolume(TickSchedule.VOLUME_BASE + 100));
        assertFalse(s.inWindow(9));
        assertTrue(s.inWindow(10));
        assertTrue(s.inWindow(99));
        assertFalse(s.inWindow(100));
    }

    @Test
    void shouldFindAndCountOneInstrumentsTicksInARange()
    {
        final TickSchedule s = new TickSchedule(START_NS, 1_000, TOKENS, 10, 100);

        assertEquals(10, s.nextSeqOfInstrument(1, 10));
        assertEquals(11, s.nextSeqOfInstrument(2, 10));
        assertEquals(12, s.nextSeqOfInstrument(0, 10));
        assertEquals(0, s.nextSeqOfInstrument(0, -1));
        assertEquals(30, s.countOfInstrument(1, 10, 100));
        assertEquals(30, s.countOfInstrument(0, 10, 100));
        assertEquals(0, s.countOfInstrument(2, 10, 11));
    }

    @Test
    void shouldRefuseAPlanWhoseNumbersDoNotFitTheVolumeField()
    {
        assertThrows(IllegalArgumentException.class,
            () -> new TickSchedule(0, 1_000, TOKENS, 0, TickSchedule.VOLUME_MAX));
        assertThrows(IllegalArgumentException.class, () -> new TickSchedule(0, 0, TOKENS, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new TickSchedule(0, 1_000, new long[0], 0, 10));
    }
}
