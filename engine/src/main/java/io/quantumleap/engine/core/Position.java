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
 *
 * <p>Values are summed in the instrument's price unit (exact for every segment) and reported in paise
 * ({@link Instrument#paise}): the same number for all but the currency segments, whose prices are in 1e-7 (CDS) or
 * 1e-4 (BCD) rupee.
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
    long buyValue;
    long sellQty;
    long sellValue;
    long dayBuyQty;
    long dayBuyValue;
    long daySellQty;
    long daySellValue;
    long openCost;
    long pendingBuyQty;
    long pendingSellQty;
    long lastPnlPaise;
    long lastM2mPaise;
    /** Time of the command that last filled this position (the engine's clock), 0 before any. */
    long lastFillNs;

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
            buyValue += qty * averagePricePaise * mult;
        }
        else if (qty < 0)
        {
            sellQty += -qty;
            sellValue += -qty * averagePricePaise * mult;
        }
        applyToOpenCost(qty, averagePricePaise * mult);
    }

    /** @param timestampNs of the command that filled it, kept as {@link #lastFillNs}. */
    void fill(final boolean buy, final long qty, final long pricePaise, final long timestampNs)
    {
        lastFillNs = timestampNs;
        final long unitValue = pricePaise * instrument.multiplier;
        final long value = qty * unitValue;
        if (buy)
        {
            buyQty += qty;
            buyValue += value;
            dayBuyQty += qty;
            dayBuyValue += value;
            applyToOpenCost(qty, unitValue);
        }
        else
        {
            sellQty += qty;
            sellValue += value;
            daySellQty += qty;
            daySellValue += value;
            applyToOpenCost(-qty, unitValue);
        }
    }

    /**
     * Moves {@code qty} of this position's bought (or sold) quantity to {@code to}, as the broker's position
     * conversion does: the day's trades at their average price, or the overnight carry at its price, each with its
     * share of this position's open cost, so the two positions' P&amp;L (realised and unrealised) sums to what it
     * was. The caller has checked that this position holds that much, open, on that side.
     */
    void convertTo(final Position to, final boolean buy, final long qty, final boolean overnight)
    {
        final long signedQty = buy ? qty : -qty;
        final long value;
        if (overnight)
        {
            value = qty * overnightPricePaise * instrument.multiplier;
            to.overnightPricePaise = to.overnightQty == 0 ? overnightPricePaise :
                carryPrice(to.overnightQty, to.overnightPricePaise, signedQty, overnightPricePaise);
            overnightQty -= signedQty;
            to.overnightQty += signedQty;
            to.overnightSet = true;
        }
        else if (buy)
        {
            value = share(dayBuyValue, qty, dayBuyQty);
            dayBuyQty -= qty;
            dayBuyValue -= value;
            to.dayBuyQty += qty;
            to.dayBuyValue += value;
        }
        else
        {
            value = share(daySellValue, qty, daySellQty);
            daySellQty -= qty;
            daySellValue -= value;
            to.daySellQty += qty;
            to.daySellValue += value;
        }
        final long cost = share(openCost, qty, Math.abs(qty()));
        if (buy)
        {
            buyQty -= qty;
            buyValue -= value;
            to.buyQty += qty;
            to.buyValue += value;
        }
        else
        {
            sellQty -= qty;
            sellValue -= value;
            to.sellQty += qty;
            to.sellValue += value;
        }
        openCost -= cost;
        to.addOpenCost(signedQty, cost);
        to.heldFromEarlierSession |= heldFromEarlierSession;
    }

    /**
     * {@code total x part / whole} without overflowing, rounded to the nearest unit (half away from zero): a share
     * rounded one way and the rest the other would leave a paisa of realised P&amp;L that no trade made.
     */
    private static long share(final long total, final long part, final long whole)
    {
        return total / whole * part + nearest(total % whole * part, whole);
    }

    /** {@code n / d} for {@code d > 0}, rounded to the nearest whole number, half away from zero. */
    private static long nearest(final long n, final long d)
    {
        return n >= 0 ? (n + d / 2) / d : -((-n + d / 2) / d);
    }

    /** The average price of two overnight quantities taken together (the larger one's when they net out). */
    private static long carryPrice(final long qtyA, final long priceA, final long qtyB, final long priceB)
    {
        if (Long.signum(qtyA) == Long.signum(qtyB))
        {
            return (qtyA * priceA + qtyB * priceB) / (qtyA + qtyB);
        }
        return Math.abs(qtyA) >= Math.abs(qtyB) ? priceA : priceB;
    }

    private void applyToOpenCost(final long signedQty, final long unitValue)
    {
        addOpenCost(signedQty, signedQty * unitValue);
    }

    /**
     * Adds {@code signedQty} opened at {@code signedCost} (negative for a sale) to the open cost; the totals already
     * hold the quantity. Quantity that closes open quantity of the other side takes its share of that side's cost
     * out; quantity past it opens at its own share of {@code signedCost}.
     */
    private void addOpenCost(final long signedQty, final long signedCost)
    {
        final long before = qty() - signedQty;
        if (before == 0 || Long.signum(before) == Long.signum(signedQty))
        {
            openCost += signedCost;
        }
        else
        {
            final long absBefore = Math.abs(before);
            final long absDelta = Math.abs(signedQty);
            if (absDelta <= absBefore)
            {
                final long remaining = absBefore - absDelta;
                openCost = share(openCost, remaining, absBefore);
            }
            else
            {
                openCost = share(signedCost, absDelta - absBefore, absDelta);
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
        return instrument.paise(buyValue);
    }

    public long sellValuePaise()
    {
        return instrument.paise(sellValue);
    }

    public long dayBuyValuePaise()
    {
        return instrument.paise(dayBuyValue);
    }

    public long daySellValuePaise()
    {
        return instrument.paise(daySellValue);
    }

    public long valuePaise()
    {
        return sellValuePaise() - buyValuePaise();
    }

    public long pnlPaise()
    {
        return valuePaise() + marketValuePaise();
    }

    public long m2mPaise()
    {
        final long close = instrument.closePricePaise() != 0 ? instrument.closePricePaise() : overnightPricePaise;
        return daySellValuePaise() - dayBuyValuePaise() + marketValuePaise() -
            instrument.paise(overnightQty * close * instrument.multiplier);
    }

    public long unrealisedPaise()
    {
        return marketValuePaise() - instrument.paise(openCost);
    }

    public long realisedPaise()
    {
        return pnlPaise() - unrealisedPaise();
    }

    /** The open quantity at the last price: {@code qty x last x multiplier}, in paise. */
    private long marketValuePaise()
    {
        return instrument.paise(qty() * instrument.lastPricePaise() * instrument.multiplier);
    }

    /** Average price of the open quantity, rounded to the nearest unit; 0 when flat. */
    public long averagePricePaise()
    {
        final long units = qty() * instrument.multiplier;
        return units == 0 ? 0 : units > 0 ? nearest(openCost, units) : nearest(-openCost, -units);
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
        r = StateHash.mix(r, buyValue);
        r = StateHash.mix(r, sellQty);
        r = StateHash.mix(r, sellValue);
        r = StateHash.mix(r, dayBuyQty);
        r = StateHash.mix(r, dayBuyValue);
        r = StateHash.mix(r, daySellQty);
        r = StateHash.mix(r, daySellValue);
        r = StateHash.mix(r, openCost);
        r = StateHash.mix(r, lastFillNs);
        r = StateHash.mix(r, pendingBuyQty);
        r = StateHash.mix(r, pendingSellQty);
        r = StateHash.mix(r, lastPnlPaise);
        return StateHash.mix(r, lastM2mPaise);
    }
}
