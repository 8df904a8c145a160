package io.quantumleap.engine.transport;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The envelope of every event on the engine's Aeron stream: the event's index in the journal's {@code out} queue and
 * the index of the event before it, then the SBE event as the core emitted it (little-endian, like SBE).
 *
 * <p>The previous index is what makes the stream safe to follow from another process: a follower applies an event
 * only when its previous index is the last one it applied, so an event dropped from the stream (back pressure, a
 * follower that joined late, a lost connection) shows as a gap, and the follower fetches the missing events from the
 * journal through a catch-up session. The journal is the truth; the stream is how it travels fast.
 */
public final class StreamFrame
{
    /** Offset of the event's {@code out} index (int64). */
    public static final int INDEX_OFFSET = 0;
    /** Offset of the previous event's {@code out} index (int64), -1 before the first event of the journal. */
    public static final int PREVIOUS_INDEX_OFFSET = 8;
    /** Length of the envelope; the event starts here. */
    public static final int HEADER_LENGTH = 16;
    /** The previous index of the journal's first event, and the last applied index of a follower that has none. */
    public static final long NO_INDEX = -1;

    private StreamFrame()
    {
    }

    /** Writes the envelope of one event into {@code header} (at least {@link #HEADER_LENGTH} bytes). */
    static void encode(final MutableDirectBuffer header, final long index, final long previousIndex)
    {
        header.putLong(INDEX_OFFSET, index, ByteOrder.LITTLE_ENDIAN);
        header.putLong(PREVIOUS_INDEX_OFFSET, previousIndex, ByteOrder.LITTLE_ENDIAN);
    }
}
