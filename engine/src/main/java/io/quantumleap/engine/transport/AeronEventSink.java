package io.quantumleap.engine.transport;

import io.aeron.Publication;
import io.quantumleap.engine.spi.EventSink;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.function.LongSupplier;

/**
 * Publishes every core event on one Aeron publication, in a {@link StreamFrame} carrying its {@code out} journal
 * index and the previous one. Called on the core thread only, after the event was appended to {@code out}.
 *
 * <p>Never blocks the core for long: a back-pressured or admin-delayed offer is retried at most
 * {@code maxRetries} times, then the event is dropped from this stream and counted (the journal's {@code out}
 * queue still holds it, so subscribers can catch up from there). With no subscriber connected events are counted
 * and dropped at once.
 */
public final class AeronEventSink implements EventSink
{
    private final Publication publication;
    private final int maxRetries;
    private final LongSupplier outIndex;
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[StreamFrame.HEADER_LENGTH]);
    private long previousIndex;
    private long published;
    private long backPressured;
    private long notConnected;
    private long dropped;

    /**
     * @param publication   where events go; owned by the caller.
     * @param maxRetries    offers tried again while back-pressured before the event is dropped.
     * @param outIndex      the {@code out} index of the event being published (the journal appended it just before).
     * @param previousIndex the {@code out} index of the event before the first one this sink will see, or
     *                      {@link StreamFrame#NO_INDEX} for an empty journal.
     */
    public AeronEventSink(
        final Publication publication, final int maxRetries, final LongSupplier outIndex, final long previousIndex)
    {
        this.publication = publication;
        this.maxRetries = maxRetries;
        this.outIndex = outIndex;
        this.previousIndex = previousIndex;
    }

    @Override
    public void onEvent(final long inputSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        final long index = outIndex.getAsLong();
        StreamFrame.encode(frame, index, previousIndex);
        previousIndex = index;
        for (int attempt = 0; attempt <= maxRetries; attempt++)
        {
            final long result = publication.offer(frame, 0, StreamFrame.HEADER_LENGTH, buffer, offset, length);
            if (result > 0)
            {
                published++;
                return;
            }
            if (result == Publication.NOT_CONNECTED)
            {
                notConnected++;
                dropped++;
                return;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                dropped++;
                return;
            }
            backPressured++;
            Thread.onSpinWait();
        }
        dropped++;
    }

    /** @return events published. Core thread; a metrics reader accepts a slightly stale value. */
    public long published()
    {
        return published;
    }

    /** @return offers refused by back pressure or admin action (each retried). */
    public long backPressured()
    {
        return backPressured;
    }

    /** @return events dropped because no subscriber was connected. */
    public long notConnected()
    {
        return notConnected;
    }

    /** @return events this stream did not carry, for any reason. */
    public long dropped()
    {
        return dropped;
    }
}
