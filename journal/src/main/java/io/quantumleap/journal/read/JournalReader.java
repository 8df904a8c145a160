package io.quantumleap.journal.read;

import io.quantumleap.journal.JournalException;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.schema.JournalSchema;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads one queue ({@code in} or {@code out}) of a journal in index order, from a chosen index, and keeps
 * up with a live writer: each {@link #poll(ExcerptHandler, int)} hands over what was appended since.
 *
 * <p>Owned by the one thread that polls it (the persister, a gateway, replay). Allocates nothing per
 * excerpt: the handler sees a reused buffer wrapping the memory-mapped excerpt in place.
 *
 * <pre>{@code
 * try (JournalReader reader = journal.reader(JournalStream.OUT))
 * {
 *     reader.moveAfter(lastAppliedIndex);
 *     while (running)
 *     {
 *         if (reader.poll(handler, 1000) == 0) idle.idle();
 *     }
 * }
 * }</pre>
 */
public final class JournalReader implements AutoCloseable
{
    /** Longest excerpt accepted: engine messages are a few hundred bytes; anything longer is corruption. */
    public static final int MAX_EXCERPT_LENGTH = 1 << 20;

    private final JournalStream stream;
    private final ExcerptTailer tailer;
    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private long lastReadIndex = -1;

    /**
     * Use {@code Journal#reader(JournalStream)}.
     *
     * @param stream which queue.
     * @param tailer on that queue, created on the owning thread.
     */
    public JournalReader(final JournalStream stream, final ExcerptTailer tailer)
    {
        this.stream = stream;
        this.tailer = tailer;
    }

    /** @return the queue this reader reads. */
    public JournalStream stream()
    {
        return stream;
    }

    /**
     * Positions the reader so the next excerpt read is the one at {@code index}.
     *
     * @param index a journal index.
     * @return false when no excerpt has that index (the reader does not move then).
     */
    public boolean moveToIndex(final long index)
    {
        return tailer.moveToIndex(index);
    }

    /**
     * Positions the reader after the excerpt at {@code index}: where a consumer that applied everything up
     * to {@code index} resumes. A negative index means nothing was applied yet: the reader goes to the start.
     *
     * @param index last index already applied, or -1.
     * @return false when no excerpt has that index.
     */
    public boolean moveAfter(final long index)
    {
        if (index < 0)
        {
            toStart();
            return true;
        }
        if (!tailer.moveToIndex(index))
        {
            return false;
        }
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (dc.isPresent())
            {
                lastReadIndex = dc.index();
            }
        }
        return true;
    }

    /** Positions the reader at the first excerpt of the journal. */
    public void toStart()
    {
        tailer.toStart();
    }

    /** Positions the reader after the last excerpt: only excerpts appended from now on are read. */
    public void toEnd()
    {
        tailer.toEnd();
    }

    /**
     * Turns the reader around at the last excerpt: each poll from here hands over earlier excerpts, the latest
     * first, down to the first one, so what ends a journal is read without reading all of it. A reader turned
     * around sees nothing appended after this call.
     */
    public void fromEndBackward()
    {
        tailer.direction(TailerDirection.BACKWARD).toEnd();
    }

    /** @return index of the last excerpt handed to a handler, or -1 before the first. */
    public long lastReadIndex()
    {
        return lastReadIndex;
    }

    /**
     * Hands up to {@code limit} excerpts, in index order, to the handler (in reverse order once turned around by
     * {@link #fromEndBackward()}).
     *
     * @param handler receives each excerpt; if it throws, that excerpt stays unread and the exception propagates.
     * @param limit   most excerpts to read in this call.
     * @return how many excerpts were handed over; 0 when the reader is at the end for now.
     * @throws JournalException when an excerpt is corrupt or of an unknown schema or newer version.
     */
    public int poll(final ExcerptHandler handler, final int limit)
    {
        int count = 0;
        while (count < limit)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    break;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                final long position = bytes.readPosition();
                final long remaining = bytes.readRemaining();
                final long index = dc.index();
                if (remaining > MAX_EXCERPT_LENGTH)
                {
                    dc.rollbackOnClose();
                    throw new JournalException("journal '" + stream.directoryName() + "' is corrupt at index " +
                        index + ": an excerpt of " + remaining + " bytes, more than any QuantumLeap message (" +
                        MAX_EXCERPT_LENGTH + ")");
                }
                final int length = (int)remaining;
                if (length > 0)
                {
                    buffer.wrap(bytes.addressForRead(position, length), length);
                }
                else
                {
                    buffer.wrap(0, 0);
                }
                try
                {
                    JournalSchema.checkExcerpt(stream, index, buffer, 0, length);
                    handler.onExcerpt(index, buffer, 0, length);
                }
                catch (final RuntimeException | Error ex)
                {
                    dc.rollbackOnClose();
                    throw ex;
                }
                lastReadIndex = index;
                count++;
            }
            catch (final JournalException ex)
            {
                throw ex;
            }
            catch (final InternalError ex)
            {
                throw corrupt(ex);
            }
            catch (final RuntimeException ex)
            {
                if (isChronicleReadFailure(ex))
                {
                    throw corrupt(ex);
                }
                throw ex;
            }
        }
        return count;
    }

    private JournalException corrupt(final Throwable cause)
    {
        return new JournalException("journal '" + stream.directoryName() + "' is corrupt after index " +
            lastReadIndex + ": " + cause.getMessage(), cause);
    }

    private static boolean isChronicleReadFailure(final RuntimeException ex)
    {
        for (StackTraceElement frame : ex.getStackTrace())
        {
            if (frame.getClassName().startsWith("net.openhft."))
            {
                return true;
            }
            if (frame.getClassName().startsWith("io.quantumleap.journal.read."))
            {
                return false;
            }
        }
        return false;
    }

    @Override
    public void close()
    {
        tailer.close();
    }
}
