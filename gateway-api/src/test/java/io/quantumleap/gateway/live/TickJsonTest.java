package io.quantumleap.gateway.live;

import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.engine.testing.CoreHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickJsonTest
{
    private static final long INFY = 408_065;
    private static final long TS = 1_800_000_000_000_000_000L;

    private final LiveHarness harness = new LiveHarness();
    private final CoreHarness core = harness.core;
    private final Commands commands = harness.commands;
    private final LiveState live = harness.live;

    @BeforeEach
    void setUp()
    {
        core.send(commands.equity(TS, INFY, "INFY"));
    }

    @Test
    void shouldEncodeEachModeInKitesShapeWhenFirstAskedAndReuseIt()
    {
        final TickJson tick = apply(commands.fullTick(TS + 1, INFY, 151_230, 1_000_042, 149_500, 5));

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
        final TickJson tick = apply(commands.tick(TS + 1, INFY, TickMode.LTP, 151_230, 1_000, 149_500));

        assertTrue(tick.forMode(3).contains("\"mode\":\"ltp\""));
        assertEquals("quote", new TickJson(1, 1, "ltp", "quote", null, 0, LiveState.UNMEASURED).forMode(3));
    }

    private TickJson apply(final int command)
    {
        core.send(command);
        harness.apply();
        return live.tick(INFY).orElseThrow();
    }
}
