package io.quantumleap.journal;

import io.quantumleap.engine.spi.EventSink;
import io.quantumleap.engine.spi.InputJournal;
import io.quantumleap.journal.internal.ExcerptWriter;
import io.quantumleap.journal.internal.Pretoucher;
import io.quantumleap.journal.read.JournalReader;
import io.quantumleap.journal.schema.JournalMetadata;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A journal directory: the Chronicle queues {@code in} (every input command) and {@code out} (every event
 * the core emitted) plus {@code journal.properties}. Excerpts are raw SBE messages, header included; the
 * index of a command in {@code in} is the engine's global sequence number.
 *
 * <p>Daily files roll at {@link JournalConfiguration#ROLL_TIME_IST_PROP_NAME} (06:00 IST by default).
 * {@link #inputJournal()} and {@link #eventSink()} each belong to one writer thread; {@link #reader} creates
 * a reader for the calling thread. Opening recovers from a writer killed mid-append: what was fully
 * appended is kept, a torn last excerpt is never handed to readers, appends resume after the last index.
 */
public final class Journal implements AutoCloseable
{
    private final JournalContext context;
    private final SingleChronicleQueue in;
    private final SingleChronicleQueue out;
    private final Pretoucher pretoucher;
    private ChronicleInputJournal inputJournal;
    private ChronicleEventSink eventSink;

    private Journal(final JournalContext context, final SingleChronicleQueue in, final SingleChronicleQueue out)
    {
        this.context = context;
        this.in = in;
        this.out = out;
        if (context.pretouch() && !context.readOnly())
        {
            pretoucher = new Pretoucher(context.pretouchIntervalMs(), context.pretouchAheadBytes());
            pretoucher.start();
        }
        else
        {
            pretoucher = null;
        }
    }

    /**
     * Opens (creating it unless read-only) the journal the context describes.
     *
     * @param context settings; concluded here.
     * @return the open journal.
     * @throws JournalException when the journal is missing (read-only), of an unreadable schema, or corrupt.
     */
    public static Journal open(final JournalContext context)
    {
        context.conclude();
        final Path dir = context.journalDir();
        final JournalMetadata found = Files.isDirectory(dir) ? JournalMetadata.read(dir) : null;
        if (context.readOnly())
        {
            if (!hasQueueFiles(dir.resolve(JournalStream.IN.directoryName())) &&
                !hasQueueFiles(dir.resolve(JournalStream.OUT.directoryName())))
            {
                if (null != found)
                {
                    throw new JournalException("journal at " + dir.toAbsolutePath() +
                        " is empty: it was created but nothing was journaled");
                }
                throw new JournalException("no journal at " + dir.toAbsolutePath() +
                    " (expected the queues in/ and out/ that 'qleap run' writes)");
            }
            if (null != found)
            {
                found.checkReadable(dir);
            }
        }
        else
        {
            if (null != found)
            {
                found.checkReadable(dir);
            }
            try
            {
                Files.createDirectories(dir);
            }
            catch (final IOException ex)
            {
                throw new JournalException("cannot create journal directory " + dir + ": " + ex.getMessage(), ex);
            }
            JournalMetadata.current().write(dir);
        }

        SingleChronicleQueue in = null;
        try
        {
            in = openQueue(context, JournalStream.IN);
            final SingleChronicleQueue out = openQueue(context, JournalStream.OUT);
            return new Journal(context, in, out);
        }
        catch (final RuntimeException ex)
        {
            if (null != in)
            {
                in.close();
            }
            if (ex instanceof JournalException)
            {
                throw ex;
            }
            throw new JournalException("journal at " + dir.toAbsolutePath() + " is corrupt or unreadable: " + ex, ex);
        }
    }

    /** @return the settings the journal was opened with. */
    public JournalContext context()
    {
        return context;
    }

    /**
     * The engine's input journal on {@code in}; append from one thread only (the journaler).
     *
     * @return the same instance on every call.
     */
    public InputJournal inputJournal()
    {
        checkWritable();
        if (null == inputJournal)
        {
            inputJournal = new ChronicleInputJournal(writer(JournalStream.IN, in));
        }
        return inputJournal;
    }

    /**
     * The sink that writes the core's events to {@code out}; call from the core thread only.
     *
     * @return the same instance on every call.
     */
    public EventSink eventSink()
    {
        checkWritable();
        if (null == eventSink)
        {
            eventSink = new ChronicleEventSink(writer(JournalStream.OUT, out));
        }
        return eventSink;
    }

    /**
     * @return index of the last event on {@code out}: the one {@link #eventSink()} appended last, or the queue's
     * last excerpt at open before it appended any; -1 when {@code out} is empty. Call from the core thread only.
     */
    public long lastWrittenOutIndex()
    {
        eventSink();
        return eventSink.writer.lastIndex();
    }

    /**
     * A reader of one queue, positioned at its start, owned by the calling thread.
     *
     * @param stream which queue.
     * @return a new reader; close it when done.
     */
    public JournalReader reader(final JournalStream stream)
    {
        return new JournalReader(stream, queue(stream).createTailer());
    }

    /**
     * @param stream which queue.
     * @return index of the first excerpt, or -1 when the queue is empty.
     */
    public long firstIndex(final JournalStream stream)
    {
        final SingleChronicleQueue queue = queue(stream);
        return queue.lastIndex() < 0 ? -1 : queue.firstIndex();
    }

    /**
     * @param stream which queue.
     * @return index of the last excerpt, or -1 when the queue is empty.
     */
    public long lastIndex(final JournalStream stream)
    {
        final long last = queue(stream).lastIndex();
        return last < 0 ? -1 : last;
    }

    /**
     * @param stream which queue.
     * @return number of excerpts in the queue.
     */
    public long excerptCount(final JournalStream stream)
    {
        return queue(stream).entryCount();
    }

    @Override
    public void close()
    {
        if (null != pretoucher)
        {
            pretoucher.close();
        }
        if (null != inputJournal)
        {
            inputJournal.writer.close();
        }
        if (null != eventSink)
        {
            eventSink.writer.close();
        }
        out.close();
        in.close();
    }

    private ExcerptWriter writer(final JournalStream stream, final SingleChronicleQueue queue)
    {
        final ExcerptWriter writer = new ExcerptWriter(
            stream, queue, context.durability(), context.groupCommitMaxMessages(), null != pretoucher);
        return null != pretoucher ? pretoucher.register(writer) : writer;
    }

    private SingleChronicleQueue queue(final JournalStream stream)
    {
        return stream == JournalStream.IN ? in : out;
    }

    private void checkWritable()
    {
        if (context.readOnly())
        {
            throw new IllegalStateException("journal " + context.journalDir() + " was opened read-only");
        }
    }

    private static SingleChronicleQueue openQueue(final JournalContext context, final JournalStream stream)
    {
        final EpochClock clock = context.epochClock();
        return SingleChronicleQueueBuilder.binary(context.journalDir().resolve(stream.directoryName()))
            .rollCycle(RollCycles.FAST_DAILY)
            .epoch(context.rollEpochMs())
            .timeProvider(clock::time)
            .blockSize(context.blockSize())
            .readOnly(context.readOnly())
            .build();
    }

    private static boolean hasQueueFiles(final Path queueDir)
    {
        if (!Files.isDirectory(queueDir))
        {
            return false;
        }
        try (Stream<Path> files = Files.list(queueDir))
        {
            return files.anyMatch((file) -> file.getFileName().toString().endsWith(".cq4"));
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /** The engine's {@link InputJournal} on the {@code in} queue. */
    static final class ChronicleInputJournal implements InputJournal
    {
        private final ExcerptWriter writer;

        ChronicleInputJournal(final ExcerptWriter writer)
        {
            this.writer = writer;
        }

        @Override
        public long append(final DirectBuffer buffer, final int offset, final int length)
        {
            return writer.append(buffer, offset, length);
        }

        @Override
        public void endOfBatch()
        {
            writer.endOfBatch();
        }

        @Override
        public long lastIndex()
        {
            return writer.lastIndex();
        }
    }

    /** The core's {@link EventSink} on the {@code out} queue; events carry their input sequence in their body. */
    static final class ChronicleEventSink implements EventSink
    {
        private final ExcerptWriter writer;

        ChronicleEventSink(final ExcerptWriter writer)
        {
            this.writer = writer;
        }

        @Override
        public void onEvent(final long inputSequence, final DirectBuffer buffer, final int offset, final int length)
        {
            writer.append(buffer, offset, length);
        }

        @Override
        public void endOfBatch()
        {
            writer.endOfBatch();
        }
    }
}
