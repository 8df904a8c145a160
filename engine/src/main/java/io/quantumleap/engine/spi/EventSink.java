package io.quantumleap.engine.spi;

import org.agrona.DirectBuffer;

/**
 * Where the core's output goes: every SBE event it emits, in order. The production sink writes the
 * journal's {@code out} queue and the Aeron publication.
 *
 * <p>Called only on the core thread; the buffer is only valid during the call and is read-only to the sink (it may
 * be the core's own state: a market update is handed over from where the core keeps it).
 */
@FunctionalInterface
public interface EventSink
{
    /**
     * @param inputSequence journal index of the command that caused the event.
     * @param buffer        holding the SBE event, message header included.
     */
    void onEvent(long inputSequence, DirectBuffer buffer, int offset, int length);

    /** Called once the core has handled a whole batch from the ring. */
    default void endOfBatch()
    {
    }
}
