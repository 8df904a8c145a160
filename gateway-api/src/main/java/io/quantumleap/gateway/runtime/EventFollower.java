package io.quantumleap.gateway.runtime;

import io.quantumleap.engine.latency.CoreTimestamps;
import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.engine.latency.LatencyStage;
import io.quantumleap.engine.latency.StageRecorder;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.read.ExcerptHandler;
import io.quantumleap.journal.read.JournalReader;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * Follows the engine's {@code out} journal from its start and applies every event to the gateway's
 * {@link LiveState}: the read model is rebuilt after a restart and then kept live, and nothing slow runs on the
 * core thread.
 *
 * <p>Tells the read model where this process's own events start ({@link LiveState#ownEventsStart}): at the first
 * event of an input after the last recovered one. Until then each event is checked; after it, none is.
 *
 * <p>Records the {@code publish} stage (the core finished the input → its event reached the gateway) for events of
 * inputs this process handled; events replayed from before the start have no such time and are applied unmeasured.
 * The follower can read an event while the core is still finishing its input (the core notes the time after the
 * input's last event): for an input of this process the core has not finished yet it waits for that time, briefly,
 * so the fastest hand-offs are measured like the others rather than left out.
 */
final class EventFollower implements Agent
{
    /** Every event of the schema starts with the journal index of the input it answers. */
    private static final int INPUT_SEQUENCE_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH;
    /** Longest wait for the core to note when it finished an input whose event is already here. */
    static final long CORE_DONE_WAIT_NS = TimeUnit.MICROSECONDS.toNanos(100);

    private final Journal journal;
    private final LiveState live;
    private final EpochNanoClock clock;
    private final CoreTimestamps coreTimestamps;
    private final StageRecorder publish;
    private final ExcerptHandler apply = this::apply;
    private final ExcerptHandler replay = this::replay;
    private final long lastRecoveredInput;
    private ExcerptHandler handler = replay;
    private JournalReader reader;

    /**
     * @param lastRecoveredInput the journal index of the last input from before this process started (its core
     *                           recovers up to it); inputs after it are this process's own and are timed.
     */
    EventFollower(
        final Journal journal, final LiveState live, final LatencyRecorders latency, final long lastRecoveredInput)
    {
        this.journal = journal;
        this.lastRecoveredInput = lastRecoveredInput;
        this.live = live;
        this.clock = latency.clock();
        this.coreTimestamps = latency.coreTimestamps();
        this.publish = latency.stage(LatencyStage.PUBLISH);
    }

    /** Applies an event while the events are replayed, until the first of this process's own. */
    private void replay(final long index, final DirectBuffer buffer, final int offset, final int length)
    {
        if (handler == replay && length >= INPUT_SEQUENCE_OFFSET + Long.BYTES &&
            buffer.getLong(offset + INPUT_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN) > lastRecoveredInput)
        {
            live.ownEventsStart();
            handler = apply;
        }
        apply(index, buffer, offset, length);
    }

    private void apply(final long index, final DirectBuffer buffer, final int offset, final int length)
    {
        long publishedNs = LiveState.UNMEASURED;
        if (length >= INPUT_SEQUENCE_OFFSET + Long.BYTES)
        {
            final long input = buffer.getLong(offset + INPUT_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
            long coreDoneNs = coreTimestamps.get(input);
            if (coreDoneNs == CoreTimestamps.UNKNOWN && input > lastRecoveredInput &&
                input > coreTimestamps.lastIndex())
            {
                coreDoneNs = awaitCoreDone(input);
            }
            if (coreDoneNs != CoreTimestamps.UNKNOWN)
            {
                publishedNs = clock.nanoTime();
                publish.record(coreDoneNs, publishedNs);
            }
        }
        live.onEvent(buffer, offset, length, publishedNs);
    }

    private long awaitCoreDone(final long input)
    {
        final long deadlineNs = System.nanoTime() + CORE_DONE_WAIT_NS;
        long coreDoneNs;
        while ((coreDoneNs = coreTimestamps.get(input)) == CoreTimestamps.UNKNOWN && deadlineNs - System.nanoTime() > 0)
        {
            Thread.onSpinWait();
        }
        return coreDoneNs;
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
        return reader.poll(handler, 1024);
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
