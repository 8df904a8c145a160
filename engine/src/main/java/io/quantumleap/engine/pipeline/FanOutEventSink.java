package io.quantumleap.engine.pipeline;

import io.quantumleap.engine.spi.EventSink;
import org.agrona.DirectBuffer;

/**
 * Hands every event to several sinks in order (journal {@code out}, Aeron publication, in-process router).
 * Called on the core thread only.
 */
public final class FanOutEventSink implements EventSink
{
    private final EventSink[] sinks;

    public FanOutEventSink(final EventSink... sinks)
    {
        this.sinks = sinks.clone();
    }

    @Override
    public void onEvent(final long inputSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        for (final EventSink sink : sinks)
        {
            sink.onEvent(inputSequence, buffer, offset, length);
        }
    }

    @Override
    public void endOfBatch()
    {
        for (final EventSink sink : sinks)
        {
            sink.endOfBatch();
        }
    }
}
