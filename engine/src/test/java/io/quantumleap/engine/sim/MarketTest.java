package io.quantumleap.engine.sim;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarketTest
{
    @Test
    void shouldMoveTheOpenInterestOfEveryDerivativeWithOrWithoutAnUnderlying()
    {
        final ManualClock clock = new ManualClock(ManualClock.MONDAY_10_00_IST);
        final InstrumentUniverse universe = InstrumentUniverse.generate(7, 60, KiteTime.date(clock.epochMillis()));
        final long nowS = clock.epochMillis() / 1000;
        final Market market = new Market(universe, 7, nowS, KiteTime.date(clock.epochMillis()).toEpochDay());
        final List<Instrument> derivatives = universe.instruments().stream().filter(Instrument::isDerivative).toList();
        final long[] opening = derivatives.stream().mapToLong(d -> market.oi[d.index]).toArray();
        assertTrue(derivatives.stream().anyMatch(d -> d.isCommodity() && d.underlying == null));
        assertTrue(derivatives.stream().anyMatch(d -> d.isCurrency() && d.underlying == null));

        for (int s = 1; s <= 200; s++)
        {
            market.step(nowS + s, 1.0);
        }

        for (int d = 0; d < derivatives.size(); d++)
        {
            final Instrument instrument = derivatives.get(d);
            final int i = instrument.index;
            assertFalse(opening[d] == market.oi[i], instrument.tradingsymbol + " kept its open interest");
            assertEquals(0, market.oi[i] % Math.max(1, instrument.lotSize), instrument.tradingsymbol);
            assertTrue(market.oiDayLow[i] <= market.oi[i] && market.oi[i] <= market.oiDayHigh[i],
                instrument.tradingsymbol);
        }
    }
}
