package io.quantumleap.engine.router;

import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.engine.pipeline.EnginePipeline;
import io.quantumleap.engine.pipeline.FanOutEventSink;
import io.quantumleap.engine.pipeline.PipelineContext;
import io.quantumleap.engine.protocol.BrokerRequestEventDecoder;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.OrderEventDecoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.Product;
import io.quantumleap.engine.protocol.RejectEventDecoder;
import io.quantumleap.engine.protocol.RejectReason;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.spi.EventSink;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.engine.testing.InMemoryInputJournal;
import io.quantumleap.engine.testing.LoopbackBroker;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderRouterTest
{
    private static final long INFY = 408_065;

    private final Map<Long, OrderStatus> statusByClientOrderId = new ConcurrentHashMap<>();
    private final EventSink statusTracker = new EventSink()
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final OrderEventDecoder order = new OrderEventDecoder();
        private final RejectEventDecoder reject = new RejectEventDecoder();

        @Override
        public void onEvent(final long inputSequence, final DirectBuffer buffer, final int offset, final int length)
        {
            if (header.wrap(buffer, offset).templateId() == OrderEventDecoder.TEMPLATE_ID)
            {
                order.wrapAndApplyHeader(buffer, offset, header);
                statusByClientOrderId.put(order.clientOrderId(), order.status());
            }
            else if (header.templateId() == RejectEventDecoder.TEMPLATE_ID)
            {
                lastRejectReason = reject.wrapAndApplyHeader(buffer, offset, header).reason();
                rejects++;
            }
        }
    };
    private volatile int rejects;
    private volatile RejectReason lastRejectReason;

    private static void await(final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.yield();
        }
    }

    private static void buyInfy(final EnginePipeline pipeline, final Commands c, final long ts, final long account)
    {
        pipeline.publisher().publish(c.buffer(), 0, c.account(ts, account, "AB1234"));
        pipeline.publisher().publish(c.buffer(), 0, c.equity(ts, INFY, "INFY"));
        pipeline.publisher().publish(c.buffer(), 0, c.tick(ts, INFY, TickMode.QUOTE, 150_000, 10, 149_000));
        pipeline.publisher().publish(c.buffer(), 0, c.limit(ts + 1, account, 1, INFY, Side.BUY, 10, 150_000));
    }

    @Test
    void shouldCarryOrdersFromCoreToBrokerAndBrokerRepliesBackIntoTheCore()
    {
        final InMemoryInputJournal journal = new InMemoryInputJournal();
        final LoopbackBroker broker = new LoopbackBroker(100, 150_000);
        final AtomicLong queued = new AtomicLong();
        final OrderRouter[] router = new OrderRouter[1];
        final EventSink routerSink = (sequence, buffer, offset, length) ->
            router[0].sink().onEvent(sequence, buffer, offset, length);
        final FanOutEventSink sink = new FanOutEventSink(statusTracker, routerSink);
        final TradingCore core = new TradingCore(sink);
        try (EnginePipeline pipeline = new EnginePipeline(new PipelineContext(), journal, core, sink))
        {
            router[0] = new OrderRouter(broker, new CommandReplies(pipeline.publisher()), 1 << 16)
                .onRequestQueued(queued::incrementAndGet);
            try (AgentRunner runner = new AgentRunner(new SleepingIdleStrategy(1_000_000L), Throwable::printStackTrace,
                null, router[0]))
            {
                AgentRunner.startOnThread(runner);
                final Commands c = new Commands();
                final long ts = 1_780_000_000_000_000_000L;
                buyInfy(pipeline, c, ts, 1);
                pipeline.publisher().publish(c.buffer(), 0, c.limit(ts + 2, 1, 2, INFY, Side.SELL, 500, 150_000));

                await(() -> statusByClientOrderId.get(1L) == OrderStatus.COMPLETE &&
                    statusByClientOrderId.get(2L) == OrderStatus.REJECTED);
                await(pipeline::isDrained);
            }
            assertEquals(2, router[0].sentRequests());
            assertEquals(2, queued.get());
            assertEquals(0, router[0].droppedRequests());
        }
        assertEquals(1, rejects);
        assertEquals(RejectReason.BROKER_REJECTED, lastRejectReason);
        assertEquals(10, core.account(1).position(core.instrumentByToken(INFY), Product.MIS).qty());
        assertEquals(2, broker.requests());
    }

    @Test
    void shouldAnswerWithTimeoutWhenTheBrokerThrowsSoTheOrderBecomesUnknown()
    {
        final InMemoryInputJournal journal = new InMemoryInputJournal();
        final OrderRouter[] router = new OrderRouter[1];
        final EventSink routerSink = (sequence, buffer, offset, length) ->
            router[0].sink().onEvent(sequence, buffer, offset, length);
        final FanOutEventSink sink = new FanOutEventSink(statusTracker, routerSink);
        final TradingCore core = new TradingCore(sink);
        try (EnginePipeline pipeline = new EnginePipeline(new PipelineContext(), journal, core, sink))
        {
            router[0] = new OrderRouter((request, replies) ->
            {
                throw new IllegalStateException("connection reset");
            }, new CommandReplies(pipeline.publisher()), 1 << 16);
            try (AgentRunner runner = new AgentRunner(new SleepingIdleStrategy(1_000_000L), Throwable::printStackTrace,
                null, router[0]))
            {
                AgentRunner.startOnThread(runner);
                final Commands c = new Commands();
                final long ts = 1_780_000_000_000_000_000L;
                buyInfy(pipeline, c, ts, 1);
                await(() -> statusByClientOrderId.get(1L) == OrderStatus.UNKNOWN);
            }
            assertEquals(1, router[0].failedRequests());
        }
    }

    @Test
    void shouldHandAReconcileRequestForAnUnknownOrderToTheBrokersResolveUnknown()
    {
        final InMemoryInputJournal journal = new InMemoryInputJournal();
        final OrderRouter[] router = new OrderRouter[1];
        final AtomicLong resolvedAccount = new AtomicLong();
        final EventSink routerSink = (sequence, buffer, offset, length) ->
            router[0].sink().onEvent(sequence, buffer, offset, length);
        final FanOutEventSink sink = new FanOutEventSink(statusTracker, routerSink);
        final TradingCore core = new TradingCore(sink);
        try (EnginePipeline pipeline = new EnginePipeline(new PipelineContext(), journal, core, sink))
        {
            router[0] = new OrderRouter(new Broker()
            {
                @Override
                public void send(final BrokerRequestEventDecoder request, final BrokerReplies replies)
                {
                    throw new IllegalStateException("connection reset");
                }

                @Override
                public void resolveUnknown(final BrokerRequestEventDecoder request)
                {
                    resolvedAccount.set(request.accountId());
                }
            }, new CommandReplies(pipeline.publisher()), 1 << 16);
            try (AgentRunner runner = new AgentRunner(new SleepingIdleStrategy(1_000_000L), Throwable::printStackTrace,
                null, router[0]))
            {
                AgentRunner.startOnThread(runner);
                final Commands c = new Commands();
                final long ts = 1_780_000_000_000_000_000L;
                buyInfy(pipeline, c, ts, 7);
                await(() -> statusByClientOrderId.get(1L) == OrderStatus.UNKNOWN);
                pipeline.publisher().publish(c.buffer(), 0, c.timer(ts + 60_000_000_000L, 1));
                await(() -> resolvedAccount.get() == 7);
            }
            assertEquals(1, router[0].reconcileRequests());
            assertEquals(1, router[0].sentRequests());
        }
    }
}
