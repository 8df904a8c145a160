package io.quantumleap.engine.testing;

import io.quantumleap.engine.core.CoreSettings;
import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.engine.protocol.BrokerConversionEventDecoder;
import io.quantumleap.engine.protocol.BrokerRequestEventDecoder;
import io.quantumleap.engine.protocol.FillEventDecoder;
import io.quantumleap.engine.protocol.InstrumentsLoadedEventDecoder;
import io.quantumleap.engine.protocol.MarketUpdateEventDecoder;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.OrderEventDecoder;
import io.quantumleap.engine.protocol.OrderStatus;
import io.quantumleap.engine.protocol.PositionEventDecoder;
import io.quantumleap.engine.protocol.RejectEventDecoder;
import io.quantumleap.engine.protocol.RejectReason;
import io.quantumleap.engine.protocol.RiskLimitsEventDecoder;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TradingCore} driven directly (no ring): encode with {@link #commands()}, hand over with {@link #send(int)},
 * read what came out from {@link #sink()} or the {@code last*} decoders. Journal indexes count from 0.
 */
import static org.junit.jupiter.api.Assertions.assertEquals;

public final class CoreHarness
{
    private final Commands commands = new Commands();
    private final CapturingEventSink sink = new CapturingEventSink();
    private final InMemoryInputJournal journal = new InMemoryInputJournal();
    private final TradingCore core;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    public CoreHarness()
    {
        this(new CoreSettings());
    }

    public CoreHarness(final CoreSettings settings)
    {
        core = new TradingCore(sink, settings);
    }

    public Commands commands()
    {
        return commands;
    }

    public CapturingEventSink sink()
    {
        return sink;
    }

    public TradingCore core()
    {
        return core;
    }

    public InMemoryInputJournal journal()
    {
        return journal;
    }

    /** Journals the last encoded command and hands it to the core; returns how many events it caused. */
    public int send(final int length)
    {
        final int before = sink.count();
        final long index = journal.append(commands.buffer(), 0, length);
        core.onCommand(index, commands.buffer(), 0, length);
        return sink.count() - before;
    }

    public RejectEventDecoder assertRejected(final RejectReason reason)
    {
        assertEquals(RejectEventDecoder.TEMPLATE_ID, lastTemplateId(), "expected a reject as last event");
        final RejectEventDecoder reject = lastReject();
        assertEquals(reason, reject.reason());
        return reject;
    }

    public RejectEventDecoder lastReject()
    {
        return sink.last(new RejectEventDecoder(), RejectEventDecoder.TEMPLATE_ID,
            (d, b, o) -> d.wrapAndApplyHeader(b, o, header));
    }

    public OrderEventDecoder lastOrder()
    {
        return sink.last(new OrderEventDecoder(), OrderEventDecoder.TEMPLATE_ID,
            (d, b, o) -> d.wrapAndApplyHeader(b, o, header));
    }

    public PositionEventDecoder lastPosition()
    {
        return sink.last(new PositionEventDecoder(), PositionEventDecoder.TEMPLATE_ID,
            (d, b, o) -> d.wrapAndApplyHeader(b, o, header));
    }

    public FillEventDecoder lastFill()
    {
        return sink.last(new FillEventDecoder(), FillEventDecoder.TEMPLATE_ID,
            (d, b, o) -> d.wrapAndApplyHeader(b, o, header));
    }

    public BrokerRequestEventDecoder lastBrokerRequest()
    {
        return sink.last(new BrokerRequestEventDecoder(), BrokerRequestEventDecoder.TEMPLATE_ID,
            (d, b, o) -> d.wrapAndApplyHeader(b, o, header));
    }

    public MarketUpdateEventDecoder lastMarketUpdate()
    {
        return sink.last(new MarketUpdateEventDecoder(), MarketUpdateEventDecoder.TEMPLATE_ID,
            (d, b, o) -> d.wrapAndApplyHeader(b, o, header));
    }

    public BrokerConversionEventDecoder lastBrokerConversion()
    {
        return sink.last(new BrokerConversionEventDecoder(), BrokerConversionEventDecoder.TEMPLATE_ID,
            (d, b, o) -> d.wrapAndApplyHeader(b, o, header));
    }

    public InstrumentsLoadedEventDecoder lastInstrumentsLoaded()
    {
        return sink.last(new InstrumentsLoadedEventDecoder(), InstrumentsLoadedEventDecoder.TEMPLATE_ID,
            (d, b, o) -> d.wrapAndApplyHeader(b, o, header));
    }

    public RiskLimitsEventDecoder lastRiskLimits()
    {
        return sink.last(new RiskLimitsEventDecoder(), RiskLimitsEventDecoder.TEMPLATE_ID,
            (d, b, o) -> d.wrapAndApplyHeader(b, o, header));
    }

    /** @return the statuses of the captured order events of one client order id, oldest first. */
    public List<OrderStatus> orderStatuses(final long clientOrderId)
    {
        final OrderEventDecoder order = new OrderEventDecoder();
        final List<OrderStatus> statuses = new ArrayList<>();
        for (int i = 0; i < sink.count(); i++)
        {
            if (sink.templateId(i) == OrderEventDecoder.TEMPLATE_ID)
            {
                order.wrapAndApplyHeader(sink.buffer(), sink.offset(i), header);
                if (order.clientOrderId() == clientOrderId)
                {
                    statuses.add(order.status());
                }
            }
        }
        return statuses;
    }

    /** @return the template id of the last event, or -1. */
    public int lastTemplateId()
    {
        return sink.count() == 0 ? -1 : sink.templateId(sink.count() - 1);
    }
}
