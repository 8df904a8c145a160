package io.quantumleap.engine.sim;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.Set;

/**
 * Continuous sessions per segment on weekdays that are not NSE holidays (MARKET.md section 2): cash equity
 * 09:15-15:30, equity derivatives 09:15-15:30 (15:40 from 3 Aug 2026), currency 09:00-17:00, MCX 09:00-23:30
 * while US daylight saving time is on and 09:00-23:55 otherwise; the broker's auto square-off times and the AMO
 * windows of section 6; the pre-open call auction of cash equity and NFO's near futures ({@link #preOpen}). The
 * closing auction, MCX's own holidays and Muhurat trading are not modelled.
 */
final class MarketHours
{
    static final LocalTime OPEN = LocalTime.of(9, 15);
    static final LocalTime CLOSE = LocalTime.of(15, 30);
    static final String CLOSED_MESSAGE = "Markets are closed right now. Use GTT for placing long standing orders " +
        "instead.";

    private static final Set<LocalDate> HOLIDAYS_2026 = Set.of(
        LocalDate.of(2026, 1, 15), LocalDate.of(2026, 1, 26), LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 26),
        LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 14), LocalDate.of(2026, 5, 1),
        LocalDate.of(2026, 5, 28), LocalDate.of(2026, 6, 26), LocalDate.of(2026, 9, 14), LocalDate.of(2026, 10, 2),
        LocalDate.of(2026, 10, 20), LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 24),
        LocalDate.of(2026, 12, 25));
    /**
     * Other years' NSE holidays as far as they fall on fixed dates (Republic Day, Maharashtra Day, Independence Day,
     * Gandhi Jayanti, Christmas); the festivals that move with the lunar calendar are not known ahead.
     */
    private static final Set<MonthDay> FIXED_HOLIDAYS = Set.of(MonthDay.of(1, 26), MonthDay.of(5, 1),
        MonthDay.of(8, 15), MonthDay.of(10, 2), MonthDay.of(12, 25));

    static final String AMO_MESSAGE_PREFIX = "After market orders (AMO) are not accepted now; the AMO window for ";

    private static final LocalDate FNO_LATE_CLOSE_FROM = LocalDate.of(2026, 8, 3);
    private static final LocalTime FNO_LATE_CLOSE = LocalTime.of(15, 40);
    private static final LocalTime CURRENCY_OPEN = LocalTime.of(9, 0);
    private static final LocalTime CURRENCY_CLOSE = LocalTime.of(17, 0);
    private static final LocalTime MCX_OPEN = LocalTime.of(9, 0);
    private static final LocalTime MCX_CLOSE_SUMMER = LocalTime.of(23, 30);
    private static final LocalTime MCX_CLOSE_WINTER = LocalTime.of(23, 55);
    private static final LocalTime EQUITY_SQUARE_OFF = LocalTime.of(15, 20);
    /** No segment's square-off is earlier than equity's. */
    static final LocalTime EARLIEST_SQUARE_OFF = EQUITY_SQUARE_OFF;
    private static final LocalTime FNO_SQUARE_OFF = LocalTime.of(15, 25);
    private static final LocalTime CURRENCY_SQUARE_OFF = LocalTime.of(16, 45);
    private static final long MCX_SQUARE_OFF_LEAD_MINUTES = 25;
    private static final LocalTime PRE_OPEN = LocalTime.of(9, 0);
    private static final LocalDate PRE_OPEN_SPLIT_FROM = LocalDate.of(2026, 9, 7);
    private static final LocalTime PRE_OPEN_ENTRY_CLOSE = LocalTime.of(9, 10);
    private static final LocalTime PRE_OPEN_ENTRY_CLOSE_BEFORE_SPLIT = LocalTime.of(9, 8);
    private static final LocalTime PRE_OPEN_MARKET_ORDERS_UNTIL = LocalTime.of(9, 5);
    static final String PRE_OPEN_MARKET_ORDERS_MESSAGE = "Market orders are taken in the pre-open session only " +
        "until " + PRE_OPEN_MARKET_ORDERS_UNTIL + " IST, and cannot be changed or cancelled after it; place a LIMIT " +
        "order.";
    private static final int FUTURES_PRE_OPEN_NEXT_MONTH_DAYS = 5;

    /** Where an instrument's pre-open call auction stands (MARKET.md section 2). */
    enum PreOpen
    {
        /** Not in the pre-open: an instrument without one, a day without trading, or outside 09:00-09:15. */
        NONE,
        /**
         * Order entry: 09:00 to 09:10 for cash equity (09:08 before 7 Sep 2026; market orders until 09:05 from that
         * day), 09:00 to 09:08 for futures.
         */
        ENTRY,
        /** Entry closed, the book matched at the equilibrium price; the buffer until the open. */
        MATCHED
    }

    private MarketHours()
    {
    }

    static LocalTime open(final Instrument instrument)
    {
        if (instrument.isCurrency())
        {
            return CURRENCY_OPEN;
        }
        return instrument.isCommodity() ? MCX_OPEN : OPEN;
    }

    static LocalTime close(final Instrument instrument, final LocalDate date)
    {
        if (instrument.isCurrency())
        {
            return CURRENCY_CLOSE;
        }
        if (instrument.isCommodity())
        {
            return usDaylightSaving(date) ? MCX_CLOSE_SUMMER : MCX_CLOSE_WINTER;
        }
        if (instrument.isDerivative() && !date.isBefore(FNO_LATE_CLOSE_FROM))
        {
            return FNO_LATE_CLOSE;
        }
        return CLOSE;
    }

    /**
     * The broker's auto square-off of intraday (MIS and cover order) positions, MARKET.md section 6: equity 15:20,
     * F&amp;O 15:25, currency 16:45, MCX 25 minutes before its close.
     */
    static LocalTime squareOffTime(final Instrument instrument, final LocalDate date)
    {
        if (instrument.isCurrency())
        {
            return CURRENCY_SQUARE_OFF;
        }
        if (instrument.isCommodity())
        {
            return close(instrument, date).minusMinutes(MCX_SQUARE_OFF_LEAD_MINUTES);
        }
        return instrument.isDerivative() ? FNO_SQUARE_OFF : EQUITY_SQUARE_OFF;
    }

    /**
     * @param now the time in IST.
     * @return whether the instrument's segment is between the broker's square-off time and its close, on a trading
     * day: intraday positions are closed and new intraday orders refused.
     */
    static boolean squaringOff(final Instrument instrument, final LocalDateTime now)
    {
        final LocalDate date = now.toLocalDate();
        final LocalTime time = now.toLocalTime();
        return isTradingDay(date) && !time.isBefore(squareOffTime(instrument, date)) &&
            time.isBefore(close(instrument, date));
    }

    /**
     * @param product an order's or a conversion's product.
     * @return null when the product may be traded at {@code epochMs}, else the refusal of an intraday product (MIS,
     * CO) after the segment's square-off time, naming it.
     */
    static String intradayRefusal(final Instrument instrument, final String product, final long epochMs)
    {
        if (!"MIS".equals(product) && !"CO".equals(product))
        {
            return null;
        }
        final LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), KiteTime.IST);
        if (!squaringOff(instrument, now))
        {
            return null;
        }
        return "Intraday " + product + " orders are not accepted after the auto square-off of intraday positions " +
            "at " + squareOffTime(instrument, now.toLocalDate()) + " IST for " + segmentName(instrument) + "; use " +
            (instrument.isDerivative() ? "NRML" : "CNC") + " instead.";
    }

    /**
     * @return the instrument's pre-open phase at {@code epochMs}: NSE and BSE cash equity, and the NFO futures in
     * the F&amp;O pre-open ({@link #inFuturesPreOpen}).
     */
    static PreOpen preOpen(final Instrument instrument, final long epochMs)
    {
        final LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), KiteTime.IST);
        final LocalDate date = now.toLocalDate();
        final LocalTime time = now.toLocalTime();
        if (!isTradingDay(date) || time.isBefore(PRE_OPEN) || !time.isBefore(OPEN) ||
            !instrument.isEquity() && !inFuturesPreOpen(instrument, date))
        {
            return PreOpen.NONE;
        }
        return time.isBefore(preOpenEntryClose(instrument, date)) ? PreOpen.ENTRY : PreOpen.MATCHED;
    }

    /**
     * The F&amp;O pre-open of 8 Dec 2025 (MARKET.md section 2): NFO's current-month index and stock futures, and the
     * next month's in the last 5 trading days up to the current month's expiry; not options, far months or BFO.
     */
    static boolean inFuturesPreOpen(final Instrument instrument, final LocalDate date)
    {
        if (!"NFO".equals(instrument.exchange) || !instrument.isFuture())
        {
            return false;
        }
        final LocalDate current = previousTradingDay(InstrumentUniverse.monthlyExpiry(date));
        if (instrument.expiryEpochDay == current.toEpochDay())
        {
            return true;
        }
        final LocalDate next = previousTradingDay(InstrumentUniverse.monthlyExpiry(current.plusDays(1)));
        if (instrument.expiryEpochDay != next.toEpochDay())
        {
            return false;
        }
        int tradingDaysLeft = 0;
        for (LocalDate day = date; !day.isAfter(current); day = day.plusDays(1))
        {
            tradingDaysLeft += isTradingDay(day) ? 1 : 0;
        }
        return tradingDaysLeft <= FUTURES_PRE_OPEN_NEXT_MONTH_DAYS;
    }

    /** @return the instrument's pre-open order entry on the day of {@code epochMs}, e.g. {@code 09:00 to 09:10 IST}. */
    static String preOpenWindow(final Instrument instrument, final long epochMs)
    {
        return PRE_OPEN + " to " + preOpenEntryClose(instrument, KiteTime.date(epochMs)) + " IST";
    }

    /**
     * @return when pre-open order entry closes on {@code date}: for cash equity 09:10 from NSE's split of 7 Sep 2026,
     * 09:08 before; for futures 09:08.
     */
    static LocalTime preOpenEntryClose(final Instrument instrument, final LocalDate date)
    {
        return !instrument.isEquity() || date.isBefore(PRE_OPEN_SPLIT_FROM) ? PRE_OPEN_ENTRY_CLOSE_BEFORE_SPLIT :
            PRE_OPEN_ENTRY_CLOSE;
    }

    /**
     * @return whether market orders may be placed, changed and cancelled in the pre-open at {@code epochMs}: for
     * cash equity until 09:05 from 7 Sep 2026; through the whole order entry before that day, and for futures.
     */
    static boolean preOpenTakesMarketOrders(final Instrument instrument, final long epochMs)
    {
        final LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), KiteTime.IST);
        return !instrument.isEquity() || now.toLocalDate().isBefore(PRE_OPEN_SPLIT_FROM) ||
            now.toLocalTime().isBefore(PRE_OPEN_MARKET_ORDERS_UNTIL);
    }

    /** US daylight saving: from the second Sunday of March to the first Sunday of November. */
    private static boolean usDaylightSaving(final LocalDate date)
    {
        final LocalDate start = LocalDate.of(date.getYear(), 3, 1)
            .with(java.time.temporal.TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.SUNDAY));
        final LocalDate end = LocalDate.of(date.getYear(), 11, 1)
            .with(java.time.temporal.TemporalAdjusters.firstInMonth(DayOfWeek.SUNDAY));
        return !date.isBefore(start) && date.isBefore(end);
    }

    /** @return whether the instrument's segment is in its continuous session at {@code epochMs}. */
    static boolean isOpen(final Instrument instrument, final long epochMs)
    {
        final LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), KiteTime.IST);
        final LocalTime time = now.toLocalTime();
        return isTradingDay(now.toLocalDate()) && !time.isBefore(open(instrument)) &&
            time.isBefore(close(instrument, now.toLocalDate()));
    }

    /** @return whether {@code epochMs} is on a trading day before the instrument's session opens. */
    static boolean beforeOpen(final Instrument instrument, final long epochMs)
    {
        final LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), KiteTime.IST);
        return isTradingDay(now.toLocalDate()) && now.toLocalTime().isBefore(open(instrument));
    }

    /** The AMO window of the instrument's segment: start (inclusive) and end (exclusive) of the day's gap. */
    private static LocalTime[] amoWindow(final Instrument instrument, final LocalDate date)
    {
        if (instrument.isCurrency())
        {
            return new LocalTime[] { LocalTime.of(17, 0), LocalTime.of(8, 59) };
        }
        if (instrument.isCommodity())
        {
            return new LocalTime[] { close(instrument, date), LocalTime.of(8, 58) };
        }
        if (instrument.isDerivative())
        {
            return new LocalTime[] { LocalTime.of(15, 45), LocalTime.of(9, 10) };
        }
        return new LocalTime[] { LocalTime.of(16, 0), LocalTime.of(8, 58) };
    }

    /**
     * @return null when an AMO may be placed, modified or cancelled at {@code epochMs}, else Kite's refusal naming
     * the window (the whole of a non-trading day is in the window).
     */
    static String amoRefusal(final Instrument instrument, final long epochMs)
    {
        final LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), KiteTime.IST);
        if (!isTradingDay(now.toLocalDate()))
        {
            return null;
        }
        final LocalTime[] window = amoWindow(instrument, now.toLocalDate());
        final LocalTime time = now.toLocalTime();
        if (!time.isBefore(window[0]) || time.isBefore(window[1]))
        {
            return null;
        }
        return AMO_MESSAGE_PREFIX + segmentName(instrument) + " is " + window[0] + " to " + window[1] +
            " IST; place a regular order during market hours.";
    }

    private static String segmentName(final Instrument instrument)
    {
        if (instrument.isCurrency())
        {
            return "currency";
        }
        if (instrument.isCommodity())
        {
            return "MCX";
        }
        return instrument.isDerivative() ? "F&O" : "equity";
    }

    /**
     * When a queued AMO goes to the exchange (MARKET.md section 6): equity MARKET and LIMIT orders at 09:00 (other
     * equity orders, stops, IOC and disclosed quantity, at 09:15), currency and MCX at 09:00, F&amp;O at 09:15; on the
     * next trading day whose time has not passed.
     */
    static long amoReleaseMs(final Instrument instrument, final Order order, final long epochMs)
    {
        final LocalTime release;
        if (instrument.isCurrency() || instrument.isCommodity())
        {
            release = LocalTime.of(9, 0);
        }
        else if (instrument.isDerivative())
        {
            release = OPEN;
        }
        else
        {
            final boolean early = ("MARKET".equals(order.orderType) || "LIMIT".equals(order.orderType)) &&
                !"IOC".equals(order.validity) && order.disclosedQuantity == 0;
            release = early ? LocalTime.of(9, 0) : OPEN;
        }
        final LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), KiteTime.IST);
        LocalDate day = now.toLocalDate();
        if (!isTradingDay(day) || !now.toLocalTime().isBefore(release))
        {
            day = day.plusDays(1);
            while (!isTradingDay(day))
            {
                day = day.plusDays(1);
            }
        }
        return day.atTime(release).atZone(KiteTime.IST).toInstant().toEpochMilli();
    }

    /**
     * @param epochMs the time.
     * @param open    filled per segment code (0..9): whether that segment is in session; indices follow equity.
     */
    static void openSegments(final long epochMs, final boolean[] open)
    {
        final LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), KiteTime.IST);
        final LocalDate date = now.toLocalDate();
        final LocalTime time = now.toLocalTime();
        final boolean tradingDay = isTradingDay(date);
        final boolean equity = tradingDay && !time.isBefore(OPEN) && time.isBefore(CLOSE);
        final LocalTime fnoClose = date.isBefore(FNO_LATE_CLOSE_FROM) ? CLOSE : FNO_LATE_CLOSE;
        final boolean fno = tradingDay && !time.isBefore(OPEN) && time.isBefore(fnoClose);
        java.util.Arrays.fill(open, false);
        open[Instrument.SEGMENT_NSE] = equity;
        open[Instrument.SEGMENT_BSE] = equity;
        open[Instrument.SEGMENT_INDICES] = equity;
        open[Instrument.SEGMENT_NFO] = fno;
        open[Instrument.SEGMENT_BFO] = fno;
        open[Instrument.SEGMENT_CDS] = tradingDay && !time.isBefore(CURRENCY_OPEN) && time.isBefore(CURRENCY_CLOSE);
        open[Instrument.SEGMENT_MCX] = tradingDay && !time.isBefore(MCX_OPEN) &&
            time.isBefore(usDaylightSaving(date) ? MCX_CLOSE_SUMMER : MCX_CLOSE_WINTER);
    }

    static boolean isTradingDay(final LocalDate date)
    {
        final DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY &&
            !(date.getYear() == 2026 ? HOLIDAYS_2026.contains(date) : FIXED_HOLIDAYS.contains(MonthDay.from(date)));
    }

    static boolean isOpen(final long epochMs)
    {
        final LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), KiteTime.IST);
        final LocalTime time = now.toLocalTime();
        return isTradingDay(now.toLocalDate()) && !time.isBefore(OPEN) && time.isBefore(CLOSE);
    }

    /**
     * @return the day of the instrument's last session that has ended by {@code epochMs}: today's once its segment
     * has closed, else the previous trading day's.
     */
    static LocalDate lastSessionDay(final Instrument instrument, final long epochMs)
    {
        final LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), KiteTime.IST);
        final LocalDate today = now.toLocalDate();
        if (isTradingDay(today) && !now.toLocalTime().isBefore(close(instrument, today)))
        {
            return today;
        }
        return previousTradingDay(today.minusDays(1));
    }

    /** An expiry falling on a holiday moves to the previous trading day. */
    static LocalDate previousTradingDay(final LocalDate date)
    {
        LocalDate day = date;
        while (!isTradingDay(day))
        {
            day = day.minusDays(1);
        }
        return day;
    }
}
