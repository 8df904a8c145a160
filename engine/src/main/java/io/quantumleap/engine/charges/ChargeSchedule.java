package io.quantumleap.engine.charges;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Zerodha's charges for an executed order (MARKET.md section 8), from the table in force on the trade date.
 * Immutable and allocation-free once built, so any thread may share one.
 *
 * <p>Rounding follows the contract note: STT and CTT to the nearest rupee, every other charge to the nearest
 * paisa, halves up, each charge on its own; GST is 18% of the rounded brokerage, exchange charge, SEBI fee and DP
 * charge. Kite's charge and margin APIs show STT/CTT, the exchange charge, the SEBI fee and GST unrounded: those
 * come in nano-rupees too ({@link ChargeBreakdown#totalNanoRupees()}).
 */
public final class ChargeSchedule
{
    /** The largest turnover one order may carry here, ₹1 lakh crore in paise: keeps every product in a long. */
    public static final long MAX_TURNOVER_PAISE = 100_000_000_000_000L;

    private static final ChargeSchedule ZERODHA = new ChargeSchedule(zerodhaFrom20260401());

    private final ChargeRates[] tables;

    /** @param tables one or more tables with distinct effective dates, in any order. */
    public ChargeSchedule(final ChargeRates... tables)
    {
        if (tables.length == 0)
        {
            throw new IllegalArgumentException("a schedule needs at least one table");
        }
        this.tables = tables.clone();
        Arrays.sort(this.tables, Comparator.comparingInt(ChargeRates::effectiveDate));
        for (int i = 1; i < this.tables.length; i++)
        {
            if (this.tables[i].effectiveDate() == this.tables[i - 1].effectiveDate())
            {
                throw new IllegalArgumentException("two tables from " + this.tables[i].effectiveDate());
            }
        }
    }

    /** @return Zerodha's charges from 1 Apr 2026 (MARKET.md section 8). */
    public static ChargeSchedule zerodha()
    {
        return ZERODHA;
    }

    /** @return the first day any table covers, as yyyymmdd. */
    public int firstEffectiveDate()
    {
        return tables[0].effectiveDate();
    }

    /**
     * @param date the trade date as yyyymmdd.
     * @return the table in force on that date: the latest one that took effect on or before it.
     * @throws IllegalArgumentException for a date before the first table.
     */
    public ChargeRates ratesOn(final int date)
    {
        for (int i = tables.length - 1; i >= 0; i--)
        {
            if (tables[i].effectiveDate() <= date)
            {
                return tables[i];
            }
        }
        throw new IllegalArgumentException("no charges table in force on " + date + "; the first is from " +
            firstEffectiveDate());
    }

    /**
     * Charges of one executed order.
     *
     * @param date          the trade date as yyyymmdd.
     * @param segment       what was traded.
     * @param venue         the exchange.
     * @param buy           true for a buy, false for a sell.
     * @param turnoverPaise price x quantity x multiplier in paise; the premium turnover for options.
     * @param out           overwritten with the charges.
     * @return {@code out}.
     * @throws IllegalArgumentException for a date before the first table, a venue that does not trade the segment,
     * or a turnover outside 0..{@link #MAX_TURNOVER_PAISE}.
     */
    public ChargeBreakdown charge(
        final int date,
        final ChargeSegment segment,
        final ChargeVenue venue,
        final boolean buy,
        final long turnoverPaise,
        final ChargeBreakdown out)
    {
        if (turnoverPaise < 0 || turnoverPaise > MAX_TURNOVER_PAISE)
        {
            throw new IllegalArgumentException("turnoverPaise must be 0.." + MAX_TURNOVER_PAISE + ": " + turnoverPaise);
        }
        final ChargeRates rates = ratesOn(date);
        final long exchangeRate = rates.exchangePerCrore(segment, venue);
        out.clear();
        if (turnoverPaise == 0)
        {
            return out;
        }
        final long flat = rates.brokerageFlatPaise(segment);
        out.brokeragePaise = flat > 0 ? flat :
            Math.min(rates.brokerageCapPaise(segment), paise(turnoverPaise, rates.brokeragePerCrore(segment)));
        out.transactionTaxPaise = rupeesAsPaise(turnoverPaise,
            buy ? rates.taxBuyPerCrore(segment) : rates.taxSellPerCrore(segment));
        out.commodityTax = rates.commodityTax(segment);
        out.exchangePaise = paise(turnoverPaise, exchangeRate);
        out.sebiPaise = paise(turnoverPaise, rates.sebiPerCrore());
        out.stampDutyPaise = buy ? paise(turnoverPaise, rates.stampBuyPerCrore(segment)) : 0;
        out.dpPaise = !buy && segment == ChargeSegment.EQUITY_DELIVERY ? rates.dpChargePaise() : 0;
        out.gstPaise = (Math.multiplyExact(out.brokeragePaise + out.exchangePaise + out.sebiPaise + out.dpPaise,
            rates.gstPercent()) + 50) / 100;
        // turnover (paise) x rate (rupees per crore of rupees) is the charge in nano-rupees: 10^-2 x 10^-7 = 10^-9.
        out.transactionTaxNanoRupees = Math.multiplyExact(turnoverPaise,
            buy ? rates.taxBuyPerCrore(segment) : rates.taxSellPerCrore(segment));
        out.exchangeNanoRupees = Math.multiplyExact(turnoverPaise, exchangeRate);
        out.sebiNanoRupees = Math.multiplyExact(turnoverPaise, rates.sebiPerCrore());
        out.gstNanoRupees = Math.multiplyExact(Math.addExact(out.exchangeNanoRupees + out.sebiNanoRupees,
            (out.brokeragePaise + out.dpPaise) * ChargeBreakdown.NANO_RUPEES_PER_PAISA), rates.gstPercent()) / 100;
        return out;
    }

    /** turnover x rate per crore, to the nearest paisa. */
    private static long paise(final long turnoverPaise, final long perCrore)
    {
        return (Math.multiplyExact(turnoverPaise, perCrore) + ChargeRates.PER_CRORE / 2) / ChargeRates.PER_CRORE;
    }

    /** turnover x rate per crore, to the nearest rupee, in paise. */
    private static long rupeesAsPaise(final long turnoverPaise, final long perCrore)
    {
        final long perCroreOfRupees = ChargeRates.PER_CRORE * 100;
        return (Math.multiplyExact(turnoverPaise, perCrore) + perCroreOfRupees / 2) / perCroreOfRupees * 100;
    }

    /**
     * MARKET.md section 8, from 1 Apr 2026. Brokerage: delivery free; intraday and futures min(₹20, 0.03%); options
     * ₹20 flat; currency and MCX as equity F&amp;O. Stamp duty on currency is 0.0001%; on MCX, which section 8 does
     * not give, the equity F&amp;O rates (0.002% futures, 0.003% options). MCX CTT is for non-agri contracts, the
     * only kind the simulator lists. BSE currency (BCD) is not traded.
     */
    private static ChargeRates zerodhaFrom20260401()
    {
        final long twentyRupees = 20_00;
        return new ChargeRates.Builder(2026_04_01)
            .sebiPerCrore(10)
            .gstPercent(18)
            .dpChargePaise(13_00)
            .segment(ChargeSegment.EQUITY_DELIVERY).brokerage(0, 0).stt(10_000, 10_000).stampOnBuy(1_500)
            .exchange(ChargeVenue.NSE, 307).exchange(ChargeVenue.BSE, 375)
            .segment(ChargeSegment.EQUITY_INTRADAY).brokerage(3_000, twentyRupees).stt(0, 2_500).stampOnBuy(300)
            .exchange(ChargeVenue.NSE, 307).exchange(ChargeVenue.BSE, 375)
            .segment(ChargeSegment.FUTURES).brokerage(3_000, twentyRupees).stt(0, 5_000).stampOnBuy(200)
            .exchange(ChargeVenue.NSE, 183).exchange(ChargeVenue.BSE, 0)
            .segment(ChargeSegment.OPTIONS).flatBrokerage(twentyRupees).stt(0, 15_000).stampOnBuy(300)
            .exchange(ChargeVenue.NSE, 3_553).exchange(ChargeVenue.BSE, 3_250)
            .segment(ChargeSegment.CURRENCY_FUTURES).brokerage(3_000, twentyRupees).stt(0, 0).stampOnBuy(10)
            .exchange(ChargeVenue.NSE, 35)
            .segment(ChargeSegment.CURRENCY_OPTIONS).flatBrokerage(twentyRupees).stt(0, 0).stampOnBuy(10)
            .exchange(ChargeVenue.NSE, 3_110)
            .segment(ChargeSegment.COMMODITY_FUTURES).brokerage(3_000, twentyRupees).ctt(0, 1_000).stampOnBuy(200)
            .exchange(ChargeVenue.MCX, 210)
            .segment(ChargeSegment.COMMODITY_OPTIONS).flatBrokerage(twentyRupees).ctt(0, 5_000).stampOnBuy(300)
            .exchange(ChargeVenue.MCX, 4_180)
            .build();
    }
}
