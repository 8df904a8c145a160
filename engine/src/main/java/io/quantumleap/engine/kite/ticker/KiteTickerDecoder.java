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
 * buffer's per-read bounds check: each read is preceded by an explicit check against the frame's end. The
 * flyweight is pointed at the frame once and then only moved from packet to packet; so that nothing can
 * re-point it at another buffer in the middle of a frame, its own {@code wrap} refuses and a {@code decode}
 * called from the handler is refused as {@link FrameError#NESTED_DECODE}.
 */
public final class KiteTickerDecoder
{
    private static final boolean NATIVE_BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    /** Below this a frame cannot hold its count and one packet length: a heartbeat or malformed. */
    private static final int SHORTEST_PACKET_FRAME = FRAME_HEADER_LENGTH + PACKET_LENGTH_PREFIX;

    private final TickerPacket packet = new TickerPacket(true);
    private boolean walking;

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
        if ((offset | length) < 0 || offset > buffer.capacity() - length)
        {
            return malformed(FrameError.OUTSIDE_BUFFER, 0, 0);
        }
        final byte[] byteArray = buffer.byteArray();
        final long addressOffset = buffer.addressOffset();
        if (length < SHORTEST_PACKET_FRAME)
        {
            return shortFrame(byteArray, addressOffset, offset, length);
        }
        final int count = uint16(byteArray, addressOffset + offset);
        if (count == 0)
        {
            return malformed(FrameError.ZERO_PACKET_COUNT, 0, 0);
        }

        if (walking)
        {
            return malformed(FrameError.NESTED_DECODE, 0, 0);
        }
        walking = true;
        try
        {
            packet.wrapFrame(buffer, byteArray, addressOffset);
            final int end = offset + length;
            int position = offset + FRAME_HEADER_LENGTH;
            int skipped = 0;
            int remaining = count;
            for (;;)
            {
                if (end - position < PACKET_LENGTH_PREFIX)
                {
                    return malformed(FrameError.TRUNCATED_PACKET_LENGTH, count - remaining - skipped, skipped);
                }
                final int packetLength = uint16(byteArray, addressOffset + position);
                final int packetOffset = position + PACKET_LENGTH_PREFIX;
                if (packetLength > end - packetOffset)
                {
                    return malformed(FrameError.PACKET_OVERRUNS_FRAME, count - remaining - skipped, skipped);
                }
                // One call site per layout, each passing its length as a constant: once the handler is inlined,
                // the flyweight's and the handler's own branches on the length fold away for that layout. The
                // next position is a constant step from this one on the (predicted) case, so the walk does not
                // wait on the load of each length before it can address the next packet.
                switch (packetLength)
                {
                    case LTP_PACKET_LENGTH:
                        deliver(packetOffset, LTP_PACKET_LENGTH, handler);
                        position = packetOffset + LTP_PACKET_LENGTH;
                        break;
                    case INDEX_QUOTE_PACKET_LENGTH:
                        deliver(packetOffset, INDEX_QUOTE_PACKET_LENGTH, handler);
                        position = packetOffset + INDEX_QUOTE_PACKET_LENGTH;
                        break;
                    case INDEX_FULL_PACKET_LENGTH:
                        deliver(packetOffset, INDEX_FULL_PACKET_LENGTH, handler);
                        position = packetOffset + INDEX_FULL_PACKET_LENGTH;
                        break;
                    case QUOTE_PACKET_LENGTH:
                        deliver(packetOffset, QUOTE_PACKET_LENGTH, handler);
                        position = packetOffset + QUOTE_PACKET_LENGTH;
                        break;
                    case FULL_PACKET_LENGTH:
                        deliver(packetOffset, FULL_PACKET_LENGTH, handler);
                        position = packetOffset + FULL_PACKET_LENGTH;
                        break;
                    default:
                        skipped++;
                        position = packetOffset + packetLength;
                        break;
                }
                if (--remaining == 0)
                {
                    break;
                }
            }

            final int delivered = count - skipped;
            if (position != end)
            {
                return malformed(FrameError.TRAILING_BYTES, delivered, skipped);
            }
            count(delivered, skipped);
            clearLastFrameError();
            return delivered;
        }
        finally
        {
            walking = false;
        }
    }

    /**
     * Frames of 0 to 3 bytes, out of the hot path: a heartbeat, or too short to hold a packet.
     */
    private int shortFrame(final byte[] byteArray, final long addressOffset, final int offset, final int length)
    {
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
        if (uint16(byteArray, addressOffset + offset) == 0)
        {
            return malformed(FrameError.ZERO_PACKET_COUNT, 0, 0);
        }
        return malformed(FrameError.TRUNCATED_PACKET_LENGTH, 0, 0);
    }

    private void deliver(final int packetOffset, final int packetLength, final TickerPacketHandler handler)
    {
        final TickerPacket packet = this.packet;
        packet.wrapInFrame(packetOffset, packetLength);
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
