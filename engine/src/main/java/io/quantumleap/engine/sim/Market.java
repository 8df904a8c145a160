package io.quantumleap.engine.sim;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Live market state of every instrument: last trade, OHLC, volume, open interest and five levels of depth,
 * moved by seeded random walks. Owned by the simulator thread; every other thread asks it through commands.
 * Prices are in each instrument's unit (see {@link Instrument}), times in epoch seconds.
 */
final class Market
{
    static final int DEPTH = 5;
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private final InstrumentUniverse universe;
    private final SplittableRandom random;
    private final int size;

    final long[] ltpPaise;
    final long[] openPaise;
    final long[] highPaise;
    final long[] lowPaise;
    final long[] lastQty;
    final long[] volume;
    final long[] turnoverPaise;
    final long[] totalBuyQty;
    final long[] totalSellQty;
    final long[] lastTradeTimeS;
    final long[] oi;
    final long[] oiDayHigh;
    final long[] oiDayLow;
    final long[] bidPricePaise;
    final long[] bidQty;
    final int[] bidOrders;
    final long[] askPricePaise;
    final long[] askQty;
    final int[] askOrders;
    final boolean[] changed;
    /** The close before the session shown: the quote's ohlc.close and the base of its net_change. */
    final long[] previousClosePaise;
    /**
     * The close the paper brokers' day counts from ({@link #closePaise}): the universe's close at the start, the last
     * price at each new day ({@link #rollOver}); the quotes' close ({@link #previousClosePaise}) follows it when the
     * instrument's next session begins.
     */
    private final long[] dayClosePaise;
    /**
     * The price an instrument's walk reverts to, which keeps it within its band: the previous close, or the price
     * the market took up at the start, from today's candles ({@link #continueTodaysSessions}) or the day a restart
     * takes back ({@link #restore}), so the live walk stays around where it was taken up rather than drifting back to
     * the previous close.
     */
    final long[] anchorPaise;
    /** Today's minute candles of the live market, from its trades: the historical API's for those minutes. */
    final LiveMinutes live;
    /** The circuit limits the quotes show: the session's shown, until the next begins ({@link #beginSession}). */
    final long[] lowerLimitPaise;
    final long[] upperLimitPaise;
    /**
     * The circuit limits of the day's session, around the day's close ({@link #dayClosePaise}): what orders are checked
     * against and prices held within, before its session begins too (an AMO placed after the close).
     */
    final long[] dayLowerLimitPaise;
    final long[] dayUpperLimitPaise;
    /** The session shown has ended (a closed market shows its last one); the next step in session starts anew. */
    final boolean[] sessionEnded;
    /** What an instrument trades in a minute on average ({@link HistoricalCandles#meanMinuteVolume}), kept. */
    private final double[] meanMinuteVolume;
    /** The most lots a depth level of an instrument holds: more for a stock that trades more. */
    private final int[] depthLevelLots;
    private boolean anySessionEnded;
    /** A walking instrument's move: its standard deviation as a fraction of the price, and its pull to the anchor. */
    private double stepVolatility;
    private double stepReversion;
    private double movesPerMinute;
    /** The exchange's auctions (short-delivery auctions) by number, open or ended; any paper user's holder may sell. */
    final Map<String, Auction> auctions = new LinkedHashMap<>();
    private long tradingEpochDay;

