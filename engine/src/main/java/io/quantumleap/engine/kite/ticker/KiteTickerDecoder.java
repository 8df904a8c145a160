package io.quantumleap.engine.kite.ticker;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

import static io.quantumleap.engine.kite.ticker.KiteTickerProtocol.FRAME_HEADER_LENGTH;
import static io.quantumleap.engine.kite.ticker.KiteTickerProtocol.FULL_PACKET_LENGTH;
import static io.quantumleap.engine.kite.ticker.KiteTickerProtocol.HEARTBEAT_LENGTH;
import static io.quantumleap.engine.kite.ticker.KiteTickerProtocol.INDEX_FULL_PACKET_LENGTH;
import static io.quantumleap.engine.kite.ticker.KiteTickerProtocol.INDEX_QUOTE_PACKET_LENGTH;
import static io.quantumleap.engine.kite.ticker.KiteTickerProtocol.LTP_PACKET_LENGTH;
import static io.quantumleap.engine.kite.ticker.KiteTickerProtocol.PACKET_LENGTH_PREFIX;
import static io.quantumleap.engine.kite.ticker.KiteTickerProtocol.QUOTE_PACKET_LENGTH;

/**
 * Decodes whole Kite binary ticker messages (uint16 packet count, then uint16 length-prefixed packets) and
 * hands each packet of a known length to a {@link TickerPacketHandler} through one reused flyweight.
 *
 * <p>Owned by one thread (the feed connection's IO thread); the counters are plain fields read by that
 * thread. No input makes it throw, and nothing outside {@code [offset, offset + length)} is ever read:
 * a heartbeat (1-byte frame) is counted, a packet of an unknown length is counted and skipped using its
 * length prefix, and a structurally broken frame is counted as malformed with its {@link FrameError}, after
 * the packets before the fault have been delivered. Allocates nothing.
 *
 * <p>Once the frame is known to lie inside the buffer, the count and length prefixes are read without the
 * buffer's per-read bounds check: each read is preceded by an explicit check against the frame's end.
 */
public final class KiteTickerDecoder
{
    private static final boolean NATIVE_BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    private final TickerPacket packet = new TickerPacket();

    private long frames;
    private long heartbeats;
    private long packetsDecoded;
    private long skippedPackets;
    private long malformedFrames;
    private FrameError lastFrameError = FrameError.NONE;
    private FrameError lastMalformedError = FrameError.NONE;

    /**
     * Decode one binary WebSocket frame.
     *
     * @param buffer  holding the frame.
     * @param offset  of the frame's first byte.
     * @param length  of the frame in bytes.
     * @param handler receives each packet of a known length, in wire order. Exceptions it throws are not
     *                caught; the frame's packets are then not added to {@link #packetsDecoded()} and
     *                {@link #skippedPackets()}.
     * @return number of packets delivered to the handler (0 for a heartbeat).
     */
    public int decode(final DirectBuffer buffer, final int offset, final int length, final TickerPacketHandler handler)
    {
        frames++;
        if (offset < 0 || length < 0 || offset > buffer.capacity() - length)
        {
            return malformed(FrameError.OUTSIDE_BUFFER, 0, 0);
        }
        if (length == HEARTBEAT_LENGTH)
        {
            heartbeats++;
            clearLastFrameError();
            return 0;
        }
        if (length < FRAME_HEADER_LENGTH)
        {
            return malformed(FrameError.EMPTY_FRAME, 0, 0);
        }

        final byte[] byteArray = buffer.byteArray();
        final long addressOffset = buffer.addressOffset();
        final int count = uint16(byteArray, addressOffset + offset);
        if (count == 0)
        {
            return malformed(FrameError.ZERO_PACKET_COUNT, 0, 0);
        }

        final int end = offset + length;
        int position = offset + FRAME_HEADER_LENGTH;
        int skipped = 0;
        int walked = 0;
        while (walked < count)
        {
            if (end - position < PACKET_LENGTH_PREFIX)
            {
                return malformed(FrameError.TRUNCATED_PACKET_LENGTH, walked - skipped, skipped);
            }
            final int packetLength = uint16(byteArray, addressOffset + position);
            final int packetOffset = position + PACKET_LENGTH_PREFIX;
            if (packetLength > end - packetOffset)
            {
                return malformed(FrameError.PACKET_OVERRUNS_FRAME, walked - skipped, skipped);
            }
            // One call site per layout, each passing its length as a constant: once the handler is inlined, the
            // flyweight's and the handler's own branches on the length fold away for that layout.
            switch (packetLength)
            {
                case LTP_PACKET_LENGTH:
                    deliver(buffer, byteArray, addressOffset, packetOffset, LTP_PACKET_LENGTH, handler);
                    break;
                case INDEX_QUOTE_PACKET_LENGTH:
                    deliver(buffer, byteArray, addressOffset, packetOffset, INDEX_QUOTE_PACKET_LENGTH, handler);
                    break;
                case INDEX_FULL_PACKET_LENGTH:
                    deliver(buffer, byteArray, addressOffset, packetOffset, INDEX_FULL_PACKET_LENGTH, handler);
                    break;
                case QUOTE_PACKET_LENGTH:
                    deliver(buffer, byteArray, addressOffset, packetOffset, QUOTE_PACKET_LENGTH, handler);
                    break;
                case FULL_PACKET_LENGTH:
                    deliver(buffer, byteArray, addressOffset, packetOffset, FULL_PACKET_LENGTH, handler);
                    break;
                default:
                    skipped++;
                    break;
            }
            position = packetOffset + packetLength;
            walked++;
        }

        final int delivered = walked - skipped;
        if (position != end)
        {
            return malformed(FrameError.TRAILING_BYTES, delivered, skipped);
        }
        count(delivered, skipped);
        clearLastFrameError();
        return delivered;
    }

