package io.quantumleap.engine.kite.rest;

import io.quantumleap.engine.protocol.Segment;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreezeLimitsTest
{
    @Test
    void shouldKnowTheIndexFreezeQuantitiesOfTheMarketRules()
    {
        final FreezeLimits limits = FreezeLimits.defaults();

        assertEquals(1_800, limits.freezeQty(Segment.NFO, "NIFTY26DECFUT"));
        assertEquals(1_800, limits.freezeQty(Segment.NFO, "NIFTY26D0924000PE"));
        assertEquals(600, limits.freezeQty(Segment.NFO, "BANKNIFTY26DEC52000CE"));
        assertEquals(1_800, limits.freezeQty(Segment.NFO, "FINNIFTY26DECFUT"));
        assertEquals(2_800, limits.freezeQty(Segment.NFO, "MIDCPNIFTY26DECFUT"));
        assertEquals(600, limits.freezeQty(Segment.NFO, "NIFTYNXT5026DECFUT"));
        assertEquals(1_000, limits.freezeQty(Segment.BFO, "SENSEX26D1085000CE"));
        assertEquals(900, limits.freezeQty(Segment.BFO, "BANKEX26DECFUT"));
    }

    @Test
    void shouldLimitStocksToKitesShareCapAndLeaveOthersUnlimited()
    {
        final FreezeLimits limits = FreezeLimits.defaults();

        assertEquals(100_000, limits.freezeQty(Segment.NSE, "INFY"));
        assertEquals(100_000, limits.freezeQty(Segment.BSE, "NIFTYBEES"));
        assertEquals(0, limits.freezeQty(Segment.NFO, "INFY26DECFUT"));
        assertEquals(0, limits.freezeQty(Segment.NFO, "BANKBARODA26DECFUT"));
        assertEquals(0, limits.freezeQty(Segment.NFO, "NIFTY"));
        assertEquals(0, limits.freezeQty(Segment.NFO, "NIFTYIT26DECFUT"));
        assertEquals(0, limits.freezeQty(Segment.INDICES, "NIFTY 50"));
        assertEquals(0, limits.freezeQty(Segment.MCX, "CRUDEOIL26DECFUT"));
        assertEquals(0, limits.freezeQty(Segment.CDS, "USDINR26DECFUT"));
    }

    @Test
    void shouldTakeChangesToTheDefaults()
    {
        final FreezeLimits limits = FreezeLimits.withChanges(" BANKNIFTY=900 ,tatamotors=4500,NIFTY=0,M&M=1400");

        assertEquals(900, limits.freezeQty(Segment.NFO, "BANKNIFTY26DECFUT"));
        assertEquals(4_500, limits.freezeQty(Segment.NFO, "TATAMOTORS26DECFUT"));
        assertEquals(1_400, limits.freezeQty(Segment.NFO, "M&M26DECFUT"));
        assertEquals(0, limits.freezeQty(Segment.NFO, "NIFTY26DECFUT"));
        assertEquals(1_800, limits.freezeQty(Segment.NFO, "FINNIFTY26DECFUT"));
        assertSame(FreezeLimits.defaults(), FreezeLimits.withChanges(" "));
        assertSame(FreezeLimits.defaults(), FreezeLimits.withChanges(null));
    }

    @Test
    void shouldRefuseAChangeItCannotReadNamingIt()
    {
        for (final String bad : new String[] {"BANKNIFTY", "BANKNIFTY=", "=900", "BANKNIFTY=9OO", "BANKNIFTY=-1",
            "BANKNIFTY=900,", "BANKNIFTY=100000001", "BANK NIFTY=900", "BANKNIFTY=1e3", "9NIFTY=10"})
        {
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> FreezeLimits.withChanges(bad), bad);
            assertTrue(ex.getMessage().startsWith("QLEAP_FREEZE_LIMITS '" + bad + "': '"), ex.getMessage());
            assertTrue(ex.getMessage().contains("UNDERLYING=QUANTITY"), ex.getMessage());
        }
    }

    @Test
    void shouldWorkOutTheMostOneOrderMayCarry()
    {
        assertEquals(1_755, FreezeLimits.maxOrderQty(1_800, 65));
        assertEquals(600, FreezeLimits.maxOrderQty(600, 30));
        assertEquals(2_760, FreezeLimits.maxOrderQty(2_800, 120));
        assertEquals(100_000, FreezeLimits.maxOrderQty(100_000, 1));
        assertEquals(100_000, FreezeLimits.maxOrderQty(100_000, 0));
        assertEquals(Long.MAX_VALUE, FreezeLimits.maxOrderQty(0, 65));
        assertEquals(0, FreezeLimits.maxOrderQty(50, 65));
    }
}
