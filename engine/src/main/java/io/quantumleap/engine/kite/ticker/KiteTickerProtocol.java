package io.quantumleap.engine.kite.ticker;

/**
 * Constants of the Kite binary ticker format (shared/kite/PROTOCOL.md section D): lengths, byte offsets
 * inside a packet, segment codes and the price divisor rule. All multi-byte integers on the wire are
 * big-endian.
 */
public final class KiteTickerProtocol
{
    /** A binary frame of exactly this length is a heartbeat, not a message. */
    public static final int HEARTBEAT_LENGTH = 1;
    /** uint16 packet count at the start of a message. */
    public static final int FRAME_HEADER_LENGTH = 2;
    /** uint16 length in front of every packet. */
    public static final int PACKET_LENGTH_PREFIX = 2;
    /** Largest packet count the uint16 header can carry. */
    public static final int MAX_PACKET_COUNT = 0xFFFF;

    public static final int LTP_PACKET_LENGTH = 8;
    public static final int INDEX_QUOTE_PACKET_LENGTH = 28;
    public static final int INDEX_FULL_PACKET_LENGTH = 32;
    public static final int QUOTE_PACKET_LENGTH = 44;
    public static final int FULL_PACKET_LENGTH = 184;

    public static final int TOKEN_OFFSET = 0;
    public static final int LAST_PRICE_OFFSET = 4;

    public static final int LAST_TRADED_QTY_OFFSET = 8;
    public static final int AVERAGE_TRADED_PRICE_OFFSET = 12;
    public static final int VOLUME_TRADED_OFFSET = 16;
    public static final int TOTAL_BUY_QTY_OFFSET = 20;
    public static final int TOTAL_SELL_QTY_OFFSET = 24;
    public static final int OPEN_OFFSET = 28;
    public static final int HIGH_OFFSET = 32;
    public static final int LOW_OFFSET = 36;
    public static final int CLOSE_OFFSET = 40;
    public static final int LAST_TRADE_TIME_OFFSET = 44;
    public static final int OI_OFFSET = 48;
    public static final int OI_DAY_HIGH_OFFSET = 52;
    public static final int OI_DAY_LOW_OFFSET = 56;
    public static final int EXCHANGE_TIME_OFFSET = 60;
    public static final int BIDS_OFFSET = 64;
    public static final int ASKS_OFFSET = 124;

    /** Depth entry: uint32 quantity, int32 price, uint16 orders, 2 bytes of padding. */
    public static final int DEPTH_ENTRY_LENGTH = 12;
    public static final int DEPTH_QTY_OFFSET = 0;
    public static final int DEPTH_PRICE_OFFSET = 4;
    public static final int DEPTH_ORDERS_OFFSET = 8;
    /** Levels on each side of a full packet. */
    public static final int DEPTH_LEVELS = 5;

    /** Index packets order OHLC as high, low, open, close, unlike tradable packets. */
    public static final int INDEX_HIGH_OFFSET = 8;
    public static final int INDEX_LOW_OFFSET = 12;
    public static final int INDEX_OPEN_OFFSET = 16;
    public static final int INDEX_CLOSE_OFFSET = 20;
    public static final int INDEX_PRICE_CHANGE_OFFSET = 24;
    public static final int INDEX_EXCHANGE_TIME_OFFSET = 28;

    public static final int SEGMENT_NSE = 1;
    public static final int SEGMENT_NFO = 2;
    public static final int SEGMENT_CDS = 3;
    public static final int SEGMENT_BSE = 4;
    public static final int SEGMENT_BFO = 5;
    public static final int SEGMENT_BCD = 6;
    public static final int SEGMENT_MCX = 7;
    public static final int SEGMENT_MCXSX = 8;
    public static final int SEGMENT_INDICES = 9;

    public static final long CDS_PRICE_DIVISOR = 10_000_000L;
    public static final long BCD_PRICE_DIVISOR = 10_000L;
    public static final long DEFAULT_PRICE_DIVISOR = 100L;

    private KiteTickerProtocol()
    {
    }

    /**
     * @param instrumentToken Kite instrument_token (uint32).
     * @return the segment code: the token's low byte.
     */
    public static int segment(final long instrumentToken)
    {
        return (int)(instrumentToken & 0xFF);
    }

    /**
     * How many price units make one rupee for an instrument: 10^7 for CDS (segment 3), 10^4 for BCD
     * (segment 6), 100 (paise) for every other segment, indices and MCX included.
     *
     * @param instrumentToken Kite instrument_token (uint32).
     * @return the divisor that turns a wire price into rupees.
     */
    public static long priceDivisor(final long instrumentToken)
    {
        final int segment = (int)(instrumentToken & 0xFF);
        if (segment == SEGMENT_CDS)
        {
            return CDS_PRICE_DIVISOR;
        }
        if (segment == SEGMENT_BCD)
        {
            return BCD_PRICE_DIVISOR;
        }
        return DEFAULT_PRICE_DIVISOR;
    }

    /**
     * @param instrumentToken Kite instrument_token (uint32).
     * @return false only for indices (segment 9), as every official client decides it.
     */
    public static boolean isTradable(final long instrumentToken)
    {
        return (instrumentToken & 0xFF) != SEGMENT_INDICES;
    }

    /**
     * @param length of a packet in bytes.
     * @return true when Kite defines a layout for that length (8, 28, 32, 44 or 184).
     */
    public static boolean isKnownPacketLength(final int length)
    {
        switch (length)
        {
            case LTP_PACKET_LENGTH:
            case INDEX_QUOTE_PACKET_LENGTH:
            case INDEX_FULL_PACKET_LENGTH:
            case QUOTE_PACKET_LENGTH:
            case FULL_PACKET_LENGTH:
                return true;
            default:
                return false;
        }
    }
}
