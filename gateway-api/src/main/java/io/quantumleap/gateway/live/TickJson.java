package io.quantumleap.gateway.live;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * One tick encoded for every client that wants it: Kite's tick JSON in the three modes, each wrapped in the
 * WebSocket message {@code {"type":"tick","data":…}}. A tick of a market update keeps the update's fields; its
 * {@link QuoteView} is made the first time something asks for it (a quote request, or a client's mode, which
 * {@link TickEncoder} encodes from it), so modes no client wants and ticks of instruments nobody watches cost only
 * that copy; {@code quote} and {@code full} do not exist when the engine's update carried only a last price.
 *
 * <p>The WebSocket fan-out sends {@link #bytesForMode}: each mode's UTF-8 bytes, made once per tick and shared by
 * every client's frame (never written to after they are made; volatile, as a plain array is not safely published).
 *
 * <p>Read from the live-state thread and the sockets' event loops. Each mode's string and bytes are cached without
 * a lock: two threads racing may both encode them, but they produce equal immutable values (the arrays are never
 * written after publication), so either may win.
 */
public final class TickJson
{
    private final long instrumentToken;
    private final long sequence;
    private final MarketFields fields;
    private final InstrumentView instrument;
    private volatile QuoteView quoteView;
    private final int richestMode;
    private final long receivedNs;
    private final long publishedNs;
    private String ltp;
    private String quote;
    private String full;
    private volatile byte[] ltpBytes;
    private volatile byte[] quoteBytes;
    private volatile byte[] fullBytes;

    /**
     * A tick already encoded.
     *
     * @param instrumentToken the instrument.
     * @param sequence        orders the ticks of an instrument: the journal index of the input it came from.
     * @param ltp             the ltp message.
     * @param quote           the quote message, or null.
     * @param full            the full message, or null.
     * @param receivedNs      when the feed read the tick off its socket (epoch ns, the latency clock).
     * @param publishedNs     when the tick's event reached the gateway, or {@link LiveState#UNMEASURED} for events
     *                        of inputs from before this process started (replayed, not timed).
     */
    public TickJson(
        final long instrumentToken, final long sequence, final String ltp, final String quote, final String full,
        final long receivedNs, final long publishedNs)
    {
        this.instrumentToken = instrumentToken;
        this.sequence = sequence;
        this.fields = null;
        this.instrument = null;
        this.richestMode = full != null ? 3 : quote != null ? 2 : 1;
        this.receivedNs = receivedNs;
        this.publishedNs = publishedNs;
        this.ltp = ltp;
        this.quote = quote;
        this.full = full;
    }

    /**
     * A tick of a market update's fields: its {@link QuoteView} is made when first asked for, by {@link #quoteView}
     * or by encoding a mode, so a tick nobody asks for is only the copy of its fields.
     */
    TickJson(
        final MarketFields fields, final InstrumentView instrument, final int richestMode, final long sequence,
        final long receivedNs, final long publishedNs)
    {
        this.instrumentToken = fields.instrumentToken;
        this.sequence = sequence;
        this.fields = fields;
        this.instrument = instrument;
        this.richestMode = Math.max(1, Math.min(3, richestMode));
        this.receivedNs = receivedNs;
        this.publishedNs = publishedNs;
    }

    /**
     * The tick as Kite's {@code /quote} item, made on first call and kept (two threads racing make equal views;
     * either may win).
     *
     * @return the view, or null for a tick made of encoded messages only.
     */
    public QuoteView quoteView()
    {
        QuoteView view = quoteView;
        if (view == null && fields != null)
        {
            view = QuoteView.of(fields, instrument, receivedNs);
            quoteView = view;
        }
        return view;
    }

    /**
     * The last price in rupees, without making the tick's {@link #quoteView} (an alert's check or a flat position's
     * mark needs nothing else).
     *
     * @return the price, or null for a tick made of encoded messages only.
     */
    public BigDecimal lastPrice()
    {
        return fields == null ? null : Prices.rupees(fields.lastPrice, instrumentToken);
    }

    public long instrumentToken()
    {
        return instrumentToken;
    }

    /** @return orders the ticks of one instrument (higher is newer): the journal index of the input. */
    public long sequence()
    {
        return sequence;
    }

    /** @return when the feed read the tick off its socket (epoch ns, the latency clock). */
    public long receivedNs()
    {
        return receivedNs;
    }

    /** @return when the tick's event reached the gateway, or {@link LiveState#UNMEASURED}. */
    public long publishedNs()
    {
        return publishedNs;
    }

    /** @return true when the tick's path through this process was timed. */
    public boolean measured()
    {
        return publishedNs != LiveState.UNMEASURED;
    }

    /** The richest encoding not above the requested mode: 1 ltp, 2 quote, 3 full. */
    public String forMode(final int mode)
    {
        final int m = Math.min(mode, richestMode);
        if (m >= 3)
        {
            String s = full;
            if (s == null)
            {
                s = TickEncoder.full(quoteView());
                full = s;
            }
            return s;
        }
        if (m == 2)
        {
            String s = quote;
            if (s == null)
            {
                s = TickEncoder.quote(quoteView());
                quote = s;
            }
            return s;
        }
        String s = ltp;
        if (s == null)
        {
            s = TickEncoder.ltp(quoteView());
            ltp = s;
        }
        return s;
    }

    /**
     * The UTF-8 bytes of {@link #forMode}, encoded once per mode and shared: callers must not change them.
     *
     * @param mode 1 ltp, 2 quote, 3 full.
     * @return the message bytes of the richest encoding not above {@code mode}.
     */
    public byte[] bytesForMode(final int mode)
    {
        final int m = Math.min(mode, richestMode);
        if (m >= 3)
        {
            byte[] b = fullBytes;
            if (b == null)
            {
                b = forMode(3).getBytes(StandardCharsets.UTF_8);
                fullBytes = b;
            }
            return b;
        }
        if (m == 2)
        {
            byte[] b = quoteBytes;
            if (b == null)
            {
                b = forMode(2).getBytes(StandardCharsets.UTF_8);
                quoteBytes = b;
            }
            return b;
        }
        byte[] b = ltpBytes;
        if (b == null)
        {
            b = forMode(1).getBytes(StandardCharsets.UTF_8);
            ltpBytes = b;
        }
        return b;
    }
}
