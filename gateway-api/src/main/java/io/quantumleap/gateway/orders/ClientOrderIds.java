package io.quantumleap.gateway.orders;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client order ids for orders placed without one: microseconds since the epoch, strictly increasing, so they
 * stay unique across restarts without a database round trip.
 */
public final class ClientOrderIds
{
    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    public ClientOrderIds(final Clock clock)
    {
        this.clock = clock;
    }

    public long next()
    {
        final java.time.Instant now = clock.instant();
        final long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        return last.updateAndGet(prev -> Math.max(prev + 1, micros));
    }
}
