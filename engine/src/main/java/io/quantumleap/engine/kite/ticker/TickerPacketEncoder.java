package io.quantumleap.engine.kite.ticker;

import org.agrona.MutableDirectBuffer;

import static io.quantumleap.engine.kite.ticker.KiteTickerProtocol.*;
import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Flyweight that fills one packet added by {@link KiteTickerEncoder#addPacket(PacketKind)}. Prices are given
 * in the segment's unit (paise for most segments; the simulator computes {@code round(rupees x divisor)}
 * with {@link KiteTickerProtocol#priceDivisor(long)}).
 *
 * <p>Setting a field the packet's kind does not carry, or a value the wire cannot hold (prices are int32;
 * token, quantities and times uint32; order counts uint16), throws IllegalStateException or
 * IllegalArgumentException naming the field: these are programming errors of the producer.
 */
public final class TickerPacketEncoder
{
    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private MutableDirectBuffer buffer;
    private int offset;
    private PacketKind kind;

    TickerPacketEncoder wrap(final MutableDirectBuffer buffer, final int offset, final PacketKind kind)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.kind = kind;
        return this;
    }

    /**
     * @return the kind of the packet being filled.
     */
    public PacketKind kind()
    {
        return kind;
    }

    /**
     * @param instrumentToken Kite instrument_token, uint32; its low byte is the segment.
     * @return this.
     */
    public TickerPacketEncoder instrumentToken(final long instrumentToken)
    {
        putUint32("instrumentToken", TOKEN_OFFSET, instrumentToken);
        return this;
    }

    /**
     * @param pricePaise last price in the segment's unit.
     * @return this.
     */
    public TickerPacketEncoder lastPricePaise(final long pricePaise)
    {
        putInt32("lastPricePaise", LAST_PRICE_OFFSET, pricePaise);
        return this;
    }

    /**
     * @param qty last traded quantity (quote and full).
     * @return this.
     */
    public TickerPacketEncoder lastTradedQty(final long qty)
    {
        putUint32("lastTradedQty", tradableOffset("lastTradedQty", LAST_TRADED_QTY_OFFSET), qty);
        return this;
    }

    /**
     * @param pricePaise average traded price in the segment's unit (quote and full).
     * @return this.
     */
    public TickerPacketEncoder averageTradedPricePaise(final long pricePaise)
    {
        putInt32("averageTradedPricePaise",
            tradableOffset("averageTradedPricePaise", AVERAGE_TRADED_PRICE_OFFSET), pricePaise);
        return this;
    }

    /**
     * @param qty volume traded today (quote and full).
     * @return this.
     */
    public TickerPacketEncoder volumeTraded(final long qty)
    {
        putUint32("volumeTraded", tradableOffset("volumeTraded", VOLUME_TRADED_OFFSET), qty);
        return this;
    }

    /**
     * @param qty total buy quantity (quote and full).
     * @return this.
     */
    public TickerPacketEncoder totalBuyQty(final long qty)
    {
        putUint32("totalBuyQty", tradableOffset("totalBuyQty", TOTAL_BUY_QTY_OFFSET), qty);
        return this;
    }

    /**
     * @param qty total sell quantity (quote and full).
     * @return this.
     */
    public TickerPacketEncoder totalSellQty(final long qty)
    {
        putUint32("totalSellQty", tradableOffset("totalSellQty", TOTAL_SELL_QTY_OFFSET), qty);
        return this;
    }

    /**
     * @param pricePaise open price in the segment's unit (every kind but LTP).
     * @return this.
     */
    public TickerPacketEncoder openPricePaise(final long pricePaise)
    {
        putInt32("openPricePaise", ohlcOffset("openPricePaise", OPEN_OFFSET, INDEX_OPEN_OFFSET), pricePaise);
        return this;
    }

    /**
     * @param pricePaise day high in the segment's unit (every kind but LTP).
     * @return this.
     */
    public TickerPacketEncoder highPricePaise(final long pricePaise)
    {
        putInt32("highPricePaise", ohlcOffset("highPricePaise", HIGH_OFFSET, INDEX_HIGH_OFFSET), pricePaise);
        return this;
    }

    /**
     * @param pricePaise day low in the segment's unit (every kind but LTP).
     * @return this.
     */
    public TickerPacketEncoder lowPricePaise(final long pricePaise)
    {
        putInt32("lowPricePaise", ohlcOffset("lowPricePaise", LOW_OFFSET, INDEX_LOW_OFFSET), pricePaise);
        return this;
    }

    /**
     * @param pricePaise previous close in the segment's unit (every kind but LTP).
     * @return this.
     */
    public TickerPacketEncoder closePricePaise(final long pricePaise)
    {
        putInt32("closePricePaise", ohlcOffset("closePricePaise", CLOSE_OFFSET, INDEX_CLOSE_OFFSET), pricePaise);
        return this;
    }

    /**
     * @param pricePaise signed price change of an index packet, in the segment's unit.
     * @return this.
     */
    public TickerPacketEncoder priceChangePaise(final long pricePaise)
    {
        if (!kind.isIndexLayout())
        {
            throw notInKind("priceChangePaise");
        }
        putInt32("priceChangePaise", INDEX_PRICE_CHANGE_OFFSET, pricePaise);
        return this;
    }

    /**
     * @param timeS last trade time, Unix seconds (full).
     * @return this.
     */
    public TickerPacketEncoder lastTradeTimeS(final long timeS)
    {
        putUint32("lastTradeTimeS", fullOffset("lastTradeTimeS", LAST_TRADE_TIME_OFFSET), timeS);
        return this;
    }

    /**
     * @param oi open interest (full).
     * @return this.
     */
    public TickerPacketEncoder oi(final long oi)
    {
        putUint32("oi", fullOffset("oi", OI_OFFSET), oi);
        return this;
    }

    /**
     * @param oi day high of the open interest (full).
     * @return this.
     */
    public TickerPacketEncoder oiDayHigh(final long oi)
    {
        putUint32("oiDayHigh", fullOffset("oiDayHigh", OI_DAY_HIGH_OFFSET), oi);
        return this;
    }

    /**
     * @param oi day low of the open interest (full).
     * @return this.
     */
    public TickerPacketEncoder oiDayLow(final long oi)
    {
        putUint32("oiDayLow", fullOffset("oiDayLow", OI_DAY_LOW_OFFSET), oi);
        return this;
    }

    /**
     * @param timeS exchange timestamp, Unix seconds (full and index full).
     * @return this.
     */
    public TickerPacketEncoder exchangeTimeS(final long timeS)
    {
        final int fieldOffset;
        if (kind == PacketKind.FULL)
        {
            fieldOffset = EXCHANGE_TIME_OFFSET;
        }
        else if (kind == PacketKind.INDEX_FULL)
        {
            fieldOffset = INDEX_EXCHANGE_TIME_OFFSET;
        }
        else
        {
            throw notInKind("exchangeTimeS");
        }
        putUint32("exchangeTimeS", fieldOffset, timeS);
        return this;
    }

    /**
     * @param level      0 (best) to 4 (full).
     * @param qty        quantity bid.
     * @param pricePaise bid price in the segment's unit.
     * @param orders     number of orders, uint16.
     * @return this.
     */
    public TickerPacketEncoder bid(final int level, final long qty, final long pricePaise, final int orders)
    {
        putDepth("bid", "bidQty", "bidPricePaise", BIDS_OFFSET, level, qty, pricePaise, orders);
        return this;
    }

    /**
     * @param level      0 (best) to 4 (full).
     * @param qty        quantity offered.
     * @param pricePaise offer price in the segment's unit.
     * @param orders     number of orders, uint16.
     * @return this.
     */
    public TickerPacketEncoder ask(final int level, final long qty, final long pricePaise, final int orders)
    {
        putDepth("ask", "askQty", "askPricePaise", ASKS_OFFSET, level, qty, pricePaise, orders);
        return this;
    }

    private void putDepth(
        final String side,
        final String qtyField,
        final String priceField,
        final int sideOffset,
        final int level,
        final long qty,
        final long pricePaise,
        final int orders)
    {
        if (kind != PacketKind.FULL)
        {
            throw notInKind(side);
        }
        if (level < 0 || level >= DEPTH_LEVELS)
        {
            throw new IllegalArgumentException(side + " level " + level + " not in 0.." + (DEPTH_LEVELS - 1));
        }
        if (orders < 0 || orders > 0xFFFF)
        {
            throw new IllegalArgumentException(side + " orders " + orders + " not in 0..65535");
        }
        final int entryOffset = sideOffset + level * DEPTH_ENTRY_LENGTH;
        putUint32(qtyField, entryOffset + DEPTH_QTY_OFFSET, qty);
        putInt32(priceField, entryOffset + DEPTH_PRICE_OFFSET, pricePaise);
        buffer.putShort(offset + entryOffset + DEPTH_ORDERS_OFFSET, (short)orders, BIG_ENDIAN);
    }

    private int tradableOffset(final String field, final int fieldOffset)
    {
        if (kind != PacketKind.QUOTE && kind != PacketKind.FULL)
        {
            throw notInKind(field);
        }
        return fieldOffset;
    }

    private int fullOffset(final String field, final int fieldOffset)
    {
        if (kind != PacketKind.FULL)
        {
            throw notInKind(field);
        }
        return fieldOffset;
    }

    private int ohlcOffset(final String field, final int tradableOffset, final int indexOffset)
    {
        if (kind == PacketKind.LTP)
        {
            throw notInKind(field);
        }
        return kind.isIndexLayout() ? indexOffset : tradableOffset;
    }

    private IllegalStateException notInKind(final String field)
    {
        return new IllegalStateException(field + " is not part of a " + kind + " packet");
    }

    private void putInt32(final String field, final int fieldOffset, final long value)
    {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(field + " " + value + " does not fit the wire's int32");
        }
        buffer.putInt(offset + fieldOffset, (int)value, BIG_ENDIAN);
    }

    private void putUint32(final String field, final int fieldOffset, final long value)
    {
        if (value < 0 || value > UINT32_MAX)
        {
            throw new IllegalArgumentException(field + " " + value + " does not fit the wire's uint32");
        }
        buffer.putInt(offset + fieldOffset, (int)value, BIG_ENDIAN);
    }
}
