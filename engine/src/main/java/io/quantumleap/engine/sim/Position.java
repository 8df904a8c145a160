package io.quantumleap.engine.sim;

/**
 * A day position per instrument and product, kept as Kite keeps it: buy and sell quantities and values
 * (PROTOCOL.md section B.3). The running sums are price x quantity in the instrument's price unit; values and
 * P&amp;L come out in paise with the contract multiplier. Owned by the simulator thread.
 */
final class Position
{
    final Instrument instrument;
    final String product;
    long buyQty;
    long buyValueUnits;
    long sellQty;
    long sellValueUnits;

    Position(final Instrument instrument, final String product)
    {
        this.instrument = instrument;
        this.product = product;
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

    double buyPrice()
    {
        return buyQty == 0 ? 0 : (double)buyValueUnits / buyQty / instrument.unitsPerRupee;
    }

    double sellPrice()
    {
        return sellQty == 0 ? 0 : (double)sellValueUnits / sellQty / instrument.unitsPerRupee;
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

    long buyValuePaise()
    {
        return instrument.moneyPaise(buyValueUnits);
    }

    long sellValuePaise()
    {
        return instrument.moneyPaise(sellValueUnits);
    }

    /** value = sell_value - buy_value, in paise. */
    long valuePaise()
    {
        return instrument.moneyPaise(sellValueUnits - buyValueUnits);
    }

    /** pnl = value + quantity x last_price x multiplier, in paise. */
    long pnlPaise(final long lastPricePaise)
    {
        return instrument.moneyPaise(sellValueUnits - buyValueUnits + quantity() * lastPricePaise);
    }
}
