package io.quantumleap.engine.kite.rest;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Converts between Kite's decimal rupee prices and the engine's integer price units: paise for every segment
 * except CDS (1e-7 rupee) and BCD (1e-4 rupee), the same divisors Kite's ticker uses.
 */
public final class KitePrices
{
    /** Ticker segment code of NSE currency derivatives. */
    public static final int SEGMENT_CDS = 3;
    /** Ticker segment code of BSE currency derivatives. */
    public static final int SEGMENT_BCD = 6;

    private KitePrices()
    {
    }

    /**
     * @param segment ticker segment code ({@code instrument_token & 0xFF}).
     * @return the number of decimal places of one price unit: 7 for CDS, 4 for BCD, 2 otherwise.
     */
    public static int decimals(final int segment)
    {
        switch (segment)
        {
            case SEGMENT_CDS:
                return 7;
            case SEGMENT_BCD:
                return 4;
            default:
                return 2;
        }
    }

    /**
     * @param instrumentToken Kite instrument token.
     * @return its ticker segment code.
     */
    public static int segmentOf(final long instrumentToken)
    {
        return (int)(instrumentToken & 0xFF);
    }

    /**
     * Exact conversion of a rupee amount to price units; a value with more decimals than the unit holds is
     * rounded half-up (Kite's own averages can carry more).
     *
     * @param rupees  decimal rupee value.
     * @param segment ticker segment code.
     * @return the value in the segment's price unit.
     */
    public static long toUnits(final BigDecimal rupees, final int segment)
    {
        return rupees.movePointRight(decimals(segment)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * Parses a decimal string (scientific notation accepted) into price units.
     *
     * @param rupees  decimal text such as {@code "1.314E+1"} or {@code "72.5"}; empty means 0.
     * @param segment ticker segment code.
     * @return the value in the segment's price unit.
     * @throws NumberFormatException if the text is not a number.
     */
    public static long toUnits(final String rupees, final int segment)
    {
        if (rupees.isEmpty())
        {
            return 0;
        }
        return toUnits(new BigDecimal(rupees), segment);
    }

    /**
     * Formats price units as the decimal rupee string Kite expects, exactly and without trailing zeros beyond
     * the second decimal: 12345 paise is {@code "123.45"}, 725000000 CDS units is {@code "72.50"}.
     *
     * @param units   the price in the segment's unit.
     * @param segment ticker segment code.
     * @return decimal text, never in scientific notation.
     */
    public static String format(final long units, final int segment)
    {
        final int decimals = decimals(segment);
        final StringBuilder text = new StringBuilder(24);
        final long abs = Math.abs(units);
        if (units < 0)
        {
            text.append('-');
        }
        long scale = 1;
        for (int i = 0; i < decimals; i++)
        {
            scale *= 10;
        }
        text.append(abs / scale).append('.');
        final String fraction = Long.toString(abs % scale);
        for (int i = fraction.length(); i < decimals; i++)
        {
            text.append('0');
        }
        text.append(fraction);
        int end = text.length();
        final int minEnd = text.indexOf(".") + 3;
        while (end > minEnd && text.charAt(end - 1) == '0')
        {
            end--;
        }
        text.setLength(end);
        return text.toString();
    }
}