    Market(final InstrumentUniverse universe, final long seed, final long nowS, final long tradingEpochDay)
    {
        this.universe = universe;
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.size = universe.size();
        this.tradingEpochDay = tradingEpochDay;
        ltpPaise = new long[size];
        openPaise = new long[size];
        highPaise = new long[size];
        lowPaise = new long[size];
        lastQty = new long[size];
        volume = new long[size];
        turnoverPaise = new long[size];
        totalBuyQty = new long[size];
        totalSellQty = new long[size];
        lastTradeTimeS = new long[size];
        oi = new long[size];
        oiDayHigh = new long[size];
        oiDayLow = new long[size];
        bidPricePaise = new long[size * DEPTH];
        bidQty = new long[size * DEPTH];
        bidOrders = new int[size * DEPTH];
        askPricePaise = new long[size * DEPTH];
        askQty = new long[size * DEPTH];
        askOrders = new int[size * DEPTH];
        changed = new boolean[size];
        previousClosePaise = new long[size];
        dayClosePaise = new long[size];
        anchorPaise = new long[size];
        lowerLimitPaise = new long[size];
        upperLimitPaise = new long[size];
        dayLowerLimitPaise = new long[size];
        dayUpperLimitPaise = new long[size];
        sessionEnded = new boolean[size];
        meanMinuteVolume = new double[size];
        depthLevelLots = new int[size];
        live = new LiveMinutes(universe);
        live.start(nowS);
        pace(KiteSimulator.Context.VOLATILITY_DEFAULT, KiteSimulator.Context.REVERSION_MINUTES_DEFAULT,
            KiteSimulator.Context.HAND_STEP_RATE * 60 * KiteSimulator.Context.MOVE_PROBABILITY_DEFAULT);

        for (int i = 0; i < size; i++)
        {
            final Instrument instrument = universe.get(i);
            meanMinuteVolume[i] = HistoricalCandles.meanMinuteVolume(instrument);
            depthLevelLots[i] = depthLevelLots(instrument);
            previousClosePaise[i] = instrument.closePaise;
            dayClosePaise[i] = instrument.closePaise;
            anchorPaise[i] = instrument.closePaise;
            lowerLimitPaise[i] = instrument.lowerLimitPaise();
            upperLimitPaise[i] = instrument.upperLimitPaise();
            dayLowerLimitPaise[i] = lowerLimitPaise[i];
            dayUpperLimitPaise[i] = upperLimitPaise[i];
            final long tick = Math.max(1, instrument.tickPaise);
            final long gapTicks = Math.round(random.nextGaussian() * instrument.closePaise * 0.004 / tick);
            final long open = Instrument.roundToTick(instrument.closePaise + gapTicks * tick, tick);
            ltpPaise[i] = open;
            openPaise[i] = open;
            highPaise[i] = open;
            lowPaise[i] = open;
            lastTradeTimeS[i] = nowS;
            if (!instrument.isIndex())
            {
                final long lot = Math.max(1, instrument.lotSize);
                lastQty[i] = lot * (1 + random.nextInt(10));
                volume[i] = Math.round(lastQty[i] * (100 + random.nextInt(5_000)) *
                    HistoricalCandles.liquidity(instrument));
                turnoverPaise[i] = volume[i] * open;
            }
            if (instrument.isDerivative())
            {
                final long lot = Math.max(1, instrument.lotSize);
                oi[i] = lot * (1_000 + random.nextInt(200_000));
                oiDayHigh[i] = oi[i];
                oiDayLow[i] = oi[i];
            }
            rebuildDepth(i);
        }
    }

    int size()
    {
        return size;
    }

    /**
     * Shows every instrument whose segment is not in session at {@code nowMs} as Kite does: its last session that
     * has ended (today's after the close, else the previous trading day's), taken from the historical walk so that
     * the quote and that day's candle agree, with the close before that session as ohlc.close and that session's
     * circuit limits.
     *
     * @param history   the historical walk.
     * @param nowMs     the time, epoch milliseconds.
     * @param anchorDay the historical walk's anchor: the trading day before the simulator's start.
     */
    void showLastSessions(final HistoricalCandles history, final long nowMs, final LocalDate anchorDay)
    {
        final LocalDate[] days = new LocalDate[size];
        for (int i = 0; i < size; i++)
        {
            final Instrument instrument = universe.get(i);
            if (MarketHours.isOpen(instrument, nowMs))
            {
                continue;
            }
            days[i] = MarketHours.lastSessionDay(instrument, nowMs);
            final HistoricalCandles.Session session = history.session(instrument, days[i], anchorDay);
            ltpPaise[i] = session.closePaise();
            openPaise[i] = session.openPaise();
            highPaise[i] = session.highPaise();
            lowPaise[i] = session.lowPaise();
            previousClosePaise[i] = session.previousClosePaise();
            volume[i] = Math.min(UINT32_MAX, session.volume());
            lastQty[i] = Math.min(lastQty[i], volume[i]);
            turnoverPaise[i] = session.turnoverPaise();
            lastTradeTimeS[i] = session.lastTradeTimeS();
            oi[i] = session.oi();
            oiDayHigh[i] = session.oiDayHigh();
            oiDayLow[i] = session.oiDayLow();
            sessionEnded[i] = true;
            anySessionEnded = true;
            rebuildDepth(i);
        }
        for (int i = 0; i < size; i++)
        {
            if (days[i] != null)
            {
                final Instrument instrument = universe.get(i);
                final long underlyingClose = instrument.underlying == null ? 0 :
                    previousClosePaise[instrument.underlying.index];
                final long[] limits = instrument.circuitLimitsPaise(previousClosePaise[i], underlyingClose,
                    MarketHours.previousTradingDay(days[i].minusDays(1)).toEpochDay(), days[i].toEpochDay());
                lowerLimitPaise[i] = limits[0];
                upperLimitPaise[i] = limits[1];
            }
        }
    }

