package io.quantumleap.engine.pipeline;

import com.lmax.disruptor.EventHandler;

/**
 * The ring's one handler when the journal appends on the core thread ({@code qleap.engine.journal.thread=core}):
 * each command is appended to the journal, then handed to the core, so the core still sees only journaled
 * commands, in journal order, and a tick crosses one thread hand-off fewer on its way in.
 */
final class JournalingCoreHandler implements EventHandler<CommandSlot>
{
    private final JournalHandler journal;
    private final CoreHandler core;

    JournalingCoreHandler(final JournalHandler journal, final CoreHandler core)
    {
        this.journal = journal;
        this.core = core;
    }

    @Override
    public void onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
    {
        journal.append(slot);
        core.handle(slot);
        if (endOfBatch)
        {
            journal.endOfBatch();
            core.endOfBatch();
        }
    }
}
