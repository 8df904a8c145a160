package io.quantumleap.engine.kite.rest;

import io.quantumleap.engine.protocol.Segment;

import java.util.Map;

/**
 * Kite's position {@code multiplier} of a contract (PROTOCOL.md B.3: value and P&amp;L are quantity x price x
 * multiplier), which the instruments dump does not carry. On Kite, MCX and currency quantities are in lots
 * ({@code lot_size} 1) while prices are per quotation unit, so the multiplier is the lot in quotation units:
 * MCX by commodity (MARKET.md section 3: CRUDEOIL 100 barrels, GOLD 100 x 10 g, ...), every currency pair 1,000
 * (the lot is 1,000 units of the base; JPYINR is quoted per 100 yen with a lot of 100,000 yen). Everything else
 * trades in units: 1.
 */
public final class ContractMultipliers
{
    /** The lot of each MCX commodity in its quotation unit, by the root of its trading symbol. */
    static final Map<String, Integer> MCX = Map.ofEntries(
        Map.entry("GOLD", 100),
        Map.entry("GOLDM", 10),
        Map.entry("GOLDGUINEA", 1),
        Map.entry("GOLDPETAL", 1),
        Map.entry("GOLDTEN", 1),
        Map.entry("SILVER", 30),
        Map.entry("SILVERM", 5),
        Map.entry("SILVERMIC", 1),
        Map.entry("CRUDEOIL", 100),
        Map.entry("CRUDEOILM", 10),
        Map.entry("NATURALGAS", 1_250),
        Map.entry("NATGASMINI", 250),
        Map.entry("COPPER", 2_500),
        Map.entry("ZINC", 5_000),
        Map.entry("ZINCMINI", 1_000),
        Map.entry("LEAD", 5_000),
        Map.entry("LEADMINI", 1_000),
        Map.entry("ALUMINIUM", 5_000),
        Map.entry("ALUMINI", 1_000));
    /** A currency contract's lot, in units of the base currency (or 100s of yen). */
    static final int CURRENCY = 1_000;

    private ContractMultipliers()
    {
    }

    /**
     * @param segment       the instrument's segment.
     * @param tradingsymbol the exchange's symbol, e.g. {@code CRUDEOIL26DECFUT} or {@code CRUDEOIL26DEC6000CE}.
     * @return the multiplier, or 0 for an MCX commodity this table does not know.
     */
    public static int of(final Segment segment, final String tradingsymbol)
    {
        switch (segment)
        {
            case CDS:
            case BCD:
                return CURRENCY;
            case MCX:
                return MCX.getOrDefault(root(tradingsymbol), 0);
            default:
                return 1;
        }
    }

    /** @return the leading letters of a derivative's symbol: its underlying, e.g. {@code CRUDEOIL}. */
    static String root(final String tradingsymbol)
    {
        int end = 0;
        while (end < tradingsymbol.length() && Character.isLetter(tradingsymbol.charAt(end)))
        {
            end++;
        }
        return tradingsymbol.substring(0, end);
    }
}
