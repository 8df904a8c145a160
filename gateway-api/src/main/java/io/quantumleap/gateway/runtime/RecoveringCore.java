package io.quantumleap.gateway.runtime;

import io.quantumleap.engine.core.TradingCore;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.spi.CommandHandler;
import io.quantumleap.engine.spi.EventSink;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalException;
import io.quantumleap.journal.JournalIndex;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.read.ExcerptHandler;
import io.quantumleap.journal.read.JournalReader;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteOrder;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The core as the pipeline sees it after a restart: before the first live command it replays the {@code in}
 * journal up to where the previous run stopped into a fresh {@link TradingCore}, so state is rebuilt exactly, and
 * appends to {@code out} only the events the previous run had not written yet (a crash between the two queues
 * leaves {@code out} behind {@code in}). Runs entirely on the core thread, so the {@code out} appender belongs to it.
 *
 * <p>A journal it cannot read up to where the previous run stopped (a damaged file: an excerpt whose header or body
 * no longer reads) is not replayed in part: the core would go on from part of its state, taking orders and positions
 * as they were at the damage. It says where the journal stops reading ({@link #awaitRecovery()}) and handles no
 * command.
 */
final class RecoveringCore implements CommandHandler, EventSink
{
    private static final Logger LOG = LoggerFactory.getLogger(RecoveringCore.class);
    /** Every event's body starts with the journal index of the command that caused it. */
    private static final int INPUT_SEQUENCE_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH;
    /** How often a long replay says how far it has come. */
    static final long PROGRESS_INTERVAL_NS = TimeUnit.SECONDS.toNanos(5);

    /** Told how far a replay has come, now and then while it runs. */
    interface Progress
    {
        /**
         * @param replayed commands replayed so far.
         * @param lastIndex journal index of the last of them.
         * @param upToIndex journal index the replay goes up to.
         * @param elapsedNs time since the replay started.
         */
        void replayed(long replayed, long lastIndex, long upToIndex, long elapsedNs);
    }

    private final Journal journal;
    private final EventSink out;
    private final long recoverUpToIndex;
    private final long progressIntervalNs;
    private final Progress progress;
    private final TradingCore core;
    private volatile EventSink live = null;
    private volatile EventSink stream = null;
    private volatile Runnable batchAppended = () -> { };
    private final CountDownLatch recoveryDone = new CountDownLatch(1);
    private volatile String damage;
    private volatile int[] gapsLeftOpen = new int[0];
    private boolean recovered;
    private boolean recovering;
    private long lastWrittenInput = -1;
    private int alreadyWrittenForLast;
    private boolean outScanned;
    private long replayed;
    private long lastReplayed = -1;
    private long restoredEvents;

    /**
     * @param recoverUpToIndex last {@code in} index written before this run, or -1 for a fresh journal.
     */
    RecoveringCore(final Journal journal, final long recoverUpToIndex)
    {
        this(journal, recoverUpToIndex, PROGRESS_INTERVAL_NS, RecoveringCore::logProgress);
    }

    /**
     * @param progressIntervalNs how often a replay tells {@code progress} how far it has come (checked after each
     *     read of up to 4,096 commands).
     */
    RecoveringCore(
        final Journal journal, final long recoverUpToIndex, final long progressIntervalNs, final Progress progress)
    {
        this.journal = journal;
        this.out = journal.eventSink();
        this.recoverUpToIndex = recoverUpToIndex;
        this.progressIntervalNs = progressIntervalNs;
        this.progress = progress;
        this.core = new TradingCore(this);
    }

    private static void logProgress(
        final long replayed, final long lastIndex, final long upToIndex, final long elapsedNs)
    {
        LOG.info("recovering: {} journaled commands replayed in {} s, up to {} of {}", replayed,
            TimeUnit.NANOSECONDS.toSeconds(elapsedNs), JournalIndex.describe(lastIndex),
            JournalIndex.describe(upToIndex));
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
        if (damage == null)
        {
            core.onCommand(sequence, buffer, offset, length);
        }
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

    /**
     * Waits until the journal has been replayed, which the core does on its first command.
     *
     * @return why the journal could not be replayed up to where the previous run stopped, or null when it was.
     * @throws InterruptedException when interrupted while waiting.
     */
    String awaitRecovery() throws InterruptedException
    {
        recoveryDone.await();
        return damage;
    }

    /**
     * Read after {@link #awaitRecovery()}.
     *
     * @return the feed connections whose gap the previous run started and did not end (it stopped first).
     */
    int[] gapsLeftOpen()
    {
        return gapsLeftOpen.clone();
    }

    private void recover()
    {
        recovered = true;
        try
        {
            if (recoverUpToIndex >= 0)
            {
                replayIn();
            }
        }
        finally
        {
            recoveryDone.countDown();
        }
    }

    private void replayIn()
    {
        final long start = System.nanoTime();
        scanOut();
        recovering = true;
        try (JournalReader reader = journal.reader(JournalStream.IN))
        {
            reader.toStart();
            boolean done = false;
            long reportNs = start + progressIntervalNs;
            while (!done)
            {
                final int n = reader.poll((index, buffer, offset, length) ->
                {
                    if (index <= recoverUpToIndex)
                    {
                        core.onCommand(index, buffer, offset, length);
                        replayed++;
                        lastReplayed = index;
                    }
                }, 4096);
                done = n == 0 || lastReplayed >= recoverUpToIndex;
                final long nowNs = System.nanoTime();
                if (!done && nowNs - reportNs >= 0)
                {
                    reportNs = nowNs + progressIntervalNs;
                    progress.replayed(replayed, lastReplayed, recoverUpToIndex, nowNs - start);
                }
            }
            if (lastReplayed < recoverUpToIndex)
            {
                damage = "the 'in' journal reads only up to index " + JournalIndex.describe(lastReplayed) +
                    ", but the previous run wrote commands up to " + JournalIndex.describe(recoverUpToIndex) +
                    ": the file after that point is damaged";
            }
        }
        catch (final JournalException ex)
        {
            damage = ex.getMessage();
        }
        catch (final RuntimeException ex)
        {
            damage = "replaying the 'in' journal failed after index " + JournalIndex.describe(lastReplayed) + ": " + ex;
        }
        finally
        {
            recovering = false;
        }
        if (damage != null)
        {
            damage = damage + ". The engine handles no command rather than go on from part of its state (" + replayed +
                " commands replayed): restore the journal folder from a copy, or move the damaged day's files out " +
                "of it and start again; ./qleap replay --print --stream in shows what still reads";
            LOG.error("cannot recover: {}", damage);
            return;
        }
        out.endOfBatch();
        gapsLeftOpen = core.openGaps();
        LOG.info("recovered {} journaled commands in {} ms (state hash {}); {} events restored to 'out'", replayed,
            (System.nanoTime() - start) / 1_000_000, String.format("%016x", core.stateHash()), restoredEvents);
    }

    /**
     * Finds which command's events end {@code out} and how many of them are there, reading {@code out} from its end
     * backward: the events of one command are appended together and in input order, so only the last command's
     * run of events is read, however long the day.
     */
    private void scanOut()
    {
        try (JournalReader reader = journal.reader(JournalStream.OUT))
        {
            reader.fromEndBackward();
            final ExcerptHandler count = this::countLastInput;
            int read = 1;
            while (!outScanned && read > 0)
            {
                read = reader.poll(count, 1);
            }
        }
    }

    private void countLastInput(final long index, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < INPUT_SEQUENCE_OFFSET + Long.BYTES)
        {
            return;
        }
        final long input = buffer.getLong(offset + INPUT_SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (alreadyWrittenForLast == 0)
        {
            lastWrittenInput = input;
            alreadyWrittenForLast = 1;
        }
        else if (input == lastWrittenInput)
        {
            alreadyWrittenForLast++;
        }
        else
        {
            outScanned = true;
        }
    }
}
