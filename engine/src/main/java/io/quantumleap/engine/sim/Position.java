package io.quantumleap.engine.sim;

/**
 * A net position per instrument and product, kept as Kite keeps it: buy and sell quantities and values
 * (PROTOCOL.md section B.3), which include the carry from earlier days ({@link #overnightQty}) as Kite's {@code net}
 * book does; the day's own buys and sells are the totals less the carry. The running sums are price x quantity in
 * the instrument's price unit; values and P&amp;L come out in paise with the contract multiplier. Owned by the
 * simulator thread.
 */
final class Position
{
    final Instrument instrument;
    final String product;
    long buyQty;
    long buyValueUnits;
    long sellQty;
    long sellValueUnits;
    /** Carried from the earlier day, signed (Kite's {@code overnight_quantity}); 0 for a position of the day only. */
    long overnightQty;
    /** The carry's value: its quantity x its price in the instrument's price unit, not signed. */
    long overnightValueUnits;
    /** The close the carry is marked from ({@link #m2mPaise}): the ended day's, when it was carried. */
    long overnightClosePaise;

    Position(final Instrument instrument, final String product)
    {
        this.instrument = instrument;
        this.product = product;
        this.overnightClosePaise = instrument.closePaise;
    }

    /** @return the key of the position of {@code product} in instrument {@code token} in a broker's book. */
    static String key(final long token, final String product)
    {
        return token + ":" + product;
    }

    long quantity()
    {
        return buyQty - sellQty;
    }

    void fill(final boolean buy, final long qty, final long pricePaise)
    {
        if (buy)
        {
            buyQty += qty;
            buyValueUnits += qty * pricePaise;
        }
        else
        {
            sellQty += qty;
            sellValueUnits += qty * pricePaise;
        }
    }

    /** Adds {@code qty} (signed) carried from an earlier day at {@code priceUnits}, marked from {@code closePaise}. */
    void carry(final long qty, final long priceUnits, final long closePaise)
    {
        overnightClosePaise = closePaise;
        overnightQty += qty;
        overnightValueUnits += Math.abs(qty) * priceUnits;
        fill(qty > 0, Math.abs(qty), priceUnits);
    }

    long dayBuyQty()
    {
        return buyQty - Math.max(0, overnightQty);
    }

    long daySellQty()
    {
        return sellQty - Math.max(0, -overnightQty);
    }

    long dayBuyValueUnits()
    {
        return overnightQty > 0 ? buyValueUnits - overnightValueUnits : buyValueUnits;
    }

    long daySellValueUnits()
    {
        return overnightQty < 0 ? sellValueUnits - overnightValueUnits : sellValueUnits;
    }

    long dayQuantity()
    {
        return dayBuyQty() - daySellQty();
    }

    boolean tradedToday()
    {
        return dayBuyQty() != 0 || daySellQty() != 0;
    }

    /** Average price of the open quantity in the instrument's price unit (not rounded), 0 when flat. */
    double averagePriceUnits()
    {
        final long qty = quantity();
        if (qty > 0)
        {
            return (double)buyValueUnits / buyQty;
        }
        if (qty < 0)
        {
            return (double)sellValueUnits / sellQty;
        }
        return 0;
    }

    /**
     * m2m = the day's sell value - the day's buy value + quantity x last_price x multiplier - the carry x close x
     * multiplier, in paise: the carry is marked from the previous close ({@link #overnightClosePaise}), not from its
     * price.
     */
    long m2mPaise(final long lastPricePaise)
    {
        return instrument.moneyPaise(daySellValueUnits() - dayBuyValueUnits() + quantity() * lastPricePaise -
            overnightQty * overnightClosePaise);
    }
}
