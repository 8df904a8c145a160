package io.quantumleap.gateway.runtime;

import org.agrona.concurrent.BackoffIdleStrategy;

/** How the runtime's agent threads wait for work: never a busy spin by default on a small machine. */
final class Idling
{
    /**
     * Longest park of a polling thread on the market-data path (the engine's stream server, a gateway's stream
     * client: Aeron subscriptions, which no one in this process can signal): a tick waits at most this long for it.
     * Threads a producer in this process can wake use {@link WakeableIdleStrategy} instead.
     */
    static final long HOT_PATH_MAX_PARK_NS = 100_000;
    /**
     * Longest park of a thread nothing latency-sensitive waits on, and the backstop of a wakeable one: idle, such a
     * thread wakes 100 times a second (with 1 ms, seven idle threads of this process woke 7,000 times a second between
     * them and an idle system used a tenth of a core).
     */
    static final long BACKGROUND_MAX_PARK_NS = 10_000_000;

    private Idling()
    {
    }

    /** @return spins, then yields, then parks from 1 µs doubling up to {@code maxParkNs}. */
    static BackoffIdleStrategy backoff(final long maxParkNs)
    {
        return new BackoffIdleStrategy(100, 10, 1_000, maxParkNs);
    }
}
