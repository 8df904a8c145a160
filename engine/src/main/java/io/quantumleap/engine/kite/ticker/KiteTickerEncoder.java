package io.quantumleap.engine.kite.ticker;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static io.quantumleap.engine.kite.ticker.KiteTickerProtocol.FRAME_HEADER_LENGTH;
import static io.quantumleap.engine.kite.ticker.KiteTickerProtocol.HEARTBEAT_LENGTH;
import static io.quantumleap.engine.kite.ticker.KiteTickerProtocol.MAX_PACKET_COUNT;
import static io.quantumleap.engine.kite.ticker.KiteTickerProtocol.PACKET_LENGTH_PREFIX;
import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Builds Kite binary ticker messages: wrap a buffer, add packets of any kind and fill them through the
 * returned {@link TickerPacketEncoder}, then send {@link #encodedLength()} bytes. Used by the simulator, tests
 * and benchmarks; allocates nothing.
 *
 * <p>Not thread safe. The caller sizes the buffer: each packet takes 2 + {@link PacketKind#length()} bytes
 * after the 2-byte header; running past the buffer's capacity throws IndexOutOfBoundsException.
 */
public final class KiteTickerEncoder
{
    private final TickerPacketEncoder packetEncoder = new TickerPacketEncoder();
    private MutableDirectBuffer buffer;
    private int offset;
    private int limit;
    private int packetCount;

    /**
     * Start a new message at {@code offset} with a packet count of 0.
     *
     * @param buffer to write into.
     * @param offset of the message's first byte.
     * @return this encoder.
     */
    public KiteTickerEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.limit = offset + FRAME_HEADER_LENGTH;
        this.packetCount = 0;
        buffer.putShort(offset, (short)0, BIG_ENDIAN);
        return this;
    }

    /**
     * Append a zero-filled packet of the given kind and return the flyweight to fill it.
     *
     * @param kind of packet.
     * @return the packet encoder, valid until the next call to this encoder.
     */
    public TickerPacketEncoder addPacket(final PacketKind kind)
    {
        final int packetOffset = appendPacket(kind.length());
        buffer.setMemory(packetOffset, kind.length(), (byte)0);
        return packetEncoder.wrap(buffer, packetOffset, kind);
    }

    /**
     * Append a packet copied byte for byte, of any length: for tests of unknown packet lengths and for
     * replaying captured packets.
     *
     * @param src       holding the packet bytes.
     * @param srcOffset of the first byte.
     * @param length    of the packet, 0 to 65535.
     * @return this encoder.
     */
    public KiteTickerEncoder addRawPacket(final DirectBuffer src, final int srcOffset, final int length)
    {
        final int packetOffset = appendPacket(length);
        buffer.putBytes(packetOffset, src, srcOffset, length);
        return this;
    }

    private int appendPacket(final int length)
    {
        if (packetCount == MAX_PACKET_COUNT)
        {
            throw new IllegalStateException("a ticker message holds at most " + MAX_PACKET_COUNT + " packets");
        }
        if (length < 0 || length > 0xFFFF)
        {
            throw new IllegalArgumentException("packet length " + length + " not in 0..65535");
        }
        buffer.putShort(limit, (short)length, BIG_ENDIAN);
        final int packetOffset = limit + PACKET_LENGTH_PREFIX;
        limit = packetOffset + length;
        packetCount++;
        buffer.putShort(offset, (short)packetCount, BIG_ENDIAN);
        return packetOffset;
    }

    /**
     * @return packets added since {@link #wrap}.
     */
    public int packetCount()
    {
        return packetCount;
    }

    /**
     * @return bytes of the message written so far, header included.
     */
    public int encodedLength()
    {
        return limit - offset;
    }

    /**
     * Write a heartbeat: a 1-byte binary frame.
     *
     * @param buffer to write into.
     * @param offset of the byte.
     * @return the frame length, 1.
     */
    public static int encodeHeartbeat(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)0);
        return HEARTBEAT_LENGTH;
    }

    /**
     * @param kind of each packet.
     * @param count of packets.
     * @return bytes a message of {@code count} packets of {@code kind} takes.
     */
    public static int frameLength(final PacketKind kind, final int count)
    {
        return FRAME_HEADER_LENGTH + count * (PACKET_LENGTH_PREFIX + kind.length());
    }
}