    /**
     * Takes up, for every instrument that walks on its own (not a derivative following its underlying) whose session
     * has begun today, today's session of the historical walk up to the last whole minute (all of it after the
     * close): its open, range, volume and last price, so that the live market goes on from the minute candles the
     * simulator serves of today instead of from a price of its own, and walks around that price from then on
     * ({@link #anchorPaise}). Before the open, in the session's first minute and on a day without a session, the
     * opening price drawn at construction stays. With market hours kept, {@link #showLastSessions} then shows a
     * session that has ended as ended.
     *
     * @param history   the historical walk.
     * @param nowMs     the time, epoch milliseconds.
     * @param anchorDay the historical walk's anchor: the trading day before the simulator's start.
     */
    void continueTodaysSessions(final HistoricalCandles history, final long nowMs, final LocalDate anchorDay)
    {
        final LocalDate today = KiteTime.date(nowMs);
        if (!MarketHours.isTradingDay(today))
        {
            return;
        }
        final long secondOfDay = KiteTime.secondOfDay(nowMs);
        for (int i = 0; i < size; i++)
        {
            final Instrument instrument = universe.get(i);
            final int minutes = (int)((secondOfDay - MarketHours.open(instrument).toSecondOfDay()) / 60);
            if (instrument.underlying != null || minutes < 1)
            {
                continue;
            }
            final HistoricalCandles.Session session = history.session(instrument, today, anchorDay, minutes);
            ltpPaise[i] = clamp(i, session.closePaise());
            anchorPaise[i] = ltpPaise[i];
            openPaise[i] = session.openPaise();
            highPaise[i] = Math.max(session.highPaise(), ltpPaise[i]);
            lowPaise[i] = Math.min(session.lowPaise(), ltpPaise[i]);
            previousClosePaise[i] = session.previousClosePaise();
            if (!instrument.isIndex())
            {
                volume[i] = Math.min(UINT32_MAX, session.volume());
                lastQty[i] = Math.max(1, Math.min(lastQty[i], volume[i]));
                turnoverPaise[i] = session.turnoverPaise();
            }
            if (instrument.isDerivative())
            {
                oi[i] = session.oi();
                oiDayHigh[i] = session.oiDayHigh();
                oiDayLow[i] = session.oiDayLow();
            }
            rebuildDepth(i);
        }
    }

    /**
     * A new day, for a simulator left running past midnight IST: the day's close is each instrument's last price, its
     * circuit limits are set around that close (an option's from its underlying's), and each instrument's next session
     * (at once when the market is always open, at its segment's open when it keeps its hours) starts from it, as after
     * the session a start shows ({@link #beginSession}).
     *
     * @param epochDay the new day.
     */
    void rollOver(final long epochDay)
    {
        for (int i = 0; i < size; i++)
        {
            dayClosePaise[i] = ltpPaise[i];
            sessionEnded[i] = true;
        }
        anySessionEnded = size > 0;
        final long closeDay = MarketHours.previousTradingDay(LocalDate.ofEpochDay(epochDay).minusDays(1)).toEpochDay();
        for (int i = 0; i < size; i++)
        {
            final Instrument instrument = universe.get(i);
            final long[] limits = instrument.circuitLimitsPaise(dayClosePaise[i],
                instrument.underlying == null ? 0 : dayClosePaise[instrument.underlying.index], closeDay, epochDay);
            dayLowerLimitPaise[i] = limits[0];
            dayUpperLimitPaise[i] = limits[1];
        }
    }

