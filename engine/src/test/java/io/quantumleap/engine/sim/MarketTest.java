package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Comparator;
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

    @Test
    void shouldWalkAroundThePriceTakenUpFromTodaysCandlesNotThePreviousClose()
    {
        final long nowMs = ManualClock.MONDAY_10_00_IST + 5 * 3_600_000L;
        final LocalDate today = KiteTime.date(nowMs);
        final InstrumentUniverse universe = InstrumentUniverse.generate(7, 60, today);
        final Market market = new Market(universe, 7, nowMs / 1000, today.toEpochDay());
        final HistoricalCandles history = new HistoricalCandles(7);
        final LocalDate anchorDay = MarketHours.previousTradingDay(today.minusDays(1));
        final Instrument moved = universe.instruments().stream()
            .filter(Instrument::isEquity)
            .max(Comparator.comparingDouble(i -> Math.abs(Math.log(
                (double)history.session(i, today, anchorDay, 345).closePaise() / i.closePaise))))
            .orElseThrow();
        market.continueTodaysSessions(history, nowMs, anchorDay);
        final int i = moved.index;
        final long takenUp = market.ltpPaise[i];
        final double away = Math.abs(Math.log((double)takenUp / moved.closePaise));
        assertTrue(away > 0.01, moved.tradingsymbol + " moved " + away + " from its close: too little to tell");
        assertEquals(takenUp, market.anchorPaise[i]);

        double sumOfLogs = 0;
        final int steps = 3_000;
        for (int s = 1; s <= steps; s++)
        {
            market.step(nowMs / 1000 + s, 1.0);
            sumOfLogs += Math.log((double)market.ltpPaise[i] / takenUp);
        }

        final double meanAwayFromTakenUp = Math.abs(sumOfLogs / steps);
        assertTrue(meanAwayFromTakenUp < away / 2, moved.tradingsymbol + " walked " + meanAwayFromTakenUp +
            " away from the price taken up on average, which was " + away + " from the previous close");
    }

    @Test
    void shouldWalkAroundThePriceARestartTakesBack()
    {
        final long nowS = ManualClock.MONDAY_10_00_IST / 1000;
        final LocalDate today = KiteTime.date(ManualClock.MONDAY_10_00_IST);
        final InstrumentUniverse universe = InstrumentUniverse.generate(7, 60, today);
        final Market before = new Market(universe, 7, nowS, today.toEpochDay());
        final Instrument stock = universe.instruments().stream().filter(Instrument::isEquity).findFirst().orElseThrow();
        final int i = stock.index;
        final long moved = Instrument.roundToTick(stock.closePaise * 103 / 100, Math.max(1, stock.tickPaise));
        before.trade(i, moved, 1, nowS);

        final Market after = new Market(universe, 7, nowS + 60, today.toEpochDay());
        after.restore(before.snapshot(new ObjectMapper()));

        assertEquals(moved, after.ltpPaise[i]);
        assertEquals(moved, after.anchorPaise[i]);
        assertEquals(stock.closePaise, before.anchorPaise[i]);
    }
}
