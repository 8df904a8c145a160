package io.quantumleap.journal.capture;

import io.quantumleap.journal.JournalException;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Reads the capture queue from the start (or an index), read-only, also while a running system appends to it.
 * Owned by the thread that opened it; allocates nothing per frame.
 */
public final class CaptureReader implements AutoCloseable
{
    /** One captured frame; the buffer holds the payload only during the call. */
    @FunctionalInterface
    public interface FrameHandler
    {
        /**
         * @param index        the frame's queue index.
         * @param connectionId feed connection it came on.
         * @param receiveNs    receive time, epoch nanoseconds.
         * @param binary       binary (true) or text (false, UTF-8).
         * @param buffer       holding the payload.
         * @param offset       of the payload.
         * @param length       of the payload.
         */
        void onFrame(long index, int connectionId, long receiveNs, boolean binary, DirectBuffer buffer, int offset,
            int length);
    }

    private final Path dir;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);

    private CaptureReader(final Path dir, final SingleChronicleQueue queue)
    {
        this.dir = dir;
        this.queue = queue;
        this.tailer = queue.createTailer();
    }

    /**
     * @param context where the capture queue is ({@code <journal>/capture}) and how it rolls.
     * @return a reader at the first frame.
     * @throws JournalException when there is no capture queue there.
     */
    public static CaptureReader open(final CaptureContext context)
    {
        final Path dir = context.dir();
        if (!hasQueueFiles(dir))
        {
            throw new JournalException("no captured frames at " + dir.toAbsolutePath() + " (the Kite feed writes " +
                "them while 'qleap run' is connected to the broker, unless QLEAP_CAPTURE=false)");
        }
        return new CaptureReader(dir, SingleChronicleQueueBuilder.binary(dir)
            .rollCycle(RollCycles.FAST_DAILY)
            .epoch(context.rollEpochMs())
            .blockSize(context.blockSize())
            .readOnly(true)
            .build());
    }

    /** @return frames in the queue. */
    public long frameCount()
    {
        return queue.entryCount();
    }

    /**
     * @param index a queue index.
     * @return false when no frame has that index.
     */
    public boolean moveToIndex(final long index)
    {
        return tailer.moveToIndex(index);
    }

    /**
     * Hands the next frames to the handler.
     *
     * @param handler gets each frame.
     * @param limit   most frames to read.
     * @return frames read, 0 at the end of the queue.
     * @throws JournalException when an excerpt is not a captured frame.
     */
    public int poll(final FrameHandler handler, final int limit)
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
                final long remaining = bytes.readRemaining();
                final long index = dc.index();
                if (remaining < CapturedFrame.HEADER_LENGTH || remaining > Integer.MAX_VALUE)
                {
                    throw corrupt(index, remaining + " bytes, not a captured frame");
                }
                final int length = (int)remaining;
                view.wrap(bytes.addressForRead(bytes.readPosition(), length), length);
                if (CapturedFrame.version(view, 0) != CapturedFrame.VERSION)
                {
                    throw corrupt(index, "format version " + CapturedFrame.version(view, 0) + ", this build reads " +
                        CapturedFrame.VERSION);
                }
                handler.onFrame(index, CapturedFrame.connectionId(view, 0), CapturedFrame.receiveNs(view, 0),
                    CapturedFrame.binary(view, 0), view, CapturedFrame.HEADER_LENGTH,
                    length - CapturedFrame.HEADER_LENGTH);
                count++;
            }
        }
        return count;
    }

    @Override
    public void close()
    {
        tailer.close();
        queue.close();
    }

    private JournalException corrupt(final long index, final String what)
    {
        return new JournalException("capture queue " + dir + " is corrupt at index " + index + ": " + what);
    }

    private static boolean hasQueueFiles(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            return false;
        }
        try (Stream<Path> files = Files.list(dir))
        {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".cq4"));
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