    /**
     * @return the close {@code instrument}'s day counts from, for positions and holdings: this market's when it trades
     * the instrument, else that of the instrument's own day.
     */
    long closePaise(final Instrument instrument)
    {
        return trades(instrument) ? dayClosePaise[instrument.index] : instrument.closePaise;
    }

    /** The session after the one shown starts from its close, with the day's volume, range and limits anew. */
    private void beginSession(final int i)
    {
        sessionEnded[i] = false;
        previousClosePaise[i] = ltpPaise[i];
        openPaise[i] = ltpPaise[i];
        highPaise[i] = ltpPaise[i];
        lowPaise[i] = ltpPaise[i];
        volume[i] = 0;
        turnoverPaise[i] = 0;
        oiDayHigh[i] = oi[i];
        oiDayLow[i] = oi[i];
        lowerLimitPaise[i] = dayLowerLimitPaise[i];
        upperLimitPaise[i] = dayUpperLimitPaise[i];
    }

    /**
     * Move every instrument with probability {@code moveProbability}; derivatives follow their underlying.
     *
     * @param nowS            the time of the step, epoch seconds.
     * @param moveProbability chance that an independent instrument moves in this step.
     */
    void step(final long nowS, final double moveProbability)
    {
        step(nowS, moveProbability, null);
    }

    /**
     * Move the instruments of the segments in session only.
     *
     * @param nowS            the time of the step, epoch seconds.
     * @param moveProbability chance that an independent instrument moves in this step.
     * @param openSegments    by segment code, whether it is in session; null for all.
     */
    void step(final long nowS, final double moveProbability, final boolean[] openSegments)
    {
        for (int i = 0; i < size; i++)
        {
            changed[i] = false;
        }
        if (anySessionEnded)
        {
            anySessionEnded = false;
            for (int i = 0; i < size; i++)
            {
                if (sessionEnded[i] && (openSegments == null || openSegments[universe.get(i).segmentCode()]))
                {
                    beginSession(i);
                }
                anySessionEnded |= sessionEnded[i];
            }
        }
        for (int i = 0; i < size; i++)
        {
            final Instrument instrument = universe.get(i);
            if (instrument.underlying != null ||
                (openSegments != null && !openSegments[instrument.segmentCode()]))
            {
                continue;
            }
            if (random.nextDouble() < moveProbability)
            {
                walk(i, nowS);
            }
        }
        for (int i = 0; i < size; i++)
        {
            final Instrument instrument = universe.get(i);
            final Instrument underlying = instrument.underlying;
            if (underlying != null && (openSegments == null || openSegments[instrument.segmentCode()]) &&
                (changed[underlying.index] || random.nextDouble() < moveProbability * 0.3))
            {
                follow(i, underlying, nowS);
            }
        }
    }

    /**
     * Sets how fast instruments that walk on their own move, in the market's own time rather than per step, so that
     * the tick rate changes how often a price moves and not how far it goes in a minute.
     *
     * @param dailyVolatility  the standard deviation of a session's change, as a fraction of the price: 0.015 for
     *                         1.5%, the historical candles' own ({@link HistoricalCandles#DAILY_VOLATILITY}).
     * @param reversionMinutes the time constant of the pull back to the price the walk started from: a walk left
     *                         alone for this long keeps about 1/e of its distance from it.
     * @param movesPerMinute   how often such an instrument moves: steps per minute times the chance to move in one.
     */
    void pace(final double dailyVolatility, final double reversionMinutes, final double movesPerMinute)
    {
        stepVolatility = dailyVolatility / Math.sqrt(HistoricalCandles.SESSION_MINUTES * movesPerMinute);
        stepReversion = 1 / (reversionMinutes * movesPerMinute);
        this.movesPerMinute = movesPerMinute;
    }

