package io.quantumleap.engine.kite.ticker;

import io.quantumleap.engine.protocol.TickMode;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

import static io.quantumleap.engine.kite.ticker.KiteTickerProtocol.*;

/**
 * Flyweight over one Kite ticker packet of a known length (8, 28, 32, 44 or 184 bytes). Every accessor
 * reads the wire on demand, so a reused instance allocates nothing.
 *
 * <p>Prices are the raw signed 32-bit wire values, i.e. integers in the segment's unit (paise for most
 * segments; divide by {@link #priceDivisor()} for rupees, and only at the edges). Quantities, volume, open
 * interest and times are unsigned 32-bit values widened to long. A field the packet's layout does not carry
 * reads as 0. Depth exists only in full packets.
 *
 * <p>Not thread safe: owned by the thread that decodes, and valid only during the handler callback when
 * delivered by {@link KiteTickerDecoder}.
 *
 * <p>Why raw reads: the packet's bounds are checked once, when it is wrapped (against the buffer's capacity
 * here, against the frame in the decoder), and every field offset is a constant inside the packet's length.
 * Reads then go straight through {@link UnsafeApi}; the per-read bounds check of the buffer would otherwise
 * cost about three times the decode itself. Assertions (on in tests) re-check every read.
 */
public final class TickerPacket
{
    private static final boolean NATIVE_BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    private final boolean decoderOwned;
    private DirectBuffer buffer;
    private byte[] byteArray;
    private long addressOffset;
    private long address;
    private int offset;
    private int length;

    /**
     * A flyweight to {@link #wrap} over packets.
     */
    public TickerPacket()
    {
        this(false);
    }

    /**
     * @param decoderOwned true for the instance a {@link KiteTickerDecoder} re-points packet by packet within
     *                     the frame it wrapped once; {@link #wrap} then refuses, so a handler cannot re-point it
     *                     at another buffer under the decoder.
     */
    TickerPacket(final boolean decoderOwned)
    {
        this.decoderOwned = decoderOwned;
    }

    /**
     * Wrap a bare packet (no length prefix), e.g. one taken out of a frame by other means.
     *
     * @param buffer holding the packet.
     * @param offset of the packet's first byte.
     * @param length of the packet; only the five known lengths are accepted.
     * @return true when wrapped; false, leaving the flyweight unchanged, when the length is unknown, the
     * packet does not lie inside the buffer, or this is the flyweight a {@link KiteTickerDecoder} hands to its
     * handler.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        if (decoderOwned || !isKnownPacketLength(length) || offset < 0 || offset > buffer.capacity() - length)
        {
            return false;
        }
        wrapUnchecked(buffer, offset, length);
        return true;
    }

    /**
     * The caller guarantees {@code 0 <= offset <= buffer.capacity() - length} and a known length.
     */
    void wrapUnchecked(final DirectBuffer buffer, final int offset, final int length)
    {
        wrapUnchecked(buffer, buffer.byteArray(), buffer.addressOffset(), offset, length);
    }

    /**
     * As {@link #wrapUnchecked(DirectBuffer, int, int)} with the buffer's byte array and address offset
     * already read, once per frame.
     */
    void wrapUnchecked(
        final DirectBuffer buffer, final byte[] byteArray, final long addressOffset, final int offset, final int length)
    {
        assert isKnownPacketLength(length) && offset >= 0 && offset <= buffer.capacity() - length;
        assert byteArray == buffer.byteArray() && addressOffset == buffer.addressOffset();
        if (this.buffer != buffer || this.byteArray != byteArray)
        {
            // Reference stores cost a GC write barrier (a fence under G1); the buffer rarely changes.
            this.buffer = buffer;
            this.byteArray = byteArray;
        }
        this.addressOffset = addressOffset;
        this.address = addressOffset + offset;
        this.offset = offset;
        this.length = length;
    }

    /**
     * Point at a frame once; {@link #wrapInFrame} then places each packet. The caller guarantees that every
     * packet it places lies inside the buffer.
     */
    void wrapFrame(final DirectBuffer buffer, final byte[] byteArray, final long addressOffset)
    {
        if (this.buffer != buffer || this.byteArray != byteArray)
        {
            this.buffer = buffer;
            this.byteArray = byteArray;
        }
        this.addressOffset = addressOffset;
    }

    /**
     * Why per frame: the buffer and array fields are then not stored (nor compared) in the packet loop, so the
     * JIT reads them once per frame instead of once per field.
     */
    void wrapInFrame(final int offset, final int length)
    {
        assert isKnownPacketLength(length) && offset >= 0 && offset <= buffer.capacity() - length;
        this.address = addressOffset + offset;
        this.offset = offset;
        this.length = length;
    }

    /**
     * @return the buffer the packet lives in.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the packet's first byte (after its length prefix).
     */
    public int offset()
    {
        return offset;
    }

    /**
     * @return packet length in bytes, the one thing that decides the layout.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return the layout of this packet.
     */
    public PacketKind kind()
    {
        return PacketKind.fromLength(length);
    }

