package io.quantumleap.engine.kite.ticker;

import io.quantumleap.engine.protocol.BooleanType;
import io.quantumleap.engine.protocol.MarketDataCommandDecoder;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MarketDataCommandWriterTest
{
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[MarketDataCommandWriter.MAX_ENCODED_LENGTH + 16]);
    private final KiteTickerEncoder encoder = new KiteTickerEncoder();
    private final KiteTickerDecoder decoder = new KiteTickerDecoder();
    private final MarketDataCommandWriter writer = new MarketDataCommandWriter();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MarketDataCommandDecoder command = new MarketDataCommandDecoder();

    @Test
    void shouldWriteEveryFieldOfRandomPacketsOfEveryKindInTheSegmentsUnit()
    {
        final long seed = Long.getLong("qleap.test.seed", System.nanoTime());
        final Random random = new Random(seed);
        for (int i = 0; i < 5_000; i++)
        {
            final PacketValues values = PacketValues.random(random);
            final long receiveTimeNs = random.nextLong();
            final int connectionId = random.nextInt(3);
            encoder.wrap(frame, 0);
            values.encode(encoder);
            final int[] length = {0};
            decoder.decode(frame, 0, encoder.encodedLength(),
                packet -> length[0] = writer.write(packet, receiveTimeNs, connectionId, out, 8));

            final String context = "seed " + seed + " (-Dqleap.test.seed), packet " + i + " " + values.kind;
            assertCommandMatches(values, receiveTimeNs, connectionId, length[0], context);
        }
    }

    @Test
    void shouldWriteTheOfficialFullPacketWithFiveBidsAndFiveAsks()
    {
        final byte[] bytes = KiteMocks.base64("ticker_full.packet");
        final TickerPacket packet = new TickerPacket();
        packet.wrap(new UnsafeBuffer(bytes), 0, bytes.length);

        final int length = writer.write(packet, 99L, 2, out, 0);

        assertEquals(MarketDataCommandWriter.MAX_ENCODED_LENGTH, length);
        header.wrap(out, 0);
        command.wrapAndApplyHeader(out, 0, header);
        assertEquals(408065, command.instrumentToken());
        assertEquals(157370, command.lastPricePaise());
        assertEquals(156780, command.closePricePaise());
        assertEquals(1625461887L, command.exchangeTimeS());
        final MarketDataCommandDecoder.BidsDecoder bids = command.bids();
        assertEquals(5, bids.count());
        assertEquals(157340, bids.next().pricePaise());
        assertEquals(5, bids.qty());
        assertEquals(1, bids.orders());
        for (int i = 1; i < 5; i++)
        {
            bids.next();
        }
        final MarketDataCommandDecoder.AsksDecoder asks = command.asks();
        assertEquals(5, asks.count());
        assertEquals(157370, asks.next().pricePaise());
        assertEquals(172, asks.qty());
        assertEquals(3, asks.orders());
    }

    private void assertCommandMatches(
        final PacketValues v, final long receiveTimeNs, final int connectionId, final int length, final String context)
    {
        header.wrap(out, 8);
        assertEquals(MarketDataCommandDecoder.TEMPLATE_ID, header.templateId(), context);
        assertEquals(MarketDataCommandDecoder.BLOCK_LENGTH, header.blockLength(), context);
        assertEquals(MarketDataCommandDecoder.SCHEMA_ID, header.schemaId(), context);
        assertEquals(MarketDataCommandDecoder.SCHEMA_VERSION, header.version(), context);
        command.wrapAndApplyHeader(out, 8, header);
        assertEquals(receiveTimeNs, command.timestampNs(), context);
        assertEquals(v.instrumentToken, command.instrumentToken(), context);
        assertEquals(v.kind.mode(), command.mode(), context);
        assertEquals(
            (v.instrumentToken & 0xFF) == 9 ? BooleanType.FALSE : BooleanType.TRUE, command.tradable(), context);
        assertEquals(connectionId, command.connectionId(), context);
        assertEquals(v.lastPricePaise, command.lastPricePaise(), context);
        assertEquals(v.lastTradedQty, command.lastTradedQty(), context);
        assertEquals(v.averageTradedPricePaise, command.averageTradedPricePaise(), context);
        assertEquals(v.volumeTraded, command.volumeTraded(), context);
        assertEquals(v.totalBuyQty, command.totalBuyQty(), context);
        assertEquals(v.totalSellQty, command.totalSellQty(), context);
        assertEquals(v.openPricePaise, command.openPricePaise(), context);
        assertEquals(v.highPricePaise, command.highPricePaise(), context);
        assertEquals(v.lowPricePaise, command.lowPricePaise(), context);
        assertEquals(v.closePricePaise, command.closePricePaise(), context);
        assertEquals(v.priceChangePaise, command.priceChangePaise(), context);
        assertEquals(v.lastTradeTimeS, command.lastTradeTimeS(), context);
        assertEquals(v.oi, command.oi(), context);
        assertEquals(v.oiDayHigh, command.oiDayHigh(), context);
        assertEquals(v.oiDayLow, command.oiDayLow(), context);
        assertEquals(v.exchangeTimeS, command.exchangeTimeS(), context);
        final int levels = v.kind == PacketKind.FULL ? 5 : 0;
        final MarketDataCommandDecoder.BidsDecoder bids = command.bids();
        assertEquals(levels, bids.count(), context);
        for (int i = 0; i < levels; i++)
        {
            bids.next();
            assertEquals(v.bidPricePaise[i], bids.pricePaise(), context);
            assertEquals(v.bidQty[i], bids.qty(), context);
            assertEquals(v.bidOrders[i], bids.orders(), context);
        }
        final MarketDataCommandDecoder.AsksDecoder asks = command.asks();
        assertEquals(levels, asks.count(), context);
        for (int i = 0; i < levels; i++)
        {
            asks.next();
            assertEquals(v.askPricePaise[i], asks.pricePaise(), context);
            assertEquals(v.askQty[i], asks.qty(), context);
            assertEquals(v.askOrders[i], asks.orders(), context);
        }
        assertEquals(length, MessageHeaderDecoder.ENCODED_LENGTH + command.encodedLength(), context);
    }
}
