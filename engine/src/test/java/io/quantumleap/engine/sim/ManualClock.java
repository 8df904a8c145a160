package io.quantumleap.engine.sim;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

final class ManualClock implements SimClock
{
    static final long MONDAY_10_00_IST =
        LocalDateTime.of(2026, 11, 30, 10, 0).toInstant(ZoneOffset.ofHoursMinutes(5, 30)).toEpochMilli();

    private volatile long nowMs;

    ManualClock(final long nowMs)
    {
        this.nowMs = nowMs;
    }

    public long epochMillis()
    {
        return nowMs;
    }

    void advanceMs(final long ms)
    {
        nowMs += ms;
    }
}
