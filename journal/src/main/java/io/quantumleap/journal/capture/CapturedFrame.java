package io.quantumleap.journal.capture;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Layout of one excerpt of the capture queue: a 16-byte header, then the frame exactly as it came off the socket.
 *
 * <pre>
 *   0  u8   format version (1)
 *   1  u8   kind: 1 binary, 2 text (UTF-8)
 *   2  u16  reserved, 0
 *   4  i32  feed connection id
 *   8  i64  receive time, epoch nanoseconds
 *  16  ...  the frame's payload
 * </pre>
 *
 * Little-endian, like the journal's SBE messages.
 */
public final class CapturedFrame
{
    /** Bytes before the payload. */
    public static final int HEADER_LENGTH = 16;
    /** The layout above. */
    public static final byte VERSION = 1;
    /** A binary ticker frame (market data or a 1-byte heartbeat). */
    public static final byte BINARY = 1;
    /** A text frame (order updates, messages, errors). */
    public static final byte TEXT = 2;

    private static final int VERSION_OFFSET = 0;
    private static final int KIND_OFFSET = 1;
    private static final int CONNECTION_OFFSET = 4;
    private static final int RECEIVE_NS_OFFSET = 8;

    private CapturedFrame()
    {
    }

    /** Writes the header at {@code offset}. */
    static void writeHeader(
        final MutableDirectBuffer buffer, final int offset, final boolean binary, final int connectionId,
        final long receiveNs)
    {
        buffer.putByte(offset + VERSION_OFFSET, VERSION);
        buffer.putByte(offset + KIND_OFFSET, binary ? BINARY : TEXT);
        buffer.putShort(offset + 2, (short)0, LITTLE_ENDIAN);
        buffer.putInt(offset + CONNECTION_OFFSET, connectionId, LITTLE_ENDIAN);
        buffer.putLong(offset + RECEIVE_NS_OFFSET, receiveNs, LITTLE_ENDIAN);
    }

    /** @return the format version of the excerpt at {@code offset}. */
    public static int version(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + VERSION_OFFSET) & 0xFF;
    }

    /** @return true for a binary frame. */
    public static boolean binary(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + KIND_OFFSET) == BINARY;
    }

    /** @return the feed connection the frame came on. */
    public static int connectionId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + CONNECTION_OFFSET, LITTLE_ENDIAN);
    }

    /** @return when the frame was received, epoch nanoseconds. */
    public static long receiveNs(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + RECEIVE_NS_OFFSET, LITTLE_ENDIAN);
    }
}
