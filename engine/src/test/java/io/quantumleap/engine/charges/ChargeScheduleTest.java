package io.quantumleap.engine.charges;

import io.quantumleap.engine.testing.Allocations;
import org.junit.jupiter.api.Test;

import static io.quantumleap.engine.charges.ChargeSegment.COMMODITY_FUTURES;
import static io.quantumleap.engine.charges.ChargeSegment.COMMODITY_OPTIONS;
import static io.quantumleap.engine.charges.ChargeSegment.CURRENCY_FUTURES;
import static io.quantumleap.engine.charges.ChargeSegment.CURRENCY_OPTIONS;
import static io.quantumleap.engine.charges.ChargeSegment.EQUITY_DELIVERY;
import static io.quantumleap.engine.charges.ChargeSegment.EQUITY_INTRADAY;
import static io.quantumleap.engine.charges.ChargeSegment.FUTURES;
import static io.quantumleap.engine.charges.ChargeSegment.OPTIONS;
import static io.quantumleap.engine.charges.ChargeVenue.BSE;
import static io.quantumleap.engine.charges.ChargeVenue.MCX;
import static io.quantumleap.engine.charges.ChargeVenue.NSE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChargeScheduleTest
{
    private static final int TRADE_DATE = 2026_11_30;
    private static final long ONE_LAKH_RUPEES = 1_00_000_00L;

    private final ChargeSchedule schedule = ChargeSchedule.zerodha();
    private final ChargeBreakdown out = new ChargeBreakdown();

    @Test
    void shouldChargeADeliveryBuyOfOneLakhOnNse()
    {
        schedule.charge(TRADE_DATE, EQUITY_DELIVERY, NSE, true, ONE_LAKH_RUPEES, out);

        assertEquals(0, out.brokeragePaise());
        assertEquals(100_00, out.transactionTaxPaise());
        assertFalse(out.commodityTax());
        assertEquals(3_07, out.exchangePaise());
        assertEquals(10, out.sebiPaise());
        assertEquals(15_00, out.stampDutyPaise());
        assertEquals(0, out.dpPaise());
        assertEquals((3_07 + 10) * 18 / 100, out.gstPaise());
        assertEquals(100_00 + 3_07 + 10 + 15_00 + 57, out.totalPaise());
    }

    @Test
    void shouldChargeADeliverySellOfOneLakhTheDpChargeAndNoStampDuty()
    {
        schedule.charge(TRADE_DATE, EQUITY_DELIVERY, NSE, false, ONE_LAKH_RUPEES, out);

        assertEquals(100_00, out.transactionTaxPaise());
        assertEquals(0, out.stampDutyPaise());
        assertEquals(13_00, out.dpPaise());
        assertEquals(291, out.gstPaise(), "18% of (307 + 10 + 1300) = 291.06");
        assertEquals(100_00 + 3_07 + 10 + 13_00 + 291, out.totalPaise());
    }

    @Test
    void shouldCapIntradayBrokerageAtTwentyRupeesAndTaxOnlyTheSell()
    {
        schedule.charge(TRADE_DATE, EQUITY_INTRADAY, BSE, true, ONE_LAKH_RUPEES, out);

        assertEquals(20_00, out.brokeragePaise(), "0.03% of 1,00,000 is 30 rupees, capped at 20");
        assertEquals(0, out.transactionTaxPaise());
        assertEquals(3_75, out.exchangePaise(), "BSE 0.00375%");
        assertEquals(3_00, out.stampDutyPaise(), "0.003%");
        assertEquals(429, out.gstPaise(), "18% of (2000 + 375 + 10) = 429.3");
        assertEquals(20_00 + 3_75 + 10 + 3_00 + 429, out.totalPaise());

        schedule.charge(TRADE_DATE, EQUITY_INTRADAY, NSE, false, ONE_LAKH_RUPEES, out);

        assertEquals(25_00, out.transactionTaxPaise(), "0.025% on the sell");
        assertEquals(0, out.stampDutyPaise());
        assertEquals(417, out.gstPaise(), "18% of (2000 + 307 + 10) = 417.06");
        assertEquals(20_00 + 25_00 + 3_07 + 10 + 417, out.totalPaise());
    }

    @Test
    void shouldChargeThreeBasisPointsBrokerageBelowTheCap()
    {
        schedule.charge(TRADE_DATE, EQUITY_INTRADAY, NSE, true, 10_000_00, out);

        assertEquals(3_00, out.brokeragePaise(), "0.03% of 10,000");
    }

    @Test
    void shouldRoundTheFuturesSttToTheRupeeAndTheRestToThePaisa()
    {
        final long niftyLot = 65 * 25_000_00L;

        schedule.charge(TRADE_DATE, FUTURES, NSE, false, niftyLot, out);

        assertEquals(20_00, out.brokeragePaise());
        assertEquals(813_00, out.transactionTaxPaise(), "0.05% of 16,25,000 = 812.50, rounded up to the rupee");
        assertEquals(29_74, out.exchangePaise(), "0.00183% of 16,25,000 = 29.7375");
        assertEquals(1_63, out.sebiPaise(), "0.0001% of 16,25,000 = 1.625");
        assertEquals(0, out.stampDutyPaise());
        assertEquals(925, out.gstPaise(), "18% of (2000 + 2974 + 163) = 924.66");
        assertEquals(20_00 + 813_00 + 29_74 + 1_63 + 925, out.totalPaise());

        schedule.charge(TRADE_DATE, FUTURES, NSE, true, niftyLot, out);

        assertEquals(0, out.transactionTaxPaise());
        assertEquals(32_50, out.stampDutyPaise(), "0.002% of 16,25,000");
        assertEquals(20_00 + 29_74 + 1_63 + 32_50 + 925, out.totalPaise());
    }

    @Test
    void shouldAlsoGiveTheTaxExchangeChargeSebiFeeAndGstUnroundedAsKitesCalculatorsShowThem()
    {
        final long niftyLot = 65 * 25_000_00L;

        schedule.charge(TRADE_DATE, FUTURES, NSE, false, niftyLot, out);

        assertEquals(812_500_000_000L, out.transactionTaxNanoRupees(), "812.50");
        assertEquals(29_737_500_000L, out.exchangeNanoRupees(), "29.7375");
        assertEquals(1_625_000_000L, out.sebiNanoRupees(), "1.625");
        assertEquals(9_245_250_000L, out.gstNanoRupees(), "18% of (20 + 29.7375 + 1.625) = 9.24525");
        assertEquals(812_500_000_000L + 29_737_500_000L + 1_625_000_000L + 9_245_250_000L + 20_00 * 10_000_000L,
            out.totalNanoRupees());
    }

    @Test
    void shouldChargeOptionsOnThePremiumWithAFlatBrokerage()
    {
        final long premium = 65 * 100_00L;

        schedule.charge(TRADE_DATE, OPTIONS, NSE, false, premium, out);

        assertEquals(20_00, out.brokeragePaise());
        assertEquals(10_00, out.transactionTaxPaise(), "0.15% of 6,500 = 9.75, rounded to 10 rupees");
        assertEquals(2_31, out.exchangePaise(), "0.03553% of 6,500 = 2.30945");
        assertEquals(1, out.sebiPaise(), "0.0001% of 6,500 = 0.0065");
        assertEquals(402, out.gstPaise(), "18% of (2000 + 231 + 1) = 401.76");
        assertEquals(20_00 + 10_00 + 2_31 + 1 + 402, out.totalPaise());

        schedule.charge(TRADE_DATE, OPTIONS, BSE, true, 20 * 200_00L, out);

        assertEquals(0, out.transactionTaxPaise());
        assertEquals(1_30, out.exchangePaise(), "BSE 0.0325% of 4,000");
        assertEquals(0, out.sebiPaise(), "0.0001% of 4,000 = 0.004");
        assertEquals(12, out.stampDutyPaise(), "0.003% of 4,000");
        assertEquals(383, out.gstPaise(), "18% of (2000 + 130) = 383.4");
        assertEquals(20_00 + 1_30 + 12 + 383, out.totalPaise());
    }

    @Test
    void shouldChargeCurrencyWithoutStt()
    {
        schedule.charge(TRADE_DATE, CURRENCY_FUTURES, NSE, true, 1_000 * 83_50L, out);

        assertEquals(20_00, out.brokeragePaise(), "0.03% of 83,500 = 25.05, capped at 20");
        assertEquals(0, out.transactionTaxPaise());
        assertEquals(29, out.exchangePaise(), "0.00035% of 83,500 = 0.29225");
        assertEquals(8, out.sebiPaise());
        assertEquals(8, out.stampDutyPaise(), "0.0001% of 83,500 = 0.0835");
        assertEquals(367, out.gstPaise(), "18% of (2000 + 29 + 8) = 366.66");

        schedule.charge(TRADE_DATE, CURRENCY_OPTIONS, NSE, false, 1_000 * 25L, out);

        assertEquals(0, out.transactionTaxPaise());
        assertEquals(20_00, out.brokeragePaise());
        assertEquals(8, out.exchangePaise(), "0.0311% of 250 = 0.07775 rupees");
    }

    @Test
    void shouldChargeCttOnMcxSells()
    {
        schedule.charge(TRADE_DATE, COMMODITY_FUTURES, MCX, false, 100 * 6_000_00L, out);

        assertTrue(out.commodityTax());
        assertEquals(60_00, out.transactionTaxPaise(), "0.01% of 6,00,000");
        assertEquals(12_60, out.exchangePaise(), "0.0021%");
        assertEquals(60, out.sebiPaise());
        assertEquals(598, out.gstPaise(), "18% of (2000 + 1260 + 60) = 597.6");
        assertEquals(20_00 + 60_00 + 12_60 + 60 + 598, out.totalPaise());

        schedule.charge(TRADE_DATE, COMMODITY_FUTURES, MCX, false, 5_862_00L, out);

        assertEquals(1_76, out.brokeragePaise(), "0.03% of 5,862 = 1.7586");
        assertEquals(1_00, out.transactionTaxPaise(), "0.01% of 5,862 = 0.5862, rounded to 1 rupee");

        schedule.charge(TRADE_DATE, COMMODITY_OPTIONS, MCX, false, 100 * 150_00L, out);

        assertEquals(8_00, out.transactionTaxPaise(), "0.05% of 15,000 = 7.50, rounded to 8 rupees");
        assertEquals(6_27, out.exchangePaise(), "0.0418% of 15,000");
    }

    @Test
    void shouldRoundHalfARupeeOfSttUpAndLessDown()
    {
        assertEquals(2_00, schedule.charge(TRADE_DATE, EQUITY_DELIVERY, NSE, true, 1_500_00, out)
            .transactionTaxPaise());
        assertEquals(1_00, schedule.charge(TRADE_DATE, EQUITY_DELIVERY, NSE, true, 1_499_00, out)
            .transactionTaxPaise());
        assertEquals(0, schedule.charge(TRADE_DATE, EQUITY_DELIVERY, NSE, true, 499_00, out)
            .transactionTaxPaise());
    }

    @Test
    void shouldChargeNothingForNoTurnover()
    {
        schedule.charge(TRADE_DATE, OPTIONS, NSE, false, 0, out);

        assertEquals(0, out.totalPaise());
    }

    @Test
    void shouldPickTheTableInForceOnTheTradeDate()
    {
        final ChargeRates later = new ChargeRates.Builder(2026_10_01).sebiPerCrore(10).gstPercent(18)
            .segment(EQUITY_DELIVERY).stt(20_000, 20_000).exchange(NSE, 307).build();
        final ChargeSchedule both = new ChargeSchedule(later, ChargeSchedule.zerodha().ratesOn(2026_04_01));

        assertEquals(2026_04_01, both.ratesOn(2026_09_30).effectiveDate());
        assertSame(later, both.ratesOn(2026_10_01));
        assertEquals(100_00, both.charge(2026_09_30, EQUITY_DELIVERY, NSE, true, ONE_LAKH_RUPEES, out)
            .transactionTaxPaise());
        assertEquals(200_00, both.charge(2026_10_01, EQUITY_DELIVERY, NSE, true, ONE_LAKH_RUPEES, out)
            .transactionTaxPaise());
        assertEquals(2026_04_01, both.firstEffectiveDate());
    }

    @Test
    void shouldRefuseDatesBeforeTheFirstTableVenuesWithoutTheSegmentAndImpossibleTurnover()
    {
        assertThrows(IllegalArgumentException.class,
            () -> schedule.charge(2026_03_31, EQUITY_DELIVERY, NSE, true, ONE_LAKH_RUPEES, out));
        assertThrows(IllegalArgumentException.class,
            () -> schedule.charge(TRADE_DATE, COMMODITY_FUTURES, NSE, true, ONE_LAKH_RUPEES, out));
        assertThrows(IllegalArgumentException.class,
            () -> schedule.charge(TRADE_DATE, CURRENCY_FUTURES, BSE, true, ONE_LAKH_RUPEES, out));
        assertThrows(IllegalArgumentException.class,
            () -> schedule.charge(TRADE_DATE, EQUITY_DELIVERY, MCX, true, ONE_LAKH_RUPEES, out));
        assertThrows(IllegalArgumentException.class,
            () -> schedule.charge(TRADE_DATE, FUTURES, NSE, true, -1, out));
        assertThrows(IllegalArgumentException.class,
            () -> schedule.charge(TRADE_DATE, FUTURES, NSE, true, ChargeSchedule.MAX_TURNOVER_PAISE + 1, out));
        assertTrue(schedule.ratesOn(TRADE_DATE).trades(OPTIONS, BSE));
        assertFalse(schedule.ratesOn(TRADE_DATE).trades(OPTIONS, MCX));
    }

    @Test
    void shouldNotOverflowAtTheLargestTurnover()
    {
        schedule.charge(TRADE_DATE, OPTIONS, NSE, false, ChargeSchedule.MAX_TURNOVER_PAISE, out);

        assertEquals(1_500_000_000_00L, out.transactionTaxPaise(), "0.15% of 1 lakh crore rupees, 150 crore");
    }

    @Test
    void shouldAllocateNothingPerChargeAfterWarmUp()
    {
        final ChargeSegment[] segments = {EQUITY_DELIVERY, EQUITY_INTRADAY, FUTURES, OPTIONS};
        long sum = 0;
        for (int i = 0; i < 20_000; i++)
        {
            sum += schedule.charge(TRADE_DATE, segments[i & 3], NSE, (i & 4) == 0, 1_000_00L + i, out).totalPaise();
        }
        final int measured = 100_000;
        final long before = Allocations.currentThread();
        for (int i = 0; i < measured; i++)
        {
            sum += schedule.charge(TRADE_DATE, segments[i & 3], NSE, (i & 4) == 0, 1_000_00L + i, out).totalPaise();
        }
        final long allocated = Allocations.currentThread() - before;

        assertEquals(0, allocated / measured, allocated + " bytes allocated over " + measured + " charges");
        assertTrue(sum > 0);
    }
}
