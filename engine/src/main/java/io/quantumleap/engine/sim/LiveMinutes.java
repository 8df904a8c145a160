package io.quantumleap.engine.sim;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;

/**
 * Today's minute candles of the live market, made of its trades, as Kite's are of the exchange's: the historical API
 * serves them for the minutes of today from the one the simulator started in (from the day's start on a day it
 * reached running), and the seeded walk for the minutes before. A minute in which an instrument did not trade has no
 * candle. Only minutes within an instrument's session are kept, so a market left open around the clock keeps at most a
 * session's worth a day. Owned by the simulator thread.
 */
final class LiveMinutes
{
    private static final int FIELDS = 7;
    private static final int MINUTE = 0;
    private static final int OPEN = 1;
    private static final int HIGH = 2;
    private static final int LOW = 3;
    private static final int CLOSE = 4;
    private static final int VOLUME = 5;
    private static final int OI = 6;
    private static final long[] NONE = new long[0];

    private final InstrumentUniverse universe;
    private final long[][] rows;
    private final int[] counts;
    private final int[] openMinute;
    private final int[] closeMinute;
    private long epochDay = Long.MIN_VALUE;
    private int fromMinute;

    LiveMinutes(final InstrumentUniverse universe)
    {
        this.universe = universe;
        final int size = universe.size();
        rows = new long[size][];
        Arrays.fill(rows, NONE);
        counts = new int[size];
        openMinute = new int[size];
        closeMinute = new int[size];
    }

    /**
     * Starts the day of {@code nowS} with no trade yet; its minutes from the one {@code nowS} is in are live.
     *
     * @param nowS the simulator's time, epoch seconds.
     */
    void start(final long nowS)
    {
        begin(epochDay(nowS), minuteOfDay(nowS));
    }

    /**
     * Counts a trade of instrument {@code i} in the minute of {@code nowS}; a trade on a later day than the one kept
     * starts that day, all of whose minutes are live.
     */
    void trade(final int i, final long pricePaise, final long qty, final long openInterest, final long nowS)
    {
        final long day = epochDay(nowS);
        if (day != epochDay)
        {
            begin(day, 0);
        }
        final int minute = minuteOfDay(nowS);
        if (minute < openMinute[i] || minute >= closeMinute[i])
        {
            return;
        }
        long[] row = rows[i];
        final int n = counts[i];
        final int last = (n - 1) * FIELDS;
        if (n > 0 && row[last + MINUTE] == minute)
        {
            row[last + HIGH] = Math.max(row[last + HIGH], pricePaise);
            row[last + LOW] = Math.min(row[last + LOW], pricePaise);
            row[last + CLOSE] = pricePaise;
            row[last + VOLUME] += qty;
            row[last + OI] = openInterest;
            return;
        }
        if ((n + 1) * FIELDS > row.length)
        {
            row = Arrays.copyOf(row, Math.max(16 * FIELDS, row.length * 2));
            rows[i] = row;
        }
        final int at = n * FIELDS;
        row[at + MINUTE] = minute;
        row[at + OPEN] = pricePaise;
        row[at + HIGH] = pricePaise;
        row[at + LOW] = pricePaise;
        row[at + CLOSE] = pricePaise;
        row[at + VOLUME] = qty;
        row[at + OI] = openInterest;
        counts[i] = n + 1;
    }

    /** @return whether the minute {@code minuteOfDay} (IST) of {@code day} is the live market's. */
    boolean covers(final LocalDate day, final int minuteOfDay)
    {
        return day.toEpochDay() == epochDay && minuteOfDay >= fromMinute;
    }

    /**
     * @return where instrument {@code i}'s candle of the minute {@code minuteOfDay} of the day kept is, for the
     *     readers below, or -1 when it did not trade in it.
     */
    int find(final int i, final int minuteOfDay)
    {
        final long[] row = rows[i];
        int low = 0;
        int high = counts[i] - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long minute = row[mid * FIELDS + MINUTE];
            if (minute < minuteOfDay)
            {
                low = mid + 1;
            }
            else if (minute > minuteOfDay)
            {
                high = mid - 1;
            }
            else
            {
                return mid * FIELDS;
            }
        }
        return -1;
    }

    long open(final int i, final int at)
    {
        return rows[i][at + OPEN];
    }

    long high(final int i, final int at)
    {
        return rows[i][at + HIGH];
    }

    long low(final int i, final int at)
    {
        return rows[i][at + LOW];
    }

    long close(final int i, final int at)
    {
        return rows[i][at + CLOSE];
    }

    long volume(final int i, final int at)
    {
        return rows[i][at + VOLUME];
    }

    long openInterest(final int i, final int at)
    {
        return rows[i][at + OI];
    }

    private void begin(final long day, final int fromMinuteOfDay)
    {
        epochDay = day;
        fromMinute = fromMinuteOfDay;
        Arrays.fill(counts, 0);
        final LocalDate date = LocalDate.ofEpochDay(day);
        for (int i = 0; i < counts.length; i++)
        {
            final Instrument instrument = universe.get(i);
            openMinute[i] = minuteOf(MarketHours.open(instrument));
            closeMinute[i] = minuteOf(MarketHours.close(instrument, date));
        }
    }

    /** @return the minute of the day {@code time} is in, 0 to 1439. */
    static int minuteOf(final LocalTime time)
    {
        return time.getHour() * 60 + time.getMinute();
    }

    private static long epochDay(final long nowS)
    {
        return Math.floorDiv(nowS + KiteTime.IST.getTotalSeconds(), 86_400L);
    }

    static int minuteOfDay(final long nowS)
    {
        return (int)(Math.floorMod(nowS + KiteTime.IST.getTotalSeconds(), 86_400L) / 60);
    }
}
