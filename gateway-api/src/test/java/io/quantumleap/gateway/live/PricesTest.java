package io.quantumleap.gateway.live;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PricesTest
{
    private static final long INFY = 408065;
    private static final long USDINR = 412675;
    private static final long LEADMINI = 53_496_327;

    @Test
    void shouldWritePaisePricesToThePaisaAndCurrencyPricesWithoutZerosPastFourDecimals()
    {
        assertEquals("1520.05", Prices.rupees(152_005, INFY).toPlainString());
        assertEquals("1520.00", Prices.rupees(152_000, INFY).toPlainString());
        assertEquals("88.0325", Prices.rupees(880_325_000, USDINR).toPlainString());
        assertEquals("88.0000", Prices.rupees(880_000_000, USDINR).toPlainString());
        assertEquals("82.1234567", Prices.rupees(821_234_567, USDINR).toPlainString());
        assertEquals("0.0025", Prices.rupees(25_000, USDINR).toPlainString());
        assertEquals(880_325_000, Prices.units(new BigDecimal("88.0325"), USDINR));
    }

    @Test
    void shouldAverageASideOfAPositionOverItsQuantityAndMultiplierToTheSegmentsUnit()
    {
        assertEquals("161.05", Prices.average(16_105_000, 1, 1000, LEADMINI).toPlainString());
        assertEquals("1499.20", Prices.average(449_760, 3, 1, INFY).toPlainString());
        assertEquals("100.03", Prices.average(30_010, 3, 1, INFY).toPlainString());
        assertEquals("100.04", Prices.average(30_011, 3, 1, INFY).toPlainString());
        assertEquals("88.0325", Prices.average(17_606_500, 2, 1000, USDINR).toPlainString());
        assertEquals("0.00", Prices.average(0, 0, 1, INFY).toPlainString());
        assertEquals("0.0000", Prices.average(0, 0, 1000, USDINR).toPlainString());
    }

    @Test
    void shouldWriteMoneyToThePaisaInIndianGroups()
    {
        assertEquals("0.00", Prices.money(BigDecimal.ZERO));
        assertEquals("999.50", Prices.money(new BigDecimal("999.5")));
        assertEquals("1,000.00", Prices.money(new BigDecimal("1000")));
        assertEquals("99,999.99", Prices.money(new BigDecimal("99999.99")));
        assertEquals("1,00,000.50", Prices.money(new BigDecimal("100000.5")));
        assertEquals("12,34,567.00", Prices.money(new BigDecimal("1234567")));
        assertEquals("16,35,79,00,000.00", Prices.money(new BigDecimal("16357900000")));
        assertEquals("-1,00,00,000.01", Prices.money(new BigDecimal("-10000000.01")));
        assertEquals("-0.50", Prices.money(new BigDecimal("-0.5")));
    }
}
