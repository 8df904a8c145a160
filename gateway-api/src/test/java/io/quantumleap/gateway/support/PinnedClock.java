package io.quantumleap.gateway.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

public final class PinnedClock extends Clock
{
    private volatile Instant pinned;

    public void pin(final Instant at)
    {
        pinned = at;
    }

    public void release()
    {
        pinned = null;
    }

    @Override
    public ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone)
    {
        return zone.equals(getZone()) ? this : Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant()
    {
        final Instant at = pinned;
        return at == null ? Instant.now() : at;
    }
}
