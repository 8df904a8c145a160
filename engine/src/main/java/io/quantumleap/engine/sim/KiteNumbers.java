package io.quantumleap.engine.sim;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The numbers requests carry as text (form fields, path segments, numeric strings in JSON), read as Kite's API
 * reads them: ASCII digits only, nothing around them (no sign {@code +}, no spaces, none of the other scripts' digits
 * Java's parsers take), and, for decimals, bounded before any arithmetic: a {@link BigDecimal} takes exponents up to
 * about ±2<sup>31</sup>, and stripping, rescaling or printing such a number overflows or fills the heap. Runs on the
 * simulator thread.
 */
final class KiteNumbers
{
    /** The most digits before the point: every price and quantity the simulator takes fits in an int. */
    static final int MAX_INTEGER_DIGITS = 10;
    /**
     * The most decimals a number may have once its trailing zeros are dropped: a double's rendering of a currency
     * price (17 significant digits, {@code 0.0025} as {@code 0.0025000000000000001}) has fewer.
     */
    static final int MAX_DECIMALS = 20;

    private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private KiteNumbers()
    {
    }

    /** @return whether {@code text} is a whole number in ASCII digits, with a leading {@code -} at most. */
    static boolean isWhole(final String text)
    {
        return WHOLE.matcher(text).matches();
    }

    /**
     * @return {@code text} as a number when it is a decimal in ASCII digits ({@code 1520.05}, {@code 1.0E-4}, with a
     * leading {@code -} at most), else null; not yet {@link #bounded}.
     */
    static BigDecimal decimal(final String text)
    {
        if (!DECIMAL.matcher(text).matches())
        {
            return null;
        }
        try
        {
            return new BigDecimal(text);
        }
        catch (final NumberFormatException ex)
        {
            // An exponent beyond an int's range.
            return null;
        }
    }

    /**
     * @param shown the value as the refusal shows it.
     * @return {@code value} without its trailing zeros, at most {@link #MAX_INTEGER_DIGITS} digits before the point
     * and {@link #MAX_DECIMALS} after it.
     * @throws KiteError an InputException naming {@code field} when the value is out of those bounds.
     */
    static BigDecimal bounded(final BigDecimal value, final String field, final String shown)
    {
        if (value.signum() == 0)
        {
            return BigDecimal.ZERO;
        }
        if ((long)value.precision() - value.scale() > MAX_INTEGER_DIGITS)
        {
            throw KiteError.input("Invalid `" + field + "` " + shown + "; too large (at most " + MAX_INTEGER_DIGITS +
                " digits before the point).");
        }
        final BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > MAX_DECIMALS)
        {
            throw KiteError.input("Invalid `" + field + "` " + shown + "; too many decimals (at most " +
                MAX_DECIMALS + ").");
        }
        return stripped;
    }
}
