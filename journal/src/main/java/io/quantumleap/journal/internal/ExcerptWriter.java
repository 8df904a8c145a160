package io.quantumleap.journal.internal;

import io.quantumleap.journal.Durability;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.schema.JournalSchema;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

import java.util.concurrent.atomic.AtomicLong;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Appends raw SBE messages to one queue and commits them per the {@link Durability}.
 *
 * <p>Owned by one writer thread: the Chronicle appender is created lazily on the first append, so it
 * belongs to the thread that appends, not to the one that opened the journal. Allocates nothing per append.
 */
public final class ExcerptWriter
{
    private static final int SCHEMA_ID_OFFSET = 4;

    private final JournalStream stream;
    private final SingleChronicleQueue queue;
    private final boolean groupFsync;
    private final int groupCommitMaxMessages;
    private final boolean pretouch;
    private final AtomicLong writtenUpTo = new AtomicLong();
    private ExcerptAppender appender;
    private int fileCycle = Integer.MIN_VALUE;
    private volatile MappedFile mappedFile;
    private long lastIndex;
    private int unsyncedMessages;

    /**
     * @param stream                 queue being written, for messages.
     * @param queue                  the queue.
     * @param durability             when appends are synced.
     * @param groupCommitMaxMessages with group fsync, most appends before a sync within one batch.
     * @param pretouch               whether each append tells a {@link Pretoucher} where it got to.
     */
    public ExcerptWriter(
        final JournalStream stream,
        final SingleChronicleQueue queue,
        final Durability durability,
        final int groupCommitMaxMessages,
        final boolean pretouch)
    {
        this.pretouch = pretouch;
        this.stream = stream;
        this.queue = queue;
        this.groupFsync = durability == Durability.GROUP_FSYNC;
        this.groupCommitMaxMessages = groupCommitMaxMessages;
        final long last = queue.lastIndex();
        this.lastIndex = last < 0 ? -1 : last;
    }

    /**
     * @param buffer holding the SBE message, header included.
     * @param offset of the message.
     * @param length of the message.
     * @return the journal index of the excerpt.
     * @throws IllegalArgumentException when the bytes are not a QuantumLeap SBE message.
     */
    public long append(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < JournalSchema.HEADER_LENGTH ||
            (buffer.getShort(offset + SCHEMA_ID_OFFSET, LITTLE_ENDIAN) & 0xFFFF) != JournalSchema.SCHEMA_ID)
        {
            throw new IllegalArgumentException("refused to journal into '" + stream.directoryName() + "' " + length +
                " bytes that are not a QuantumLeap SBE message (schemaId must be " + JournalSchema.SCHEMA_ID + ")");
        }

        ExcerptAppender appender = this.appender;
        if (null == appender)
        {
            appender = this.appender = queue.createAppender();
        }

        final long end;
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> bytes = dc.wire().bytes();
            final byte[] array = buffer.byteArray();
            if (null != array)
            {
                bytes.write(array, buffer.wrapAdjustment() + offset, length);
            }
            else
            {
                bytes.unsafeWrite(buffer.addressOffset() + offset, length);
            }
            end = bytes.writePosition();
        }
        final long index = appender.lastIndexAppended();
        lastIndex = index;
        if (pretouch)
        {
            final int cycle = appender.cycle();
            if (cycle != fileCycle)
            {
                fileCycle = cycle;
                final Bytes<?> bytes = appender.wire().bytes();
                mappedFile = bytes instanceof MappedBytes ? ((MappedBytes)bytes).mappedFile() : null;
            }
            writtenUpTo.lazySet(end);
        }

        if (groupFsync && ++unsyncedMessages >= groupCommitMaxMessages)
        {
            sync();
        }
        return index;
    }

    /** End of a batch: with group fsync, syncs what was appended since the last sync. */
    public void endOfBatch()
    {
        if (groupFsync && unsyncedMessages > 0)
        {
            sync();
        }
    }

    /** @return index of the last excerpt in the queue, or -1 when it is empty. */
    public long lastIndex()
    {
        return lastIndex;
    }

    /**
     * For the {@link Pretoucher} thread.
     *
     * @return the mapped queue file of the last append, or null before the first append, after closing or
     * without pretouching.
     */
    MappedFile mappedFile()
    {
        return mappedFile;
    }

    /** @return for the {@link Pretoucher} thread: the position in {@link #mappedFile()} the appends reached. */
    long writtenUpTo()
    {
        return writtenUpTo.get();
    }

    /** Syncs and releases the appender. */
    public void close()
    {
        mappedFile = null;
        if (null != appender)
        {
            if (groupFsync && unsyncedMessages > 0)
            {
                sync();
            }
            appender.close();
            appender = null;
        }
    }

    private void sync()
    {
        appender.sync();
        unsyncedMessages = 0;
    }
}
