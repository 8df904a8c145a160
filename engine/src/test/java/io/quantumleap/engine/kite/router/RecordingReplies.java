package io.quantumleap.engine.kite.router;

import io.quantumleap.engine.protocol.BrokerErrorType;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.router.BrokerReplies;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

final class RecordingReplies implements BrokerReplies
{
    record Ack(long timestampNs, long accountId, long clientOrderId, BrokerRequestType type, String brokerOrderId)
    {
    }

    record Reject(
        long timestampNs, long accountId, long clientOrderId, BrokerRequestType type, BrokerErrorType errorType,
        int httpStatus, String message)
    {
    }

    final List<Ack> acks = new CopyOnWriteArrayList<>();
    final List<Reject> rejects = new CopyOnWriteArrayList<>();

    int count()
    {
        return acks.size() + rejects.size();
    }

    @Override
    public void ack(
        final long timestampNs,
        final long accountId,
        final long clientOrderId,
        final BrokerRequestType type,
        final CharSequence brokerOrderId)
    {
        acks.add(new Ack(timestampNs, accountId, clientOrderId, type, brokerOrderId.toString()));
    }

    @Override
    public void reject(
        final long timestampNs,
        final long accountId,
        final long clientOrderId,
        final BrokerRequestType type,
        final BrokerErrorType errorType,
        final int httpStatus,
        final CharSequence message)
    {
        rejects.add(new Reject(timestampNs, accountId, clientOrderId, type, errorType, httpStatus, message.toString()));
    }

    @Override
    public void orderUpdate(
        final long timestampNs,
        final long accountId,
        final long clientOrderId,
        final CharSequence brokerOrderId,
        final OrderStatus status,
        final long instrumentToken,
        final Side side,
        final OrderType orderType,
        final Product product,
        final long qty,
        final long filledQty,
        final long pricePaise,
        final long triggerPricePaise,
        final long averagePricePaise,
        final long exchangeTimeS)
    {
        throw new UnsupportedOperationException("the Kite broker reconciles through the ring");
    }

    @Override
    public void trade(
        final long timestampNs,
        final long accountId,
        final CharSequence brokerOrderId,
        final CharSequence tradeId,
        final long instrumentToken,
        final Side side,
        final Product product,
        final long qty,
        final long pricePaise,
        final long exchangeTimeS)
    {
        throw new UnsupportedOperationException("the Kite broker reconciles through the ring");
    }
}
