package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
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
        market.pace(0.168, 2.4, 210);
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
    void shouldMoveLiveAtTheHistoricalCandlesPaceWhateverTheTickRate()
    {
        final double candlesMinute = HistoricalCandles.DAILY_VOLATILITY / Math.sqrt(HistoricalCandles.SESSION_MINUTES);
        for (final int movesPerMinute : new int[] {60, 240})
        {
            final Walked walked = liveWalk(KiteSimulator.Context.VOLATILITY_DEFAULT,
                KiteSimulator.Context.REVERSION_MINUTES_DEFAULT, movesPerMinute, 30);
            assertTrue(walked.stocks() >= 20, "only " + walked.stocks() + " stocks move by 2 ticks or more");
            assertEquals(candlesMinute, walked.minute(), candlesMinute * 0.15, movesPerMinute + " moves a minute: " +
                walked.minute() + " a minute, against the candles' " + candlesMinute);
        }
    }

    @Test
    void shouldKeepAFastMarketNearItsStartWhenItsPullIsShort()
    {
        final double fast = 0.168;
        final double minute = fast / Math.sqrt(HistoricalCandles.SESSION_MINUTES);

        final Walked pulled = liveWalk(fast, 2.4, 210, 30);
        final Walked free = liveWalk(fast, KiteSimulator.Context.REVERSION_MINUTES_DEFAULT, 210, 30);

        final double pulledMinute = minute * Math.sqrt(2.4 * (1 - Math.exp(-1 / 2.4)));
        assertEquals(pulledMinute, pulled.minute(), pulledMinute * 0.15,
            "a minute's move, pulled back over 2.4 minutes");
        assertEquals(minute * Math.sqrt(2.4 / 2), pulled.fromAnchor(), minute * Math.sqrt(2.4 / 2) * 0.2,
            "the distance from the price pulled back to after 30 minutes, pulled back over 2.4 minutes");
        assertEquals(minute * Math.sqrt(30), free.fromStart(), minute * Math.sqrt(30) * 0.2,
            "the distance from the start after 30 minutes, pulled back over two sessions");
    }

    @Test
    void shouldTradeLiveWhatTheCandlesTradeInAMinuteWhateverThePace()
    {
        final long nowS = ManualClock.MONDAY_10_00_IST / 1000;
        final LocalDate today = KiteTime.date(ManualClock.MONDAY_10_00_IST);
        final InstrumentUniverse universe = InstrumentUniverse.generate(11, 300, today);
        for (final int movesPerMinute : new int[] {60, 240})
        {
            final Market market = new Market(universe, 11, nowS, today.toEpochDay());
            market.pace(KiteSimulator.Context.VOLATILITY_DEFAULT, KiteSimulator.Context.REVERSION_MINUTES_DEFAULT,
                movesPerMinute);
            final List<Instrument> stocks = universe.instruments().stream().filter(Instrument::isEquity).toList();
            final long[] before = stocks.stream().mapToLong(i -> market.volume[i.index]).toArray();
            final int minutes = 10;
            for (int m = 0; m < minutes; m++)
            {
                for (int s = 0; s < movesPerMinute; s++)
                {
                    market.step(nowS + m * 60L + s * 60L / movesPerMinute, 1.0);
                }
            }
            double traded = 0;
            double expected = 0;
            for (int k = 0; k < stocks.size(); k++)
            {
                traded += market.volume[stocks.get(k).index] - before[k];
                expected += minutes * HistoricalCandles.meanMinuteVolume(stocks.get(k));
            }
            assertEquals(expected, traded, expected * 0.1, movesPerMinute + " moves a minute");
        }
    }

    @Test
    void shouldSpreadTheCandlesVolumesAsAnExchangesAreSpreadWithTheStocksWithDerivativesTradingMost()
    {
        final LocalDate today = KiteTime.date(ManualClock.MONDAY_10_00_IST);
        final LocalDate day = MarketHours.previousTradingDay(today.minusDays(1));
        final InstrumentUniverse universe = InstrumentUniverse.generate(11, 300, today);
        final HistoricalCandles candles = new HistoricalCandles(11);
        final List<Instrument> nse = universe.instruments().stream()
            .filter(i -> i.isEquity() && "NSE".equals(i.exchange)).toList();
        final List<Long> withDerivatives = new ArrayList<>();
        final List<Long> without = new ArrayList<>();
        for (final Instrument stock : nse)
        {
            final long volume = candles.session(stock, day, day).volume();
            (stock.bandPercent == 0 ? withDerivatives : without).add(volume);
        }
        assertTrue(withDerivatives.size() >= 5 && without.size() >= 100, withDerivatives.size() + " / " +
            without.size());
        assertTrue(withDerivatives.stream().allMatch(v -> v > 800_000 && v < 14_000_000), withDerivatives.toString());
        assertTrue(without.stream().allMatch(v -> v > 40_000 && v < 1_500_000), without.toString());
        final long most = without.stream().mapToLong(Long::longValue).max().orElseThrow();
        final long least = without.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertTrue(most > 10 * least, least + " to " + most);

        final List<Instrument> bse = universe.instruments().stream()
            .filter(i -> i.isEquity() && "BSE".equals(i.exchange)).toList();
        assertFalse(bse.isEmpty());
        for (final Instrument listed : bse)
        {
            final Instrument onNse = universe.byKey("NSE", listed.tradingsymbol);
            final double ratio = (double)candles.session(listed, day, day).volume() /
                candles.session(onNse, day, day).volume();
            assertEquals(0.1, ratio, 0.03, "BSE's share of " + listed.tradingsymbol);
        }
    }

    @Test
    void shouldKeepDeeperBooksForStocksThatTradeMore()
    {
        final long nowS = ManualClock.MONDAY_10_00_IST / 1000;
        final LocalDate today = KiteTime.date(ManualClock.MONDAY_10_00_IST);
        final InstrumentUniverse universe = InstrumentUniverse.generate(11, 300, today);
        final Market market = new Market(universe, 11, nowS, today.toEpochDay());
        final List<Instrument> nse = universe.instruments().stream()
            .filter(i -> i.isEquity() && "NSE".equals(i.exchange) && i.lotSize == 1).toList();
        final Instrument thinnest = nse.stream()
            .min(Comparator.comparingDouble(HistoricalCandles::liquidity)).orElseThrow();
        final Instrument deepest = nse.stream()
            .max(Comparator.comparingDouble(HistoricalCandles::liquidity)).orElseThrow();
        final double thin = meanLevelQty(market, thinnest);
        final double deep = meanLevelQty(market, deepest);
        final double expectedRatio = Math.sqrt(HistoricalCandles.liquidity(deepest) /
            HistoricalCandles.liquidity(thinnest));
        assertTrue(expectedRatio > 5, "liquidity spread " + expectedRatio);
        assertEquals(expectedRatio, deep / thin, expectedRatio * 0.15, thin + " against " + deep);
        assertEquals(1_500 * Math.sqrt(HistoricalCandles.liquidity(deepest)) / 2, deep, deep * 0.15);
        for (final Instrument stock : nse)
        {
            final int slot = stock.index * Market.DEPTH;
            for (int level = 0; level < Market.DEPTH; level++)
            {
                assertTrue(market.bidQty[slot + level] <= 20_000 && market.askQty[slot + level] <= 20_000,
                    stock.tradingsymbol);
            }
        }
    }

    private static double meanLevelQty(final Market market, final Instrument stock)
    {
        final int books = 400;
        long sum = 0;
        for (int b = 0; b < books; b++)
        {
            market.rebuildDepth(stock.index);
            for (int level = 0; level < Market.DEPTH; level++)
            {
                sum += market.bidQty[stock.index * Market.DEPTH + level] +
                    market.askQty[stock.index * Market.DEPTH + level];
            }
        }
        return sum / (2.0 * Market.DEPTH * books);
    }

    private record Walked(double minute, double fromStart, int stocks, double fromAnchor)
    {
    }

    private static Walked liveWalk(final double volatility, final double reversionMinutes, final int movesPerMinute,
        final int minutes)
    {
        final long nowS = ManualClock.MONDAY_10_00_IST / 1000;
        final LocalDate today = KiteTime.date(ManualClock.MONDAY_10_00_IST);
        final InstrumentUniverse universe = InstrumentUniverse.generate(11, 300, today);
        final Market market = new Market(universe, 11, nowS, today.toEpochDay());
        market.pace(volatility, reversionMinutes, movesPerMinute);
        final double minTicksInPrice = 2 * Math.sqrt(HistoricalCandles.SESSION_MINUTES * movesPerMinute) / volatility;
        final List<Instrument> stocks = universe.instruments().stream()
            .filter(i -> i.isEquity() && market.ltpPaise[i.index] >= minTicksInPrice * i.tickPaise &&
                market.lowerLimitPaise[i.index] <= market.ltpPaise[i.index] * 0.85 &&
                market.upperLimitPaise[i.index] >= market.ltpPaise[i.index] * 1.15)
            .toList();
        final long[] start = stocks.stream().mapToLong(i -> market.ltpPaise[i.index]).toArray();
        final long[] minuteAgo = start.clone();
        double squaredMinutes = 0;
        for (int m = 0; m < minutes; m++)
        {
            for (int s = 0; s < movesPerMinute; s++)
            {
                market.step(nowS + m * 60L + s * 60L / movesPerMinute, 1.0);
            }
            for (int k = 0; k < stocks.size(); k++)
            {
                final long now = market.ltpPaise[stocks.get(k).index];
                squaredMinutes += Math.pow(Math.log((double)now / minuteAgo[k]), 2);
                minuteAgo[k] = now;
            }
        }
        double squaredFromStart = 0;
        double squaredFromAnchor = 0;
        for (int k = 0; k < stocks.size(); k++)
        {
            squaredFromStart += Math.pow(Math.log((double)minuteAgo[k] / start[k]), 2);
            squaredFromAnchor += Math.pow(Math.log((double)minuteAgo[k] / market.anchorPaise[stocks.get(k).index]), 2);
        }
        return new Walked(Math.sqrt(squaredMinutes / (minutes * stocks.size())),
            Math.sqrt(squaredFromStart / stocks.size()), stocks.size(), Math.sqrt(squaredFromAnchor / stocks.size()));
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
