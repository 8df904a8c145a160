package io.quantumleap.journal.state;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StateAtMomentTest
{
    private static final long USDINR = 412_675;
    private static final long INFY = 408_065;

    @Test
    void shouldPrintEachPriceInItsInstrumentsUnit()
    {
        assertEquals("88.2850", StateAtMoment.price(882_850_000, USDINR));
        assertEquals("88.28125", StateAtMoment.price(882_812_500, USDINR));
        assertEquals("-0.0025", StateAtMoment.price(-25_000, USDINR));
        assertEquals("1500.05", StateAtMoment.price(150_005, INFY));
        assertEquals("0.00", StateAtMoment.price(0, INFY));
    }
}
