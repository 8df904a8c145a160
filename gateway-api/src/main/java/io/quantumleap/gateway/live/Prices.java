package io.quantumleap.gateway.live;

import io.quantumleap.engine.kite.rest.KitePrices;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Engine prices (integers in the segment's unit) to rupees and back, at the API edge only. */
public final class Prices
{
    /** Kite's currency prices have four decimals (tick 0.0025); the unit's further digits are shown only when set. */
    private static final int CURRENCY_DECIMALS = 4;
    /** Paise to a segment's unit: 10 to the power of (its decimals - 2). */
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000};

    private Prices()
    {
    }

    /** Decimal places of the segment's unit: CDS 7 (1e-7 rupee), BCD 4, everything else 2 (paise). */
    public static int scale(final long instrumentToken)
    {
        return KitePrices.decimals(KitePrices.segmentOf(instrumentToken));
    }

    /**
     * A price in rupees, written as Kite writes it: to the paisa ({@code 1520.05}, {@code 1520.00}), and for the
     * currency segments to at most their unit without trailing zeros beyond four decimals ({@code 88.0325}, not
     * {@code 88.0325000}).
     */
    public static BigDecimal rupees(final long units, final long instrumentToken)
    {
        final int scale = scale(instrumentToken);
        final BigDecimal price = BigDecimal.valueOf(units, scale);
        if (scale <= CURRENCY_DECIMALS)
        {
            return price;
        }
        final BigDecimal stripped = price.stripTrailingZeros();
        return stripped.scale() < CURRENCY_DECIMALS ? price.setScale(CURRENCY_DECIMALS) : stripped;
    }

    /** Money (values, P&amp;L) is always kept in paise. */
    public static BigDecimal rupees(final long paise)
    {
        return BigDecimal.valueOf(paise, 2);
    }

    /**
     * Money for a person to read, as the dashboard writes it: rupees to the paisa, grouped the Indian way (thousands,
     * then lakhs and crores: {@code 1,00,000.50}, {@code 16,35,79,00,000.00}).
     */
    public static String money(final BigDecimal rupees)
    {
        final String plain = rupees.setScale(2, RoundingMode.HALF_EVEN).abs().toPlainString();
        final int point = plain.indexOf('.');
        final StringBuilder grouped = new StringBuilder(plain.length() + plain.length() / 2 + 1);
        for (int i = 0; i < point; i++)
        {
            final int left = point - i;
            if (i > 0 && (left == 3 || left > 3 && (left - 3) % 2 == 0))
            {
                grouped.append(',');
            }
            grouped.append(plain.charAt(i));
        }
        return (rupees.signum() < 0 ? "-" : "") + grouped + plain.substring(point);
    }

    /** Basis points as a percentage for a person to read: 250 as {@code 2.5%}. */
    public static String percent(final long bps)
    {
        return BigDecimal.valueOf(bps, 2).stripTrailingZeros().toPlainString() + "%";
    }

    /**
     * The average price of a side of a position: its value over its quantity and multiplier, to the segment's unit
     * (half-even), written as {@link #rupees(long, long)} writes prices; 0 when the side has no quantity. In long
     * arithmetic: a position's view is made for every change of its P&amp;L, on the thread that applies ticks.
     */
    public static BigDecimal average(
        final long valuePaise, final long quantity, final int multiplier, final long instrumentToken)
    {
        if (quantity == 0 || multiplier == 0)
        {
            return rupees(0, instrumentToken);
        }
        final int scale = scale(instrumentToken);
        try
        {
            final long numerator = Math.multiplyExact(valuePaise, POWERS_OF_TEN[scale - 2]);
            final long denominator = Math.multiplyExact(quantity, (long)multiplier);
            final long magnitude = Math.absExact(denominator);
            long units = Math.absExact(numerator) / magnitude;
            final long remainder = Math.absExact(numerator) % magnitude;
            if (remainder > magnitude - remainder || remainder == magnitude - remainder && (units & 1) == 1)
            {
                units++;
            }
            return rupees((numerator < 0) == (denominator < 0) ? units : -units, instrumentToken);
        }
        catch (final ArithmeticException overflow)
        {
            return rupees(BigDecimal.valueOf(valuePaise, 2)
                .divide(BigDecimal.valueOf(quantity).multiply(BigDecimal.valueOf(multiplier)), scale,
                    RoundingMode.HALF_EVEN)
                .movePointRight(scale).longValueExact(), instrumentToken);
        }
    }

    /**
     * Strict, unlike {@link KitePrices#toUnits(BigDecimal, int)}, which rounds: a person's order price with too
     * many decimals is an error to report, not to round away.
     *
     * @throws ArithmeticException when the price has more decimals than the segment's unit allows.
     */
    public static long units(final BigDecimal rupees, final long instrumentToken)
    {
        return rupees.setScale(scale(instrumentToken)).unscaledValue().longValueExact();
    }
}
