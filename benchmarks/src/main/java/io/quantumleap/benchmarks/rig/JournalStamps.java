package io.quantumleap.benchmarks.rig;

import io.quantumleap.engine.protocol.MarketDataCommandDecoder;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalContext;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.read.JournalReader;

import java.nio.file.Path;

/**
 * How many measured ticks reached the system at all: its {@code in} journal holds every tick the feed took in, so
 * a measured tick missing there never entered the system (the simulator skipped a connection that read too slowly,
 * or the feed found the ring full), while one missing at a client was lost or conflated inside it.
 *
 * <p>Runs on the rig's main thread after the system stopped.
 */
final class JournalStamps
{
    private JournalStamps()
    {
    }

    /**
     * @param journalDir the system's journal folder ({@code <data>/journal}).
     * @param plan       the ticks sent.
     * @return measured ticks found in the journal.
     */
    static long journaled(final Path journalDir, final TickSchedule plan)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final MarketDataCommandDecoder command = new MarketDataCommandDecoder();
        final long[] journaled = new long[1];
        try (Journal journal = Journal.open(new JournalContext().journalDir(journalDir).readOnly(true));
            JournalReader reader = journal.reader(JournalStream.IN))
        {
            reader.toStart();
            while (reader.poll((index, buffer, offset, length) ->
            {
                header.wrap(buffer, offset);
                if (header.templateId() != MarketDataCommandDecoder.TEMPLATE_ID)
                {
                    return;
                }
                command.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                    header.version());
                final long seq = plan.seqOfVolume(command.volumeTraded());
                if (seq >= 0 && plan.inWindow(seq) &&
                    plan.token(plan.instrumentIndex(seq)) == command.instrumentToken())
                {
                    journaled[0]++;
                }
            }, 10_000) > 0)
            {
                // until the end of the queue
            }
        }
        return journaled[0];
    }
}
