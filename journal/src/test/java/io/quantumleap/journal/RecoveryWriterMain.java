package io.quantumleap.journal;

import io.quantumleap.engine.protocol.MarketDataCommandDecoder;
import io.quantumleap.engine.spi.InputJournal;
import io.quantumleap.journal.read.JournalReader;
import io.quantumleap.journal.schema.JournalSchema;
import org.agrona.concurrent.UnsafeBuffer;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

public final class RecoveryWriterMain
{
    private RecoveryWriterMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        if (args.length > 1 && "torn".equals(args[1]))
        {
            writeTornExcerpt(Path.of(args[0]), buffer);
            return;
        }
        try (Journal journal = Journal.open(new JournalContext().journalDir(Path.of(args[0])).pretouch(false)))
        {
            final InputJournal in = journal.inputJournal();
            final long lastIndex = in.lastIndex();
            long next = 0;
            if (lastIndex >= 0)
            {
                next = recordAt(journal, lastIndex) + 1;
            }
            System.out.println("RESUMED " + lastIndex + " " + next);
            System.out.flush();
            while (true)
            {
                in.append(buffer, 0, record(buffer, next++));
            }
        }
    }

    private static void writeTornExcerpt(final Path dir, final UnsafeBuffer buffer) throws Exception
    {
        final JournalContext context = new JournalContext().journalDir(dir).pretouch(false).conclude();
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir.resolve("in"))
            .rollCycle(RollCycles.FAST_DAILY).epoch(context.rollEpochMs()).build())
        {
            final ExcerptAppender appender = queue.createAppender();
            final DocumentContext dc = appender.writingDocument();
            final int length = record(buffer, Long.MAX_VALUE);
            dc.wire().bytes().write(buffer.byteArray(), 0, length / 2);
            System.out.println("TORN");
            System.out.flush();
            System.in.read();
        }
    }

    static int record(final UnsafeBuffer buffer, final long n)
    {
        return TestMessages.marketData(buffer, n, n & 0xFFFF_FFFFL, n);
    }

    static boolean isIntact(final MarketDataCommandDecoder decoder, final long n)
    {
        final boolean header = decoder.timestampNs() == n && decoder.lastPricePaise() == n &&
            decoder.instrumentToken() == (n & 0xFFFF_FFFFL) && decoder.volumeTraded() == 1000;
        final MarketDataCommandDecoder.BidsDecoder bids = decoder.bids();
        if (!header || bids.count() != 1 || bids.next().pricePaise() != n - 5 || bids.qty() != 100)
        {
            return false;
        }
        final MarketDataCommandDecoder.AsksDecoder asks = decoder.asks();
        return asks.count() == 1 && asks.next().pricePaise() == n + 5 && asks.qty() == 200 && asks.orders() == 4;
    }

    private static long recordAt(final Journal journal, final long index)
    {
        final long[] n = new long[]{ -1 };
        try (JournalReader reader = journal.reader(JournalStream.IN))
        {
            reader.moveToIndex(index);
            reader.poll((i, b, o, l) ->
            {
                final MarketDataCommandDecoder decoder = new MarketDataCommandDecoder();
                decoder.wrap(b, o + JournalSchema.HEADER_LENGTH, JournalSchema.blockLength(b, o),
                    JournalSchema.version(b, o));
                n[0] = decoder.timestampNs();
            }, 1);
        }
        return n[0];
    }
}
