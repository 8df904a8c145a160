package io.quantumleap.gateway.live;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickJsonTest
{
    private static final QuoteView INFY = new QuoteView(408065, "INFY", true, "full",
        Instant.ofEpochSecond(1_800_000_000L), Instant.ofEpochSecond(1_799_999_999L), new BigDecimal("1512.30"), 5,
        100, 120, 1_000_042, new BigDecimal("1510.00"), 0, 0, 0, new BigDecimal("17.30"),
        new QuoteView.Ohlc(new BigDecimal("1500.00"), new BigDecimal("1520.00"), new BigDecimal("1490.00"),
            new BigDecimal("1495.00")),
        new QuoteView.Depth(List.of(new QuoteView.Level(new BigDecimal("1512.25"), 10, 2)),
            List.of(new QuoteView.Level(new BigDecimal("1512.35"), 7, 1))));

    @Test
    void shouldEncodeEachModeInKitesShapeWhenFirstAskedAndReuseIt()
    {
        final TickJson tick = new TickJson(INFY, 3, 1, 0, LiveState.UNMEASURED);

        final String quote = tick.forMode(2);

        assertTrue(quote.startsWith("{\"type\":\"tick\",\"data\":{\"mode\":\"quote\""), quote);
        assertTrue(quote.contains("\"volume_traded\":1000042"), quote);
        assertSame(quote, tick.forMode(2));
        assertTrue(tick.forMode(3).contains("\"depth\":{\"buy\":[{\"price\":1512.25"), tick.forMode(3));
        assertTrue(tick.forMode(1).contains("\"mode\":\"ltp\""));
    }

    @Test
    void shouldServeNoRicherModeThanTheUpdateCarried()
    {
        final TickJson tick = new TickJson(INFY, 1, 1, 0, LiveState.UNMEASURED);

        assertTrue(tick.forMode(3).contains("\"mode\":\"ltp\""));
        assertEquals("quote", new TickJson(1, 1, "ltp", "quote", null, 0, LiveState.UNMEASURED).forMode(3));
    }
}
