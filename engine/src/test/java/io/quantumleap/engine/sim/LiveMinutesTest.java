package io.quantumleap.engine.sim;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveMinutesTest
{
    private static final long TEN_IST_S = ManualClock.MONDAY_10_00_IST / 1000;
    private static final int TEN = 600;

    private final LocalDate today = KiteTime.date(ManualClock.MONDAY_10_00_IST);
    private final InstrumentUniverse universe = InstrumentUniverse.generate(7, 60, today);
    private final int infy = universe.instruments().stream().filter(Instrument::isEquity).findFirst().orElseThrow()
        .index;

    @Test
    void shouldMakeEachMinuteOfItsTradesFromTheMinuteItStartedIn()
    {
        final LiveMinutes live = new LiveMinutes(universe);
        live.start(TEN_IST_S + 30);

        live.trade(infy, 150_000, 10, 0, TEN_IST_S + 31);
        live.trade(infy, 150_500, 5, 0, TEN_IST_S + 45);
        live.trade(infy, 149_000, 7, 0, TEN_IST_S + 50);
        live.trade(infy, 149_500, 1, 0, TEN_IST_S + 59);
        live.trade(infy, 151_000, 3, 0, TEN_IST_S + 125);

        assertTrue(live.covers(today, TEN));
        assertFalse(live.covers(today, TEN - 1));
        assertFalse(live.covers(today.minusDays(1), TEN));
        final int first = live.find(infy, TEN);
        assertEquals(150_000, live.open(infy, first));
        assertEquals(150_500, live.high(infy, first));
        assertEquals(149_000, live.low(infy, first));
        assertEquals(149_500, live.close(infy, first));
        assertEquals(23, live.volume(infy, first));
        assertEquals(-1, live.find(infy, TEN + 1));
        final int third = live.find(infy, TEN + 2);
        assertEquals(151_000, live.open(infy, third));
        assertEquals(151_000, live.close(infy, third));
        assertEquals(3, live.volume(infy, third));
    }

    @Test
    void shouldKeepOnlyTheSessionsMinutesAndStartADayItRunsIntoFromItsBeginning()
    {
        final LiveMinutes live = new LiveMinutes(universe);
        live.start(TEN_IST_S);
        for (int m = 0; m < 100; m++)
        {
            live.trade(infy, 150_000 + m, 1, 0, TEN_IST_S + 60L * m);
        }

        live.trade(infy, 152_000, 1, 0, TEN_IST_S + 6 * 3_600);
        assertEquals(-1, live.find(infy, 16 * 60));
        assertEquals(150_099, live.close(infy, live.find(infy, TEN + 99)));

        live.trade(infy, 153_000, 2, 0, TEN_IST_S + 24 * 3_600 - 30 * 60);
        assertFalse(live.covers(today, TEN));
        assertTrue(live.covers(today.plusDays(1), 0));
        assertEquals(-1, live.find(infy, TEN));
        assertEquals(153_000, live.close(infy, live.find(infy, 9 * 60 + 30)));
    }
}
