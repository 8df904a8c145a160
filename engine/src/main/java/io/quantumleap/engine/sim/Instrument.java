package io.quantumleap.engine.sim;

import io.quantumleap.engine.kite.ticker.KiteTickerProtocol;

/**
 * One row of the simulated instrument dump. Immutable. Every price of an instrument (the fields and variables
 * named {@code ...Paise} across the simulator) is an integer in its segment's ticker unit, as the wire carries it:
 * paise (1/100 rupee) everywhere except CDS, where it is 1/10^7 rupee (PROTOCOL.md D.7). Money (margins, position
 * values, P&amp;L) is always in paise; {@link #moneyPaise(long)} converts price x quantity into it with the
 * contract multiplier.
 */
final class Instrument
{
    static final int SEGMENT_NSE = KiteTickerProtocol.SEGMENT_NSE;
    static final int SEGMENT_NFO = KiteTickerProtocol.SEGMENT_NFO;
    static final int SEGMENT_CDS = KiteTickerProtocol.SEGMENT_CDS;
    static final int SEGMENT_BSE = KiteTickerProtocol.SEGMENT_BSE;
    static final int SEGMENT_BFO = KiteTickerProtocol.SEGMENT_BFO;
    static final int SEGMENT_MCX = KiteTickerProtocol.SEGMENT_MCX;
    static final int SEGMENT_INDICES = KiteTickerProtocol.SEGMENT_INDICES;

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
    final long multiplier;
    final long unitsPerRupee;
    private final long lowerLimitPaise;
    private final long upperLimitPaise;

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
        final Instrument underlying,
        final long multiplier,
        final long closeEpochDay,
        final long tradingEpochDay)
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
        this.multiplier = multiplier;
        this.unitsPerRupee = KiteTickerProtocol.priceDivisor(token);
        final long[] limits = circuitLimitsPaise(closePaise, underlying == null ? 0 : underlying.closePaise,
            closeEpochDay, tradingEpochDay);
        this.lowerLimitPaise = limits[0];
        this.upperLimitPaise = limits[1];
    }

    /**
     * @param closePaise           the close before the session.
     * @param underlyingClosePaise the underlying's close before it (options).
     * @param closeEpochDay        the day of that close.
     * @param tradingEpochDay      the session's day.
     * @return the lower and upper circuit limits of the session.
     */
    long[] circuitLimitsPaise(
        final long closePaise, final long underlyingClosePaise, final long closeEpochDay, final long tradingEpochDay)
    {
        if (isOption() && underlying != null)
        {
            // NSE derives an option's band from its underlying's (MARKET.md: delta-based): here the option's price
            // with the underlying at either end of a futures band of 10%, the lower limit with the time left on the
            // trading day, the upper with the time left at the close, so a move of the underlying within its band
            // never pins the option at a limit.
            final long under = underlyingClosePaise;
            final boolean call = "CE".equals(instrumentType);
            final long adverse = call ? under - under / 10 : under + under / 10;
            final long favourable = call ? under + under / 10 : under - under / 10;
            return new long[] {
                Math.max(tickPaise, Math.min(closePaise, OptionPricing.pricePaise(adverse, strikePaise, call,
                    expiryEpochDay - tradingEpochDay, tickPaise))),
                Math.max(closePaise, OptionPricing.pricePaise(favourable, strikePaise, call,
                    expiryEpochDay - closeEpochDay, tickPaise)) };
        }
        return new long[] {
            roundToTick(closePaise - closePaise * rangePercent() / 100, tickPaise),
            roundToTick(closePaise + closePaise * rangePercent() / 100, tickPaise) };
    }

    int segmentCode()
    {
        return (int)(token & 0xFF);
    }

    boolean isIndex()
    {
        return segmentCode() == SEGMENT_INDICES;
    }

    /** NFO, BFO, CDS and MCX contracts: NRML or MIS, never CNC. */
    boolean isDerivative()
    {
        final int segment = segmentCode();
        return segment == SEGMENT_NFO || segment == SEGMENT_BFO || segment == SEGMENT_CDS || segment == SEGMENT_MCX;
    }

    /** NSE and BSE cash equities. */
    boolean isEquity()
    {
        final int segment = segmentCode();
        return segment == SEGMENT_NSE || segment == SEGMENT_BSE;
    }

    boolean isCurrency()
    {
        return segmentCode() == SEGMENT_CDS;
    }

    boolean isCommodity()
    {
        return segmentCode() == SEGMENT_MCX;
    }

    /** BSE cash and BSE derivatives, where SL-M orders are withdrawn (MARKET.md section 6). */
    boolean isBse()
    {
        final int segment = segmentCode();
        return segment == SEGMENT_BSE || segment == SEGMENT_BFO;
    }

    /** Index options (NIFTY, BANKNIFTY, SENSEX, ...): the underlying is an index. */
    boolean isIndexOption()
    {
        return isOption() && underlying != null && underlying.isIndex();
    }

    /** @return a price in this instrument's unit as rupees, for JSON and CSV. */
    double rupees(final long units)
    {
        return (double)units / unitsPerRupee;
    }

    /** @return a price in this instrument's unit as a rupee string for messages, e.g. 1520.05. */
    String priceText(final long units)
    {
        return Double.toString(rupees(units));
    }

    /** @return money in paise for a sum of price x quantity in this instrument's unit, times the multiplier. */
    long moneyPaise(final long priceTimesQty)
    {
        return priceTimesQty * multiplier / (unitsPerRupee / 100);
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
        return lowerLimitPaise;
    }

    long upperLimitPaise()
    {
        return upperLimitPaise;
    }

    private int rangePercent()
    {
        return bandPercent > 0 ? bandPercent : 10;
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
