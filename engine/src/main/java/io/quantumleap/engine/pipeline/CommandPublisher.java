package io.quantumleap.engine.pipeline;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;

import java.util.Objects;

/**
 * Ingress of the ring for producers (feed handlers, API ingress, the order router, timers, admin): copies an
 * SBE command into the next slot. Safe to use from several threads at once (multi-producer ring).
 */
public final class CommandPublisher
{
    private final RingBuffer<CommandSlot> ringBuffer;
    private final int slotCapacity;
    private final PipelineCounters counters;
    private final EpochNanoClock clock;
    private final Thread consumer;
    private volatile Runnable onPublished = () -> { };

    CommandPublisher(
        final RingBuffer<CommandSlot> ringBuffer,
        final int slotCapacity,
        final PipelineCounters counters,
        final EpochNanoClock clock,
        final Thread consumer)
    {
        this.consumer = consumer;
        this.ringBuffer = ringBuffer;
        this.slotCapacity = slotCapacity;
        this.counters = counters;
        this.clock = clock;
    }

    /**
     * Publishes without waiting: for the feed handler, which must never block its IO thread.
     *
     * @return false when the command does not fit a slot or the ring is full (both counted).
     */
    public boolean tryPublish(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0 || length > slotCapacity)
        {
            counters.oversized();
            return false;
        }
        final long sequence;
        try
        {
            sequence = ringBuffer.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            counters.ringFull();
            return false;
        }
        copy(sequence, buffer, offset, length);
        return true;
    }

    /**
     * Publishes, waiting for a free slot when the ring is full: for commands that must not be lost (broker
     * replies, admin).
     *
     * <p>On the ring's own consumer thread (the feed served by the core thread) it does not wait: that would
     * wait for itself. It publishes there only if a slot is free.
     *
     * @return false when the command does not fit a slot, or on the consumer thread the ring is full (counted).
     */
    public boolean publish(final DirectBuffer buffer, final int offset, final int length)
    {
        if (Thread.currentThread() == consumer)
        {
            return tryPublish(buffer, offset, length);
        }
        if (length <= 0 || length > slotCapacity)
        {
            counters.oversized();
            return false;
        }
        copy(ringBuffer.next(), buffer, offset, length);
        return true;
    }

    private void copy(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            final CommandSlot slot = ringBuffer.get(sequence);
            slot.length = 0;
            slot.buffer.putBytes(0, buffer, offset, length);
            slot.length = length;
            slot.journalIndex = CommandSlot.NOT_JOURNALED;
            slot.publishedNs = clock.nanoTime();
        }
        finally
        {
            ringBuffer.publish(sequence);
        }
        onPublished.run();
    }

    /**
     * Has {@code listener} told after each command this publisher put in the ring, on the publishing thread: a
     * consumer of the core's output can get ready while the core works (see the gateway's follower).
     *
     * @param listener must be quick and must not publish; replaces the previous one.
     */
    public void onPublished(final Runnable listener)
    {
        onPublished = Objects.requireNonNull(listener, "listener");
    }

    /** @return the largest command a slot holds, in bytes. */
    public int slotCapacity()
    {
        return slotCapacity;
    }
}
