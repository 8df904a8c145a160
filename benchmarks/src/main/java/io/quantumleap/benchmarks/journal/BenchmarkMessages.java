package io.quantumleap.benchmarks.journal;

import io.quantumleap.engine.protocol.Exchange;
import io.quantumleap.engine.protocol.InstrumentDefinitionCommandEncoder;
import io.quantumleap.engine.protocol.InstrumentType;
import io.quantumleap.engine.protocol.MarketDataCommandEncoder;
import io.quantumleap.engine.protocol.MarketUpdateEventEncoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.Segment;
import io.quantumleap.engine.protocol.TickMode;
import org.agrona.MutableDirectBuffer;

/** Encodes the messages the journal benchmarks write: real SBE bytes of the sizes the engine produces. */
final class BenchmarkMessages
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final MarketUpdateEventEncoder marketUpdate = new MarketUpdateEventEncoder();
    private final MarketDataCommandEncoder marketData = new MarketDataCommandEncoder();
    private final InstrumentDefinitionCommandEncoder instrument = new InstrumentDefinitionCommandEncoder();

    /** A MarketUpdateEvent with one bid level: about 190 bytes, the typical event of a busy day. */
    int marketUpdate(final MutableDirectBuffer buffer, final long inputSequence, final long timestampNs)
    {
        final MarketUpdateEventEncoder e = marketUpdate.wrapAndApplyHeader(buffer, 0, header)
            .inputSequence(inputSequence).timestampNs(timestampNs).instrumentToken(408_065).mode(TickMode.QUOTE)
            .lastPricePaise(150_000).lastTradedQty(10).averageTradedPricePaise(149_990).volumeTraded(1_000_000)
            .totalBuyQty(500_000).totalSellQty(500_000).openPricePaise(149_000).highPricePaise(151_000)
            .lowPricePaise(148_500).closePricePaise(149_000).changePaise(1_000)
            .lastTradeTimeS(timestampNs / 1_000_000_000L)
            .oi(0).oiDayHigh(0).oiDayLow(0).exchangeTimeS(timestampNs / 1_000_000_000L);
        e.bidsCount(1).next().pricePaise(149_995).qty(100).orders(3);
        e.asksCount(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    /** An NSE equity definition, so the core accepts ticks for {@code token}. */
    int equity(final MutableDirectBuffer buffer, final long timestampNs, final long token)
    {
        final InstrumentDefinitionCommandEncoder e = instrument.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).instrumentToken(token).exchangeToken(token >>> 8).exchange(Exchange.NSE)
            .segment(Segment.NSE).instrumentType(InstrumentType.EQ).tickSizePaise(5).lotSize(1).freezeQty(0)
            .multiplier(1).expiryEpochDay(0).strikePricePaise(0).lowerCircuitPaise(0).upperCircuitPaise(0)
            .tradingsymbol("SYM" + token).name("SYM" + token);
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }

    /** A FULL tick with five levels a side: what the Kite ticker sends for most of a busy day. */
    int fullTick(final MutableDirectBuffer buffer, final long timestampNs, final long token, final long ltpPaise)
    {
        final MarketDataCommandEncoder e = marketData.wrapAndApplyHeader(buffer, 0, header)
            .timestampNs(timestampNs).instrumentToken(token).mode(TickMode.FULL)
            .tradable(io.quantumleap.engine.protocol.BooleanType.TRUE).connectionId((short)0)
            .lastPricePaise(ltpPaise).lastTradedQty(10).averageTradedPricePaise(ltpPaise).volumeTraded(1_000_000)
            .totalBuyQty(500_000).totalSellQty(500_000).openPricePaise(ltpPaise).highPricePaise(ltpPaise + 500)
            .lowPricePaise(ltpPaise - 500).closePricePaise(ltpPaise).priceChangePaise(0)
            .lastTradeTimeS(timestampNs / 1_000_000_000L).oi(0).oiDayHigh(0).oiDayLow(0)
            .exchangeTimeS(timestampNs / 1_000_000_000L);
        final MarketDataCommandEncoder.BidsEncoder bids = e.bidsCount(5);
        for (int i = 0; i < 5; i++)
        {
            bids.next().pricePaise(ltpPaise - (i + 1) * 5).qty(100L * (i + 1)).orders(i + 1);
        }
        final MarketDataCommandEncoder.AsksEncoder asks = e.asksCount(5);
        for (int i = 0; i < 5; i++)
        {
            asks.next().pricePaise(ltpPaise + (i + 1) * 5).qty(90L * (i + 1)).orders(i + 2);
        }
        return MessageHeaderEncoder.ENCODED_LENGTH + e.encodedLength();
    }
}
