package io.quantumleap.gateway.live;

import org.agrona.DirectBuffer;

/** Where the gateway sends commands: the engine's ring (which journals them before the core sees them). */
@FunctionalInterface
public interface EngineCommands
{
    /** @return false when the engine cannot take the command (not running, or the command is too large). */
    boolean publish(DirectBuffer buffer, int offset, int length);
}
