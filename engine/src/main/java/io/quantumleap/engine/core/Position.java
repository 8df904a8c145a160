package io.quantumleap.engine.core;

import io.quantumleap.engine.protocol.Product;

/**
 * One (account, instrument, product) position with Kite's arithmetic (PROTOCOL.md B.3). Owned by the core thread.
 *
 * <p>Totals include the overnight carry, as Kite's {@code net} book does: {@code qty = buyQty - sellQty},
 * {@code value = sellValue - buyValue}, {@code pnl = value + qty x last x multiplier},
 * {@code m2m = daySellValue - dayBuyValue + qty x last x multiplier - overnightQty x close x multiplier}.
 * {@code openCost} is the signed cost of the open quantity (weighted average), so
 * {@code unrealised = qty x last x multiplier - openCost} and {@code realised = pnl - unrealised} hold exactly.
 */
public final class Position
{
    Account account;
    Instrument instrument;
    Product product;

    long overnightQty;
    long overnightPricePaise;
    boolean overnightSet;
    /**
     * The engine has held this position since an earlier trading session of its own (it ran across a day's end): its
     * totals already carry what the broker would report as the overnight position.
     */
    boolean heldFromEarlierSession;
    long buyQty;
    long buyValuePaise;
    long sellQty;
    long sellValuePaise;
    long dayBuyQty;
    long dayBuyValuePaise;
    long daySellQty;
    long daySellValuePaise;
    long openCostPaise;
    long pendingBuyQty;
    long pendingSellQty;
    long lastPnlPaise;
    long lastM2mPaise;

    Position()
    {
    }

    Position init(final Account account, final Instrument instrument, final Product product)
    {
        this.account = account;
        this.instrument = instrument;
        this.product = product;
        return this;
    }

    /** Sets the carry-forward position; the day's totals start from it. */
    void setOvernight(final long qty, final long averagePricePaise)
    {
        final long mult = instrument.multiplier;
        overnightQty = qty;
        overnightPricePaise = averagePricePaise;
        overnightSet = true;
        if (qty > 0)
        {
            buyQty += qty;
            buyValuePaise += qty * averagePricePaise * mult;
        }
        else if (qty < 0)
        {
            sellQty += -qty;
            sellValuePaise += -qty * averagePricePaise * mult;
        }
        applyToOpenCost(qty, averagePricePaise * mult);
    }

    void fill(final boolean buy, final long qty, final long pricePaise)
    {
        final long unitValue = pricePaise * instrument.multiplier;
        final long value = qty * unitValue;
        if (buy)
        {
            buyQty += qty;
            buyValuePaise += value;
            dayBuyQty += qty;
            dayBuyValuePaise += value;
            applyToOpenCost(qty, unitValue);
        }
        else
        {
            sellQty += qty;
            sellValuePaise += value;
            daySellQty += qty;
            daySellValuePaise += value;
            applyToOpenCost(-qty, unitValue);
        }
    }

    private void applyToOpenCost(final long signedQty, final long unitValue)
    {
        final long before = qty() - signedQty;
        if (before == 0 || Long.signum(before) == Long.signum(signedQty))
        {
            openCostPaise += signedQty * unitValue;
        }
        else
        {
            final long absBefore = Math.abs(before);
            final long absDelta = Math.abs(signedQty);
            if (absDelta <= absBefore)
            {
                final long remaining = absBefore - absDelta;
                openCostPaise = openCostPaise / absBefore * remaining + openCostPaise % absBefore * remaining / absBefore;
            }
            else
            {
                openCostPaise = (signedQty + before) * unitValue;
            }
        }
    }

    public long qty()
    {
        return buyQty - sellQty;
    }

    public long overnightQty()
    {
        return overnightQty;
    }

    public long buyQty()
    {
        return buyQty;
    }

    public long sellQty()
    {
        return sellQty;
    }

    public long buyValuePaise()
    {
        return buyValuePaise;
    }

    public long sellValuePaise()
    {
        return sellValuePaise;
    }

    public long valuePaise()
    {
        return sellValuePaise - buyValuePaise;
    }

    public long pnlPaise()
    {
        return valuePaise() + qty() * instrument.lastPricePaise() * instrument.multiplier;
    }

    public long m2mPaise()
    {
        final long mult = instrument.multiplier;
        return daySellValuePaise - dayBuyValuePaise + qty() * instrument.lastPricePaise() * mult -
            overnightQty * (instrument.closePricePaise() != 0 ? instrument.closePricePaise() : overnightPricePaise) * mult;
    }

    public long unrealisedPaise()
    {
        return qty() * instrument.lastPricePaise() * instrument.multiplier - openCostPaise;
    }

    public long realisedPaise()
    {
        return pnlPaise() - unrealisedPaise();
    }

    /** Average price of the open quantity, rounded toward zero; 0 when flat. */
    public long averagePricePaise()
    {
        final long q = qty();
        return q == 0 ? 0 : openCostPaise / (q * instrument.multiplier);
    }

    public Product product()
    {
        return product;
    }

    public Instrument instrument()
    {
        return instrument;
    }

    long hash(final long h)
    {
        long r = StateHash.mix(h, account.accountId);
        r = StateHash.mix(r, instrument.id);
        r = StateHash.mix(r, product.value());
        r = StateHash.mix(r, overnightQty);
        r = StateHash.mix(r, overnightPricePaise);
        r = StateHash.mix(r, heldFromEarlierSession ? 1 : 0);
        r = StateHash.mix(r, buyQty);
        r = StateHash.mix(r, buyValuePaise);
        r = StateHash.mix(r, sellQty);
        r = StateHash.mix(r, sellValuePaise);
        r = StateHash.mix(r, dayBuyQty);
        r = StateHash.mix(r, dayBuyValuePaise);
        r = StateHash.mix(r, daySellQty);
        r = StateHash.mix(r, daySellValuePaise);
        r = StateHash.mix(r, openCostPaise);
        r = StateHash.mix(r, pendingBuyQty);
        r = StateHash.mix(r, pendingSellQty);
        r = StateHash.mix(r, lastPnlPaise);
        return StateHash.mix(r, lastM2mPaise);
    }
}
