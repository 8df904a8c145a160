package io.quantumleap.gateway.live;

import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.engine.testing.CoreHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveStateQuoteTest
{
    private static final long INFY = 408_065;
    private static final long TS = 1_796_000_000_123_000_000L;

    private final LiveHarness harness = new LiveHarness();
    private final CoreHarness core = harness.core;
    private final Commands commands = harness.commands;
    private final LiveState live = harness.live;

    @BeforeEach
    void setUp()
    {
        core.send(commands.equity(TS, INFY, "INFY"));
        core.send(commands.fullTick(TS + 1, INFY, 152_345, 2_000, 149_000, 5));
        apply();
    }

    @Test
    void shouldServeAFullUpdateAsKitesQuoteWithItsDepthInRupees()
    {
        final QuoteView quote = live.quote(INFY).orElseThrow();

        assertEquals(INFY, quote.instrumentToken());
        assertEquals("INFY", quote.tradingsymbol());
        assertTrue(quote.tradable());
        assertEquals("full", quote.mode());
        assertEquals(Instant.ofEpochSecond(TS / 1_000_000_000L), quote.timestamp());
        assertEquals(new BigDecimal("1523.45"), quote.lastPrice());
        assertEquals(10, quote.lastQuantity());
        assertEquals(1_000, quote.buyQuantity());
        assertEquals(2_000, quote.volume());
        assertEquals(666, quote.oi());
        assertEquals(new QuoteView.Ohlc(new BigDecimal("1490.00"), new BigDecimal("1523.45"),
            new BigDecimal("1490.00"), new BigDecimal("1490.00")), quote.ohlc());
        assertEquals(List.of(level("1523.40", 100, 1), level("1523.35", 200, 2), level("1523.30", 300, 3),
            level("1523.25", 400, 4), level("1523.20", 500, 5)), quote.depth().buy());
        assertEquals(5, quote.depth().sell().size());
        assertEquals(level("1523.50", 90, 2), quote.depth().sell().get(0));
        assertEquals(level("1523.70", 450, 6), quote.depth().sell().get(4));
        assertSame(quote, live.quote(INFY).orElseThrow(), "made once per tick");

        final String full = live.tick(INFY).orElseThrow().forMode(3);
        assertTrue(full.contains("\"last_price\":1523.45,"), full);
        assertTrue(full.contains("\"depth\":{\"buy\":[{\"price\":1523.40,\"quantity\":100,\"orders\":1},"), full);
        assertTrue(full.contains("{\"price\":1523.70,\"quantity\":450,\"orders\":6}]}"), full);
    }

    @Test
    void shouldLeaveTheLastTradeTimeOutOfAQuoteWhoseFeedGaveNone()
    {
        core.send(commands.equity(TS + 2, 738_561, "RELIANCE"));
        core.send(commands.tick(TS + 3, 738_561, TickMode.LTP, 125_000, 0, 124_000));
        apply();

        assertNull(live.quote(738_561).orElseThrow().lastTradeTime());
        assertEquals(Instant.parse("2026-11-30T00:53:20Z"), live.quote(INFY).orElseThrow().lastTradeTime());
    }

    @Test
    void shouldMakeANewQuoteForEachTickAndNoRicherModeThanItCarried()
    {
        final QuoteView first = live.quote(INFY).orElseThrow();

        core.send(commands.tick(TS + 2, INFY, TickMode.LTP, 152_400, 2_100, 149_000));
        apply();
        final QuoteView second = live.quote(INFY).orElseThrow();

        assertNotSame(first, second);
        assertEquals(new BigDecimal("1524.00"), second.lastPrice());
        assertEquals(new BigDecimal("1524.00"), live.lastPrice(INFY).orElseThrow());
        assertEquals("ltp", second.mode());
        assertTrue(live.tick(INFY).orElseThrow().forMode(3).contains("\"mode\":\"ltp\""));
    }

    @Test
    void shouldServeAQuoteModeTickWithWhatThatModeCarriesNotWhatAnEarlierFullTickLeft()
    {
        core.send(commands.tick(TS + 2, INFY, TickMode.QUOTE, 152_400, 2_100, 149_000));
        apply();

        final QuoteView quote = live.quote(INFY).orElseThrow();
        assertEquals("quote", quote.mode());
        assertEquals(new BigDecimal("1524.00"), quote.lastPrice());
        assertEquals(2_100, quote.volume());
        assertEquals(Instant.EPOCH.plusNanos(TS + 2), quote.timestamp());
        assertNull(quote.lastTradeTime());
        assertEquals(0, quote.oi());
        assertEquals(0, quote.oiDayHigh());
        assertTrue(quote.depth().buy().isEmpty() && quote.depth().sell().isEmpty(), quote.depth().toString());
    }

    private static QuoteView.Level level(final String price, final long quantity, final long orders)
    {
        return new QuoteView.Level(new BigDecimal(price), quantity, orders);
    }

    private void apply()
    {
        harness.apply();
    }
}
