package io.quantumleap.gateway.runtime;

import io.quantumleap.gateway.live.PositionView;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeldInstrumentsTest
{
    private final List<String> calls = new ArrayList<>();
    private final HeldInstruments held = new HeldInstruments(tokens -> calls.add("watch " + tokens[0]),
        tokens -> calls.add("release " + tokens[0]));

    @Test
    void shouldWatchAnInstrumentFromTheFirstOpenPositionInItToTheLastOneClosed()
    {
        held.onPosition(position(1, 408_065, "MIS", 5));
        held.onPosition(position(1, 408_065, "MIS", 7));
        held.onPosition(position(1, 408_065, "CNC", -2));
        held.onPosition(position(2, 408_065, "MIS", 1));
        assertEquals(List.of("watch 408065"), calls);

        held.onPosition(position(1, 408_065, "MIS", 0));
        held.onPosition(position(2, 408_065, "MIS", 0));
        assertEquals(List.of("watch 408065"), calls);
        held.onPosition(position(1, 408_065, "CNC", 0));
        assertEquals(List.of("watch 408065", "release 408065"), calls);
        assertEquals(0, held.instruments());
    }

    @Test
    void shouldIgnoreFlatPositionsItNeverSawOpen()
    {
        held.onPosition(position(1, 256_265, "NRML", 0));
        held.onPosition(position(3, 256_265, "MIS", 4));
        held.onPosition(position(1, 256_265, "MIS", 0));

        assertEquals(List.of("watch 256265"), calls);
        assertEquals(1, held.instruments());
    }

    private static PositionView position(final long account, final long token, final String product, final long qty)
    {
        final BigDecimal zero = BigDecimal.ZERO;
        return new PositionView(account, "NSE", "INFY", token, product, qty, 0, 1, zero, zero, zero, zero, zero, zero,
            zero, zero, Math.max(qty, 0), zero, zero, Math.max(-qty, 0), zero, zero, 0, zero, zero, 0, zero, zero);
    }
}
