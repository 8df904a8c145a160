package io.quantumleap.persistence.query;

import java.time.Instant;

/**
 * One fill.
 *
 * @param tradeId         Kite trade_id.
 * @param brokerOrderId   Kite order_id.
 * @param clientOrderId   engine client order id or null.
 * @param instrumentToken Kite instrument_token.
 * @param side            BUY or SELL.
 * @param product         CNC, NRML, MIS, ...
 * @param quantity        filled quantity.
 * @param price           fill price in the instrument's integer unit.
 * @param exchangeTime    exchange timestamp or null.
 * @param filledAt        when the engine saw it.
 */
public record TradeRow(String tradeId, String brokerOrderId, Long clientOrderId, long instrumentToken, String side,
    String product, long quantity, long price, Instant exchangeTime, Instant filledAt)
{
}
