package io.quantumleap.engine.core;

import io.quantumleap.engine.protocol.Exchange;
import io.quantumleap.engine.protocol.InstrumentType;
import io.quantumleap.engine.protocol.Segment;
import org.agrona.collections.ArrayListUtil;

import java.util.ArrayList;

/**
 * Static definition and live market state of one instrument. Owned by the core thread.
 *
 * <p>Identified inside the core by {@link #id()}, not by its token: Kite reuses tokens after expiry.
 */
public final class Instrument
{
    /** Depth levels kept per side (Kite full mode sends five). */
    public static final int DEPTH_LEVELS = 5;

    final int id;
    long token;
    Exchange exchange;
    Segment segment;
    InstrumentType instrumentType;
    long tickSizePaise;
    int lotSize;
    long freezeQty;
    int multiplier;
    final byte[] tradingsymbol = new byte[32];

    long lastPricePaise;
    long lastTradedQty;
    long averageTradedPricePaise;
    long volumeTraded;
    long totalBuyQty;
    long totalSellQty;
    long openPricePaise;
    long highPricePaise;
    long lowPricePaise;
    long closePricePaise;
    long lastTradeTimeS;
    long oi;
    long oiDayHigh;
    long oiDayLow;
    long exchangeTimeS;
    long timestampNs;
    int bidLevels;
    int askLevels;
    final long[] bidPricePaise = new long[DEPTH_LEVELS];
    final long[] bidQty = new long[DEPTH_LEVELS];
    final int[] bidOrders = new int[DEPTH_LEVELS];
    final long[] askPricePaise = new long[DEPTH_LEVELS];
    final long[] askQty = new long[DEPTH_LEVELS];
    final int[] askOrders = new int[DEPTH_LEVELS];

    /** Positions in this instrument, so a tick marks them to market without a search. */
    final ArrayList<Position> positions = new ArrayList<>(16);

    Instrument(final int id)
    {
        this.id = id;
    }

    public int id()
    {
        return id;
    }

    public long token()
    {
        return token;
    }

    public Exchange exchange()
    {
        return exchange;
    }

    public Segment segment()
    {
        return segment;
    }

    public long tickSizePaise()
    {
        return tickSizePaise;
    }

    public int lotSize()
    {
        return lotSize;
    }

    public int multiplier()
    {
        return multiplier;
    }

    public long lastPricePaise()
    {
        return lastPricePaise;
    }

    public long volumeTraded()
    {
        return volumeTraded;
    }

    public long openPricePaise()
    {
        return openPricePaise;
    }

    public long highPricePaise()
    {
        return highPricePaise;
    }

    public long lowPricePaise()
    {
        return lowPricePaise;
    }

    public long closePricePaise()
    {
        return closePricePaise;
    }

    public long oi()
    {
        return oi;
    }

    public long exchangeTimeS()
    {
        return exchangeTimeS;
    }

    public int bidLevels()
    {
        return bidLevels;
    }

    public long bidPricePaise(final int level)
    {
        return bidPricePaise[level];
    }

    public long askPricePaise(final int level)
    {
        return askPricePaise[level];
    }

    boolean isTradable()
    {
        return segment != Segment.INDICES && instrumentType != InstrumentType.INDEX;
    }

    void removePosition(final Position position)
    {
        final int i = positions.indexOf(position);
        if (i >= 0)
        {
            ArrayListUtil.fastUnorderedRemove(positions, i);
        }
    }

    long hash(final long h)
    {
        long r = StateHash.mix(h, id);
        r = StateHash.mix(r, token);
        r = StateHash.mix(r, exchange.value());
        r = StateHash.mix(r, segment.value());
        r = StateHash.mix(r, tickSizePaise);
        r = StateHash.mix(r, lotSize);
        r = StateHash.mix(r, freezeQty);
        r = StateHash.mix(r, multiplier);
        r = StateHash.mix(r, tradingsymbol);
        r = StateHash.mix(r, lastPricePaise);
        r = StateHash.mix(r, lastTradedQty);
        r = StateHash.mix(r, averageTradedPricePaise);
        r = StateHash.mix(r, volumeTraded);
        r = StateHash.mix(r, totalBuyQty);
        r = StateHash.mix(r, totalSellQty);
        r = StateHash.mix(r, openPricePaise);
        r = StateHash.mix(r, highPricePaise);
        r = StateHash.mix(r, lowPricePaise);
        r = StateHash.mix(r, closePricePaise);
        r = StateHash.mix(r, lastTradeTimeS);
        r = StateHash.mix(r, oi);
        r = StateHash.mix(r, oiDayHigh);
        r = StateHash.mix(r, oiDayLow);
        r = StateHash.mix(r, exchangeTimeS);
        r = StateHash.mix(r, timestampNs);
        r = StateHash.mix(r, bidLevels);
        r = StateHash.mix(r, askLevels);
        for (int i = 0; i < DEPTH_LEVELS; i++)
        {
            r = StateHash.mix(r, bidPricePaise[i]);
            r = StateHash.mix(r, bidQty[i]);
            r = StateHash.mix(r, bidOrders[i]);
            r = StateHash.mix(r, askPricePaise[i]);
            r = StateHash.mix(r, askQty[i]);
            r = StateHash.mix(r, askOrders[i]);
        }
        return r;
    }
}
