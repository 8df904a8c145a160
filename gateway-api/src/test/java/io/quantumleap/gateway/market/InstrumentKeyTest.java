package io.quantumleap.gateway.market;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstrumentKeyTest
{
    @Test
    void shouldReadASymbolWithTheExchangeInAnyCase()
    {
        final InstrumentKey key = InstrumentKey.parse("nse:M&M");

        assertFalse(key.isToken());
        assertEquals("NSE", key.exchange());
        assertEquals("M&M", key.tradingsymbol());
    }

    @Test
    void shouldReadATokenUpToKitesThirtyTwoBits()
    {
        assertTrue(InstrumentKey.parse("408065").isToken());
        assertEquals(408_065, InstrumentKey.parse("408065").token());
        assertEquals(4_294_967_295L, InstrumentKey.parse("4294967295").token());
    }

    @Test
    void shouldNameWhatIsWrongWithAKeyOfNeitherForm()
    {
        for (final String malformed : new String[] {"NSE:", ":INFY", "INFY", "", "-5", "1.5", "+7"})
        {
            final IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> InstrumentKey.parse(malformed));
            assertEquals("'" + malformed + "' is neither EXCHANGE:SYMBOL nor an instrument token",
                refused.getMessage());
        }
        for (final String outOfRange : new String[] {"0", "4294967296", "99999999999999999999"})
        {
            final IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> InstrumentKey.parse(outOfRange));
            assertEquals("'" + outOfRange + "' is not an instrument token: a token is 1 to 4294967295 (Kite's are " +
                "32-bit)", refused.getMessage());
        }
    }
}
