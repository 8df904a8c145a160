package io.quantumleap.engine.core;

import io.quantumleap.engine.protocol.Exchange;
import io.quantumleap.engine.protocol.InstrumentType;
import io.quantumleap.engine.protocol.Segment;

import java.util.Arrays;

/**
 * Static definition of one instrument and a view of its live market state. Owned by the core thread.
 *
 * <p>Identified inside the core by {@link #id()}, not by its token: Kite reuses tokens after expiry.
 */
public final class Instrument
{
    /** Depth levels kept per side (Kite full mode sends five). */
    public static final int DEPTH_LEVELS = 5;
    /** Market fields in the order the state hash has always visited them. */
    private static final int[] HASHED_FIELDS = {
        MarketImages.LAST_PRICE, MarketImages.LAST_TRADED_QTY, MarketImages.AVERAGE_PRICE, MarketImages.VOLUME,
        MarketImages.TOTAL_BUY_QTY, MarketImages.TOTAL_SELL_QTY, MarketImages.OPEN, MarketImages.HIGH,
        MarketImages.LOW, MarketImages.CLOSE, MarketImages.LAST_TRADE_TIME_S, MarketImages.OI,
        MarketImages.OI_DAY_HIGH, MarketImages.OI_DAY_LOW, MarketImages.EXCHANGE_TIME_S, MarketImages.TIMESTAMP_NS};

    final int id;
    long token;
    Exchange exchange;
    Segment segment;
    InstrumentType instrumentType;
    long tickSizePaise;
    int lotSize;
    long freezeQty;
    int multiplier;
    /**
     * Price units per paisa: 1 where prices are in paise, 100,000 for CDS (1e-7 rupee) and 100 for BCD (1e-4
     * rupee). Money (price x quantity x multiplier) is counted in price units and reported in paise.
     */
    long unitsPerPaisa = 1;
    final byte[] tradingsymbol = new byte[32];

    /** This instrument's live market state: its slot in the core's {@link MarketImages}. */
    private final MarketImages market;
    private final int slot;

    /**
     * Positions in this instrument, so a tick marks them to market without a search; a tick looks here only when
     * the instrument's market slot says it is held (see {@link MarketImages}).
     */
    Position[] positions = new Position[4];
    int positionCount;

    Instrument(final int id, final MarketImages market)
    {
        this.id = id;
        this.market = market;
        slot = MarketImages.slot(id);
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

    /**
     * @param valueUnits an amount of money in this instrument's price unit (price x quantity x multiplier).
     * @return the amount in paise, rounded half away from zero.
     */
    public long paise(final long valueUnits)
    {
        final long per = unitsPerPaisa;
        if (per == 1)
        {
            return valueUnits;
        }
        final long half = per / 2;
        return valueUnits >= 0 ? (valueUnits + half) / per : -((half - valueUnits) / per);
    }

    /** Price units per paisa for a segment's prices: 1 but for the currency segments. */
    static long unitsPerPaisa(final Segment segment)
    {
        return segment == Segment.CDS ? 100_000 : segment == Segment.BCD ? 100 : 1;
    }

    public int multiplier()
    {
        return multiplier;
    }

    public long lastPricePaise()
    {
        return market.getLong(slot, MarketImages.LAST_PRICE);
    }

    public long volumeTraded()
    {
        return market.getLong(slot, MarketImages.VOLUME);
    }

    public long openPricePaise()
    {
        return market.getLong(slot, MarketImages.OPEN);
    }

    public long highPricePaise()
    {
        return market.getLong(slot, MarketImages.HIGH);
    }

    public long lowPricePaise()
    {
        return market.getLong(slot, MarketImages.LOW);
    }

    public long closePricePaise()
    {
        return market.getLong(slot, MarketImages.CLOSE);
    }

    public long oi()
    {
        return market.getLong(slot, MarketImages.OI);
    }

    public long exchangeTimeS()
    {
        return market.getLong(slot, MarketImages.EXCHANGE_TIME_S);
    }

    public int bidLevels()
    {
        return market.bidLevels(slot);
    }

    public int askLevels()
    {
        return market.askLevels(slot);
    }

    /** @return the bid's price at a level, 0 beyond the levels sent. */
    public long bidPricePaise(final int level)
    {
        return market.bid(slot, level, 0);
    }

    /** @return the ask's price at a level, 0 beyond the levels sent. */
    public long askPricePaise(final int level)
    {
        return market.ask(slot, level, 0);
    }

    boolean isTradable()
    {
        return segment != Segment.INDICES && instrumentType != InstrumentType.INDEX;
    }

    void addPosition(final Position position)
    {
        if (positionCount == positions.length)
        {
            positions = Arrays.copyOf(positions, positionCount * 2);
        }
        positions[positionCount++] = position;
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
        r = StateHash.mix(r, unitsPerPaisa);
        r = StateHash.mix(r, tradingsymbol);
        final MarketImages m = market;
        for (final int field : HASHED_FIELDS)
        {
            r = StateHash.mix(r, m.getLong(slot, field));
        }
        r = StateHash.mix(r, m.bidLevels(slot));
        r = StateHash.mix(r, m.askLevels(slot));
        for (int i = 0; i < DEPTH_LEVELS; i++)
        {
            r = StateHash.mix(r, m.bid(slot, i, 0));
            r = StateHash.mix(r, m.bid(slot, i, 8));
            r = StateHash.mix(r, m.bid(slot, i, 16));
            r = StateHash.mix(r, m.ask(slot, i, 0));
            r = StateHash.mix(r, m.ask(slot, i, 8));
            r = StateHash.mix(r, m.ask(slot, i, 16));
        }
        return r;
    }
}
