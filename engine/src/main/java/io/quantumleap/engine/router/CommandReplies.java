package io.quantumleap.engine.router;

import io.quantumleap.engine.pipeline.CommandPublisher;
import io.quantumleap.engine.protocol.BrokerAckCommandEncoder;
import io.quantumleap.engine.protocol.BrokerErrorType;
import io.quantumleap.engine.protocol.BrokerRejectCommandEncoder;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.OrderUpdateCommandEncoder;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TradeCommandEncoder;
import io.quantumleap.engine.protocol.Validity;
import io.quantumleap.engine.protocol.Variety;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * {@link BrokerReplies} that encode commands and publish them into the ring, waiting for space: a broker reply
 * must never be lost. Each calling thread encodes into its own buffer.
 */
public final class CommandReplies implements BrokerReplies
{
    private final CommandPublisher publisher;
    private final ThreadLocal<Encoders> encoders = ThreadLocal.withInitial(Encoders::new);

    public CommandReplies(final CommandPublisher publisher)
    {
        this.publisher = publisher;
    }

    @Override
    public void ack(
        final long timestampNs,
        final long accountId,
        final long clientOrderId,
        final BrokerRequestType type,
        final CharSequence brokerOrderId)
    {
        final Encoders e = encoders.get();
        final BrokerAckCommandEncoder ack = e.ack.wrapAndApplyHeader(e.buffer, 0, e.header);
        ack.timestampNs(timestampNs).accountId(accountId).clientOrderId(clientOrderId).requestType(type)
            .brokerOrderId(brokerOrderId);
        publisher.publish(e.buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + ack.encodedLength());
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
        final Encoders e = encoders.get();
        final BrokerRejectCommandEncoder reject = e.reject.wrapAndApplyHeader(e.buffer, 0, e.header);
        reject.timestampNs(timestampNs).accountId(accountId).clientOrderId(clientOrderId).requestType(type)
            .errorType(errorType).httpStatus(httpStatus);
        final int maxMessage = publisher.slotCapacity() - MessageHeaderEncoder.ENCODED_LENGTH -
            BrokerRejectCommandEncoder.BLOCK_LENGTH - 4;
        e.text.setLength(0);
        e.text.append(message, 0, Math.min(message.length(), Math.max(0, maxMessage)));
        reject.message(e.text.toString());
        publisher.publish(e.buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + reject.encodedLength());
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
        final Encoders e = encoders.get();
        final boolean done = status == OrderStatus.CANCELLED || status == OrderStatus.REJECTED;
        final OrderUpdateCommandEncoder update = e.update.wrapAndApplyHeader(e.buffer, 0, e.header);
        update.timestampNs(timestampNs).accountId(accountId).clientOrderId(clientOrderId)
            .brokerOrderId(brokerOrderId).exchangeOrderId("").status(status).instrumentToken(instrumentToken)
            .side(side).orderType(orderType).product(product).validity(Validity.DAY).variety(Variety.REGULAR)
            .qty(qty).filledQty(filledQty).pendingQty(done ? 0 : qty - filledQty)
            .cancelledQty(done ? qty - filledQty : 0).pricePaise(pricePaise).triggerPricePaise(triggerPricePaise)
            .averagePricePaise(averagePricePaise).exchangeTimeS(exchangeTimeS).parentOrderId("")
            .statusMessage("");
        publisher.publish(e.buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + update.encodedLength());
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
        final Encoders e = encoders.get();
        final TradeCommandEncoder trade = e.trade.wrapAndApplyHeader(e.buffer, 0, e.header);
        trade.timestampNs(timestampNs).accountId(accountId).brokerOrderId(brokerOrderId).tradeId(tradeId)
            .instrumentToken(instrumentToken).side(side).product(product).qty(qty).pricePaise(pricePaise)
            .exchangeTimeS(exchangeTimeS);
        publisher.publish(e.buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
    }

    private static final class Encoders
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final BrokerAckCommandEncoder ack = new BrokerAckCommandEncoder();
        final BrokerRejectCommandEncoder reject = new BrokerRejectCommandEncoder();
        final OrderUpdateCommandEncoder update = new OrderUpdateCommandEncoder();
        final TradeCommandEncoder trade = new TradeCommandEncoder();
        final StringBuilder text = new StringBuilder();
    }
}
