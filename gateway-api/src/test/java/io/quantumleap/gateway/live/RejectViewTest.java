package io.quantumleap.gateway.live;

import io.quantumleap.engine.protocol.OrderStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RejectViewTest
{
    private static final long INFY = 408065;
    private static final long USDINR_FUT = 412675;

    private static String message(final String reason, final long limit, final long actual, final long token)
    {
        return new RejectView(1, 7, reason, limit, actual).message(token);
    }

    @Test
    void shouldSayWhatWasWrongInTheTradersUnits()
    {
        assertEquals("rejected by the engine: the price is 29.74% past the last price (a stop-loss order's: past its " +
            "trigger) on the side it would trade at, beyond the price band of 20% (risk limit price_band_bps 2000): " +
            "a price within the band is taken, or an admin widens the band on the Risk page",
            message("PRICE_BAND", 2000, 2974, INFY));
        assertEquals("rejected by the engine: the order's value, ₹29,25,10,000.00, is above the limit of " +
            "₹1,00,00,000.00 (risk limit max_order_value)", message("MAX_ORDER_VALUE", 1_000_000_000L,
            29_251_000_000L, INFY));
        assertEquals("rejected by the engine: price 1470.03 is not a multiple of the tick size 0.05",
            message("PRICE_OFF_TICK", 5, 147_003, INFY));
        assertEquals("rejected by the engine: price 87.0001 is not a multiple of the tick size 0.0025",
            message("PRICE_OFF_TICK", 25_000, 870_001_000, USDINR_FUT));
        assertEquals("rejected by the engine: the order is CANCELLED, not open: nothing to modify or cancel",
            message("ORDER_NOT_OPEN", 0, OrderStatus.CANCELLED.value(), INFY));
        assertEquals("rejected by the engine: instrument 256265 cannot be traded (an index)",
            message("UNKNOWN_INSTRUMENT", 1, 256265, INFY));
        assertEquals("rejected by the engine: client_order_id 77 is already taken by another order of this account",
            message("DUPLICATE_CLIENT_ORDER_ID", 0, 77, INFY));
        assertEquals("rejected by the engine: account 999 is not known to the engine: give it to a user first",
            message("UNKNOWN_ACCOUNT", 0, 999, INFY));
        assertEquals("rejected by the engine: stale broker update (limit 3, got 5)",
            message("STALE_BROKER_UPDATE", 3, 5, INFY));
        assertEquals("rejected by the engine: the kill switch halts trading", message("KILL_SWITCH_HALT", 0, 0, INFY));
        assertEquals("rejected by the engine: account mismatch", message("ACCOUNT_MISMATCH", 0, 0, INFY));
    }
}
