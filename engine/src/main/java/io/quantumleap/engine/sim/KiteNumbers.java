package io.quantumleap.engine.sim;

import java.math.BigDecimal;

/**
 * Bounds on the decimal numbers requests carry (prices in rupees, GTT quantities), checked before any arithmetic:
 * a {@link BigDecimal} takes exponents up to about ±2<sup>31</sup>, and stripping, rescaling or printing such a
 * number overflows or fills the heap. Runs on the simulator thread.
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

    private KiteNumbers()
    {
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
