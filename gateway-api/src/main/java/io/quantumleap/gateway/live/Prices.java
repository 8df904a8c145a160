package io.quantumleap.gateway.live;

import io.quantumleap.engine.kite.rest.KitePrices;

import java.math.BigDecimal;

/** Engine prices (integers in the segment's unit) to rupees and back, at the API edge only. */
public final class Prices
{
    private Prices()
    {
    }

    /** Decimal places of the segment's unit: CDS 7 (1e-7 rupee), BCD 4, everything else 2 (paise). */
    public static int scale(final long instrumentToken)
    {
        return KitePrices.decimals(KitePrices.segmentOf(instrumentToken));
    }

    public static BigDecimal rupees(final long units, final long instrumentToken)
    {
        return BigDecimal.valueOf(units, scale(instrumentToken));
    }

    /** Money (values, P&amp;L) is always kept in paise. */
    public static BigDecimal rupees(final long paise)
    {
        return BigDecimal.valueOf(paise, 2);
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
