package io.quantumleap.engine.kite.ticker;

import io.quantumleap.engine.protocol.TickMode;

/**
 * The five ticker packet layouts. Kite chooses the layout by packet length alone; the segment byte of the
 * instrument token only decides the price divisor and the tradable flag.
 */
public enum PacketKind
{
    /** 8 bytes: token and last price, for tradable instruments and indices alike. */
    LTP(KiteTickerProtocol.LTP_PACKET_LENGTH, TickMode.LTP),

    /** 28 bytes: index quote, OHLC in the order high, low, open, close, then the signed price change. */
    INDEX_QUOTE(KiteTickerProtocol.INDEX_QUOTE_PACKET_LENGTH, TickMode.QUOTE),

    /** 32 bytes: index quote plus the exchange timestamp. */
    INDEX_FULL(KiteTickerProtocol.INDEX_FULL_PACKET_LENGTH, TickMode.FULL),

    /** 44 bytes: tradable quote (quantities, volume, OHLC in the order open, high, low, close). */
    QUOTE(KiteTickerProtocol.QUOTE_PACKET_LENGTH, TickMode.QUOTE),

    /** 184 bytes: tradable quote plus times, open interest and five levels of depth on each side. */
    FULL(KiteTickerProtocol.FULL_PACKET_LENGTH, TickMode.FULL);

    private final int length;
    private final TickMode mode;

    PacketKind(final int length, final TickMode mode)
    {
        this.length = length;
        this.mode = mode;
    }

    /**
     * @return the packet length in bytes, without its 2-byte length prefix.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return the subscription mode that produces this layout.
     */
    public TickMode mode()
    {
        return mode;
    }

    /**
     * @return true for the two index layouts (28 and 32 bytes).
     */
    public boolean isIndexLayout()
    {
        return this == INDEX_QUOTE || this == INDEX_FULL;
    }

    /**
     * @param length of a packet in bytes.
     * @return the layout for that length, or null when Kite defines none (such packets are skipped).
     */
    public static PacketKind fromLength(final int length)
    {
        switch (length)
        {
            case KiteTickerProtocol.LTP_PACKET_LENGTH:
                return LTP;
            case KiteTickerProtocol.INDEX_QUOTE_PACKET_LENGTH:
                return INDEX_QUOTE;
            case KiteTickerProtocol.INDEX_FULL_PACKET_LENGTH:
                return INDEX_FULL;
            case KiteTickerProtocol.QUOTE_PACKET_LENGTH:
                return QUOTE;
            case KiteTickerProtocol.FULL_PACKET_LENGTH:
                return FULL;
            default:
                return null;
        }
    }
}
