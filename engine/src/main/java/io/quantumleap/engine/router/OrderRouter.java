package io.quantumleap.engine.router;

import io.quantumleap.engine.protocol.BrokerErrorType;
import io.quantumleap.engine.protocol.BrokerRequestEventDecoder;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.spi.EventSink;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the core's broker requests to the {@link Broker}, off the core thread. Runs as an Agrona {@link Agent}
 * (role {@code order-router}) on its own thread; the core side is {@link #sink()}, an {@link EventSink} that
 * copies broker requests into a ring buffer without blocking. When events arrive over Aeron instead, hand each
 * fragment to {@link #onEvent}.
 *
 * <p>A request the broker throws on is answered with a {@code TIMEOUT} reject: the engine cannot know whether it
 * reached the broker, so the order goes to UNKNOWN until reconciliation says otherwise.
 */
public final class OrderRouter implements Agent
{
    private static final int MESSAGE_TYPE = 1;

    private final Broker broker;
    private final BrokerReplies replies;
    private final RingBuffer requests;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MessageHeaderDecoder routerHeader = new MessageHeaderDecoder();
    private final BrokerRequestEventDecoder request = new BrokerRequestEventDecoder();
    private final MessageHandler handler = (msgTypeId, buffer, index, length) -> onEvent(buffer, index, length);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final EventSink sink = new EventSink()
    {
        @Override
        public void onEvent(final long inputSequence, final DirectBuffer buffer, final int offset, final int length)
        {
            if (length >= MessageHeaderDecoder.ENCODED_LENGTH &&
                header.wrap(buffer, offset).templateId() == BrokerRequestEventDecoder.TEMPLATE_ID &&
                !requests.write(MESSAGE_TYPE, buffer, offset, length))
            {
                dropped.incrementAndGet();
            }
        }
    };

    /**
     * @param broker        where requests go.
     * @param replies       where the broker's answers go (usually {@link CommandReplies} on the engine's ring).
     * @param capacityBytes ring buffer size between the core and the router, a power of two.
     */
    public OrderRouter(final Broker broker, final BrokerReplies replies, final int capacityBytes)
    {
        this.broker = broker;
        this.replies = replies;
        requests = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(capacityBytes + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /** @return the sink to put on the core's side (fan out to it with the other sinks); used on the core thread. */
    public EventSink sink()
    {
        return sink;
    }

    @Override
    public int doWork()
    {
        return requests.read(handler, 64);
    }

    /** Handles one engine event: broker requests go to the broker, everything else is ignored. Router thread. */
    public void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        final MessageHeaderDecoder h = routerHeader.wrap(buffer, offset);
        if (h.templateId() != BrokerRequestEventDecoder.TEMPLATE_ID)
        {
            return;
        }
        request.wrapAndApplyHeader(buffer, offset, h);
        sent.incrementAndGet();
        try
        {
            broker.send(request, replies);
        }
        catch (final RuntimeException ex)
        {
            failed.incrementAndGet();
            replies.reject(request.timestampNs(), request.accountId(), request.clientOrderId(),
                request.requestType(), BrokerErrorType.TIMEOUT, 0, String.valueOf(ex.getMessage()));
        }
    }

    @Override
    public String roleName()
    {
        return "order-router";
    }

    /** @return requests the core produced while the router's buffer was full (each leaves an order pending). */
    public long droppedRequests()
    {
        return dropped.get();
    }

    /** @return requests handed to the broker. */
    public long sentRequests()
    {
        return sent.get();
    }

    /** @return requests the broker threw on. */
    public long failedRequests()
    {
        return failed.get();
    }
}
