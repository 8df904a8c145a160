package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * Kite's historical candles ({@code GET /instruments/historical/{token}/{interval}}) for the simulator: every
 * instrument has a deterministic minute-by-minute random walk over its sessions (trading days, its segment's hours),
 * the same for every request and every interval, which closes the trading day before the simulator's start at the
 * instrument's previous close. Longer candles are made from the minutes, aligned to the session's open as Kite's
 * are; day candles are stamped at midnight. A request gets the candles that start within it (day candles: of its
 * days), whole. Volumes are drawn from the same walk (none for indices), around each instrument's
 * {@link #meanMinuteVolume}; open interest, for derivatives when asked, drifts slowly. A simulator started after a
 * session's open takes up the walk's session so far (its open, range, volume and last price:
 * {@link Market#continueTodaysSessions}), so its first live prices go on from today's candles; from the minute it
 * started in, today's minutes are the live market's trades ({@link LiveMinutes}). A segment closed at the
 * simulator's start shows the walk's last session ({@link #session}), so its quote and that day's candle agree.
 *
 * <p>Stateless; called on the simulator thread.
 */
final class HistoricalCandles
{
    /** Minutes per candle by Kite's interval name; 0 for a day. */
    static final Map<String, Integer> INTERVALS = Map.of("minute", 1, "3minute", 3, "5minute", 5,
        "10minute", 10, "15minute", 15, "30minute", 30, "60minute", 60, "day", 0);
    /** Kite's longest span of one request, in days, by interval. */
    static final Map<String, Integer> MAX_DAYS = Map.of("minute", 60, "3minute", 100, "5minute", 100,
        "10minute", 100, "15minute", 200, "30minute", 200, "60minute", 400, "day", 2000);

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+0530'",
        Locale.ROOT);
    /** The standard deviation of a session's change of the log price: 1.5%, about a large Indian stock's. */
    static final double DAILY_VOLATILITY = 0.015;
    /** Minutes of an NSE equity session, 09:15 to 15:30. */
    static final int SESSION_MINUTES = 375;
    /** A minute's standard deviation of the log price. */
    private static final double MINUTE_SIGMA = DAILY_VOLATILITY / Math.sqrt(SESSION_MINUTES);
    /** A minute's volume is this many lots times a whole number drawn from 1 to it, times the liquidity. */
    private static final int MINUTE_LOTS_DRAWN = 400;

    private final long seed;

    HistoricalCandles(final long seed)
    {
        this.seed = seed;
    }

    /**
     * @param instrument the instrument.
     * @param interval   one of {@link #INTERVALS}.
     * @param from       the candles that start at or after this, IST (day candles: of this day or later).
     * @param to         and at or before this, IST (day candles: of this day or earlier).
     * @param now        the simulator's time: minutes after it have not happened.
     * @param anchorDay  the trading day before the simulator's start: its last minute closes at the previous close.
     * @param withOi     add open interest (derivatives; 0 for others).
     * @param live       the live market's minutes, which replace the walk's where they are kept.
     * @return Kite's {@code candles} rows.
     */
    ArrayNode candles(
        final Instrument instrument,
        final String interval,
        final LocalDateTime from,
        final LocalDateTime to,
        final LocalDateTime now,
        final LocalDate anchorDay,
        final boolean withOi,
        final LiveMinutes live)
    {
        final int minutesPerCandle = INTERVALS.get(interval);
        final ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        final Walk walk = new Walk(instrument, anchorDay, from.toLocalDate());
        Candle candle = null;
        final LocalDate lastDay = to.isAfter(now) ? now.toLocalDate() : to.toLocalDate();
        for (LocalDate day = from.toLocalDate(); !day.isAfter(lastDay); day = day.plusDays(1))
        {
            if (!MarketHours.isTradingDay(day))
            {
                continue;
            }
            walk.startDay(day);
            final LocalTime open = MarketHours.open(instrument);
            final int openMinute = LiveMinutes.minuteOf(open);
            final int sessionMinutes = (int)ChronoUnit.MINUTES.between(open, MarketHours.close(instrument, day));
            for (int m = 0; m < sessionMinutes; m++)
            {
                walk.step(day, m);
                final LocalDateTime at = day.atTime(open).plusMinutes(m);
                final LocalDateTime start = 0 == minutesPerCandle ? day.atStartOfDay() :
                    day.atTime(open).plusMinutes((long)m / minutesPerCandle * minutesPerCandle);
                final boolean inRange = 0 == minutesPerCandle ?
                    !day.isBefore(from.toLocalDate()) && !day.isAfter(to.toLocalDate()) :
                    !start.isBefore(from) && !start.isAfter(to);
                if (!inRange || at.isAfter(now))
                {
                    continue;
                }
                final boolean traded = live != null && live.covers(day, openMinute + m);
                final int row = traded ? live.find(instrument.index, openMinute + m) : -1;
                if (traded && row < 0)
                {
                    continue;
                }
                if (candle == null || !candle.start.equals(start))
                {
                    if (candle != null)
                    {
                        rows.add(candle.row(instrument, withOi));
                    }
                    candle = new Candle(start, traded ? live.open(instrument.index, row) : walk.openPaise);
                }
                if (traded)
                {
                    final int i = instrument.index;
                    candle.add(live.high(i, row), live.low(i, row), live.close(i, row), live.volume(i, row),
                        live.openInterest(i, row));
                }
                else
                {
                    candle.add(walk.highPaise, walk.lowPaise, walk.closePaise, walk.volume, walk.openInterest);
                }
            }
        }
        if (candle != null)
        {
            rows.add(candle.row(instrument, withOi));
        }
        return rows;
    }

    /**
     * One day's session of the walk, as its day candle has it, for the quote of a market that is closed.
     *
     * @param instrument the instrument.
     * @param day        a trading day.
     * @param anchorDay  the trading day before the simulator's start: its last minute closes at the previous close.
     * @return the session: the day candle's prices, volume and open interest, the close before it and its last
     * trade time (the last second of its last minute).
     */
    Session session(final Instrument instrument, final LocalDate day, final LocalDate anchorDay)
    {
        return session(instrument, day, anchorDay, Integer.MAX_VALUE);
    }

    /**
     * The first minutes of one day's session of the walk, as the day candle of a session still open has them: the
     * market the simulator picks up from when it starts during a session, so that its live prices go on from the
     * candles it serves of the minutes before.
     *
     * @param instrument the instrument.
     * @param day        a trading day.
     * @param anchorDay  the trading day before the simulator's start: its last minute closes at the previous close.
     * @param minutes    the session's first minutes to take, at least 1; all of them when the session is shorter.
     * @return the session so far, its last trade time the last second of the last minute taken.
     */
    Session session(final Instrument instrument, final LocalDate day, final LocalDate anchorDay, final int minutes)
    {
        final Walk walk = new Walk(instrument, anchorDay, day);
        final long previousClosePaise = walk.closePaise;
        walk.startDay(day);
        final LocalTime open = MarketHours.open(instrument);
        final int sessionMinutes = Math.min(minutes,
            (int)ChronoUnit.MINUTES.between(open, MarketHours.close(instrument, day)));
        final Candle candle = new Candle(day.atStartOfDay(), walk.closePaise);
        long turnoverPaise = 0;
        long oiDayHigh = walk.openInterest;
        long oiDayLow = walk.openInterest;
        for (int m = 0; m < sessionMinutes; m++)
        {
            walk.step(day, m);
            candle.add(walk.highPaise, walk.lowPaise, walk.closePaise, walk.volume, walk.openInterest);
            turnoverPaise += walk.volume * ((walk.highPaise + walk.lowPaise + walk.closePaise) / 3);
            oiDayHigh = Math.max(oiDayHigh, walk.openInterest);
            oiDayLow = Math.min(oiDayLow, walk.openInterest);
        }
        final long lastTradeTimeS =
            day.atTime(open).plusMinutes(sessionMinutes).minusSeconds(1).toEpochSecond(KiteTime.IST);
        return new Session(candle.openPaise, candle.highPaise, candle.lowPaise, candle.closePaise,
            previousClosePaise, candle.volume, turnoverPaise, lastTradeTimeS, candle.openInterest,
            instrument.isDerivative() ? oiDayHigh : 0, instrument.isDerivative() ? oiDayLow : 0);
    }

    /** A day's session of the walk; prices in the instrument's unit, time in epoch seconds. */
    record Session(long openPaise, long highPaise, long lowPaise, long closePaise, long previousClosePaise,
        long volume, long turnoverPaise, long lastTradeTimeS, long oi, long oiDayHigh, long oiDayLow)
    {
    }

    /** The walk's state: the log price relative to the anchor and the minute's candle. */
    private final class Walk
    {
        private final Instrument instrument;
        private final long tick;
        private final double liquidity;
        private double logPrice;
        private long openPaise;
        private long highPaise;
        private long lowPaise;
        private long closePaise;
        private long volume;
        private long openInterest;

        Walk(final Instrument instrument, final LocalDate anchorDay, final LocalDate firstDay)
        {
            this.instrument = instrument;
            this.tick = Math.max(1, instrument.tickPaise);
            this.liquidity = liquidity(instrument);
            // The log price at the start of firstDay, from the anchor (the close of anchorDay) walked back or on.
            double relative = 0;
            if (firstDay.isAfter(anchorDay))
            {
                for (LocalDate day = anchorDay.plusDays(1); day.isBefore(firstDay); day = day.plusDays(1))
                {
                    relative += dayMove(day);
                }
            }
            else
            {
                for (LocalDate day = firstDay; !day.isAfter(anchorDay); day = day.plusDays(1))
                {
                    relative -= dayMove(day);
                }
            }
            logPrice = Math.log(Math.max(tick, instrument.closePaise)) + relative;
            closePaise = roundToTick(Math.exp(logPrice));
        }

        private double dayMove(final LocalDate day)
        {
            if (!MarketHours.isTradingDay(day))
            {
                return 0;
            }
            final int minutes = (int)ChronoUnit.MINUTES.between(MarketHours.open(instrument),
                MarketHours.close(instrument, day));
            double move = 0;
            for (int m = 0; m < minutes; m++)
            {
                move += MINUTE_SIGMA * normal(mix(day.toEpochDay() * 1_440 + m, 0));
            }
            return move;
        }

        void startDay(final LocalDate day)
        {
            openInterest = instrument.isDerivative() ?
                1_000_000 + Math.floorMod(mix(day.toEpochDay(), 3), 500_000L) / 1000 * 1000 : 0;
        }

        void step(final LocalDate day, final int minute)
        {
            final long key = day.toEpochDay() * 1_440 + minute;
            openPaise = closePaise;
            logPrice += MINUTE_SIGMA * normal(mix(key, 0));
            closePaise = roundToTick(Math.exp(logPrice));
            final double wick = Math.abs(normal(mix(key, 1))) * MINUTE_SIGMA / 2;
            highPaise = roundToTick(Math.max(openPaise, closePaise) * (1 + wick));
            lowPaise = Math.max(tick, roundToTick(Math.min(openPaise, closePaise) * (1 - wick)));
            final long lot = Math.max(1, instrument.lotSize);
            volume = instrument.isIndex() ? 0 :
                Math.max(lot, Math.round(lot * (1 + Math.floorMod(mix(key, 2), (long)MINUTE_LOTS_DRAWN)) * liquidity));
            openInterest += instrument.isDerivative() ? lot * (Math.floorMod(mix(key, 4), 21L) - 10) : 0;
        }

        private long roundToTick(final double pricePaise)
        {
            return Math.max(tick, Math.round(pricePaise / tick) * tick);
        }

        private long mix(final long key, final int stream)
        {
            long z = seed * 0x9E3779B97F4A7C15L + instrument.token * 0xBF58476D1CE4E5B9L + key * 0x94D049BB133111EBL +
                stream;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }

    /**
     * How many units an instrument trades in a minute on average, in the candles and in the live market alike.
     *
     * @return 0 for an index.
     */
    static double meanMinuteVolume(final Instrument instrument)
    {
        return instrument.isIndex() ? 0 :
            Math.max(1, instrument.lotSize) * (1 + MINUTE_LOTS_DRAWN) / 2.0 * liquidity(instrument);
    }

    /**
     * How much more a stock trades than the simulator's base of about 75,000 shares a session, so that volumes
     * spread as an exchange's do: from tens of thousands of shares a session for a small company to millions for a
     * large one. A stock with derivatives (no static price band: the exchange's F&O stocks) draws from the top of
     * the range, 0.9 to 12 million shares a session on NSE; the others from 47,000 to 1.3 million. A company's BSE
     * listing trades a tenth of its NSE volume. Drawn from the trading symbol, which a company has on both exchanges,
     * so it keeps its rank on both and across seeds; derivatives keep their base.
     */
    static double liquidity(final Instrument instrument)
    {
        if (!instrument.isEquity())
        {
            return 1;
        }
        long z = instrument.tradingsymbol.hashCode() * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        final double u = ((z ^ (z >>> 31)) >>> 11) / (double)(1L << 53);
        final double rank = instrument.bandPercent == 0 ? 0.55 + 0.45 * u : 0.6 * u;
        final double nse = Math.pow(10, -0.2 + 2.4 * rank);
        return instrument.segmentCode() == Instrument.SEGMENT_BSE ? nse / 10 : nse;
    }

    /** A standard normal from 64 random bits: the sum of four uniforms, centred and scaled. */
    private static double normal(final long bits)
    {
        double sum = 0;
        for (int i = 0; i < 4; i++)
        {
            sum += ((bits >>> (16 * i)) & 0xFFFF) / 65536.0;
        }
        return (sum - 2) * Math.sqrt(3);
    }

    /** A candle being filled from its minutes. */
    private static final class Candle
    {
        final LocalDateTime start;
        final long openPaise;
        long highPaise = Long.MIN_VALUE;
        long lowPaise = Long.MAX_VALUE;
        long closePaise;
        long volume;
        long openInterest;

        Candle(final LocalDateTime start, final long openPaise)
        {
            this.start = start;
            this.openPaise = openPaise;
        }

        void add(final long minuteHigh, final long minuteLow, final long minuteClose, final long minuteVolume,
            final long minuteOpenInterest)
        {
            highPaise = Math.max(highPaise, Math.max(minuteHigh, openPaise));
            lowPaise = Math.min(lowPaise, Math.min(minuteLow, openPaise));
            closePaise = minuteClose;
            volume += minuteVolume;
            openInterest = minuteOpenInterest;
        }

        ArrayNode row(final Instrument instrument, final boolean withOi)
        {
            final ArrayNode row = JsonNodeFactory.instance.arrayNode();
            row.add(STAMP.format(start));
            row.add(rupees(instrument, openPaise));
            row.add(rupees(instrument, highPaise));
            row.add(rupees(instrument, lowPaise));
            row.add(rupees(instrument, closePaise));
            row.add(volume);
            if (withOi)
            {
                row.add(openInterest);
            }
            return row;
        }

        private static BigDecimal rupees(final Instrument instrument, final long units)
        {
            final BigDecimal rupees =
                BigDecimal.valueOf(units).divide(BigDecimal.valueOf(instrument.unitsPerRupee)).stripTrailingZeros();
            return rupees.scale() < 0 ? rupees.setScale(0) : rupees;
        }
    }
}
