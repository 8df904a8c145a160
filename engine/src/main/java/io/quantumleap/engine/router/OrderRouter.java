package io.quantumleap.engine.router;

import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.engine.latency.LatencyStage;
import io.quantumleap.engine.latency.StageRecorder;
import io.quantumleap.engine.protocol.BrokerErrorType;
import io.quantumleap.engine.protocol.BrokerRequestEventDecoder;
import io.quantumleap.engine.protocol.BrokerRequestType;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.OrderType;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.spi.EventSink;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
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
 *
 * <p>Latency: the core-side sink stamps each request as it leaves the core (the risk verdict is out), the router
 * records {@code order_send} when it hands the request to the broker and {@code broker_ack} when the broker
 * answers it.
 */
public final class OrderRouter implements Agent
{
    private static final int MESSAGE_TYPE = 1;
    /** Each request in the ring is preceded by when the core emitted it. */
    private static final int STAMP_LENGTH = Long.BYTES;
    private static final long NOT_STAMPED = Long.MIN_VALUE;

    private final Broker broker;
    private final TimedReplies replies;
    private final RingBuffer requests;
    private final EpochNanoClock clock;
    private final StageRecorder orderSend;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final MessageHeaderDecoder routerHeader = new MessageHeaderDecoder();
    private final BrokerRequestEventDecoder request = new BrokerRequestEventDecoder();
    private final MessageHandler handler = (msgTypeId, buffer, index, length) ->
        dispatch(buffer, index + STAMP_LENGTH, length - STAMP_LENGTH, buffer.getLong(index));
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong reconciles = new AtomicLong();
    private final EventSink sink = new EventSink()
    {
        @Override
        public void onEvent(final long inputSequence, final DirectBuffer buffer, final int offset, final int length)
        {
            if (length < MessageHeaderDecoder.ENCODED_LENGTH ||
                header.wrap(buffer, offset).templateId() != BrokerRequestEventDecoder.TEMPLATE_ID)
            {
                return;
            }
            final int index = requests.tryClaim(MESSAGE_TYPE, STAMP_LENGTH + length);
            if (index <= 0)
            {
                dropped.incrementAndGet();
                return;
            }
            final var ring = requests.buffer();
            ring.putLong(index, clock.nanoTime());
            ring.putBytes(index + STAMP_LENGTH, buffer, offset, length);
            requests.commit(index);
            requestQueued.run();
        }
    };
    private volatile Runnable requestQueued = () -> { };

    /**
     * A router with its own latency recorders (for tests and tools).
     *
     * @param broker        where requests go.
     * @param replies       where the broker's answers go (usually {@link CommandReplies} on the engine's ring).
     * @param capacityBytes ring buffer size between the core and the router, a power of two.
     */
    public OrderRouter(final Broker broker, final BrokerReplies replies, final int capacityBytes)
    {
        this(broker, replies, capacityBytes, new LatencyRecorders());
    }

