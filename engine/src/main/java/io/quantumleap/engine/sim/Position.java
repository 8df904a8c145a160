package io.quantumleap.engine.sim;

/**
 * A day position per instrument and product, kept as Kite keeps it: buy and sell quantities and values
 * (PROTOCOL.md section B.3). Values are in paise. Owned by the simulator thread.
 */
final class Position
{
    final Instrument instrument;
    final String product;
    long buyQty;
    long buyValuePaise;
    long sellQty;
    long sellValuePaise;

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
            buyValuePaise += qty * pricePaise;
        }
        else
        {
            sellQty += qty;
            sellValuePaise += qty * pricePaise;
        }
    }

    double buyPrice()
    {
        return buyQty == 0 ? 0 : (double)buyValuePaise / buyQty / 100.0;
    }

    double sellPrice()
    {
        return sellQty == 0 ? 0 : (double)sellValuePaise / sellQty / 100.0;
    }

    double averagePrice()
    {
        final long qty = quantity();
        if (qty > 0)
        {
            return buyPrice();
        }
        if (qty < 0)
        {
            return sellPrice();
        }
        return 0;
    }

    /** value = sell_value - buy_value, in paise. */
    long valuePaise()
    {
        return sellValuePaise - buyValuePaise;
    }

    /** pnl = value + quantity x last_price x multiplier, in paise. */
    long pnlPaise(final long lastPricePaise)
    {
        return valuePaise() + quantity() * lastPricePaise;
    }
}
