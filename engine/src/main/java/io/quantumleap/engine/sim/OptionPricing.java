package io.quantumleap.engine.sim;

/**
 * A deliberately crude option premium: intrinsic value plus a time value that decays with distance from the
 * strike and with time to expiry. Good enough for plausible quotes; not a pricing model.
 */
final class OptionPricing
{
    private OptionPricing()
    {
    }

    static long pricePaise(
        final long underlyingPaise, final long strikePaise, final boolean call, final long daysToExpiry,
        final long tickPaise)
    {
        final long intrinsic = Math.max(0, call ? underlyingPaise - strikePaise : strikePaise - underlyingPaise);
        final double days = Math.max(1, daysToExpiry);
        final double distance = Math.abs(underlyingPaise - strikePaise) / (underlyingPaise * 0.03);
        final double timeValue = underlyingPaise * 0.008 * Math.sqrt(days / 7.0) * Math.exp(-distance);
        return Instrument.roundToTick(intrinsic + Math.round(timeValue), tickPaise);
    }
}
