package io.quantumleap.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.quantumleap.engine.spi.CommandHandler;
import io.quantumleap.engine.spi.EventSink;

/**
 * Second handler of the ring, gated on the journal handler: hands each journaled command to the core.
 * Runs on the {@code qleap-core} thread, the one thread that owns the core's state.
 */
final class CoreHandler implements EventHandler<CommandSlot>
{
    private final CommandHandler core;
    private final EventSink sink;
    private final PipelineCounters counters;

    CoreHandler(final CommandHandler core, final EventSink sink, final PipelineCounters counters)
    {
        this.core = core;
        this.sink = sink;
        this.counters = counters;
    }

    @Override
    public void onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
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
        }
        if (endOfBatch)
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
    }
}
