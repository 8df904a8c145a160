package io.quantumleap.gateway.runtime;

import io.quantumleap.gateway.live.LiveListener;
import io.quantumleap.gateway.live.OrderView;
import io.quantumleap.gateway.live.PositionView;
import io.quantumleap.gateway.live.TickJson;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

import java.util.function.Consumer;

/**
 * Keeps the market-data feed on every instrument an account holds a position in, whether or not a client watches
 * it, so open positions are marked to the market (P&amp;L, the risk checks' values); gives the instrument back once
 * every position in it is flat. Runs on the thread that applies events; a position event that changes nothing here
 * costs two look-ups and allocates nothing.
 */
final class HeldInstruments implements LiveListener
{
    private static final int PRODUCT_BITS = 3;

    /** By instrument token: the (account, product) pairs with a non-zero quantity in it. */
    private final Long2ObjectHashMap<LongHashSet> holders = new Long2ObjectHashMap<>();
    private final Consumer<long[]> watch;
    private final Consumer<long[]> release;

    /**
     * @param watch   asks the feed for an instrument (one call per instrument newly held).
     * @param release gives it back (one call per instrument no longer held).
     */
    HeldInstruments(final Consumer<long[]> watch, final Consumer<long[]> release)
    {
        this.watch = watch;
        this.release = release;
    }

    @Override
    public void onPosition(final PositionView position)
    {
        final long token = position.instrumentToken();
        final long holder = position.accountId() << PRODUCT_BITS | productCode(position.product());
        LongHashSet held = holders.get(token);
        if (position.quantity() != 0)
        {
            if (held == null)
            {
                held = new LongHashSet();
                holders.put(token, held);
            }
            if (held.add(holder) && held.size() == 1)
            {
                watch.accept(new long[]{token});
            }
        }
        else if (held != null && held.remove(holder) && held.isEmpty())
        {
            holders.remove(token);
            release.accept(new long[]{token});
        }
    }

    /** @return instruments some account holds. */
    int instruments()
    {
        return holders.size();
    }

    private static int productCode(final String product)
    {
        return switch (product)
        {
            case "CNC" -> 1;
            case "NRML" -> 2;
            case "MIS" -> 3;
            case "CO" -> 4;
            case "BO" -> 5;
            case "MTF" -> 6;
            default -> 7;
        };
    }

    @Override
    public void onTick(final long instrumentToken, final TickJson tick)
    {
    }

    @Override
    public void onOrder(final OrderView order)
    {
    }

    @Override
    public void onNotice(final String json)
    {
    }
}
