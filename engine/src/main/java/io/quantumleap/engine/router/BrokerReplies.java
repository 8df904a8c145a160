package io.quantumleap.engine.router;

import io.quantumleap.engine.protocol.BrokerErrorType;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;

/**
 * Turns what a broker says into engine commands. Thread safe: a broker may call it from any thread.
 */
public interface BrokerReplies
{
    /** The broker accepted a request; for a place, {@code brokerOrderId} is the new order's id. */
    void ack(long timestampNs, long accountId, long clientOrderId, BrokerRequestType type, CharSequence brokerOrderId);

    /** The broker refused a request, or ({@code TIMEOUT}, {@code NETWORK}) its outcome is unknown. */
    void reject(
        long timestampNs,
        long accountId,
        long clientOrderId,
        BrokerRequestType type,
        BrokerErrorType errorType,
        int httpStatus,
        CharSequence message);

    /** An order snapshot (order update, postback, order book row). */
    void orderUpdate(
        long timestampNs,
        long accountId,
        long clientOrderId,
        CharSequence brokerOrderId,
        OrderStatus status,
        long instrumentToken,
        Side side,
        OrderType orderType,
        Product product,
        long qty,
        long filledQty,
        long pricePaise,
        long triggerPricePaise,
        long averagePricePaise,
        long exchangeTimeS);

    /** One fill. */
    void trade(
        long timestampNs,
        long accountId,
        CharSequence brokerOrderId,
        CharSequence tradeId,
        long instrumentToken,
        Side side,
        Product product,
        long qty,
        long pricePaise,
        long exchangeTimeS);
}
