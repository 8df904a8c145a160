package io.quantumleap.engine.transport;

import io.aeron.Publication;
import io.quantumleap.engine.spi.EventSink;
import org.agrona.DirectBuffer;

/**
 * Publishes every core event on one Aeron publication. Called on the core thread only.
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
    private long published;
    private long backPressured;
    private long notConnected;
    private long dropped;

    /**
     * @param publication where events go; owned by the caller.
     * @param maxRetries  offers tried again while back-pressured before the event is dropped.
     */
    public AeronEventSink(final Publication publication, final int maxRetries)
    {
        this.publication = publication;
        this.maxRetries = maxRetries;
    }

    @Override
    public void onEvent(final long inputSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        for (int attempt = 0; attempt <= maxRetries; attempt++)
        {
            final long result = publication.offer(buffer, offset, length);
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