    /**
     * @return LTP for 8-byte packets, QUOTE for 28 and 44, FULL for 32 and 184.
     */
    public TickMode mode()
    {
        final int length = this.length;
        if (length == LTP_PACKET_LENGTH)
        {
            return TickMode.LTP;
        }
        return length == INDEX_QUOTE_PACKET_LENGTH || length == QUOTE_PACKET_LENGTH ? TickMode.QUOTE : TickMode.FULL;
    }

    /**
     * @return Kite instrument_token (uint32).
     */
    public long instrumentToken()
    {
        return uint32(TOKEN_OFFSET);
    }

    /**
     * @return segment code, the low byte of the instrument token.
     */
    public int segment()
    {
        assert TOKEN_OFFSET + 3 < length;
        return UnsafeApi.getByte(byteArray, address + TOKEN_OFFSET + 3) & 0xFF;
    }

    /**
     * @return false for indices (segment 9).
     */
    public boolean isTradable()
    {
        return segment() != SEGMENT_INDICES;
    }

    /**
     * @return price units per rupee for this instrument's segment (100, 10^4 for BCD, 10^7 for CDS).
     */
    public long priceDivisor()
    {
        final int segment = segment();
        if (segment == SEGMENT_CDS)
        {
            return CDS_PRICE_DIVISOR;
        }
        return segment == SEGMENT_BCD ? BCD_PRICE_DIVISOR : DEFAULT_PRICE_DIVISOR;
    }

    /**
     * @return last traded price in the segment's unit; present in every layout.
     */
    public long lastPricePaise()
    {
        return int32(LAST_PRICE_OFFSET);
    }

    /**
     * @return last traded quantity (tradable quote and full packets).
     */
    public long lastTradedQty()
    {
        return length >= QUOTE_PACKET_LENGTH ? uint32(LAST_TRADED_QTY_OFFSET) : 0;
    }

    /**
     * @return average traded price of the day in the segment's unit (tradable quote and full packets).
     */
    public long averageTradedPricePaise()
    {
        return length >= QUOTE_PACKET_LENGTH ? int32(AVERAGE_TRADED_PRICE_OFFSET) : 0;
    }

    /**
     * @return volume traded today (tradable quote and full packets).
     */
    public long volumeTraded()
    {
        return length >= QUOTE_PACKET_LENGTH ? uint32(VOLUME_TRADED_OFFSET) : 0;
    }

    /**
     * @return total pending buy quantity (tradable quote and full packets).
     */
    public long totalBuyQty()
    {
        return length >= QUOTE_PACKET_LENGTH ? uint32(TOTAL_BUY_QTY_OFFSET) : 0;
    }

    /**
     * @return total pending sell quantity (tradable quote and full packets).
     */
    public long totalSellQty()
    {
        return length >= QUOTE_PACKET_LENGTH ? uint32(TOTAL_SELL_QTY_OFFSET) : 0;
    }

    /**
     * @return open price in the segment's unit (every layout but LTP).
     */
    public long openPricePaise()
    {
        final int length = this.length;
        if (length >= QUOTE_PACKET_LENGTH)
        {
            return int32(OPEN_OFFSET);
        }
        return length >= INDEX_QUOTE_PACKET_LENGTH ? int32(INDEX_OPEN_OFFSET) : 0;
    }

    /**
     * @return day high in the segment's unit (every layout but LTP).
     */
    public long highPricePaise()
    {
        final int length = this.length;
        if (length >= QUOTE_PACKET_LENGTH)
        {
            return int32(HIGH_OFFSET);
        }
        return length >= INDEX_QUOTE_PACKET_LENGTH ? int32(INDEX_HIGH_OFFSET) : 0;
    }

    /**
     * @return day low in the segment's unit (every layout but LTP).
     */
    public long lowPricePaise()
    {
        final int length = this.length;
        if (length >= QUOTE_PACKET_LENGTH)
        {
            return int32(LOW_OFFSET);
        }
        return length >= INDEX_QUOTE_PACKET_LENGTH ? int32(INDEX_LOW_OFFSET) : 0;
    }

    /**
     * @return previous session's close in the segment's unit (every layout but LTP).
     */
    public long closePricePaise()
    {
        final int length = this.length;
        if (length >= QUOTE_PACKET_LENGTH)
        {
            return int32(CLOSE_OFFSET);
        }
        return length >= INDEX_QUOTE_PACKET_LENGTH ? int32(INDEX_CLOSE_OFFSET) : 0;
    }

    /**
     * @return the signed "price change" of index packets (bytes 24..28) as sent, in the segment's unit; 0
     * for other layouts.
     */
    public long priceChangePaise()
    {
        final int length = this.length;
        return length == INDEX_QUOTE_PACKET_LENGTH || length == INDEX_FULL_PACKET_LENGTH ?
            int32(INDEX_PRICE_CHANGE_OFFSET) : 0;
    }

    /**
     * @return time of the last trade, Unix seconds (full packets).
     */
    public long lastTradeTimeS()
    {
        return length == FULL_PACKET_LENGTH ? uint32(LAST_TRADE_TIME_OFFSET) : 0;
    }

    /**
     * @return open interest (full packets).
     */
    public long oi()
    {
        return length == FULL_PACKET_LENGTH ? uint32(OI_OFFSET) : 0;
    }

