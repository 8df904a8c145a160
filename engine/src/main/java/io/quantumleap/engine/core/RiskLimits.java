package io.quantumleap.engine.core;

/**
 * Pre-trade limits of one account, or the defaults. Owned by the core thread.
 */
public final class RiskLimits
{
    long maxOrderValuePaise;
    long maxPositionQty;
    int priceBandBps;
    int ordersPerSecond;
    int ordersPerMinute;
    int ordersPerDay;

    /**
     * @param maxOrderValuePaise largest value (qty x price x multiplier) of one order.
     * @param maxPositionQty     largest absolute position, counting open orders on the same side (and, for CNC,
     *                           the delivery shares held).
     * @param priceBandBps       how far past its reference a price may trade, in basis points: a limit order's price
     *                           past the last price on the side it trades at at once (a buy above, a sell below), a
     *                           stop-loss order's price past its trigger.
     * @param ordersPerSecond    order requests (place, modify) per calendar second.
     * @param ordersPerMinute    order requests per calendar minute.
     * @param ordersPerDay       order requests per IST calendar day.
     */
    public RiskLimits(
        final long maxOrderValuePaise,
        final long maxPositionQty,
        final int priceBandBps,
        final int ordersPerSecond,
        final int ordersPerMinute,
        final int ordersPerDay)
    {
        set(maxOrderValuePaise, maxPositionQty, priceBandBps, ordersPerSecond, ordersPerMinute, ordersPerDay);
    }

    void set(
        final long maxOrderValuePaise,
        final long maxPositionQty,
        final int priceBandBps,
        final int ordersPerSecond,
        final int ordersPerMinute,
        final int ordersPerDay)
    {
        this.maxOrderValuePaise = maxOrderValuePaise;
        this.maxPositionQty = maxPositionQty;
        this.priceBandBps = priceBandBps;
        this.ordersPerSecond = ordersPerSecond;
        this.ordersPerMinute = ordersPerMinute;
        this.ordersPerDay = ordersPerDay;
    }

    void copyFrom(final RiskLimits other)
    {
        set(other.maxOrderValuePaise, other.maxPositionQty, other.priceBandBps,
            other.ordersPerSecond, other.ordersPerMinute, other.ordersPerDay);
    }

    /** @return true when every limit is positive. */
    public boolean isValid()
    {
        return maxOrderValuePaise > 0 && maxPositionQty > 0 && priceBandBps > 0 &&
            ordersPerSecond > 0 && ordersPerMinute > 0 && ordersPerDay > 0;
    }

    public long maxOrderValuePaise()
    {
        return maxOrderValuePaise;
    }

    public long maxPositionQty()
    {
        return maxPositionQty;
    }

    public int priceBandBps()
    {
        return priceBandBps;
    }

    public int ordersPerSecond()
    {
        return ordersPerSecond;
    }

    public int ordersPerMinute()
    {
        return ordersPerMinute;
    }

    public int ordersPerDay()
    {
        return ordersPerDay;
    }

    long hash(final long h)
    {
        long r = StateHash.mix(h, maxOrderValuePaise);
        r = StateHash.mix(r, maxPositionQty);
        r = StateHash.mix(r, priceBandBps);
        r = StateHash.mix(r, ordersPerSecond);
        r = StateHash.mix(r, ordersPerMinute);
        return StateHash.mix(r, ordersPerDay);
    }
}
