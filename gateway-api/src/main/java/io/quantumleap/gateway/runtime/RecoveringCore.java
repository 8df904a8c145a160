package io.quantumleap.gateway.runtime;

import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.spi.CommandHandler;
import io.quantumleap.engine.spi.EventSink;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.read.JournalReader;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteOrder;

/**
 * The core as the pipeline sees it after a restart: before the first live command it replays the {@code in}
 * journal up to where the previous run stopped into a fresh {@link TradingCore}, so state is rebuilt exactly, and
 * appends to {@code out} only the events the previous run had not written yet (a crash between the two queues
 * leaves {@code out} behind {@code in}). Runs entirely on the core thread, so the {@code out} appender belongs to it.
 */
final class RecoveringCore implements CommandHandler, EventSink
{
    private static final Logger LOG = LoggerFactory.getLogger(RecoveringCore.class);
    /** Every event's body starts with the journal index of the command that caused it. */
    private static final int INPUT_SEQUENCE_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH;

    private final Journal journal;
    private final EventSink out;
    private final long recoverUpToIndex;
    private final TradingCore core;
    private volatile EventSink live = null;
    private volatile EventSink stream = null;
    private volatile Runnable batchAppended = () -> { };
    private boolean recovered;
    private boolean recovering;
    private long lastWrittenInput = -1;
    private int alreadyWrittenForLast;
    private long replayed;
    private long restoredEvents;

    /**
     * @param recoverUpToIndex last {@code in} index written before this run, or -1 for a fresh journal.
     */
    RecoveringCore(final Journal journal, final long recoverUpToIndex)
    {
        this.journal = journal;
        this.out = journal.eventSink();
        this.recoverUpToIndex = recoverUpToIndex;
        this.core = new TradingCore(this);
    }

    TradingCore core()
    {
        return core;
    }

    /**
     * Where events go besides {@code out} once they are new (not replayed): the order router. Set before the
     * first command is published.
     */
    void liveSink(final EventSink sink)
    {
        this.live = sink;
    }

    /**
     * Where every event goes right after {@code out}, replayed-into-{@code out} ones included: the engine's Aeron
     * stream, whose frames name the previous {@code out} index. Set before the first command is published, so that
     * it sees every event appended from then on.
     */
    void streamSink(final EventSink sink)
    {
        this.stream = sink;
    }

    /**
     * Told on the core thread at the end of each batch, once its events are in {@code out}: wakes the gateway's
     * follower of {@code out}. Set before the first command is published.
     */
    void onBatchAppended(final Runnable listener)
    {
        this.batchAppended = listener;
    }

    @Override
    public void onCommand(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!recovered)
        {
            recover();
        }
        core.onCommand(sequence, buffer, offset, length);
    }

    @Override
    public void onEvent(final long inputSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (recovering)
        {
            if (inputSequence < lastWrittenInput)
            {
                return;
            }
            if (inputSequence == lastWrittenInput && alreadyWrittenForLast > 0)
            {
                alreadyWrittenForLast--;
                return;
            }
            restoredEvents++;
        }
        out.onEvent(inputSequence, buffer, offset, length);
        final EventSink stream = this.stream;
        if (stream != null)
        {
            stream.onEvent(inputSequence, buffer, offset, length);
        }
        final EventSink live = this.live;
        if (live != null)
        {
            live.onEvent(inputSequence, buffer, offset, length);
        }
    }

    @Override
    public void endOfBatch()
    {
        out.endOfBatch();
        batchAppended.run();
        final EventSink live = this.live;
        if (live != null)
        {
            live.endOfBatch();
        }
    }

    private void recover()
    {
        recovered = true;
        if (recoverUpToIndex < 0)
        {
            return;
        }
        final long start = System.nanoTime();
        scanOut();
        recovering = true;
        try (JournalReader reader = journal.reader(JournalStream.IN))
        {
            reader.toStart();
            boolean done = false;
            while (!done)
            {
                final int n = reader.poll((index, buffer, offset, length) ->
                {
                    if (index <= recoverUpToIndex)
                    {
                        core.onCommand(index, buffer, offset, length);
                        replayed++;
                    }
                }, 4096);
                done = n == 0 || reader.lastReadIndex() >= recoverUpToIndex;
            }
        }
        finally
        {
            recovering = false;
        }
        out.endOfBatch();
        LOG.info("recovered {} journaled commands in {} ms (state hash {}); {} events restored to 'out'", replayed,
            (System.nanoTime() - start) / 1_000_000, Long.toHexString(core.stateHash()), restoredEvents);
    }

    private void scanOut()
    {
        try (JournalReader reader = journal.reader(JournalStream.OUT))
        {
            reader.toStart();
            final io.quantumleap.journal.read.ExcerptHandler count = (index, buffer, offset, length) ->
            {
                if (length >= INPUT_SEQUENCE_OFFSET + Long.BYTES)
                {
                    final long input = buffer.getLong(offset + INPUT_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
                    if (input == lastWrittenInput)
                    {
                        alreadyWrittenForLast++;
                    }
                    else
                    {
                        lastWrittenInput = input;
                        alreadyWrittenForLast = 1;
                    }
                }
            };
            int read;
            do
            {
                read = reader.poll(count, 4096);
            }
            while (read > 0);
        }
    }
}
