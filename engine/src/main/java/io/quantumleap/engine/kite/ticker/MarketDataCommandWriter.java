package io.quantumleap.engine.kite.ticker;

import io.quantumleap.engine.protocol.BooleanType;
import io.quantumleap.engine.protocol.MarketDataCommandEncoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.TickMode;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

import static io.quantumleap.engine.kite.ticker.KiteTickerProtocol.*;

/**
 * Turns a decoded {@link TickerPacket} into an SBE {@code MarketDataCommand} (message header included),
 * keeping prices in the segment's unit. Full packets carry 5 bids and 5 asks; every other kind has empty
 * depth groups, and fields its layout lacks are written as 0. {@code priceChangePaise} is set only for
 * index packets.
 *
 * <p>Owned by the decoding thread; allocates nothing. The caller provides at least
 * {@link #MAX_ENCODED_LENGTH} bytes from {@code offset}.
 *
 * <p>Why not the generated encoder: its per-field bounds checks and the flyweight's per-field layout branches cost
 * several times the decode itself. The destination is checked once for {@link #MAX_ENCODED_LENGTH} bytes, the
 * packet's layout is chosen once, and every field goes to the generated encoder's own offset (the
 * {@code *EncodingOffset()} constants), little-endian as the schema says; {@code MarketDataCommandWriterTest} reads
 * every kind back through the generated decoder.
 */
public final class MarketDataCommandWriter
{
    /** Bytes a MarketDataCommand with full depth takes, message header included. */
    public static final int MAX_ENCODED_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH +
        MarketDataCommandEncoder.BLOCK_LENGTH +
        2 * (MarketDataCommandEncoder.BidsEncoder.HEADER_SIZE +
        DEPTH_LEVELS * MarketDataCommandEncoder.BidsEncoder.sbeBlockLength());

    private static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    /** blockLength, templateId, schemaId and version: the four uint16 of the message header as one long. */
    private static final long HEADER = (long)MarketDataCommandEncoder.BLOCK_LENGTH |
        (long)MarketDataCommandEncoder.TEMPLATE_ID << 16 |
        (long)MarketDataCommandEncoder.SCHEMA_ID << 32 |
        (long)MarketDataCommandEncoder.SCHEMA_VERSION << 48;

    private static final int BODY = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int TIMESTAMP = BODY + MarketDataCommandEncoder.timestampNsEncodingOffset();
    private static final int TOKEN = BODY + MarketDataCommandEncoder.instrumentTokenEncodingOffset();
    private static final int MODE = BODY + MarketDataCommandEncoder.modeEncodingOffset();
    private static final int TRADABLE = BODY + MarketDataCommandEncoder.tradableEncodingOffset();
    private static final int CONNECTION = BODY + MarketDataCommandEncoder.connectionIdEncodingOffset();
    private static final int LAST_PRICE = BODY + MarketDataCommandEncoder.lastPricePaiseEncodingOffset();
    private static final int LAST_TRADED_QTY = BODY + MarketDataCommandEncoder.lastTradedQtyEncodingOffset();
    private static final int AVERAGE_PRICE = BODY + MarketDataCommandEncoder.averageTradedPricePaiseEncodingOffset();
    private static final int VOLUME = BODY + MarketDataCommandEncoder.volumeTradedEncodingOffset();
    private static final int TOTAL_BUY_QTY = BODY + MarketDataCommandEncoder.totalBuyQtyEncodingOffset();
    private static final int TOTAL_SELL_QTY = BODY + MarketDataCommandEncoder.totalSellQtyEncodingOffset();
    private static final int OPEN = BODY + MarketDataCommandEncoder.openPricePaiseEncodingOffset();
    private static final int HIGH = BODY + MarketDataCommandEncoder.highPricePaiseEncodingOffset();
    private static final int LOW = BODY + MarketDataCommandEncoder.lowPricePaiseEncodingOffset();
    private static final int CLOSE = BODY + MarketDataCommandEncoder.closePricePaiseEncodingOffset();
    private static final int PRICE_CHANGE = BODY + MarketDataCommandEncoder.priceChangePaiseEncodingOffset();
    private static final int LAST_TRADE_TIME = BODY + MarketDataCommandEncoder.lastTradeTimeSEncodingOffset();
    private static final int OI = BODY + MarketDataCommandEncoder.oiEncodingOffset();
    private static final int OI_DAY_HIGH = BODY + MarketDataCommandEncoder.oiDayHighEncodingOffset();
    private static final int OI_DAY_LOW = BODY + MarketDataCommandEncoder.oiDayLowEncodingOffset();
    private static final int EXCHANGE_TIME = BODY + MarketDataCommandEncoder.exchangeTimeSEncodingOffset();
    private static final int BIDS = BODY + MarketDataCommandEncoder.BLOCK_LENGTH;
    private static final int GROUP_HEADER = MarketDataCommandEncoder.BidsEncoder.HEADER_SIZE;
    private static final int ENTRY = MarketDataCommandEncoder.BidsEncoder.sbeBlockLength();
    private static final int ENTRY_PRICE = MarketDataCommandEncoder.BidsEncoder.pricePaiseEncodingOffset();
    private static final int ENTRY_QTY = MarketDataCommandEncoder.BidsEncoder.qtyEncodingOffset();
    private static final int ENTRY_ORDERS = MarketDataCommandEncoder.BidsEncoder.ordersEncodingOffset();
    /** An empty group of 20-byte entries: blockLength then a count of 0. */
    private static final int EMPTY_GROUP = ENTRY;
    private static final int FULL_GROUP = ENTRY | DEPTH_LEVELS << 16;

