package io.quantumleap.persistence.query;

import java.time.Instant;

/**
 * The last position snapshot of an instrument and product on a day (Kite's position fields; money in the
 * instrument's integer unit).
 *
 * @param instrumentToken   Kite instrument_token.
 * @param product           CNC, NRML, MIS, ...
 * @param quantity          net quantity.
 * @param overnightQuantity carried in.
 * @param buyQuantity       bought.
 * @param buyValue          bought value.
 * @param sellQuantity      sold.
 * @param sellValue         sold value.
 * @param averagePrice      average price.
 * @param lastPrice         last price.
 * @param pnl               P&amp;L.
 * @param m2m               mark to market.
 * @param realised          realised.
 * @param unrealised        unrealised.
 * @param snapshotAt        when the engine emitted it.
 */
public record PositionRow(long instrumentToken, String product, long quantity, long overnightQuantity,
    long buyQuantity, long buyValue, long sellQuantity, long sellValue, long averagePrice, long lastPrice, long pnl,
    long m2m, long realised, long unrealised, Instant snapshotAt)
{
}
