package io.quantumleap.engine.sim;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Set;

/**
 * NSE equity and F&amp;O continuous session (09:15 to 15:30 IST on weekdays that are not exchange holidays,
 * MARKET.md section 2). Pre-open, the closing auction and Muhurat trading are not modelled.
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

    private MarketHours()
    {
    }

    static boolean isTradingDay(final LocalDate date)
    {
        final DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !HOLIDAYS_2026.contains(date);
    }

    static boolean isOpen(final long epochMs)
    {
        final LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMs), KiteTime.IST);
        final LocalTime time = now.toLocalTime();
        return isTradingDay(now.toLocalDate()) && !time.isBefore(OPEN) && time.isBefore(CLOSE);
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
