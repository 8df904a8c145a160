package io.quantumleap.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.quantumleap.engine.latency.CoreTimestamps;
import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.engine.latency.LatencyStage;
import io.quantumleap.engine.latency.StageRecorder;
import io.quantumleap.engine.protocol.BrokerAckCommandDecoder;
import io.quantumleap.engine.protocol.BrokerRejectCommandDecoder;
import io.quantumleap.engine.protocol.CancelOrderCommandDecoder;
import io.quantumleap.engine.protocol.ModifyOrderCommandDecoder;
import io.quantumleap.engine.protocol.PlaceOrderCommandDecoder;
import io.quantumleap.engine.spi.CommandHandler;
import io.quantumleap.engine.spi.EventSink;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Second handler of the ring, gated on the journal handler (or, in {@link JournalingCoreHandler}, called right
 * after it on the same thread): hands each journaled command to the core.
 * Runs on the {@code qleap-core} thread, the one thread that owns the core's state. Records the {@code core} stage
 * of every command (appended to handled), notes when each command was handled in {@link CoreTimestamps}, and for
 * orders records {@code order_risk} (API receipt to handled: the risk verdict is out) and {@code order_update}
 * (broker reply received to handled: the order's new state is out).
 */
final class CoreHandler implements EventHandler<CommandSlot>
{
    private final CommandHandler core;
    private final EventSink sink;
    private final PipelineCounters counters;
    private final EpochNanoClock clock;
    private final StageRecorder coreStage;
    private final StageRecorder orderRisk;
    private final StageRecorder orderUpdate;
    private final CoreTimestamps coreTimestamps;

    CoreHandler(
        final CommandHandler core,
        final EventSink sink,
        final PipelineCounters counters,
        final LatencyRecorders latency)
    {
        this.core = core;
        this.sink = sink;
        this.counters = counters;
        this.clock = latency.clock();
        this.coreStage = latency.stage(LatencyStage.CORE);
        this.orderRisk = latency.stage(LatencyStage.ORDER_RISK);
        this.orderUpdate = latency.stage(LatencyStage.ORDER_UPDATE);
        this.coreTimestamps = latency.coreTimestamps();
    }

    @Override
    public void onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
    {
        handle(slot);
        if (endOfBatch)
        {
            endOfBatch();
        }
    }

    /** Hands one journaled command to the core; a command that was not journaled is skipped. */
    void handle(final CommandSlot slot)
    {
        if (slot.journalIndex != CommandSlot.NOT_JOURNALED)
        {
            try
            {
                core.onCommand(slot.journalIndex, slot.buffer, 0, slot.length);
            }
            catch (final RuntimeException ex)
            {
                counters.coreFailure(ex);
            }
            record(slot);
        }
    }

    /** Tells the sink the batch ended, so what the core emitted goes out. */
    void endOfBatch()
    {
        try
        {
            sink.endOfBatch();
        }
        catch (final RuntimeException ex)
        {
            counters.coreFailure(ex);
        }
    }

    private void record(final CommandSlot slot)
    {
        final long nowNs = clock.nanoTime();
        coreTimestamps.put(slot.journalIndex, nowNs);
        coreStage.record(slot.journaledNs, nowNs);
        final int templateId = CommandTimes.templateId(slot.buffer, slot.length);
        if (templateId == PlaceOrderCommandDecoder.TEMPLATE_ID ||
            templateId == ModifyOrderCommandDecoder.TEMPLATE_ID ||
            templateId == CancelOrderCommandDecoder.TEMPLATE_ID)
        {
            orderRisk.record(CommandTimes.timestampNs(slot.buffer), nowNs);
        }
        else if (templateId == BrokerAckCommandDecoder.TEMPLATE_ID ||
            templateId == BrokerRejectCommandDecoder.TEMPLATE_ID)
        {
            orderUpdate.record(CommandTimes.timestampNs(slot.buffer), nowNs);
        }
    }
}
