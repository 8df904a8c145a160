package io.quantumleap.engine.charges;

import java.util.Arrays;

/**
 * One table of statutory charges and brokerage, in force from {@link #effectiveDate()} until the next table.
 * Immutable. Every rate is in rupees per crore of turnover (0.00307% is 307), so a charge in paise is
 * {@code turnoverPaise x rate / 10^7}; fixed amounts are in paise.
 */
public final class ChargeRates
{
    /** Rupees per crore: the denominator that turns turnover in paise times a rate into paise. */
    public static final long PER_CRORE = 10_000_000L;

    private static final int SEGMENTS = ChargeSegment.values().length;
    private static final int VENUES = ChargeVenue.values().length;
    private static final long NOT_TRADED = -1;

    private final int effectiveDate;
    private final long sebiPerCrore;
    private final long gstPercent;
    private final long dpChargePaise;
    private final long[] brokerageFlatPaise;
    private final long[] brokeragePerCrore;
    private final long[] brokerageCapPaise;
    private final long[] taxBuyPerCrore;
    private final long[] taxSellPerCrore;
    private final boolean[] commodityTax;
    private final long[] stampBuyPerCrore;
    private final long[] exchangePerCrore;

    private ChargeRates(final Builder b)
    {
        effectiveDate = b.effectiveDate;
        sebiPerCrore = b.sebiPerCrore;
        gstPercent = b.gstPercent;
        dpChargePaise = b.dpChargePaise;
        brokerageFlatPaise = b.brokerageFlatPaise.clone();
        brokeragePerCrore = b.brokeragePerCrore.clone();
        brokerageCapPaise = b.brokerageCapPaise.clone();
        taxBuyPerCrore = b.taxBuyPerCrore.clone();
        taxSellPerCrore = b.taxSellPerCrore.clone();
        commodityTax = b.commodityTax.clone();
        stampBuyPerCrore = b.stampBuyPerCrore.clone();
        exchangePerCrore = b.exchangePerCrore.clone();
    }

    /** @return the first day this table applies, as yyyymmdd (20260401). */
    public int effectiveDate()
    {
        return effectiveDate;
    }

    public long sebiPerCrore()
    {
        return sebiPerCrore;
    }

    public long gstPercent()
    {
        return gstPercent;
    }

    /** @return the depository charge per scrip per day of delivery selling, before GST. */
    public long dpChargePaise()
    {
        return dpChargePaise;
    }

    /** @return a flat brokerage per executed order, or 0 when brokerage is a capped percentage. */
    public long brokerageFlatPaise(final ChargeSegment segment)
    {
        return brokerageFlatPaise[segment.ordinal()];
    }

    public long brokeragePerCrore(final ChargeSegment segment)
    {
        return brokeragePerCrore[segment.ordinal()];
    }

    public long brokerageCapPaise(final ChargeSegment segment)
    {
        return brokerageCapPaise[segment.ordinal()];
    }

    /** @return STT (or CTT) on the buy side. */
    public long taxBuyPerCrore(final ChargeSegment segment)
    {
        return taxBuyPerCrore[segment.ordinal()];
    }

    /** @return STT (or CTT) on the sell side. */
    public long taxSellPerCrore(final ChargeSegment segment)
    {
        return taxSellPerCrore[segment.ordinal()];
    }

    /** @return true when the transaction tax is the commodity transaction tax (CTT), not STT. */
    public boolean commodityTax(final ChargeSegment segment)
    {
        return commodityTax[segment.ordinal()];
    }

    /** @return stamp duty, charged on the buy side only. */
    public long stampBuyPerCrore(final ChargeSegment segment)
    {
        return stampBuyPerCrore[segment.ordinal()];
    }

    /** @return whether the venue trades the segment at all (MCX trades no equity, NSE no commodity). */
    public boolean trades(final ChargeSegment segment, final ChargeVenue venue)
    {
        return exchangePerCrore[slot(segment, venue)] != NOT_TRADED;
    }

    /**
     * @return the exchange's turnover charge (transaction charge plus IPFT).
     * @throws IllegalArgumentException if the venue does not trade the segment.
     */
    public long exchangePerCrore(final ChargeSegment segment, final ChargeVenue venue)
    {
        final long rate = exchangePerCrore[slot(segment, venue)];
        if (rate == NOT_TRADED)
        {
            throw new IllegalArgumentException(venue + " has no " + segment + " charges in the table of " +
                effectiveDate);
        }
        return rate;
    }

