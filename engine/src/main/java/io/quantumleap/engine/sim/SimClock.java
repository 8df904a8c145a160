package io.quantumleap.engine.sim;

/**
 * The simulator's source of wall-clock time. Injected so tests can pin timestamps, session expiry and rate-limit
 * windows; liveness timers (heartbeats, tick pacing) use the JVM's monotonic clock instead.
 */
@FunctionalInterface
public interface SimClock
{
    /** The system clock. */
    SimClock SYSTEM = System::currentTimeMillis;

    /**
     * Current wall-clock time.
     *
     * @return milliseconds since the Unix epoch.
     */
    long epochMillis();
}
