package io.quantumleap.engine.sim;

/**
 * One fill. Immutable.
 */
final class Trade
{
    final String tradeId;
    final Order order;
    final long pricePaise;
    final long qty;
    final long fillTimestampMs;

    Trade(final String tradeId, final Order order, final long pricePaise, final long qty, final long fillTimestampMs)
    {
        this.tradeId = tradeId;
        this.order = order;
        this.pricePaise = pricePaise;
        this.qty = qty;
        this.fillTimestampMs = fillTimestampMs;
    }
}
