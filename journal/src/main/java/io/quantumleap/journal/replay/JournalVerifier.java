package io.quantumleap.journal.replay;

import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.spi.CommandHandler;
import io.quantumleap.engine.spi.EventSink;
import io.quantumleap.journal.Journal;
import io.quantumleap.journal.JournalStream;
import io.quantumleap.journal.read.ExcerptHandler;
import io.quantumleap.journal.read.JournalReader;
import org.agrona.DirectBuffer;

import java.util.function.Function;
import java.util.function.ToLongFunction;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Replays {@code in} through a fresh core and compares every event it emits with {@code out}, byte for
 * byte, stopping at the first difference: the engine's determinism as a check anyone can run on a journal. An event
 * recorded by an older schema version (a day journaled before an upgrade) is compared on what its version defines.
 * Runs on the calling thread.
 */
public final class JournalVerifier
{
    private static final int POLL_LIMIT = 4096;
    private static final int BLOCK_LENGTH = MessageHeaderDecoder.blockLengthEncodingOffset();
    private static final int TEMPLATE_ID = MessageHeaderDecoder.templateIdEncodingOffset();
    private static final int VERSION = MessageHeaderDecoder.versionEncodingOffset();
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;

    private final Journal journal;
    private final ReplayProgress progress;

    /**
     * @param journal  to verify.
     * @param progress told how far it has got.
     */
    public JournalVerifier(final Journal journal, final ReplayProgress progress)
    {
        this.journal = journal;
        this.progress = progress;
    }

    /**
     * @param coreFactory makes a fresh core writing to the given sink.
     * @param stateHash   reads the core's state hash at the end (e.g. {@code TradingCore::stateHash}); may be null.
     * @param <C>         the core's type.
     * @return whether {@code out} is what {@code in} produces, and the first difference if not.
     */
    public <C extends CommandHandler> VerifyResult verify(
        final Function<EventSink, C> coreFactory, final ToLongFunction<C> stateHash)
    {
        final long startNs = System.nanoTime();
        try (JournalReader in = journal.reader(JournalStream.IN);
            JournalReader out = journal.reader(JournalStream.OUT))
        {
            final Comparison comparison = new Comparison(out);
            final C core = coreFactory.apply(comparison);
            final ExcerptHandler feeder = (index, buffer, offset, length) ->
            {
                comparison.commands++;
                comparison.inputSequence = index;
                core.onCommand(index, buffer, offset, length);
            };
            while (!comparison.differs && in.poll(feeder, POLL_LIMIT) > 0)
            {
                progress.onProgress(comparison.commands, in.lastReadIndex());
            }
            if (!comparison.differs)
            {
                comparison.checkNoRecordedEventLeft();
            }
            final long hash = null == stateHash ? 0 : stateHash.applyAsLong(core);
            return new VerifyResult(!comparison.differs, comparison.commands, comparison.matched,
                comparison.differs ? comparison.outIndex : -1, comparison.differs ? comparison.differingSequence : -1,
                comparison.replayed, comparison.recorded, hash, System.nanoTime() - startNs);
        }
    }

    private static final class Comparison implements EventSink, ExcerptHandler
    {
        private final JournalReader out;
        private DirectBuffer expectedBuffer;
        private int expectedOffset;
        private int expectedLength;
        private long commands;
        private long matched;
        private long inputSequence = -1;
        private boolean differs;
        private long outIndex = -1;
        private long differingSequence = -1;
        private String replayed;
        private String recorded;

        Comparison(final JournalReader out)
        {
            this.out = out;
        }

        @Override
        public void onEvent(final long inputSequence, final DirectBuffer buffer, final int offset, final int length)
        {
            if (differs)
            {
                return;
            }
            expectedBuffer = buffer;
            expectedOffset = offset;
            expectedLength = length;
            if (0 == out.poll(this, 1))
            {
                differs = true;
                differingSequence = inputSequence;
                replayed = MessagePrinter.describe(buffer, offset, length);
            }
        }

        @Override
        public void onExcerpt(final long index, final DirectBuffer buffer, final int offset, final int length)
        {
            if (length == expectedLength && equal(expectedBuffer, expectedOffset, buffer, offset, length) ||
                sameAsOlderVersion(buffer, offset, length))
            {
                matched++;
                return;
            }
            differs = true;
            outIndex = index;
            differingSequence = inputSequence;
            replayed = MessagePrinter.describe(expectedBuffer, expectedOffset, expectedLength);
            recorded = MessagePrinter.describe(buffer, offset, length);
        }

        void checkNoRecordedEventLeft()
        {
            out.poll((index, buffer, offset, length) ->
            {
                differs = true;
                outIndex = index;
                differingSequence = length >= 16 ? buffer.getLong(offset + 8, LITTLE_ENDIAN) : -1;
                recorded = MessagePrinter.describe(buffer, offset, length);
            }, 1);
        }

        /**
         * An event recorded by an older schema version is compared on what that version defines. A later version
         * only appends (fields at the block's end, var data after the older version's), and what it appends was not
         * recorded, so it cannot differ: the recorded event must be the replayed one with its block cut to the
         * recorded block length and its var data cut to the recorded var data's length (same template and schema).
         */
        private boolean sameAsOlderVersion(final DirectBuffer buffer, final int offset, final int length)
        {
            if (length < HEADER || expectedLength < HEADER)
            {
                return false;
            }
            final int recordedVersion = buffer.getShort(offset + VERSION, LITTLE_ENDIAN) & 0xFFFF;
            final int replayedVersion = expectedBuffer.getShort(expectedOffset + VERSION, LITTLE_ENDIAN) & 0xFFFF;
            final int recordedBlock = buffer.getShort(offset + BLOCK_LENGTH, LITTLE_ENDIAN) & 0xFFFF;
            final int replayedBlock = expectedBuffer.getShort(expectedOffset + BLOCK_LENGTH, LITTLE_ENDIAN) & 0xFFFF;
            final int recordedVarData = length - HEADER - recordedBlock;
            final int replayedVarData = expectedLength - HEADER - replayedBlock;
            return recordedVersion < replayedVersion && recordedBlock <= replayedBlock &&
                0 <= recordedVarData && recordedVarData <= replayedVarData &&
                equal(expectedBuffer, expectedOffset + TEMPLATE_ID, buffer, offset + TEMPLATE_ID,
                    VERSION - TEMPLATE_ID) &&
                equal(expectedBuffer, expectedOffset + HEADER, buffer, offset + HEADER, recordedBlock) &&
                equal(expectedBuffer, expectedOffset + HEADER + replayedBlock, buffer, offset + HEADER + recordedBlock,
                    recordedVarData);
        }

        private static boolean equal(
            final DirectBuffer a, final int aOffset, final DirectBuffer b, final int bOffset, final int length)
        {
            int i = 0;
            for (; i + Long.BYTES <= length; i += Long.BYTES)
            {
                if (a.getLong(aOffset + i) != b.getLong(bOffset + i))
                {
                    return false;
                }
            }
            for (; i < length; i++)
            {
                if (a.getByte(aOffset + i) != b.getByte(bOffset + i))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
