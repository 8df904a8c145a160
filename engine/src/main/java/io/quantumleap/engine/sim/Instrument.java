package io.quantumleap.engine.sim;

/**
 * One row of the simulated instrument dump. Immutable; prices are in paise (1/100 rupee) for every
 * segment the simulator generates (it generates no currency instruments, whose unit differs).
 */
final class Instrument
{
    static final int SEGMENT_NSE = 1;
    static final int SEGMENT_NFO = 2;
    static final int SEGMENT_INDICES = 9;

    final int index;
    final long token;
    final long exchangeToken;
    final String tradingsymbol;
    final String name;
    final String exchange;
    final String segment;
    final String instrumentType;
    final String expiry;
    final long strikePaise;
    final long tickPaise;
    final int lotSize;
    final long freezeQty;
    final long closePaise;
    final int bandPercent;
    final Instrument underlying;
    final long expiryEpochDay;

    Instrument(
        final int index,
        final long exchangeToken,
        final int segmentCode,
        final String tradingsymbol,
        final String name,
        final String exchange,
        final String segment,
        final String instrumentType,
        final String expiry,
        final long expiryEpochDay,
        final long strikePaise,
        final long tickPaise,
        final int lotSize,
        final long freezeQty,
        final long closePaise,
        final int bandPercent,
        final Instrument underlying)
    {
        this.index = index;
        this.exchangeToken = exchangeToken;
        this.token = exchangeToken * 256 + segmentCode;
        this.tradingsymbol = tradingsymbol;
        this.name = name;
        this.exchange = exchange;
        this.segment = segment;
        this.instrumentType = instrumentType;
        this.expiry = expiry;
        this.expiryEpochDay = expiryEpochDay;
        this.strikePaise = strikePaise;
        this.tickPaise = tickPaise;
        this.lotSize = lotSize;
        this.freezeQty = freezeQty;
        this.closePaise = closePaise;
        this.bandPercent = bandPercent;
        this.underlying = underlying;
    }

    int segmentCode()
    {
        return (int)(token & 0xFF);
    }

    boolean isIndex()
    {
        return segmentCode() == SEGMENT_INDICES;
    }

    boolean isDerivative()
    {
        return "NFO".equals(exchange);
    }

    boolean isOption()
    {
        return "CE".equals(instrumentType) || "PE".equals(instrumentType);
    }

    boolean isFuture()
    {
        return "FUT".equals(instrumentType);
    }

    /**
     * Largest quantity one order may carry: floor(freeze / lot) x lot, or unlimited when no freeze applies.
     */
    long maxOrderQty()
    {
        if (freezeQty <= 0)
        {
            return Long.MAX_VALUE;
        }
        final long lot = Math.max(1, lotSize);
        return (freezeQty / lot) * lot;
    }

    /**
     * Lower circuit limit in paise: the band for banded equities, a 10% operating range otherwise,
     * 40% either side for options (a loose stand-in for limit price protection).
     */
    long lowerLimitPaise()
    {
        return roundToTick(closePaise - closePaise * rangePercent() / 100, tickPaise);
    }

    long upperLimitPaise()
    {
        return roundToTick(closePaise + closePaise * rangePercent() / 100, tickPaise);
    }

    private int rangePercent()
    {
        if (bandPercent > 0)
        {
            return bandPercent;
        }
        return isOption() ? 40 : 10;
    }

    String key()
    {
        return exchange + ":" + tradingsymbol;
    }

    static long roundToTick(final long pricePaise, final long tickPaise)
    {
        if (tickPaise <= 0)
        {
            return pricePaise;
        }
        final long rounded = Math.round((double)pricePaise / tickPaise) * tickPaise;
        return Math.max(tickPaise, rounded);
    }

    public String toString()
    {
        return key() + "(" + token + ")";
    }
}
