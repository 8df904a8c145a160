package io.quantumleap.engine.core;

import io.quantumleap.engine.protocol.MarketDataCommandDecoder;
import io.quantumleap.engine.protocol.MarketUpdateEventEncoder;
import io.quantumleap.engine.protocol.MessageHeaderEncoder;
import io.quantumleap.engine.protocol.TickMode;
import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The live market state of every instrument, kept as the {@code MarketUpdateEvent} each would emit now. Owned by
 * the core thread.
 *
 * <p>One slot of {@link #SLOT_LENGTH} bytes per instrument id, all in one array. A slot starts with a meta word (the
 * event's length, and whether anyone holds a position in the instrument, so one read tells a tick what to hand over
 * and whether to mark positions to market), then, at {@link #EVENT}, the whole event: message header, body, then
 * bids and asks packed as on the wire, at most {@link Instrument#DEPTH_LEVELS} a side. Only its
 * {@code inputSequence} is stale, written just before the event is handed to the sink. A tick is then one or two
 * block copies from the command into the slot (the command's price block and depth entries have the event's layout)
 * and the event needs no encoding. The slot's {@code mode} is the last tick's.
 */
final class MarketImages
{
    static final int SLOT_LENGTH = 384;
    static final int GROUP_HEADER = MarketUpdateEventEncoder.BidsEncoder.HEADER_SIZE;
    static final int ENTRY_LENGTH = MarketUpdateEventEncoder.BidsEncoder.sbeBlockLength();

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int META = 0;
    private static final int LENGTH = META;
    private static final int HELD = META + 4;
    /** Where the event starts in a slot. */
    static final int EVENT = 8;
    private static final int BODY = EVENT + MessageHeaderEncoder.ENCODED_LENGTH;

    static final int INPUT_SEQUENCE = BODY + MarketUpdateEventEncoder.inputSequenceEncodingOffset();
    static final int TIMESTAMP_NS = BODY + MarketUpdateEventEncoder.timestampNsEncodingOffset();
    static final int TOKEN = BODY + MarketUpdateEventEncoder.instrumentTokenEncodingOffset();
    static final int MODE = BODY + MarketUpdateEventEncoder.modeEncodingOffset();
    static final int LAST_PRICE = BODY + MarketUpdateEventEncoder.lastPricePaiseEncodingOffset();
    static final int LAST_TRADED_QTY = BODY + MarketUpdateEventEncoder.lastTradedQtyEncodingOffset();
    static final int AVERAGE_PRICE = BODY + MarketUpdateEventEncoder.averageTradedPricePaiseEncodingOffset();
    static final int VOLUME = BODY + MarketUpdateEventEncoder.volumeTradedEncodingOffset();
    static final int TOTAL_BUY_QTY = BODY + MarketUpdateEventEncoder.totalBuyQtyEncodingOffset();
    static final int TOTAL_SELL_QTY = BODY + MarketUpdateEventEncoder.totalSellQtyEncodingOffset();
    static final int OPEN = BODY + MarketUpdateEventEncoder.openPricePaiseEncodingOffset();
    static final int HIGH = BODY + MarketUpdateEventEncoder.highPricePaiseEncodingOffset();
    static final int LOW = BODY + MarketUpdateEventEncoder.lowPricePaiseEncodingOffset();
    static final int CLOSE = BODY + MarketUpdateEventEncoder.closePricePaiseEncodingOffset();
    static final int CHANGE = BODY + MarketUpdateEventEncoder.changePaiseEncodingOffset();
    static final int LAST_TRADE_TIME_S = BODY + MarketUpdateEventEncoder.lastTradeTimeSEncodingOffset();
    static final int OI = BODY + MarketUpdateEventEncoder.oiEncodingOffset();
    static final int OI_DAY_HIGH = BODY + MarketUpdateEventEncoder.oiDayHighEncodingOffset();
    static final int OI_DAY_LOW = BODY + MarketUpdateEventEncoder.oiDayLowEncodingOffset();
    static final int EXCHANGE_TIME_S = BODY + MarketUpdateEventEncoder.exchangeTimeSEncodingOffset();
    /** Group header of the bids; the asks' header follows the last bid. */
    static final int BIDS = BODY + MarketUpdateEventEncoder.BLOCK_LENGTH;

    /** Last price to close: the block a QUOTE tick copies, in the same order in command and event. */
    private static final int CMD_QUOTE_BLOCK = MarketDataCommandDecoder.lastPricePaiseEncodingOffset();
    private static final int QUOTE_BLOCK_LENGTH = CLOSE + 8 - LAST_PRICE;
    /** Last trade time to exchange time: the further block a FULL tick copies. */
    private static final int CMD_FULL_BLOCK = MarketDataCommandDecoder.lastTradeTimeSEncodingOffset();
    private static final int FULL_BLOCK_LENGTH = EXCHANGE_TIME_S + 8 - LAST_TRADE_TIME_S;
    private static final int MAX_SIDE_LENGTH = GROUP_HEADER + Instrument.DEPTH_LEVELS * ENTRY_LENGTH;
    /** A group header of 20-byte entries as the event has them; the count is in the high half. */
    private static final int EVENT_ENTRIES = ENTRY_LENGTH;
    private static final int MAX_LEVELS = Instrument.DEPTH_LEVELS;
    private static final short LTP = TickMode.LTP.value();
    private static final short FULL = TickMode.FULL.value();

    static
    {
        // The block copies rely on the schema's field order; a schema change that breaks it must fail loudly.
        final boolean sameQuoteBlock =
            MarketDataCommandDecoder.closePricePaiseEncodingOffset() - CMD_QUOTE_BLOCK == CLOSE - LAST_PRICE &&
            MarketDataCommandDecoder.lastTradedQtyEncodingOffset() - CMD_QUOTE_BLOCK == LAST_TRADED_QTY - LAST_PRICE &&
            MarketDataCommandDecoder.averageTradedPricePaiseEncodingOffset() - CMD_QUOTE_BLOCK ==
                AVERAGE_PRICE - LAST_PRICE &&
            MarketDataCommandDecoder.volumeTradedEncodingOffset() - CMD_QUOTE_BLOCK == VOLUME - LAST_PRICE &&
            MarketDataCommandDecoder.totalBuyQtyEncodingOffset() - CMD_QUOTE_BLOCK == TOTAL_BUY_QTY - LAST_PRICE &&
            MarketDataCommandDecoder.totalSellQtyEncodingOffset() - CMD_QUOTE_BLOCK == TOTAL_SELL_QTY - LAST_PRICE &&
            MarketDataCommandDecoder.openPricePaiseEncodingOffset() - CMD_QUOTE_BLOCK == OPEN - LAST_PRICE &&
            MarketDataCommandDecoder.highPricePaiseEncodingOffset() - CMD_QUOTE_BLOCK == HIGH - LAST_PRICE &&
            MarketDataCommandDecoder.lowPricePaiseEncodingOffset() - CMD_QUOTE_BLOCK == LOW - LAST_PRICE;
        final boolean sameFullBlock =
            MarketDataCommandDecoder.oiEncodingOffset() - CMD_FULL_BLOCK == OI - LAST_TRADE_TIME_S &&
            MarketDataCommandDecoder.oiDayHighEncodingOffset() - CMD_FULL_BLOCK == OI_DAY_HIGH - LAST_TRADE_TIME_S &&
            MarketDataCommandDecoder.oiDayLowEncodingOffset() - CMD_FULL_BLOCK == OI_DAY_LOW - LAST_TRADE_TIME_S &&
            MarketDataCommandDecoder.exchangeTimeSEncodingOffset() - CMD_FULL_BLOCK ==
                EXCHANGE_TIME_S - LAST_TRADE_TIME_S;
        final boolean sameEntries = MarketDataCommandDecoder.BidsDecoder.sbeBlockLength() == ENTRY_LENGTH &&
            MarketDataCommandDecoder.BidsDecoder.qtyEncodingOffset() ==
                MarketUpdateEventEncoder.BidsEncoder.qtyEncodingOffset() &&
            MarketDataCommandDecoder.BidsDecoder.ordersEncodingOffset() ==
                MarketUpdateEventEncoder.BidsEncoder.ordersEncodingOffset();
        // From the last price on, a FULL command of this version is laid out as the event: price block, the
        // command's price change where the event has its change, the full block, then both groups.
        final boolean sameFullTick =
            MarketDataCommandDecoder.priceChangePaiseEncodingOffset() - CMD_QUOTE_BLOCK == CHANGE - LAST_PRICE &&
            CMD_FULL_BLOCK - CMD_QUOTE_BLOCK == LAST_TRADE_TIME_S - LAST_PRICE &&
            MarketDataCommandDecoder.BLOCK_LENGTH - CMD_QUOTE_BLOCK == BIDS - LAST_PRICE;
        if (!sameQuoteBlock || !sameFullBlock || !sameEntries || !sameFullTick ||
            BIDS + 2 * MAX_SIDE_LENGTH > SLOT_LENGTH)
        {
            throw new IllegalStateException("MarketDataCommand and MarketUpdateEvent no longer share their layout");
        }
    }

    private static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final long ARRAY_BASE = UnsafeApi.arrayBaseOffset(byte[].class);

    private final UnsafeBuffer save = new UnsafeBuffer(new byte[MAX_SIDE_LENGTH]);
    private UnsafeBuffer buffer;
    /** The buffer's array, for the per-tick stores that skip the buffer's bounds check (see {@link #putLong}). */
    private byte[] array;
    private int capacity;

    /**
     * @param capacity instruments with a slot from the start; {@link #ensureCapacity(int)} grows it.
     */
    MarketImages(final int capacity)
    {
        this.capacity = capacity;
        array = new byte[Math.multiplyExact(capacity, SLOT_LENGTH)];
        buffer = new UnsafeBuffer(array);
    }

    /** Makes room for ids below {@code instruments}: allocates, so only on instrument definitions. */
    void ensureCapacity(final int instruments)
    {
        if (instruments > capacity)
        {
            final int grown = Math.max(instruments, capacity + (capacity >> 1));
            final byte[] largerArray = new byte[Math.multiplyExact(grown, SLOT_LENGTH)];
            final UnsafeBuffer larger = new UnsafeBuffer(largerArray);
            larger.putBytes(0, buffer, 0, capacity * SLOT_LENGTH);
            buffer = larger;
            array = largerArray;
            capacity = grown;
        }
    }

    /** @return the buffer holding every slot; replaced when {@link #ensureCapacity(int)} grows it. */
    UnsafeBuffer buffer()
    {
        return buffer;
    }

    static int slot(final int id)
    {
        return id * SLOT_LENGTH;
    }

    /** Writes a new instrument's slot: the event's header, its token and two empty depth groups. */
    void init(final int slot, final long token)
    {
        final UnsafeBuffer b = buffer;
        final int event = slot + EVENT;
        b.setMemory(slot, SLOT_LENGTH, (byte)0);
        b.putShort(event, (short)MarketUpdateEventEncoder.BLOCK_LENGTH, LE);
        b.putShort(event + 2, (short)MarketUpdateEventEncoder.TEMPLATE_ID, LE);
        b.putShort(event + 4, (short)MarketUpdateEventEncoder.SCHEMA_ID, LE);
        b.putShort(event + 6, (short)MarketUpdateEventEncoder.SCHEMA_VERSION, LE);
        token(slot, token);
        emptySide(b, slot + BIDS);
        emptySide(b, slot + BIDS + GROUP_HEADER);
        updateLength(b, slot, slot + BIDS + 2 * GROUP_HEADER);
    }

    /** Someone now holds a position in the instrument: its ticks mark positions to market. */
    void held(final int slot)
    {
        buffer.putInt(slot + HELD, 1, LE);
    }

    /** @return the slot's meta word, for {@link #eventLength(long)} and {@link #isHeld(long)}. */
    long meta(final int slot)
    {
        checkSlot(slot);
        final long bits = UnsafeApi.getLong(array, ARRAY_BASE + slot + META);
        return NATIVE_LITTLE_ENDIAN ? bits : Long.reverseBytes(bits);
    }

    /** Stamps the slot's event with the journal index of the command that caused it, just before it is handed on. */
    void inputSequence(final int slot, final long inputSequence)
    {
        checkSlot(slot);
        putLong(slot + INPUT_SEQUENCE, inputSequence);
    }

    /** @return the length of the slot's event, message header included; the event starts at {@link #EVENT}. */
    static int eventLength(final long meta)
    {
        return (int)meta;
    }

    static boolean isHeld(final long meta)
    {
        return (meta >>> 32) != 0;
    }

    void token(final int slot, final long token)
    {
        buffer.putInt(slot + TOKEN, (int)token, LE);
    }

    /**
     * Applies a validated tick's fields (not its depth): {@code mode} decides which blocks of the command are taken,
     * as Kite's modes carry more fields each.
     *
     * @param command  the command's buffer.
     * @param body     offset of the command's body (after the message header).
     */
    void apply(
        final int slot,
        final DirectBuffer command,
        final int body,
        final short mode,
        final long lastPricePaise,
        final long timestampNs)
    {
        checkSlot(slot);
        final UnsafeBuffer b = buffer;
        putLong(slot + TIMESTAMP_NS, timestampNs);
        UnsafeApi.putByte(array, ARRAY_BASE + slot + MODE, (byte)mode);
        if (mode == LTP)
        {
            putLong(slot + LAST_PRICE, lastPricePaise);
        }
        else
        {
            b.putBytes(slot + LAST_PRICE, command, body + CMD_QUOTE_BLOCK, QUOTE_BLOCK_LENGTH);
            if (mode == FULL)
            {
                b.putBytes(slot + LAST_TRADE_TIME_S, command, body + CMD_FULL_BLOCK, FULL_BLOCK_LENGTH);
            }
        }
        change(b, slot, lastPricePaise);
    }

    private void change(final UnsafeBuffer b, final int slot, final long lastPricePaise)
    {
        final long closePricePaise = b.getLong(slot + CLOSE, LE);
        putLong(slot + CHANGE, closePricePaise != 0 ? lastPricePaise - closePricePaise : 0);
    }

    /**
     * The per-tick stores into a slot go straight to the array: every slot lies inside it (ids stay below the
     * capacity {@link #ensureCapacity(int)} made room for, checked once per tick by {@link #checkSlot(int)}), and the
     * buffer's own check on each of them measured about a fifth of a QUOTE tick.
     */
    private void putLong(final int index, final long value)
    {
        UnsafeApi.putLong(array, ARRAY_BASE + index, NATIVE_LITTLE_ENDIAN ? value : Long.reverseBytes(value));
    }

    private void checkSlot(final int slot)
    {
        if (slot < 0 || slot > array.length - SLOT_LENGTH)
        {
            throw new IndexOutOfBoundsException("slot " + slot + " outside " + array.length + " bytes of market state");
        }
    }

    /**
     * Applies a validated FULL tick, depth included, both entry groups already checked to lie inside the command.
     * A command of this schema version with 20-byte entries and at most five a side (what the feed writes) is laid
     * out as the event from its last price on, so it is taken in one copy; anything else field block by block and
     * entry by entry.
     *
     * @param bids     offset of the command's bids group header.
     * @param asks     offset of its asks group header.
     * @param depthEnd offset just after its last ask.
     */
    void applyFull(
        final int slot,
        final DirectBuffer command,
        final int body,
        final int bids,
        final int asks,
        final int depthEnd,
        final long lastPricePaise,
        final long timestampNs)
    {
        final UnsafeBuffer b = buffer;
        if (bids == body + MarketDataCommandDecoder.BLOCK_LENGTH && isEventLike(command.getInt(bids, LE)) &&
            isEventLike(command.getInt(asks, LE)))
        {
            final int from = body + CMD_QUOTE_BLOCK;
            b.putBytes(slot + LAST_PRICE, command, from, depthEnd - from);
            checkSlot(slot);
            putLong(slot + TIMESTAMP_NS, timestampNs);
            UnsafeApi.putByte(array, ARRAY_BASE + slot + MODE, (byte)FULL);
            change(b, slot, lastPricePaise);
            updateLength(b, slot, slot + LAST_PRICE + depthEnd - from);
        }
        else
        {
            apply(slot, command, body, FULL, lastPricePaise, timestampNs);
            final int asksAt = copySide(b, slot + BIDS, command, bids);
            updateLength(b, slot, copySide(b, asksAt, command, asks));
        }
    }

    private static boolean isEventLike(final int groupHeader)
    {
        return (groupHeader & 0xFFFF) == EVENT_ENTRIES && groupHeader >>> 16 <= MAX_LEVELS;
    }

    /**
     * Replaces the bids only, keeping the asks: what a tick whose asks are malformed leaves behind.
     */
    void bidsOnly(final int slot, final DirectBuffer command, final int bids)
    {
        final UnsafeBuffer b = buffer;
        final int oldAsks = asksHeader(slot);
        final int oldAsksLength = GROUP_HEADER + levels(b, oldAsks) * ENTRY_LENGTH;
        save.putBytes(0, b, oldAsks, oldAsksLength);
        final int asksAt = copySide(b, slot + BIDS, command, bids);
        b.putBytes(asksAt, save, 0, oldAsksLength);
        updateLength(b, slot, asksAt + oldAsksLength);
    }

    int bidLevels(final int slot)
    {
        return levels(buffer, slot + BIDS);
    }

    int askLevels(final int slot)
    {
        return levels(buffer, asksHeader(slot));
    }

    /** @return a level's field at {@code field} (0 price, 8 qty, 16 orders), 0 beyond the side's levels. */
    long bid(final int slot, final int level, final int field)
    {
        return entry(slot + BIDS, level, field);
    }

    long ask(final int slot, final int level, final int field)
    {
        return entry(asksHeader(slot), level, field);
    }

    long getLong(final int slot, final int field)
    {
        return buffer.getLong(slot + field, LE);
    }

    private long entry(final int side, final int level, final int field)
    {
        if (level >= levels(buffer, side))
        {
            return 0;
        }
        final int at = side + GROUP_HEADER + level * ENTRY_LENGTH + field;
        return field == 16 ? buffer.getInt(at, LE) : buffer.getLong(at, LE);
    }

    private int asksHeader(final int slot)
    {
        return slot + BIDS + GROUP_HEADER + levels(buffer, slot + BIDS) * ENTRY_LENGTH;
    }

    private static int levels(final UnsafeBuffer b, final int side)
    {
        return b.getShort(side + 2, LE) & 0xFFFF;
    }

    private static void updateLength(final UnsafeBuffer b, final int slot, final int eventEnd)
    {
        b.putInt(slot + LENGTH, eventEnd - slot - EVENT, LE);
    }

    private static void emptySide(final UnsafeBuffer b, final int side)
    {
        b.putShort(side, (short)ENTRY_LENGTH, LE);
        b.putShort(side + 2, (short)0, LE);
    }

    /** Copies the first levels of one side; returns the offset just after it in the slot. */
    private static int copySide(final UnsafeBuffer b, final int side, final DirectBuffer command, final int from)
    {
        final int header = command.getInt(from, LE);
        final int entryLength = header & 0xFFFF;
        final int levels = Math.min(header >>> 16, Instrument.DEPTH_LEVELS);
        b.putInt(side, ENTRY_LENGTH | levels << 16, LE);
        final int entries = side + GROUP_HEADER;
        if (entryLength == ENTRY_LENGTH)
        {
            b.putBytes(entries, command, from + GROUP_HEADER, levels * ENTRY_LENGTH);
        }
        else
        {
            for (int i = 0; i < levels; i++)
            {
                b.putBytes(entries + i * ENTRY_LENGTH, command, from + GROUP_HEADER + i * entryLength, ENTRY_LENGTH);
            }
        }
        return entries + levels * ENTRY_LENGTH;
    }
}
