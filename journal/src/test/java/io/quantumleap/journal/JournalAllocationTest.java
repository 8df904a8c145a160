package io.quantumleap.journal;

import io.quantumleap.engine.spi.EventSink;
import io.quantumleap.engine.spi.InputJournal;
import io.quantumleap.journal.read.ExcerptHandler;
import io.quantumleap.journal.read.JournalReader;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JournalAllocationTest
{
    private static final int WARM_UP = 60_000;
    private static final int MEASURED = 20_000;

    @TempDir
    Path dir;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private long checksum;

    private long allocatedBytes()
    {
        return threads.getCurrentThreadAllocatedBytes();
    }

    @Test
    void shouldAllocateNothingPerAppendWhilePretouchingAfterWarmUp()
    {
        final UnsafeBuffer heap = new UnsafeBuffer(new byte[256]);
        final UnsafeBuffer direct = new UnsafeBuffer(BufferUtil.allocateDirectAligned(256, 64));
        final int heapLength = TestMessages.marketData(heap, 1, 256265, 100_00);
        final int directLength = TestMessages.marketUpdate(direct, 1, 1, 256265, 100_00);
        try (Journal journal = Journal.open(new JournalContext().journalDir(dir).pretouch(true)))
        {
            final InputJournal in = journal.inputJournal();
            final EventSink out = journal.eventSink();
            for (int i = 0; i < WARM_UP; i++)
            {
                out.onEvent(in.append(heap, 0, heapLength), direct, 0, directLength);
                in.endOfBatch();
                out.endOfBatch();
            }

            final long before = allocatedBytes();
            for (int i = 0; i < MEASURED; i++)
            {
                out.onEvent(in.append(heap, 0, heapLength), direct, 0, directLength);
                in.endOfBatch();
                out.endOfBatch();
            }
            final long allocated = allocatedBytes() - before;
            assertEquals(0, allocated / MEASURED, allocated + " bytes over " + MEASURED + " appends");
        }
    }

    @Test
    void shouldAllocateNothingPerExcerptReadAfterWarmUp()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final int length = TestMessages.marketData(buffer, 1, 256265, 100_00);
        try (Journal journal = Journal.open(new JournalContext().journalDir(dir).pretouch(false)))
        {
            final InputJournal in = journal.inputJournal();
            for (int i = 0; i < WARM_UP + MEASURED; i++)
            {
                in.append(buffer, 0, length);
            }
            final ExcerptHandler handler = (index, b, offset, l) -> checksum += index + b.getByte(offset + l - 1);
            try (JournalReader reader = journal.reader(JournalStream.IN))
            {
                int read = 0;
                while (read < WARM_UP)
                {
                    read += reader.poll(handler, 100);
                }
                final long before = allocatedBytes();
                while (read < WARM_UP + MEASURED)
                {
                    read += reader.poll(handler, 100);
                }
                final long allocated = allocatedBytes() - before;
                assertEquals(0, allocated / MEASURED, allocated + " bytes over " + MEASURED + " excerpts");
            }
        }
    }
}
