package io.quantumleap.engine.kite.ticker;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantumleap.engine.protocol.TickMode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteTickerFixtureTest
{
    private final KiteTickerDecoder decoder = new KiteTickerDecoder();

    @Test
    void shouldDecodeTheOfficialQuotePacketToItsExpectedValues()
    {
        assertBarePacketMatches("ticker_quote.packet", "ticker_quote.expected.json", PacketKind.QUOTE);
    }

    @Test
    void shouldDecodeTheOfficialFullPacketToItsExpectedValues()
    {
        assertBarePacketMatches("ticker_full.packet", "ticker_full.expected.json", PacketKind.FULL);
    }

    @Test
    void shouldDecodeTheLtpModeFrameToItsExpectedValues()
    {
        assertFrameMatches("ltpMode_binary.packet", "ltpMode_binary.expected.json");
    }

    @Test
    void shouldDecodeTheFullModeFrameToItsExpectedValues()
    {
        assertFrameMatches("fullMode_binary.packet", "fullMode_binary.expected.json");
    }

    @Test
    void shouldReadTheQuotePacketAsTheOfficialGoTestExpects()
    {
        final JsonNode go = KiteMocks.json("ticker_quote.expected.json").get("official_expected_go_struct");
        final TickerPacket packet = new TickerPacket();
        final byte[] bytes = KiteMocks.base64("ticker_quote.packet");
        assertTrue(packet.wrap(new UnsafeBuffer(bytes), 0, bytes.length));

        assertEquals(go.get("InstrumentToken").longValue(), packet.instrumentToken());
        assertEquals(go.get("IsTradable").booleanValue(), packet.isTradable());
        assertRupees(go.get("LastPrice"), packet.lastPricePaise(), packet.priceDivisor());
        assertEquals(go.get("LastTradedQuantity").longValue(), packet.lastTradedQty());
        assertEquals(go.get("TotalBuyQuantity").longValue(), packet.totalBuyQty());
        assertEquals(go.get("TotalSellQuantity").longValue(), packet.totalSellQty());
        assertEquals(go.get("VolumeTraded").longValue(), packet.volumeTraded());
        assertRupees(go.get("AverageTradePrice"), packet.averageTradedPricePaise(), packet.priceDivisor());
        assertRupees(go.get("OHLC").get("Open"), packet.openPricePaise(), packet.priceDivisor());
        assertRupees(go.get("OHLC").get("High"), packet.highPricePaise(), packet.priceDivisor());
        assertRupees(go.get("OHLC").get("Low"), packet.lowPricePaise(), packet.priceDivisor());
        assertRupees(go.get("OHLC").get("Close"), packet.closePricePaise(), packet.priceDivisor());
    }

    @Test
    void shouldMatchTheRawHexRecordedNextToEachBarePacket()
    {
        for (final String name : List.of("ticker_quote", "ticker_full"))
        {
            final String hex = KiteMocks.json(name + ".expected.json").get("raw_packet_hex").textValue();
            assertArrayEquals(HexFormat.of().parseHex(hex), KiteMocks.base64(name + ".packet"), name);
        }
    }

    private void assertBarePacketMatches(final String packetFile, final String expectedFile, final PacketKind kind)
    {
        final byte[] bytes = KiteMocks.base64(packetFile);
        assertEquals(kind.length(), bytes.length, packetFile);
        final JsonNode tick = KiteMocks.json(expectedFile).get("normalized_tick");

        final TickerPacket packet = new TickerPacket();
        assertTrue(packet.wrap(new UnsafeBuffer(bytes), 0, bytes.length));
        assertTickMatches(tick, packet, packetFile);

        final UnsafeBuffer frame = new UnsafeBuffer(new byte[KiteTickerEncoder.frameLength(kind, 1)]);
        final int length = new KiteTickerEncoder().wrap(frame, 0)
            .addRawPacket(new UnsafeBuffer(bytes), 0, bytes.length).encodedLength();
        assertEquals(1, decoder.decode(frame, 0, length, p -> assertTickMatches(tick, p, packetFile + " in a frame")));
        assertEquals(FrameError.NONE, decoder.lastFrameError());
    }

    private void assertFrameMatches(final String packetFile, final String expectedFile)
    {
        final byte[] bytes = KiteMocks.bytes(packetFile);
        final JsonNode expected = KiteMocks.json(expectedFile);
        final JsonNode ticks = expected.get("ticks");
        assertEquals(expected.get("frame").get("number_of_packets").intValue(), ticks.size());

        final int[] index = {0};
        final int decoded = decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, packet ->
        {
            assertEquals(expected.get("frame").get("packet_lengths").get(index[0]).intValue(), packet.length());
            assertTickMatches(ticks.get(index[0]), packet, packetFile + " packet " + index[0]);
            index[0]++;
        });

        assertEquals(ticks.size(), decoded);
        assertEquals(ticks.size(), index[0]);
        assertEquals(FrameError.NONE, decoder.lastFrameError());
        assertEquals(0, decoder.malformedFrames());
    }

    private static void assertTickMatches(final JsonNode tick, final TickerPacket packet, final String context)
    {
        final long divisor = packet.priceDivisor();
        assertEquals(TickMode.valueOf(tick.get("mode").textValue().toUpperCase()), packet.mode(), context);
        assertEquals(tick.get("instrument_token").longValue(), packet.instrumentToken(), context);
        assertEquals(tick.get("segment_code").intValue(), packet.segment(), context);
        assertEquals(tick.get("tradable").booleanValue(), packet.isTradable(), context);
        assertEquals(0, tick.get("price_divisor").decimalValue().compareTo(BigDecimal.valueOf(divisor)), context);
        assertRupees(tick.get("last_price"), packet.lastPricePaise(), divisor);

        if (tick.has("volume_traded"))
        {
            assertEquals(tick.get("last_traded_quantity").longValue(), packet.lastTradedQty(), context);
            assertRupees(tick.get("average_traded_price"), packet.averageTradedPricePaise(), divisor);
            assertEquals(tick.get("volume_traded").longValue(), packet.volumeTraded(), context);
            assertEquals(tick.get("total_buy_quantity").longValue(), packet.totalBuyQty(), context);
            assertEquals(tick.get("total_sell_quantity").longValue(), packet.totalSellQty(), context);
        }
        if (tick.has("ohlc"))
        {
            final JsonNode ohlc = tick.get("ohlc");
            assertRupees(ohlc.get("open"), packet.openPricePaise(), divisor);
            assertRupees(ohlc.get("high"), packet.highPricePaise(), divisor);
            assertRupees(ohlc.get("low"), packet.lowPricePaise(), divisor);
            assertRupees(ohlc.get("close"), packet.closePricePaise(), divisor);
            final double absolute = (packet.lastPricePaise() - packet.closePricePaise()) / (double)divisor;
            assertEquals(
                tick.get("change_absolute_(go full mode / mocks json)").doubleValue(), absolute, 1e-9, context);
        }
        if (tick.has("exchange_timestamp_epoch"))
        {
            assertEquals(tick.get("last_trade_time_epoch").longValue(), packet.lastTradeTimeS(), context);
            assertEquals(tick.get("exchange_timestamp_epoch").longValue(), packet.exchangeTimeS(), context);
            assertEquals(tick.get("oi").longValue(), packet.oi(), context);
            assertEquals(tick.get("oi_day_high").longValue(), packet.oiDayHigh(), context);
            assertEquals(tick.get("oi_day_low").longValue(), packet.oiDayLow(), context);
        }
        if (tick.has("depth"))
        {
            final JsonNode buy = tick.get("depth").get("buy");
            final JsonNode sell = tick.get("depth").get("sell");
            assertEquals(buy.size(), packet.depthLevels(), context);
            assertEquals(sell.size(), packet.depthLevels(), context);
            for (int i = 0; i < packet.depthLevels(); i++)
            {
                assertEquals(buy.get(i).get("quantity").longValue(), packet.bidQty(i), context + " bid " + i);
                assertRupees(buy.get(i).get("price"), packet.bidPricePaise(i), divisor);
                assertEquals(buy.get(i).get("orders").intValue(), packet.bidOrders(i), context + " bid " + i);
                assertEquals(sell.get(i).get("quantity").longValue(), packet.askQty(i), context + " ask " + i);
                assertRupees(sell.get(i).get("price"), packet.askPricePaise(i), divisor);
                assertEquals(sell.get(i).get("orders").intValue(), packet.askOrders(i), context + " ask " + i);
            }
        }
        else
        {
            assertEquals(0, packet.depthLevels(), context);
        }
    }

    private static void assertRupees(final JsonNode expectedRupees, final long pricePaise, final long divisor)
    {
        final BigDecimal actual = BigDecimal.valueOf(pricePaise).divide(BigDecimal.valueOf(divisor));
        assertEquals(0, expectedRupees.decimalValue().compareTo(actual),
            "expected " + expectedRupees + " rupees, decoded " + actual);
    }
}
