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

/**
 * Follows the engine's {@code out} journal from its start and applies every event to the gateway's
 * {@link LiveState}: the read model is rebuilt after a restart and then kept live, and nothing slow runs on the
 * core thread.
 *
 * <p>Records the {@code publish} stage (the core finished the input → its event reached the gateway) for events of
 * inputs this process handled; events replayed from before the start have no such time and are applied unmeasured.
 */
final class EventFollower implements Agent
{
    /** Every event of the schema starts with the journal index of the input it answers. */
    private static final int INPUT_SEQUENCE_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH;

    private final Journal journal;
    private final LiveState live;
    private final EpochNanoClock clock;
    private final CoreTimestamps coreTimestamps;
    private final StageRecorder publish;
    private final ExcerptHandler apply = this::apply;
    private JournalReader reader;

    EventFollower(final Journal journal, final LiveState live, final LatencyRecorders latency)
    {
        this.journal = journal;
        this.live = live;
        this.clock = latency.clock();
        this.coreTimestamps = latency.coreTimestamps();
        this.publish = latency.stage(LatencyStage.PUBLISH);
    }

    private void apply(final long index, final DirectBuffer buffer, final int offset, final int length)
    {
        long publishedNs = LiveState.UNMEASURED;
        if (length >= INPUT_SEQUENCE_OFFSET + Long.BYTES)
        {
            final long coreDoneNs = coreTimestamps.get(buffer.getLong(offset + INPUT_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN));
            if (coreDoneNs != CoreTimestamps.UNKNOWN)
            {
                publishedNs = clock.nanoTime();
                publish.record(coreDoneNs, publishedNs);
            }
        }
        live.onEvent(buffer, offset, length, publishedNs);
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