    private void walk(final int i, final long nowS)
    {
        final Instrument instrument = universe.get(i);
        final long tick = Math.max(1, instrument.tickPaise);
        final long ltp = ltpPaise[i];
        final double sigmaTicks = ltp * stepVolatility / tick;
        final double reversion = (anchorPaise[i] - ltp) * stepReversion / tick;
        long moveTicks = Math.round(random.nextGaussian() * sigmaTicks + reversion);
        if (moveTicks == 0 && random.nextInt(3) == 0)
        {
            moveTicks = random.nextBoolean() ? 1 : -1;
        }
        final long next = clamp(i, ltp + moveTicks * tick);
        final long qty = instrument.isIndex() ? 0 : tradeQty(i, instrument);
        if (instrument.isDerivative())
        {
            moveOpenInterest(i, instrument);
        }
        trade(i, next, qty, nowS);
        rebuildDepth(i);
    }

    private void follow(final int i, final Instrument underlying, final long nowS)
    {
        final Instrument instrument = universe.get(i);
        final long spot = ltpPaise[underlying.index];
        final long target;
        if (instrument.isOption())
        {
            target = OptionPricing.pricePaise(spot, instrument.strikePaise, "CE".equals(instrument.instrumentType),
                instrument.expiryEpochDay - tradingEpochDay, instrument.tickPaise);
        }
        else
        {
            final long carry = spot * Math.max(1, instrument.expiryEpochDay - tradingEpochDay) / 36_500 * 6;
            target = Instrument.roundToTick(spot + carry, instrument.tickPaise);
        }
        final long noiseTicks = random.nextInt(3) - 1;
        final long next = clamp(i, Math.max(instrument.tickPaise, target + noiseTicks * instrument.tickPaise));
        final long qty = tradeQty(i, instrument);
        moveOpenInterest(i, instrument);
        trade(i, next, qty, nowS);
        rebuildDepth(i);
    }

    /**
     * Contracts open move with each trade of a derivative, whether it follows an underlying or walks alone; moved
     * before the trade is counted, so the trade's minute candle has the open interest after it.
     */
    private void moveOpenInterest(final int i, final Instrument instrument)
    {
        final long lot = Math.max(1, instrument.lotSize);
        oi[i] = Math.max(lot, oi[i] + lot * (random.nextInt(41) - 20));
        oiDayHigh[i] = Math.max(oiDayHigh[i], oi[i]);
        oiDayLow[i] = Math.min(oiDayLow[i], oi[i]);
    }

    /**
     * A move's trade: a quantity drawn at random and scaled so that an instrument trades, minute for minute, what its
     * candles do ({@link HistoricalCandles#meanMinuteVolume}) at any pace; at least a lot.
     */
    private long tradeQty(final int i, final Instrument instrument)
    {
        final long lot = Math.max(1, instrument.lotSize);
        final int drawn = instrument.lotSize > 1 ? 10 : 500;
        final long lots = 1 + random.nextInt(drawn);
        final double lotsPerMove = meanMinuteVolume[i] / lot / movesPerMinute;
        return lot * Math.max(1, Math.round(lots * lotsPerMove / ((1 + drawn) / 2.0)));
    }

    /**
     * The most lots a depth level holds: 40 for a derivative or a stock traded in lots, 1,500 shares for a stock at the
     * simulator's base liquidity, and as many more as the square root of how much more it trades (so from about 1,200
     * to 19,000 shares on NSE: a book deepens with trading, though less than the trading does).
     */
    static int depthLevelLots(final Instrument instrument)
    {
        if (instrument.lotSize > 1)
        {
            return 40;
        }
        return (int)Math.max(1, Math.round(1_500 * Math.sqrt(HistoricalCandles.liquidity(instrument))));
    }

    private long clamp(final int i, final long pricePaise)
    {
        final Instrument instrument = universe.get(i);
        final long tick = Math.max(1, instrument.tickPaise);
        if (instrument.isIndex())
        {
            return Math.max(tick, pricePaise);
        }
        return Math.max(Math.max(tick, dayLowerLimitPaise[i]), Math.min(dayUpperLimitPaise[i], pricePaise));
    }

