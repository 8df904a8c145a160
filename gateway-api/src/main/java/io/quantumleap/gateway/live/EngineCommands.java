package io.quantumleap.gateway.live;

import org.agrona.DirectBuffer;

/** Where the gateway sends commands: the engine's ring (which journals them before the core sees them). */
@FunctionalInterface
public interface EngineCommands
{
    /** @return false when the engine cannot take the command (not running, or the command is too large). */
    boolean publish(DirectBuffer buffer, int offset, int length);

    /**
     * @return now for a command's {@code timestampNs}, epoch ns: the engine's latency clock, so that the stages timed
     * from a command's receipt compare like with like (the wall clock by default).
     */
    default long nowNs()
    {
        final java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