    /**
     * @param broker        where requests go.
     * @param replies       where the broker's answers go (usually {@link CommandReplies} on the engine's ring).
     * @param capacityBytes ring buffer size between the core and the router, a power of two.
     * @param latency       the process's recorders: {@code order_send} and {@code broker_ack} go there.
     */
    public OrderRouter(
        final Broker broker, final BrokerReplies replies, final int capacityBytes, final LatencyRecorders latency)
    {
        this.broker = broker;
        this.clock = latency.clock();
        this.orderSend = latency.stage(LatencyStage.ORDER_SEND);
        this.replies = new TimedReplies(replies, latency.stage(LatencyStage.BROKER_ACK));
        requests = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(capacityBytes + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /**
     * @param listener told on the core thread each time a broker request is queued for this router (to wake the
     *                 router's thread); set before the sink is used.
     * @return this.
     */
    public OrderRouter onRequestQueued(final Runnable listener)
    {
        this.requestQueued = listener;
        return this;
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

    /**
     * Handles one engine event: broker requests go to the broker, everything else is ignored. Router thread. For
     * events that arrive from elsewhere (Aeron): their emission time is unknown here, so {@code order_send} is not
     * recorded for them.
     */
    public void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        dispatch(buffer, offset, length, NOT_STAMPED);
    }

    private void dispatch(final DirectBuffer buffer, final int offset, final int length, final long emittedNs)
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
        if (request.requestType() == BrokerRequestType.RECONCILE)
        {
            resolveUnknown();
            return;
        }
        sent.incrementAndGet();
        final long sendNs = clock.nanoTime();
        if (emittedNs != NOT_STAMPED)
        {
            orderSend.record(emittedNs, sendNs);
        }
        replies.sending(request.clientOrderId(), request.requestType(), sendNs);
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

    private void resolveUnknown()
    {
        reconciles.incrementAndGet();
        try
        {
            broker.resolveUnknown(request);
        }
        catch (final RuntimeException ex)
        {
            failed.incrementAndGet();
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

    /** @return RECONCILE requests handed to the broker (not counted in {@link #sentRequests()}). */
    public long reconcileRequests()
    {
        return reconciles.get();
    }

    /** @return requests the broker threw on. */
    public long failedRequests()
    {
        return failed.get();
    }

    /**
     * Forwards the broker's answers and records {@code broker_ack}: the time from handing a request to the broker to
     * its ack or reject. Answers may come from any thread; requests in flight are few, so a lock is fine here.
     */
    private static final class TimedReplies implements BrokerReplies
    {
        private final BrokerReplies delegate;
        private final StageRecorder brokerAck;
        private final Long2LongHashMap sentAt = new Long2LongHashMap(NOT_STAMPED);

        TimedReplies(final BrokerReplies delegate, final StageRecorder brokerAck)
        {
            this.delegate = delegate;
            this.brokerAck = brokerAck;
        }

        private static long key(final long clientOrderId, final BrokerRequestType type)
        {
            return clientOrderId << 2 | type.value() & 3;
        }

        void sending(final long clientOrderId, final BrokerRequestType type, final long sendNs)
        {
            synchronized (sentAt)
            {
                sentAt.put(key(clientOrderId, type), sendNs);
            }
        }

        private void answered(final long clientOrderId, final BrokerRequestType type, final long answerNs)
        {
            final long sendNs;
            synchronized (sentAt)
            {
                sendNs = sentAt.remove(key(clientOrderId, type));
            }
            if (sendNs != NOT_STAMPED)
            {
                brokerAck.record(sendNs, answerNs);
            }
        }

        @Override
        public void ack(
            final long timestampNs,
            final long accountId,
            final long clientOrderId,
            final BrokerRequestType type,
            final CharSequence brokerOrderId)
        {
            answered(clientOrderId, type, timestampNs);
            delegate.ack(timestampNs, accountId, clientOrderId, type, brokerOrderId);
        }

        @Override
        public void reject(
            final long timestampNs,
            final long accountId,
            final long clientOrderId,
            final BrokerRequestType type,
            final BrokerErrorType errorType,
            final int httpStatus,
            final CharSequence message)
        {
            answered(clientOrderId, type, timestampNs);
            delegate.reject(timestampNs, accountId, clientOrderId, type, errorType, httpStatus, message);
        }

        @Override
        public void orderUpdate(
            final long timestampNs,
            final long accountId,
            final long clientOrderId,
            final CharSequence brokerOrderId,
            final OrderStatus status,
            final long instrumentToken,
            final Side side,
            final OrderType orderType,
            final Product product,
            final long qty,
            final long filledQty,
            final long pricePaise,
            final long triggerPricePaise,
            final long averagePricePaise,
            final long exchangeTimeS)
        {
            delegate.orderUpdate(timestampNs, accountId, clientOrderId, brokerOrderId, status, instrumentToken, side,
                orderType, product, qty, filledQty, pricePaise, triggerPricePaise, averagePricePaise, exchangeTimeS);
        }

        @Override
        public void trade(
            final long timestampNs,
            final long accountId,
            final CharSequence brokerOrderId,
            final CharSequence tradeId,
            final long instrumentToken,
            final Side side,
            final Product product,
            final long qty,
            final long pricePaise,
            final long exchangeTimeS)
        {
            delegate.trade(timestampNs, accountId, brokerOrderId, tradeId, instrumentToken, side, product, qty,
                pricePaise, exchangeTimeS);
        }
    }
}