    private static int slot(final ChargeSegment segment, final ChargeVenue venue)
    {
        return segment.ordinal() * VENUES + venue.ordinal();
    }

    /**
     * Fills a table segment by segment; a segment left out, or a venue not named for a segment, is not traded.
     */
    public static final class Builder
    {
        private final int effectiveDate;
        private long sebiPerCrore;
        private long gstPercent;
        private long dpChargePaise;
        private final long[] brokerageFlatPaise = new long[SEGMENTS];
        private final long[] brokeragePerCrore = new long[SEGMENTS];
        private final long[] brokerageCapPaise = new long[SEGMENTS];
        private final long[] taxBuyPerCrore = new long[SEGMENTS];
        private final long[] taxSellPerCrore = new long[SEGMENTS];
        private final boolean[] commodityTax = new boolean[SEGMENTS];
        private final long[] stampBuyPerCrore = new long[SEGMENTS];
        private final long[] exchangePerCrore = new long[SEGMENTS * VENUES];
        private ChargeSegment segment;

        /** @param effectiveDate the first day the table applies, as yyyymmdd. */
        public Builder(final int effectiveDate)
        {
            if (effectiveDate < 1900_01_01 || effectiveDate > 9999_12_31)
            {
                throw new IllegalArgumentException("effectiveDate is yyyymmdd: " + effectiveDate);
            }
            this.effectiveDate = effectiveDate;
            Arrays.fill(exchangePerCrore, NOT_TRADED);
        }

        public Builder sebiPerCrore(final long rate)
        {
            sebiPerCrore = nonNegative(rate, "sebiPerCrore");
            return this;
        }

        public Builder gstPercent(final long percent)
        {
            gstPercent = nonNegative(percent, "gstPercent");
            return this;
        }

        public Builder dpChargePaise(final long paise)
        {
            dpChargePaise = nonNegative(paise, "dpChargePaise");
            return this;
        }

        /** The segment the following calls describe. */
        public Builder segment(final ChargeSegment segment)
        {
            this.segment = segment;
            return this;
        }

        /** Brokerage of min(cap, turnover x rate) per executed order; 0 and 0 for none. */
        public Builder brokerage(final long perCrore, final long capPaise)
        {
            final int s = current();
            brokeragePerCrore[s] = nonNegative(perCrore, "brokerage rate");
            brokerageCapPaise[s] = nonNegative(capPaise, "brokerage cap");
            brokerageFlatPaise[s] = 0;
            return this;
        }

        /** A flat brokerage per executed order, whatever its turnover. */
        public Builder flatBrokerage(final long paise)
        {
            final int s = current();
            brokerageFlatPaise[s] = nonNegative(paise, "flat brokerage");
            brokeragePerCrore[s] = 0;
            brokerageCapPaise[s] = 0;
            return this;
        }

        /** STT on each side. */
        public Builder stt(final long buyPerCrore, final long sellPerCrore)
        {
            return tax(buyPerCrore, sellPerCrore, false);
        }

        /** CTT on each side. */
        public Builder ctt(final long buyPerCrore, final long sellPerCrore)
        {
            return tax(buyPerCrore, sellPerCrore, true);
        }

        public Builder stampOnBuy(final long perCrore)
        {
            stampBuyPerCrore[current()] = nonNegative(perCrore, "stamp duty");
            return this;
        }

        public Builder exchange(final ChargeVenue venue, final long perCrore)
        {
            exchangePerCrore[slot(segment(), venue)] = nonNegative(perCrore, "exchange charge");
            return this;
        }

        public ChargeRates build()
        {
            return new ChargeRates(this);
        }

        private Builder tax(final long buyPerCrore, final long sellPerCrore, final boolean commodity)
        {
            final int s = current();
            taxBuyPerCrore[s] = nonNegative(buyPerCrore, "transaction tax");
            taxSellPerCrore[s] = nonNegative(sellPerCrore, "transaction tax");
            commodityTax[s] = commodity;
            return this;
        }

        private ChargeSegment segment()
        {
            if (segment == null)
            {
                throw new IllegalStateException("name the segment first: segment(ChargeSegment)");
            }
            return segment;
        }

        private int current()
        {
            return segment().ordinal();
        }

        private static long nonNegative(final long value, final String what)
        {
            if (value < 0)
            {
                throw new IllegalArgumentException(what + " must not be negative: " + value);
            }
            return value;
        }
    }
}
