package io.quantumleap.engine.kite.ticker;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteTickerEncoderTest
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private final KiteTickerEncoder encoder = new KiteTickerEncoder().wrap(buffer, 0);

    @Test
    void shouldEncodeTheLtpModeFixtureByteForByte()
    {
        encoder.addPacket(PacketKind.LTP).instrumentToken(884737).lastPricePaise(39295);

        final byte[] encoded = new byte[encoder.encodedLength()];
        buffer.getBytes(0, encoded);
        assertArrayEquals(KiteMocks.bytes("ltpMode_binary.packet"), encoded);
    }

    @Test
    void shouldEncodeTheFullModeFixtureByteForByte()
    {
        encoder.addPacket(PacketKind.FULL).instrumentToken(884737).lastPricePaise(39295).lastTradedQty(2)
            .averageTradedPricePaise(40307).volumeTraded(22261032).totalBuyQty(5617).totalSellQty(0)
            .openPricePaise(42000).highPricePaise(42090).lowPricePaise(39010).closePricePaise(41410)
            .lastTradeTimeS(1655375264L).exchangeTimeS(1655378328L).bid(0, 5617, 39295, 30);

        final byte[] encoded = new byte[encoder.encodedLength()];
        buffer.getBytes(0, encoded);
        assertArrayEquals(KiteMocks.bytes("fullMode_binary.packet"), encoded);
    }

    @Test
    void shouldWriteTheIndexOhlcInItsOwnOrder()
    {
        encoder.addPacket(PacketKind.INDEX_QUOTE).instrumentToken(256265).lastPricePaise(1)
            .highPricePaise(2).lowPricePaise(3).openPricePaise(4).closePricePaise(5).priceChangePaise(-6);

        final byte[] encoded = new byte[encoder.encodedLength()];
        buffer.getBytes(0, encoded);
        assertEquals("0001001c" + "0003e909" + "00000001" + "00000002" + "00000003" + "00000004" + "00000005" +
            "fffffffa", HexFormat.of().formatHex(encoded));
    }

    @Test
    void shouldRefuseFieldsThePacketKindDoesNotCarry()
    {
        final TickerPacketEncoder ltp = encoder.addPacket(PacketKind.LTP);
        assertRefused("volumeTraded", IllegalStateException.class, () -> ltp.volumeTraded(1));
        assertRefused("openPricePaise", IllegalStateException.class, () -> ltp.openPricePaise(1));
        assertRefused("priceChangePaise", IllegalStateException.class, () -> ltp.priceChangePaise(1));
        assertRefused("exchangeTimeS", IllegalStateException.class, () -> ltp.exchangeTimeS(1));
        final TickerPacketEncoder quote = encoder.addPacket(PacketKind.QUOTE);
        assertRefused("oi", IllegalStateException.class, () -> quote.oi(1));
        assertRefused("bid", IllegalStateException.class, () -> quote.bid(0, 1, 1, 1));
        final TickerPacketEncoder index = encoder.addPacket(PacketKind.INDEX_FULL);
        assertRefused("lastTradedQty", IllegalStateException.class, () -> index.lastTradedQty(1));
        assertRefused("lastTradeTimeS", IllegalStateException.class, () -> index.lastTradeTimeS(1));
    }

    @Test
    void shouldRefuseValuesTheWireCannotHold()
    {
        final TickerPacketEncoder full = encoder.addPacket(PacketKind.FULL);
        assertRefused("instrumentToken", IllegalArgumentException.class, () -> full.instrumentToken(1L << 32));
        assertRefused("instrumentToken", IllegalArgumentException.class, () -> full.instrumentToken(-1));
        assertRefused("lastPricePaise", IllegalArgumentException.class, () -> full.lastPricePaise(1L << 31));
        assertRefused("volumeTraded", IllegalArgumentException.class, () -> full.volumeTraded(-1));
        assertRefused("ask orders", IllegalArgumentException.class, () -> full.ask(0, 1, 1, 0x10000));
        assertRefused("bid level", IllegalArgumentException.class, () -> full.bid(5, 1, 1, 1));
        assertRefused("askPricePaise", IllegalArgumentException.class, () -> full.ask(4, 1, Long.MAX_VALUE, 1));
    }

    @Test
    void shouldCountPacketsAndLengthsAsTheyAreAdded()
    {
        encoder.addPacket(PacketKind.FULL);
        encoder.addRawPacket(buffer, 0, 3);
        encoder.addPacket(PacketKind.LTP);

        assertEquals(3, encoder.packetCount());
        assertEquals(2 + 186 + 5 + 10, encoder.encodedLength());
        assertEquals(3, buffer.getShort(0, java.nio.ByteOrder.BIG_ENDIAN));
        assertEquals(KiteTickerEncoder.frameLength(PacketKind.FULL, 2), 2 + 2 * 186);
    }

    private static void assertRefused(
        final String field, final Class<? extends RuntimeException> type, final Executable call)
    {
        final RuntimeException ex = assertThrows(type, call, field);
        assertTrue(ex.getMessage().startsWith(field), ex.getMessage());
    }
}
