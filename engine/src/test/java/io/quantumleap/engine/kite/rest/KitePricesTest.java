package io.quantumleap.engine.kite.rest;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KitePricesTest
{
    @Test
    void shouldFormatPaiseAsExactRupees()
    {
        assertEquals("123.45", KitePrices.format(12345, 1));
        assertEquals("0.05", KitePrices.format(5, 2));
        assertEquals("100.00", KitePrices.format(10000, 1));
        assertEquals("-1.50", KitePrices.format(-150, 9));
    }

    @Test
    void shouldFormatCurrencyUnitsWithTheirSegmentDivisor()
    {
        assertEquals("72.50", KitePrices.format(725_000_000L, KitePrices.SEGMENT_CDS));
        assertEquals("72.755", KitePrices.format(727_550_000L, KitePrices.SEGMENT_CDS));
        assertEquals("82.1234", KitePrices.format(821_234L, KitePrices.SEGMENT_BCD));
    }

    @Test
    void shouldParseDecimalsIncludingScientificNotationExactly()
    {
        assertEquals(1314, KitePrices.toUnits("1.314E+1", 1));
        assertEquals(5, KitePrices.toUnits("0.05", 1));
        assertEquals(25_000, KitePrices.toUnits("0.0025", KitePrices.SEGMENT_CDS));
        assertEquals(0, KitePrices.toUnits("", 1));
        assertEquals(42_065, KitePrices.toUnits(new BigDecimal("420.65"), 1));
    }

    @Test
    void shouldRoundTripEveryPaiseValueWithoutDoubleErrors()
    {
        for (long paise = 0; paise < 100_000; paise += 7)
        {
            assertEquals(paise, KitePrices.toUnits(KitePrices.format(paise, 1), 1));
        }
    }
}
