package io.quantumleap.engine.kite.ticker;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The values of one packet as a plain test model: generated at random, encoded, and compared with what the
 * decoder reads back.
 */
final class PacketValues
{
    private static final int[] SEGMENTS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 10, 255};

    PacketKind kind;
    long instrumentToken;
    long lastPricePaise;
    long lastTradedQty;
    long averageTradedPricePaise;
    long volumeTraded;
    long totalBuyQty;
    long totalSellQty;
    long openPricePaise;
    long highPricePaise;
    long lowPricePaise;
    long closePricePaise;
    long priceChangePaise;
    long lastTradeTimeS;
    long oi;
    long oiDayHigh;
    long oiDayLow;
    long exchangeTimeS;
    final long[] bidQty = new long[5];
    final long[] bidPricePaise = new long[5];
    final int[] bidOrders = new int[5];
    final long[] askQty = new long[5];
    final long[] askPricePaise = new long[5];
    final int[] askOrders = new int[5];

    static PacketValues random(final Random random)
    {
        final PacketKind[] kinds = PacketKind.values();
        return random(random, kinds[random.nextInt(kinds.length)]);
    }

    static PacketValues random(final Random random, final PacketKind kind)
    {
        final PacketValues v = new PacketValues();
        v.kind = kind;
        final long exchangeToken = random.nextInt(1 << 24);
        v.instrumentToken = (exchangeToken << 8) | SEGMENTS[random.nextInt(SEGMENTS.length)];
        v.lastPricePaise = price(random);
        if (kind == PacketKind.QUOTE || kind == PacketKind.FULL)
        {
            v.lastTradedQty = uint32(random);
            v.averageTradedPricePaise = price(random);
            v.volumeTraded = uint32(random);
            v.totalBuyQty = uint32(random);
            v.totalSellQty = uint32(random);
        }
        if (kind != PacketKind.LTP)
        {
            v.openPricePaise = price(random);
            v.highPricePaise = price(random);
            v.lowPricePaise = price(random);
            v.closePricePaise = price(random);
        }
        if (kind.isIndexLayout())
        {
            v.priceChangePaise = price(random);
        }
        if (kind == PacketKind.FULL || kind == PacketKind.INDEX_FULL)
        {
            v.exchangeTimeS = uint32(random);
        }
        if (kind == PacketKind.FULL)
        {
            v.lastTradeTimeS = uint32(random);
            v.oi = uint32(random);
            v.oiDayHigh = uint32(random);
            v.oiDayLow = uint32(random);
            for (int i = 0; i < 5; i++)
            {
                v.bidQty[i] = uint32(random);
                v.bidPricePaise[i] = price(random);
                v.bidOrders[i] = random.nextInt(0x10000);
                v.askQty[i] = uint32(random);
                v.askPricePaise[i] = price(random);
                v.askOrders[i] = random.nextInt(0x10000);
            }
        }
        return v;
    }

    private static long price(final Random random)
    {
        switch (random.nextInt(4))
        {
            case 0:
                return random.nextInt();
            case 1:
                return random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE;
            default:
                return random.nextInt(10_000_000);
        }
    }

    private static long uint32(final Random random)
    {
        switch (random.nextInt(4))
        {
            case 0:
                return random.nextInt() & 0xFFFF_FFFFL;
            case 1:
                return random.nextBoolean() ? 0xFFFF_FFFFL : 0x8000_0000L;
            default:
                return random.nextInt(1_000_000);
        }
    }

    void encode(final KiteTickerEncoder encoder)
    {
        final TickerPacketEncoder p = encoder.addPacket(kind)
            .instrumentToken(instrumentToken)
            .lastPricePaise(lastPricePaise);
        if (kind == PacketKind.QUOTE || kind == PacketKind.FULL)
        {
            p.lastTradedQty(lastTradedQty)
                .averageTradedPricePaise(averageTradedPricePaise)
                .volumeTraded(volumeTraded)
                .totalBuyQty(totalBuyQty)
                .totalSellQty(totalSellQty);
        }
        if (kind != PacketKind.LTP)
        {
            p.openPricePaise(openPricePaise).highPricePaise(highPricePaise).lowPricePaise(lowPricePaise)
                .closePricePaise(closePricePaise);
        }
        if (kind.isIndexLayout())
        {
            p.priceChangePaise(priceChangePaise);
        }
        if (kind == PacketKind.FULL || kind == PacketKind.INDEX_FULL)
        {
            p.exchangeTimeS(exchangeTimeS);
        }
        if (kind == PacketKind.FULL)
        {
            p.lastTradeTimeS(lastTradeTimeS).oi(oi).oiDayHigh(oiDayHigh).oiDayLow(oiDayLow);
            for (int i = 0; i < 5; i++)
            {
                p.bid(i, bidQty[i], bidPricePaise[i], bidOrders[i]);
                p.ask(i, askQty[i], askPricePaise[i], askOrders[i]);
            }
        }
    }

    void assertMatches(final TickerPacket packet, final String context)
    {
        final int segment = (int)(instrumentToken & 0xFF);
        assertEquals(kind, packet.kind(), context);
        assertEquals(kind.length(), packet.length(), context);
        assertEquals(kind.mode(), packet.mode(), context);
        assertEquals(instrumentToken, packet.instrumentToken(), context);
        assertEquals(segment, packet.segment(), context);
        assertEquals(segment != 9, packet.isTradable(), context);
        assertEquals(segment == 3 ? 10_000_000L : segment == 6 ? 10_000L : 100L, packet.priceDivisor(), context);
        assertEquals(lastPricePaise, packet.lastPricePaise(), context);
        assertEquals(lastTradedQty, packet.lastTradedQty(), context);
        assertEquals(averageTradedPricePaise, packet.averageTradedPricePaise(), context);
        assertEquals(volumeTraded, packet.volumeTraded(), context);
        assertEquals(totalBuyQty, packet.totalBuyQty(), context);
        assertEquals(totalSellQty, packet.totalSellQty(), context);
        assertEquals(openPricePaise, packet.openPricePaise(), context);
        assertEquals(highPricePaise, packet.highPricePaise(), context);
        assertEquals(lowPricePaise, packet.lowPricePaise(), context);
        assertEquals(closePricePaise, packet.closePricePaise(), context);
        assertEquals(priceChangePaise, packet.priceChangePaise(), context);
        assertEquals(lastTradeTimeS, packet.lastTradeTimeS(), context);
        assertEquals(oi, packet.oi(), context);
        assertEquals(oiDayHigh, packet.oiDayHigh(), context);
        assertEquals(oiDayLow, packet.oiDayLow(), context);
        assertEquals(exchangeTimeS, packet.exchangeTimeS(), context);
        final int levels = kind == PacketKind.FULL ? 5 : 0;
        assertEquals(levels, packet.depthLevels(), context);
        for (int i = 0; i < levels; i++)
        {
            assertEquals(bidQty[i], packet.bidQty(i), context);
            assertEquals(bidPricePaise[i], packet.bidPricePaise(i), context);
            assertEquals(bidOrders[i], packet.bidOrders(i), context);
            assertEquals(askQty[i], packet.askQty(i), context);
            assertEquals(askPricePaise[i], packet.askPricePaise(i), context);
            assertEquals(askOrders[i], packet.askOrders(i), context);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> packet.bidQty(levels), context);
    }
}
