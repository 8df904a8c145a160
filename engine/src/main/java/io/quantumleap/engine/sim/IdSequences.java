package io.quantumleap.engine.sim;

/**
 * The paper broker's id sequences: order, exchange order, trade and GTT trigger ids. One instance serves every paper
 * user, so an id names one order, trade or trigger of the whole broker, as Kite's do. Owned by the simulator thread.
 */
final class IdSequences
{
    /** Order ids one second of the day apart ({@link #startAt}): the 9-digit sequence holds 86,400 of them. */
    static final long ORDER_IDS_PER_SECOND = 10_000;
    /** Trade ids one second apart: the 8-digit trade id holds 86,400 of them. */
    static final long TRADE_IDS_PER_SECOND = 1_000;
    static final long EXCHANGE_IDS_PER_SECOND = 100_000_000;

    long order;
    long exchange;
    long trade;
    long gtt = Gtts.FIRST_ID;

    /**
     * Starts the order, exchange and trade sequences at a second of the day, before the first order: an earlier run
     * of the same day that started at an earlier second issued its ids below these unless it placed more orders or
     * trades per second it ran than {@link #ORDER_IDS_PER_SECOND} and {@link #TRADE_IDS_PER_SECOND}.
     *
     * @param secondOfDay 0 to 86,399.
     */
    void startAt(final int secondOfDay)
    {
        if (secondOfDay < 0 || secondOfDay >= 86_400)
        {
            throw new IllegalArgumentException("not a second of the day: " + secondOfDay);
        }
        order = secondOfDay * ORDER_IDS_PER_SECOND;
        exchange = secondOfDay * EXCHANGE_IDS_PER_SECOND;
        trade = secondOfDay * TRADE_IDS_PER_SECOND;
    }
}