    /** Record a trade at {@code pricePaise} for {@code qty} (0 for an index value change). */
    void trade(final int i, final long pricePaise, final long qty, final long nowS)
    {
        ltpPaise[i] = pricePaise;
        highPaise[i] = Math.max(highPaise[i], pricePaise);
        lowPaise[i] = Math.min(lowPaise[i], pricePaise);
        if (qty > 0)
        {
            lastQty[i] = qty;
            volume[i] = Math.min(UINT32_MAX, volume[i] + qty);
            turnoverPaise[i] += qty * pricePaise;
        }
        lastTradeTimeS[i] = nowS;
        changed[i] = true;
        live.trade(i, pricePaise, qty, oi[i], nowS);
    }

    /** @return true when this market trades {@code instrument}: it is of this market's universe, not another day's. */
    boolean trades(final Instrument instrument)
    {
        return universe.byToken(instrument.token) == instrument;
    }

    /**
     * @param mapper makes the nodes.
     * @return every instrument's day so far (prices, volumes, open interest) by token, for the paper broker's book.
     */
    com.fasterxml.jackson.databind.node.ArrayNode snapshot(final com.fasterxml.jackson.databind.ObjectMapper mapper)
    {
        final com.fasterxml.jackson.databind.node.ArrayNode rows = mapper.createArrayNode();
        for (int i = 0; i < size; i++)
        {
            rows.addArray().add(universe.get(i).token).add(ltpPaise[i]).add(openPaise[i]).add(highPaise[i])
                .add(lowPaise[i]).add(lastQty[i]).add(volume[i]).add(turnoverPaise[i]).add(totalBuyQty[i])
                .add(totalSellQty[i]).add(lastTradeTimeS[i]).add(oi[i]).add(oiDayHigh[i]).add(oiDayLow[i]);
        }
        return rows;
    }

    /**
     * Takes back the day of the instruments a {@link #snapshot} names (others keep their opening state), with depth
     * rebuilt around each restored price, which their walks then revert to.
     *
     * @param rows a snapshot.
     * @return instruments taken back.
     */
    int restore(final com.fasterxml.jackson.databind.JsonNode rows)
    {
        int restored = 0;
        for (final com.fasterxml.jackson.databind.JsonNode row : rows)
        {
            final Instrument instrument = row.size() == 14 ? universe.byToken(row.get(0).asLong()) : null;
            if (instrument == null || row.get(1).asLong() <= 0)
            {
                continue;
            }
            final int i = instrument.index;
            ltpPaise[i] = row.get(1).asLong();
            anchorPaise[i] = ltpPaise[i];
            openPaise[i] = row.get(2).asLong();
            highPaise[i] = row.get(3).asLong();
            lowPaise[i] = row.get(4).asLong();
            lastQty[i] = row.get(5).asLong();
            volume[i] = row.get(6).asLong();
            turnoverPaise[i] = row.get(7).asLong();
            totalBuyQty[i] = row.get(8).asLong();
            totalSellQty[i] = row.get(9).asLong();
            lastTradeTimeS[i] = row.get(10).asLong();
            oi[i] = row.get(11).asLong();
            oiDayHigh[i] = row.get(12).asLong();
            oiDayLow[i] = row.get(13).asLong();
            rebuildDepth(i);
            changed[i] = true;
            restored++;
        }
        return restored;
    }

    long averagePricePaise(final int i)
    {
        return volume[i] == 0 ? ltpPaise[i] : turnoverPaise[i] / volume[i];
    }

