package io.quantumleap.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.WaitStrategy;
import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.engine.latency.LatencyStage;
import io.quantumleap.engine.latency.StageRecorder;
import io.quantumleap.engine.protocol.FeedGapCommandEncoder;
import io.quantumleap.engine.protocol.GapState;
import io.quantumleap.engine.protocol.MarketDataCommandDecoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.spi.InputJournal;
import org.agrona.concurrent.EpochNanoClock;

import java.util.function.BooleanSupplier;

/**
 * First handler of the ring: appends every command to the input journal, so the core only ever handles what a
 * replay will see. Runs on the {@code qleap-journal} thread, or inside {@link JournalingCoreHandler} on the core
 * thread. Records the {@code feed_decode} stage of market data (socket receive time, carried in the command, to
 * ring publication) and the {@code journal} stage of every command (ring publication to appended).
 *
 * <p>While the journal's disk is short of space it journals no market data, so that what must not be lost (orders,
 * broker replies and updates, which are small) still has room: the first market data command left out becomes a
 * {@code FeedGapCommand GAP_STARTED} of connection {@link EnginePipeline#SHORT_OF_SPACE_CONNECTION} in its slot, the
 * next ones are counted and not handed to the core, and the first one once there is room again becomes the
 * {@code GAP_ENDED}. A replay sees the gap as the core did.
 */
final class JournalHandler implements EventHandler<CommandSlot>
{
    private final InputJournal journal;
    private final PipelineCounters counters;
    private final EpochNanoClock clock;
    private final StageRecorder feedDecode;
    private final StageRecorder journaled;
    private final WaitStrategy waitStrategy;
    private final BooleanSupplier shortOfSpace;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final FeedGapCommandEncoder gapEncoder = new FeedGapCommandEncoder();
    private boolean marketDataLeftOut;
    private Sequence sequence;

    /**
     * @param waitStrategy the ring's: signalled after each journaled batch, so a parked core wakes for it.
     * @param shortOfSpace true while the journal's disk is short of space.
     */
    JournalHandler(
        final InputJournal journal,
        final PipelineCounters counters,
        final LatencyRecorders latency,
        final WaitStrategy waitStrategy,
        final BooleanSupplier shortOfSpace)
    {
        this.journal = journal;
        this.shortOfSpace = shortOfSpace;
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
        if (CommandTimes.templateId(slot.buffer, slot.length) == MarketDataCommandDecoder.TEMPLATE_ID &&
            leftOut(slot))
        {
            slot.journalIndex = CommandSlot.NOT_JOURNALED;
            counters.countLeftOutForSpace();
            return;
        }
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

    /**
     * @return true when this market data command stays out of the journal; false when it is to be journaled, as
     *         it is or turned into the gap's start or end.
     */
    private boolean leftOut(final CommandSlot slot)
    {
        final boolean shortOfSpace = this.shortOfSpace.getAsBoolean();
        if (shortOfSpace == marketDataLeftOut)
        {
            return shortOfSpace;
        }
        marketDataLeftOut = shortOfSpace;
        counters.countLeftOutForSpace();
        final long timestampNs = CommandTimes.timestampNs(slot.buffer);
        gapEncoder.wrapAndApplyHeader(slot.buffer, 0, headerEncoder)
            .timestampNs(timestampNs)
            .connectionId(EnginePipeline.SHORT_OF_SPACE_CONNECTION)
            .state(shortOfSpace ? GapState.GAP_STARTED : GapState.GAP_ENDED)
            .lastMessageNs(timestampNs);
        slot.length = MessageHeaderEncoder.ENCODED_LENGTH + gapEncoder.encodedLength();
        return false;
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