    private static final byte LTP_MODE = (byte)TickMode.LTP.value();
    private static final byte QUOTE_MODE = (byte)TickMode.QUOTE.value();
    private static final byte FULL_MODE = (byte)TickMode.FULL.value();
    private static final byte TRUE = (byte)BooleanType.TRUE.value();
    private static final byte FALSE = (byte)BooleanType.FALSE.value();

    /**
     * @param packet        decoded packet.
     * @param receiveTimeNs socket receive time of the frame, in ns; becomes {@code timestampNs}.
     * @param connectionId  feed connection the frame came on, 0..254.
     * @param buffer        to write into.
     * @param offset        of the message header.
     * @return bytes written, message header included.
     * @throws IndexOutOfBoundsException when fewer than {@link #MAX_ENCODED_LENGTH} bytes follow {@code offset}.
     */
    public int write(
        final TickerPacket packet,
        final long receiveTimeNs,
        final int connectionId,
        final MutableDirectBuffer buffer,
        final int offset)
    {
        buffer.boundsCheck(offset, MAX_ENCODED_LENGTH);
        final byte[] array = buffer.byteArray();
        final long at = buffer.addressOffset() + offset;

        putLong(array, at, HEADER);
        putLong(array, at + TIMESTAMP, receiveTimeNs);
        putInt(array, at + TOKEN, (int)packet.uint32(TOKEN_OFFSET));
        UnsafeApi.putByte(array, at + TRADABLE, packet.isTradable() ? TRUE : FALSE);
        UnsafeApi.putByte(array, at + CONNECTION, (byte)connectionId);
        putLong(array, at + LAST_PRICE, packet.int32(LAST_PRICE_OFFSET));

        switch (packet.length())
        {
            case LTP_PACKET_LENGTH:
                UnsafeApi.putByte(array, at + MODE, LTP_MODE);
                zero(array, at, LAST_TRADED_QTY, EXCHANGE_TIME);
                return emptyDepth(array, at);

            case QUOTE_PACKET_LENGTH:
                UnsafeApi.putByte(array, at + MODE, QUOTE_MODE);
                tradableQuote(packet, array, at);
                zero(array, at, PRICE_CHANGE, EXCHANGE_TIME);
                return emptyDepth(array, at);

            case FULL_PACKET_LENGTH:
                UnsafeApi.putByte(array, at + MODE, FULL_MODE);
                tradableQuote(packet, array, at);
                putLong(array, at + PRICE_CHANGE, 0);
                putLong(array, at + LAST_TRADE_TIME, packet.uint32(LAST_TRADE_TIME_OFFSET));
                putLong(array, at + OI, packet.uint32(OI_OFFSET));
                putLong(array, at + OI_DAY_HIGH, packet.uint32(OI_DAY_HIGH_OFFSET));
                putLong(array, at + OI_DAY_LOW, packet.uint32(OI_DAY_LOW_OFFSET));
                putLong(array, at + EXCHANGE_TIME, packet.uint32(EXCHANGE_TIME_OFFSET));
                return fullDepth(packet, array, at);

            case INDEX_QUOTE_PACKET_LENGTH:
                UnsafeApi.putByte(array, at + MODE, QUOTE_MODE);
                index(packet, array, at);
                zero(array, at, LAST_TRADE_TIME, EXCHANGE_TIME);
                return emptyDepth(array, at);

            default:
                UnsafeApi.putByte(array, at + MODE, FULL_MODE);
                index(packet, array, at);
                zero(array, at, LAST_TRADE_TIME, OI_DAY_LOW);
                putLong(array, at + EXCHANGE_TIME, packet.uint32(INDEX_EXCHANGE_TIME_OFFSET));
                return emptyDepth(array, at);
        }
    }