    /**
     * @return day high of the open interest (full packets).
     */
    public long oiDayHigh()
    {
        return length == FULL_PACKET_LENGTH ? uint32(OI_DAY_HIGH_OFFSET) : 0;
    }

    /**
     * @return day low of the open interest (full packets).
     */
    public long oiDayLow()
    {
        return length == FULL_PACKET_LENGTH ? uint32(OI_DAY_LOW_OFFSET) : 0;
    }

    /**
     * @return exchange timestamp, Unix seconds (full and index full packets).
     */
    public long exchangeTimeS()
    {
        final int length = this.length;
        if (length == FULL_PACKET_LENGTH)
        {
            return uint32(EXCHANGE_TIME_OFFSET);
        }
        return length == INDEX_FULL_PACKET_LENGTH ? uint32(INDEX_EXCHANGE_TIME_OFFSET) : 0;
    }

    /**
     * @return levels of depth on each side: 5 for full packets, 0 otherwise.
     */
    public int depthLevels()
    {
        return length == FULL_PACKET_LENGTH ? DEPTH_LEVELS : 0;
    }

    /**
     * @param level 0 (best) to {@link #depthLevels()} - 1.
     * @return quantity bid at that level.
     * @throws IndexOutOfBoundsException when the packet has no such level.
     */
    public long bidQty(final int level)
    {
        return uint32(depthOffset(BIDS_OFFSET, level) + DEPTH_QTY_OFFSET);
    }

    /**
     * @param level 0 (best) to {@link #depthLevels()} - 1.
     * @return bid price at that level in the segment's unit.
     * @throws IndexOutOfBoundsException when the packet has no such level.
     */
    public long bidPricePaise(final int level)
    {
        return int32(depthOffset(BIDS_OFFSET, level) + DEPTH_PRICE_OFFSET);
    }

    /**
     * @param level 0 (best) to {@link #depthLevels()} - 1.
     * @return number of orders bid at that level (uint16).
     * @throws IndexOutOfBoundsException when the packet has no such level.
     */
    public int bidOrders(final int level)
    {
        return uint16(depthOffset(BIDS_OFFSET, level) + DEPTH_ORDERS_OFFSET);
    }

    /**
     * @param level 0 (best) to {@link #depthLevels()} - 1.
     * @return quantity offered at that level.
     * @throws IndexOutOfBoundsException when the packet has no such level.
     */
    public long askQty(final int level)
    {
        return uint32(depthOffset(ASKS_OFFSET, level) + DEPTH_QTY_OFFSET);
    }

    /**
     * @param level 0 (best) to {@link #depthLevels()} - 1.
     * @return offer price at that level in the segment's unit.
     * @throws IndexOutOfBoundsException when the packet has no such level.
     */
    public long askPricePaise(final int level)
    {
        return int32(depthOffset(ASKS_OFFSET, level) + DEPTH_PRICE_OFFSET);
    }

    /**
     * @param level 0 (best) to {@link #depthLevels()} - 1.
     * @return number of orders offered at that level (uint16).
     * @throws IndexOutOfBoundsException when the packet has no such level.
     */
    public int askOrders(final int level)
    {
        return uint16(depthOffset(ASKS_OFFSET, level) + DEPTH_ORDERS_OFFSET);
    }

    private int depthOffset(final int sideOffset, final int level)
    {
        if (length != FULL_PACKET_LENGTH || level < 0 || level >= DEPTH_LEVELS)
        {
            throw new IndexOutOfBoundsException("depth level " + level + " not in a " + length + "-byte packet");
        }
        return sideOffset + level * DEPTH_ENTRY_LENGTH;
    }

    private int bigEndianInt(final int fieldOffset)
    {
        assert fieldOffset >= 0 && fieldOffset + Integer.BYTES <= length && offset <= buffer.capacity() - length;
        final int bits = UnsafeApi.getInt(byteArray, address + fieldOffset);
        return NATIVE_BIG_ENDIAN ? bits : Integer.reverseBytes(bits);
    }

    long int32(final int fieldOffset)
    {
        return bigEndianInt(fieldOffset);
    }

    long uint32(final int fieldOffset)
    {
        return bigEndianInt(fieldOffset) & 0xFFFF_FFFFL;
    }

    int uint16(final int fieldOffset)
    {
        assert fieldOffset >= 0 && fieldOffset + Short.BYTES <= length && offset <= buffer.capacity() - length;
        final short bits = UnsafeApi.getShort(byteArray, address + fieldOffset);
        return (NATIVE_BIG_ENDIAN ? bits : Short.reverseBytes(bits)) & 0xFFFF;
    }

    /**
     * @return a one-line description for logs and test failures (allocates: not for the hot path).
     */
    @Override
    public String toString()
    {
        if (buffer == null)
        {
            return "TickerPacket{unwrapped}";
        }
        return "TickerPacket{kind=" + kind() + ", instrumentToken=" + instrumentToken() +
            ", lastPricePaise=" + lastPricePaise() + ", priceDivisor=" + priceDivisor() + '}';
    }
}
