package io.quantumleap.journal;

import io.quantumleap.engine.protocol.FillEventEncoder;
import io.quantumleap.engine.protocol.MarketDataCommandEncoder;
import io.quantumleap.engine.protocol.MarketUpdateEventEncoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.protocol.TimerCommandEncoder;
import org.agrona.MutableDirectBuffer;

public final class TestMessages
{
    private static final MessageHeaderEncoder HEADER = new MessageHeaderEncoder();
    private static final TimerCommandEncoder TIMER = new TimerCommandEncoder();
    private static final MarketDataCommandEncoder MARKET_DATA = new MarketDataCommandEncoder();
    private static final MarketUpdateEventEncoder MARKET_UPDATE = new MarketUpdateEventEncoder();
    private static final FillEventEncoder FILL = new FillEventEncoder();

    private TestMessages()
    {
    }

    public static int timer(final MutableDirectBuffer buffer, final long timestampNs, final long timerId)
    {
        TIMER.wrapAndApplyHeader(buffer, 0, HEADER).timestampNs(timestampNs).timerId(timerId);
        return MessageHeaderEncoder.ENCODED_LENGTH + TIMER.encodedLength();
    }

    public static int marketData(
        final MutableDirectBuffer buffer, final long timestampNs, final long instrumentToken, final long lastPricePaise)
    {
        MARKET_DATA.wrapAndApplyHeader(buffer, 0, HEADER)
            .timestampNs(timestampNs)
            .instrumentToken(instrumentToken)
            .mode(TickMode.FULL)
            .lastPricePaise(lastPricePaise)
            .lastTradedQty(10)
            .volumeTraded(1000);
        MARKET_DATA.bidsCount(1).next().pricePaise(lastPricePaise - 5).qty(100).orders(3);
        MARKET_DATA.asksCount(1).next().pricePaise(lastPricePaise + 5).qty(200).orders(4);
        return MessageHeaderEncoder.ENCODED_LENGTH + MARKET_DATA.encodedLength();
    }

    public static int marketUpdate(
        final MutableDirectBuffer buffer,
        final long inputSequence,
        final long timestampNs,
        final long instrumentToken,
        final long lastPricePaise)
    {
        MARKET_UPDATE.wrapAndApplyHeader(buffer, 0, HEADER)
            .inputSequence(inputSequence)
            .timestampNs(timestampNs)
            .instrumentToken(instrumentToken)
            .mode(TickMode.FULL)
            .lastPricePaise(lastPricePaise);
        MARKET_UPDATE.bidsCount(0);
        MARKET_UPDATE.asksCount(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + MARKET_UPDATE.encodedLength();
    }

    public static int fill(
        final MutableDirectBuffer buffer,
        final long inputSequence,
        final long timestampNs,
        final long instrumentToken,
        final long qty,
        final long pricePaise)
    {
        FILL.wrapAndApplyHeader(buffer, 0, HEADER)
            .inputSequence(inputSequence)
            .timestampNs(timestampNs)
            .accountId(1)
            .clientOrderId(7)
            .brokerOrderId("B1")
            .tradeId("T1")
            .instrumentToken(instrumentToken)
            .side(Side.BUY)
            .qty(qty)
            .pricePaise(pricePaise);
        return MessageHeaderEncoder.ENCODED_LENGTH + FILL.encodedLength();
    }
}
