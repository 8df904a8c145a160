package io.quantumleap.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.WaitStrategy;
import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.engine.latency.LatencyStage;
import io.quantumleap.engine.latency.StageRecorder;
import io.quantumleap.engine.protocol.MarketDataCommandDecoder;
import io.quantumleap.engine.spi.InputJournal;
import org.agrona.concurrent.EpochNanoClock;

/**
 * First handler of the ring: appends every command to the input journal, so the core only ever handles what a
 * replay will see. Runs on the {@code qleap-journal} thread, or inside {@link JournalingCoreHandler} on the core
 * thread. Records the {@code feed_decode} stage of market data (socket receive time, carried in the command, to
 * ring publication) and the {@code journal} stage of every command (ring publication to appended).
 */
final class JournalHandler implements EventHandler<CommandSlot>
{
    private final InputJournal journal;
    private final PipelineCounters counters;
    private final EpochNanoClock clock;
    private final StageRecorder feedDecode;
    private final StageRecorder journaled;
    private final WaitStrategy waitStrategy;
    private Sequence sequence;

    /**
     * @param waitStrategy the ring's: signalled after each journaled batch, so a parked core wakes for it.
     */
    JournalHandler(
        final InputJournal journal,
        final PipelineCounters counters,
        final LatencyRecorders latency,
        final WaitStrategy waitStrategy)
    {
        this.journal = journal;
        this.waitStrategy = waitStrategy;
        this.counters = counters;
        this.clock = latency.clock();
        this.feedDecode = latency.stage(LatencyStage.FEED_DECODE);
        this.journaled = latency.stage(LatencyStage.JOURNAL);
    }

    @Override
    public void setSequenceCallback(final Sequence sequence)
    {
        this.sequence = sequence;
    }

    @Override
    public void onEvent(final CommandSlot slot, final long sequence, final boolean endOfBatch)
    {
        append(slot);
        if (endOfBatch)
        {
            endOfBatch();
            // What the ring does right after this returns, done first so the signal finds the batch visible.
            this.sequence.set(sequence);
            waitStrategy.signalAllWhenBlocking();
        }
    }

    /** Appends one command and records its stages; a command the journal refused is marked not journaled. */
    void append(final CommandSlot slot)
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
        if (slot.journalIndex != CommandSlot.NOT_JOURNALED)
        {
            final long nowNs = clock.nanoTime();
            slot.journaledNs = nowNs;
            journaled.record(slot.publishedNs, nowNs);
            if (CommandTimes.templateId(slot.buffer, slot.length) == MarketDataCommandDecoder.TEMPLATE_ID)
            {
                feedDecode.record(CommandTimes.timestampNs(slot.buffer), slot.publishedNs);
            }
        }
    }

    /** Tells the journal a batch ended (it may commit a group). */
    void endOfBatch()
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
