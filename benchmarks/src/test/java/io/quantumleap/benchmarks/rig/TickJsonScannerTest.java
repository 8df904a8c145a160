package io.quantumleap.benchmarks.rig;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickJsonScannerTest
{
    private static final String QUOTE = "{\"type\":\"tick\",\"data\":{\"mode\":\"quote\",\"tradable\":true," +
        "\"instrument_token\":408065,\"last_price\":1512.3,\"last_traded_quantity\":5,\"average_traded_price\":1510," +
        "\"volume_traded\":1000000042,\"total_buy_quantity\":10,\"total_sell_quantity\":12,\"ohlc\":{\"open\":1500," +
        "\"high\":1520,\"low\":1490,\"close\":1495},\"change\":1.1572}}";

    @Test
    void shouldReadTheTokenAndTheNumberedVolumeOfATick()
    {
        final ByteBuf json = bytes(QUOTE);

        assertTrue(TickJsonScanner.isTick(json));
        assertEquals(408065, TickJsonScanner.instrumentToken(json));
        assertEquals(1_000_000_042L, TickJsonScanner.volumeTraded(json));
        assertFalse(TickJsonScanner.isConflated(json));
    }

    @Test
    void shouldSeeTheConflatedFlagTheGatewayAppends()
    {
        final ByteBuf json = bytes(QUOTE.substring(0, QUOTE.length() - 1) + ",\"conflated\":true}");

        assertTrue(TickJsonScanner.isConflated(json));
        assertEquals(1_000_000_042L, TickJsonScanner.volumeTraded(json));
    }

    @Test
    void shouldTellOtherMessagesAndMissingFieldsApart()
    {
        final ByteBuf error = bytes("{\"type\":\"error\",\"data\":\"v: expected an array\"}");
        final ByteBuf ltp = bytes("{\"type\":\"tick\",\"data\":{\"mode\":\"ltp\",\"instrument_token\":408065," +
            "\"last_price\":1512.3}}");

        assertFalse(TickJsonScanner.isTick(error));
        assertTrue(TickJsonScanner.isTick(ltp));
        assertEquals(-1, TickJsonScanner.volumeTraded(ltp));
    }

    private static ByteBuf bytes(final String s)
    {
        return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.UTF_8));
    }
}