    private void deliver(
        final DirectBuffer buffer,
        final byte[] byteArray,
        final long addressOffset,
        final int packetOffset,
        final int packetLength,
        final TickerPacketHandler handler)
    {
        final TickerPacket packet = this.packet;
        packet.wrapUnchecked(buffer, byteArray, addressOffset, packetOffset, packetLength);
        handler.onPacket(packet);
    }

    private void count(final int delivered, final int skipped)
    {
        // Once per frame rather than per packet: a field increment in the loop is a load and a store per packet.
        packetsDecoded += delivered;
        if (skipped != 0)
        {
            skippedPackets += skipped;
        }
    }

    private void clearLastFrameError()
    {
        if (lastFrameError != FrameError.NONE)
        {
            // Only store on change: a reference store costs a GC write barrier on every frame otherwise.
            lastFrameError = FrameError.NONE;
        }
    }

    private static int uint16(final byte[] byteArray, final long address)
    {
        final short bits = UnsafeApi.getShort(byteArray, address);
        return (NATIVE_BIG_ENDIAN ? bits : Short.reverseBytes(bits)) & 0xFFFF;
    }

    private int malformed(final FrameError error, final int delivered, final int skipped)
    {
        count(delivered, skipped);
        malformedFrames++;
        lastFrameError = error;
        lastMalformedError = error;
        return delivered;
    }

    /**
     * @return binary frames passed to {@link #decode}, heartbeats and malformed ones included.
     */
    public long frames()
    {
        return frames;
    }

    /**
     * @return 1-byte heartbeat frames seen.
     */
    public long heartbeats()
    {
        return heartbeats;
    }

    /**
     * @return packets delivered to handlers.
     */
    public long packetsDecoded()
    {
        return packetsDecoded;
    }

    /**
     * @return packets of a length Kite does not define, skipped using their length prefix.
     */
    public long skippedPackets()
    {
        return skippedPackets;
    }

    /**
     * @return frames with a structural fault (see {@link FrameError}).
     */
    public long malformedFrames()
    {
        return malformedFrames;
    }

    /**
     * @return the fault of the most recent frame, {@link FrameError#NONE} when it was well formed.
     */
    public FrameError lastFrameError()
    {
        return lastFrameError;
    }

    /**
     * @return the fault of the most recent malformed frame, {@link FrameError#NONE} if there was none yet.
     */
    public FrameError lastMalformedError()
    {
        return lastMalformedError;
    }
}
