package io.quantumleap.engine.kite.ticker;

import io.quantumleap.engine.protocol.BooleanType;
import io.quantumleap.engine.protocol.MarketDataCommandEncoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import org.agrona.MutableDirectBuffer;

import static io.quantumleap.engine.kite.ticker.KiteTickerProtocol.DEPTH_LEVELS;

/**
 * Turns a decoded {@link TickerPacket} into an SBE {@code MarketDataCommand} (message header included),
 * keeping prices in the segment's unit. Full packets carry 5 bids and 5 asks; every other kind has empty
 * depth groups, and fields its layout lacks are written as 0. {@code priceChangePaise} is set only for
 * index packets.
 *
 * <p>Owned by the decoding thread; allocates nothing. The caller provides at least
 * {@link #MAX_ENCODED_LENGTH} bytes from {@code offset}.
 */
public final class MarketDataCommandWriter
{
    /** Bytes a MarketDataCommand with full depth takes, message header included. */
    public static final int MAX_ENCODED_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH +
        MarketDataCommandEncoder.BLOCK_LENGTH +
        2 * (MarketDataCommandEncoder.BidsEncoder.HEADER_SIZE +
        DEPTH_LEVELS * MarketDataCommandEncoder.BidsEncoder.sbeBlockLength());

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MarketDataCommandEncoder encoder = new MarketDataCommandEncoder();

    /**
     * @param packet        decoded packet.
     * @param receiveTimeNs socket receive time of the frame, in ns; becomes {@code timestampNs}.
     * @param connectionId  feed connection the frame came on, 0..254.
     * @param buffer        to write into.
     * @param offset        of the message header.
     * @return bytes written, message header included.
     */
    public int write(
        final TickerPacket packet,
        final long receiveTimeNs,
        final int connectionId,
        final MutableDirectBuffer buffer,
        final int offset)
    {
        final MarketDataCommandEncoder encoder = this.encoder;
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .timestampNs(receiveTimeNs)
            .instrumentToken(packet.instrumentToken())
            .mode(packet.mode())
            .tradable(packet.isTradable() ? BooleanType.TRUE : BooleanType.FALSE)
            .connectionId((short)connectionId)
            .lastPricePaise(packet.lastPricePaise())
            .lastTradedQty(packet.lastTradedQty())
            .averageTradedPricePaise(packet.averageTradedPricePaise())
            .volumeTraded(packet.volumeTraded())
            .totalBuyQty(packet.totalBuyQty())
            .totalSellQty(packet.totalSellQty())
            .openPricePaise(packet.openPricePaise())
            .highPricePaise(packet.highPricePaise())
            .lowPricePaise(packet.lowPricePaise())
            .closePricePaise(packet.closePricePaise())
            .priceChangePaise(packet.priceChangePaise())
            .lastTradeTimeS(packet.lastTradeTimeS())
            .oi(packet.oi())
            .oiDayHigh(packet.oiDayHigh())
            .oiDayLow(packet.oiDayLow())
            .exchangeTimeS(packet.exchangeTimeS());

        final int levels = packet.depthLevels();
        final MarketDataCommandEncoder.BidsEncoder bids = encoder.bidsCount(levels);
        for (int i = 0; i < levels; i++)
        {
            bids.next().pricePaise(packet.bidPricePaise(i)).qty(packet.bidQty(i)).orders(packet.bidOrders(i));
        }
        final MarketDataCommandEncoder.AsksEncoder asks = encoder.asksCount(levels);
        for (int i = 0; i < levels; i++)
        {
            asks.next().pricePaise(packet.askPricePaise(i)).qty(packet.askQty(i)).orders(packet.askOrders(i));
        }

        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }
}
