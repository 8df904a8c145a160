package io.quantumleap.engine.kite.rest;

import io.quantumleap.engine.protocol.Segment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The most one order may carry, which Kite's instruments dump does not say (PROTOCOL.md B.6): the exchange's freeze
 * quantity of each index's futures and options (MARKET.md section 4), and Kite's RMS limit of 1,00,000 shares on a
 * stock order (MARKET.md section 6, Kite RMS pre-checks). Kite refuses an order above it before the exchange, so the
 * core refuses it too ({@code FREEZE_QUANTITY}), and the gateway's autoslice splits one into orders of at most
 * floor(freeze / lot) x lot.
 *
 * <p>Exchanges set the index freeze quantities again every month, so the defaults below (those of 1 July 2026) can be
 * changed without a build: {@value #ENV_NAME}, e.g. {@code BANKNIFTY=900,FINNIFTY=1200}, sets an underlying's freeze
 * quantity ({@code 0} takes its check away). A stock's futures and options have no entry unless one is set this way:
 * the broker refuses an order above theirs with its reason.
 */
public final class FreezeLimits
{
    /** Environment variable of the changes to the defaults. */
    public static final String ENV_NAME = "QLEAP_FREEZE_LIMITS";
    /** Kite's RMS limit on a stock order, in shares. */
    public static final long EQUITY_MAX_QTY = 100_000;
    /** The index freeze quantities of 1 July 2026 (MARKET.md section 4), by the underlying's name in the dump. */
    static final Map<String, Long> INDEX_DEFAULTS = Map.of(
        "NIFTY", 1_800L,
        "BANKNIFTY", 600L,
        "FINNIFTY", 1_800L,
        "MIDCPNIFTY", 2_800L,
        "NIFTYNXT50", 600L,
        "SENSEX", 1_000L,
        "BANKEX", 900L);
    /** The most a freeze quantity set by {@value #ENV_NAME} may be. */
    static final long MAX_FREEZE_QTY = 100_000_000L;

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9&-]{0,31}");
    private static final FreezeLimits DEFAULTS = new FreezeLimits(INDEX_DEFAULTS);

    private final Map<String, Long> byUnderlying;

    private FreezeLimits(final Map<String, Long> byUnderlying)
    {
        this.byUnderlying = Collections.unmodifiableMap(new LinkedHashMap<>(byUnderlying));
    }

    /** @return the defaults, without changes. */
    public static FreezeLimits defaults()
    {
        return DEFAULTS;
    }

    /**
     * @param changes {@code UNDERLYING=QTY} pairs separated by commas (blank: none), as {@value #ENV_NAME} takes them.
     * @return the defaults with these changes.
     * @throws IllegalArgumentException naming the first pair that is not one.
     */
    public static FreezeLimits withChanges(final String changes)
    {
        if (changes == null || changes.isBlank())
        {
            return DEFAULTS;
        }
        final Map<String, Long> limits = new LinkedHashMap<>(INDEX_DEFAULTS);
        for (final String pair : changes.split(",", -1))
        {
            final int equals = pair.indexOf('=');
            final String name = equals < 0 ? "" : pair.substring(0, equals).trim().toUpperCase(Locale.ROOT);
            final String qty = equals < 0 ? "" : pair.substring(equals + 1).trim();
            if (!NAME.matcher(name).matches() || !qty.matches("[0-9]{1,9}") || Long.parseLong(qty) > MAX_FREEZE_QTY)
            {
                throw new IllegalArgumentException(ENV_NAME + " '" + changes + "': '" + pair.trim() + "' is not " +
                    "UNDERLYING=QUANTITY (an underlying as the instruments dump names it, e.g. BANKNIFTY, and a " +
                    "whole number of units from 0 to " + MAX_FREEZE_QTY + "; 0 takes its check away), pairs " +
                    "separated by commas: BANKNIFTY=900,FINNIFTY=1200");
            }
            limits.put(name, Long.parseLong(qty));
        }
        return new FreezeLimits(limits);
    }

    /**
     * @param segment       the instrument's segment.
     * @param tradingsymbol its symbol, e.g. {@code NIFTY26DECFUT}, {@code BANKNIFTY26D0952000CE} or {@code INFY}.
     * @return its freeze quantity in units (shares, or the contract's units), or 0 when none is known.
     */
    public long freezeQty(final Segment segment, final String tradingsymbol)
    {
        return switch (segment)
        {
            case NSE, BSE -> EQUITY_MAX_QTY;
            case NFO, BFO -> byUnderlying.getOrDefault(underlying(tradingsymbol), 0L);
            default -> 0;
        };
    }

    /**
     * @param freezeQty a freeze quantity, 0 when none.
     * @param lotSize   the instrument's lot, 0 or 1 when it trades in units.
     * @return the most one order may carry, floor(freeze / lot) x lot (MARKET.md section 4), which is 0 when the
     *     freeze quantity is less than a lot; {@link Long#MAX_VALUE} when there is no freeze quantity.
     */
    public static long maxOrderQty(final long freezeQty, final long lotSize)
    {
        if (freezeQty <= 0)
        {
            return Long.MAX_VALUE;
        }
        final long lot = Math.max(1, lotSize);
        return freezeQty / lot * lot;
    }

    /**
     * @return the longest name with an entry that the symbol starts with, followed by its expiry's digits (so
     *     {@code NIFTYNXT5026DECFUT} is NIFTYNXT50's, not NIFTY's); else the empty string.
     */
    String underlying(final String tradingsymbol)
    {
        String best = "";
        for (final String name : byUnderlying.keySet())
        {
            if (name.length() > best.length() && tradingsymbol.length() > name.length() &&
                tradingsymbol.startsWith(name) && Character.isDigit(tradingsymbol.charAt(name.length())))
            {
                best = name;
            }
        }
        return best;
    }

    @Override
    public String toString()
    {
        return byUnderlying.toString();
    }
}
