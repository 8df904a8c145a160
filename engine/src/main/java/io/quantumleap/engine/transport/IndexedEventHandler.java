package io.quantumleap.engine.transport;

import org.agrona.DirectBuffer;

/** Receives core events with their {@code out} journal index. */
@FunctionalInterface
public interface IndexedEventHandler
{
    /**
     * @param index  the event's {@code out} index.
     * @param buffer the SBE event (header included), valid during the call only.
     * @param offset of the event.
     * @param length of the event.
     */
    void onEvent(long index, DirectBuffer buffer, int offset, int length);
}
