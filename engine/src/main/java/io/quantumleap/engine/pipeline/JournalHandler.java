package io.quantumleap.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.quantumleap.engine.spi.InputJournal;

/**
 * First handler of the ring: appends every command to the input journal, so the core only ever handles what a
 * replay will see. Runs on the {@code qleap-journal} thread.
 */
final class JournalHandler implements EventHandler<CommandSlot>
{
    private final InputJournal journal;
    private final PipelineCounters counters;

    JournalHandler(final InputJournal journal, final PipelineCounters counters)
    {
        this.journal = journal;
        this.counters = counters;
    }

    @Override
    public void onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
    {
        try
        {
            slot.journalIndex = slot.length > 0 ?
                journal.append(slot.buffer, 0, slot.length) : CommandSlot.NOT_JOURNALED;
        }
        catch (final RuntimeException ex)
        {
            // An unjournaled command must not change state: replay could never reproduce it.
            slot.journalIndex = CommandSlot.NOT_JOURNALED;
            counters.journalFailure(ex);
        }
        if (endOfBatch)
        {
            try
            {
                journal.endOfBatch();
            }
            catch (final RuntimeException ex)
            {
                counters.journalFailure(ex);
            }
        }
    }
}
