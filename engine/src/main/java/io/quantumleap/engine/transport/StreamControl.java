package io.quantumleap.engine.transport;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Requests a follower sends to the engine on the control stream, little-endian:
 * <ul>
 *   <li>{@code CATCH_UP}: type (int32), stream id (int32), after index (int64), channel length (int32), channel
 *   (ASCII): send every {@code out} event after that index to that channel and stream, then keep tailing until
 *   {@code STOP}.</li>
 *   <li>{@code STOP}: type (int32), stream id (int32): the follower has joined the live stream.</li>
 *   <li>{@code WATCH}: type (int32), tick mode (int32), count (int32), instrument tokens (int64 each): subscribe
 *   the market-data feed to these instruments.</li>
 * </ul>
 */
public final class StreamControl
{
    /** Start a catch-up session. */
    public static final int CATCH_UP = 1;
    /** End a catch-up session. */
    public static final int STOP = 2;
    /** Subscribe the feed to instruments. */
    public static final int WATCH = 3;

    static final int TYPE_OFFSET = 0;
    static final int STREAM_ID_OFFSET = 4;
    static final int AFTER_INDEX_OFFSET = 8;
    static final int CHANNEL_LENGTH_OFFSET = 16;
    static final int CHANNEL_OFFSET = 20;
    static final int MODE_OFFSET = 4;
    static final int COUNT_OFFSET = 8;
    static final int TOKENS_OFFSET = 12;
    /** Longest channel a request may name. */
    public static final int MAX_CHANNEL_LENGTH = 1024;
    /** Most instruments in one watch request. */
    public static final int MAX_WATCH_TOKENS = 3000;

    private StreamControl()
    {
    }

    static int encodeCatchUp(final MutableDirectBuffer buffer, final int streamId, final long afterIndex,
        final String channel)
    {
        final byte[] bytes = channel.getBytes(StandardCharsets.US_ASCII);
        buffer.putInt(TYPE_OFFSET, CATCH_UP, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(STREAM_ID_OFFSET, streamId, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(AFTER_INDEX_OFFSET, afterIndex, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(CHANNEL_LENGTH_OFFSET, bytes.length, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(CHANNEL_OFFSET, bytes);
        return CHANNEL_OFFSET + bytes.length;
    }

    static int encodeStop(final MutableDirectBuffer buffer, final int streamId)
    {
        buffer.putInt(TYPE_OFFSET, STOP, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(STREAM_ID_OFFSET, streamId, ByteOrder.LITTLE_ENDIAN);
        return STREAM_ID_OFFSET + Integer.BYTES;
    }

    static int encodeWatch(final MutableDirectBuffer buffer, final int mode, final long[] tokens)
    {
        buffer.putInt(TYPE_OFFSET, WATCH, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(MODE_OFFSET, mode, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(COUNT_OFFSET, tokens.length, ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < tokens.length; i++)
        {
            buffer.putLong(TOKENS_OFFSET + i * Long.BYTES, tokens[i], ByteOrder.LITTLE_ENDIAN);
        }
        return TOKENS_OFFSET + tokens.length * Long.BYTES;
    }

    /**
     * @return what is wrong with the request, or null when it is well formed.
     */
    static String validate(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < STREAM_ID_OFFSET + Integer.BYTES)
        {
            return "control request of " + length + " bytes is shorter than its 8-byte header";
        }
        final int type = buffer.getInt(offset + TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        switch (type)
        {
            case CATCH_UP:
            {
                if (length < CHANNEL_OFFSET)
                {
                    return "catch-up request of " + length + " bytes is shorter than its " + CHANNEL_OFFSET + "-byte body";
                }
                final int channelLength = buffer.getInt(offset + CHANNEL_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
                if (channelLength <= 0 || channelLength > MAX_CHANNEL_LENGTH || CHANNEL_OFFSET + channelLength != length)
                {
                    return "catch-up request: channel length " + channelLength + " does not fit its " + length + " bytes";
                }
                return null;
            }
            case STOP:
                return null;
            case WATCH:
            {
                if (length < TOKENS_OFFSET)
                {
                    return "watch request of " + length + " bytes is shorter than its " + TOKENS_OFFSET + "-byte header";
                }
                final int count = buffer.getInt(offset + COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN);
                if (count < 0 || count > MAX_WATCH_TOKENS || TOKENS_OFFSET + count * Long.BYTES != length)
                {
                    return "watch request: " + count + " instruments do not fit its " + length + " bytes";
                }
                return null;
            }
            default:
                return "control request of unknown type " + type;
        }
    }
}
