package io.quantumleap.gateway.runtime;

import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.read.JournalReader;
import io.quantumleap.journal.read.ExcerptHandler;
import org.agrona.concurrent.Agent;

/**
 * Follows the engine's {@code out} journal from its start and applies every event to the gateway's
 * {@link LiveState}: the read model is rebuilt after a restart and then kept live, and nothing slow runs on the
 * core thread.
 */
final class EventFollower implements Agent
{
    private final Journal journal;
    private final LiveState live;
    private final ExcerptHandler apply;
    private JournalReader reader;

    EventFollower(final Journal journal, final LiveState live)
    {
        this.journal = journal;
        this.live = live;
        this.apply = (index, buffer, offset, length) -> live.onEvent(buffer, offset, length);
    }

    @Override
    public void onStart()
    {
        reader = journal.reader(JournalStream.OUT);
        reader.toStart();
    }

    @Override
    public int doWork()
    {
        return reader.poll(apply, 1024);
    }

    @Override
    public void onClose()
    {
        if (reader != null)
        {
            reader.close();
        }
    }

    @Override
    public String roleName()
    {
        return "gateway-follower";
    }
}
