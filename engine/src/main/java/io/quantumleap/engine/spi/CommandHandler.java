package io.quantumleap.engine.spi;

import org.agrona.DirectBuffer;

/**
 * Handles journaled input commands in journal order: the core in production, a fresh core in replay, or a
 * quant's own code reading a journal.
 *
 * <p>Called on one thread only; the buffer is only valid during the call.
 */
@FunctionalInterface
public interface CommandHandler
{
    /**
     * @param sequence journal index of the command (the global sequence number).
     * @param buffer   holding the SBE command, message header included.
     */
    void onCommand(long sequence, DirectBuffer buffer, int offset, int length);
}