    void rebuildDepth(final int i)
    {
        final Instrument instrument = universe.get(i);
        final int base = i * DEPTH;
        if (instrument.isIndex())
        {
            return;
        }
        final long tick = Math.max(1, instrument.tickPaise);
        final long lot = Math.max(1, instrument.lotSize);
        final long ltp = ltpPaise[i];
        final long bestBid = Math.max(tick, ltp - tick * random.nextInt(2));
        final long bestAsk = bestBid + tick * (1 + random.nextInt(2));
        long bidSum = 0;
        long askSum = 0;
        long bid = bestBid;
        long ask = bestAsk;
        final int lotsScale = depthLevelLots[i];
        for (int level = 0; level < DEPTH; level++)
        {
            bidPricePaise[base + level] = bid;
            bidQty[base + level] = lot * (1 + random.nextInt(lotsScale));
            bidOrders[base + level] = 1 + random.nextInt(25);
            askPricePaise[base + level] = ask;
            askQty[base + level] = lot * (1 + random.nextInt(lotsScale));
            askOrders[base + level] = 1 + random.nextInt(25);
            bidSum += bidQty[base + level];
            askSum += askQty[base + level];
            bid = Math.max(0, bid - tick * (1 + random.nextInt(2)));
            ask = ask + tick * (1 + random.nextInt(2));
            if (bid == 0)
            {
                bidQty[base + level] = 0;
                bidOrders[base + level] = 0;
            }
        }
        totalBuyQty[i] = bidSum * (4 + random.nextInt(6));
        totalSellQty[i] = askSum * (4 + random.nextInt(6));
    }

    /**
     * Take up to {@code qty} from one depth level on the side a taker of {@code buy} hits.
     *
     * @return the quantity taken.
     */
    long take(final int i, final boolean buy, final int level, final long qty)
    {
        final int slot = i * DEPTH + level;
        final long[] quantities = buy ? askQty : bidQty;
        final long taken = Math.min(qty, quantities[slot]);
        quantities[slot] -= taken;
        if (quantities[slot] == 0)
        {
            (buy ? askOrders : bidOrders)[slot] = 0;
        }
        if (buy)
        {
            totalSellQty[i] = Math.max(0, totalSellQty[i] - taken);
        }
        else
        {
            totalBuyQty[i] = Math.max(0, totalBuyQty[i] - taken);
        }
        return taken;
    }

    long levelPricePaise(final int i, final boolean buy, final int level)
    {
        return (buy ? askPricePaise : bidPricePaise)[i * DEPTH + level];
    }

    long levelQty(final int i, final boolean buy, final int level)
    {
        return (buy ? askQty : bidQty)[i * DEPTH + level];
    }

    void tradingEpochDay(final long epochDay)
    {
        tradingEpochDay = epochDay;
    }

    /** An exchange auction in which holders may sell, open from start to end; orders in it execute at its end. */
    record Auction(String auctionNumber, Instrument instrument, long startMs, long endMs)
    {
        boolean isOpen(final long nowMs)
        {
            return nowMs >= startMs && nowMs < endMs;
        }
    }

    /**
     * Opens an auction from now for {@code durationMinutes}.
     *
     * @param auctionNumber its number, or null for the first whole number no auction has had.
     * @return the auction opened.
     * @throws IllegalArgumentException for an index, a duration not above 0 or a number an auction open now has.
     */
    Auction openAuction(
        final String auctionNumber, final Instrument instrument, final long nowMs, final long durationMinutes)
    {
        if (instrument.isIndex() || durationMinutes <= 0 || durationMinutes > 24 * 60)
        {
            throw new IllegalArgumentException("an auction needs a tradable instrument, not an index, and 1 to 1440 " +
                "minutes: " + instrument.key() + " for " + durationMinutes + " min");
        }
        String number = auctionNumber;
        for (int n = 1; number == null; n++)
        {
            number = auctions.containsKey(Integer.toString(n)) ? null : Integer.toString(n);
        }
        final Auction running = auctions.get(number);
        if (running != null && running.isOpen(nowMs))
        {
            throw new IllegalArgumentException("auction " + number + " is open already, for " +
                running.instrument().key());
        }
        final Auction auction = new Auction(number, instrument, nowMs, nowMs + durationMinutes * 60_000L);
        auctions.put(number, auction);
        return auction;
    }

    /** @return the auctions open now, in the order they were opened. */
    List<Auction> openAuctions(final long nowMs)
    {
        final List<Auction> open = new ArrayList<>();
        for (final Auction auction : auctions.values())
        {
            if (auction.isOpen(nowMs))
            {
                open.add(auction);
            }
        }
        return open;
    }
}