    private static void tradableQuote(final TickerPacket packet, final byte[] array, final long at)
    {
        putLong(array, at + LAST_TRADED_QTY, packet.uint32(LAST_TRADED_QTY_OFFSET));
        putLong(array, at + AVERAGE_PRICE, packet.int32(AVERAGE_TRADED_PRICE_OFFSET));
        putLong(array, at + VOLUME, packet.uint32(VOLUME_TRADED_OFFSET));
        putLong(array, at + TOTAL_BUY_QTY, packet.uint32(TOTAL_BUY_QTY_OFFSET));
        putLong(array, at + TOTAL_SELL_QTY, packet.uint32(TOTAL_SELL_QTY_OFFSET));
        putLong(array, at + OPEN, packet.int32(OPEN_OFFSET));
        putLong(array, at + HIGH, packet.int32(HIGH_OFFSET));
        putLong(array, at + LOW, packet.int32(LOW_OFFSET));
        putLong(array, at + CLOSE, packet.int32(CLOSE_OFFSET));
    }

    private static void index(final TickerPacket packet, final byte[] array, final long at)
    {
        zero(array, at, LAST_TRADED_QTY, TOTAL_SELL_QTY);
        putLong(array, at + OPEN, packet.int32(INDEX_OPEN_OFFSET));
        putLong(array, at + HIGH, packet.int32(INDEX_HIGH_OFFSET));
        putLong(array, at + LOW, packet.int32(INDEX_LOW_OFFSET));
        putLong(array, at + CLOSE, packet.int32(INDEX_CLOSE_OFFSET));
        putLong(array, at + PRICE_CHANGE, packet.int32(INDEX_PRICE_CHANGE_OFFSET));
    }

    private static int emptyDepth(final byte[] array, final long at)
    {
        putInt(array, at + BIDS, EMPTY_GROUP);
        putInt(array, at + BIDS + GROUP_HEADER, EMPTY_GROUP);
        return BIDS + 2 * GROUP_HEADER;
    }

    private static int fullDepth(final TickerPacket packet, final byte[] array, final long at)
    {
        long entry = at + BIDS;
        putInt(array, entry, FULL_GROUP);
        entry += GROUP_HEADER;
        for (int level = 0; level < DEPTH_LEVELS; level++, entry += ENTRY)
        {
            final int from = BIDS_OFFSET + level * DEPTH_ENTRY_LENGTH;
            putLong(array, entry + ENTRY_PRICE, packet.int32(from + DEPTH_PRICE_OFFSET));
            putLong(array, entry + ENTRY_QTY, packet.uint32(from + DEPTH_QTY_OFFSET));
            putInt(array, entry + ENTRY_ORDERS, packet.uint16(from + DEPTH_ORDERS_OFFSET));
        }
        putInt(array, entry, FULL_GROUP);
        entry += GROUP_HEADER;
        for (int level = 0; level < DEPTH_LEVELS; level++, entry += ENTRY)
        {
            final int from = ASKS_OFFSET + level * DEPTH_ENTRY_LENGTH;
            putLong(array, entry + ENTRY_PRICE, packet.int32(from + DEPTH_PRICE_OFFSET));
            putLong(array, entry + ENTRY_QTY, packet.uint32(from + DEPTH_QTY_OFFSET));
            putInt(array, entry + ENTRY_ORDERS, packet.uint16(from + DEPTH_ORDERS_OFFSET));
        }
        return (int)(entry - at);
    }

    /** Zeroes the int64 fields at offsets {@code firstField} to {@code lastField} (inclusive) from {@code at}. */
    private static void zero(final byte[] array, final long at, final int firstField, final int lastField)
    {
        for (int field = firstField; field <= lastField; field += Long.BYTES)
        {
            UnsafeApi.putLong(array, at + field, 0L);
        }
    }

    private static void putLong(final byte[] array, final long address, final long value)
    {
        UnsafeApi.putLong(array, address, NATIVE_LITTLE_ENDIAN ? value : Long.reverseBytes(value));
    }

    private static void putInt(final byte[] array, final long address, final int value)
    {
        UnsafeApi.putInt(array, address, NATIVE_LITTLE_ENDIAN ? value : Integer.reverseBytes(value));
    }
}
