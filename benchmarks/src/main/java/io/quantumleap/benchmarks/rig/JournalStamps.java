package io.quantumleap.benchmarks.rig;

import io.quantumleap.engine.protocol.MarketDataCommandDecoder;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalContext;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.read.JournalReader;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;

/**
 * Splits the client-side latency at the system's front door, from outside the system: its {@code in} journal
 * keeps, for every tick, the time the feed read it from the socket ({@code timestampNs}, epoch ns). With the rig's
 * clock offset (epoch ns - {@link System#nanoTime()}, both processes read the same wall clock) each measured tick
 * gives two parts: Kite side (intended send to the gateway's socket read: the simulator, loopback, the feed thread
 * waking) and system (the gateway's socket read to the first client's socket read: decode, ring, journal, core,
 * gateway, fan-out, the last loopback hop).
 *
 * <p>Runs on the rig's main thread after the system stopped.
 */
final class JournalStamps
{
    private final Histogram kiteSide = new Histogram(TickLatencyRecorder.HIGHEST_TRACKABLE_NS, 3);
    private final Histogram system = new Histogram(TickLatencyRecorder.HIGHEST_TRACKABLE_NS, 3);
    private long journaled;

    private JournalStamps()
    {
    }

    /**
     * @param journalDir     the system's journal folder ({@code <data>/journal}).
     * @param plan           the ticks sent.
     * @param epochOffsetNs  epoch ns minus {@link System#nanoTime()} in the rig's process.
     * @param firstReceiveNs per measured tick (index seq - windowStartSeq), the first client's read time, or
     *                       {@link Long#MAX_VALUE} when no client received it.
     * @return both parts, for the measured ticks the journal holds.
     */
    static JournalStamps read(
        final Path journalDir, final TickSchedule plan, final long epochOffsetNs, final long[] firstReceiveNs)
    {
        final JournalStamps stamps = new JournalStamps();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final MarketDataCommandDecoder command = new MarketDataCommandDecoder();
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
                if (seq < 0 || !plan.inWindow(seq) ||
                    plan.token(plan.instrumentIndex(seq)) != command.instrumentToken())
                {
                    return;
                }
                final long gatewayReadNs = command.timestampNs() - epochOffsetNs;
                stamps.journaled++;
                stamps.kiteSide.recordValue(clamp(gatewayReadNs - plan.intendedNs(seq)));
                final long clientReadNs = firstReceiveNs[(int)(seq - plan.windowStartSeq())];
                if (clientReadNs != Long.MAX_VALUE)
                {
                    stamps.system.recordValue(clamp(clientReadNs - gatewayReadNs));
                }
            }, 10_000) > 0)
            {
                // until the end of the queue
            }
        }
        return stamps;
    }

    private static long clamp(final long ns)
    {
        return Math.max(0, Math.min(ns, TickLatencyRecorder.HIGHEST_TRACKABLE_NS));
    }

    /** @return intended send to the gateway's socket read, per measured tick. */
    Histogram kiteSide()
    {
        return kiteSide;
    }

    /** @return the gateway's socket read to the first client's socket read, per measured tick some client got. */
    Histogram system()
    {
        return system;
    }

    /** @return measured ticks found in the journal. */
    long journaled()
    {
        return journaled;
    }
}
