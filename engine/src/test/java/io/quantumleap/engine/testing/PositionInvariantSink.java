package io.quantumleap.engine.testing;

import io.quantumleap.engine.protocol.FillEventDecoder;
import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.protocol.PositionEventDecoder;
import io.quantumleap.engine.protocol.Side;
import io.quantumleap.engine.spi.EventSink;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks Kite's position arithmetic on every PositionEvent and sums FillEvents per (account, token, product), then
 * forwards each event to a delegate. Records violations instead of throwing, since it runs on the core thread.
 */
public final class PositionInvariantSink implements EventSink
{
    private final EventSink delegate;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final FillEventDecoder fill = new FillEventDecoder();
    private final PositionEventDecoder position = new PositionEventDecoder();
    private final Long2ObjectHashMap<long[]> fillsAndOvernight = new Long2ObjectHashMap<>();
    private final List<String> violations = new ArrayList<>();
    private long positionEvents;
    private long fillEvents;

    public PositionInvariantSink(final EventSink delegate)
    {
        this.delegate = delegate;
    }

    @Override
    public void onEvent(final long inputSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        if (header.templateId() == FillEventDecoder.TEMPLATE_ID)
        {
            fillEvents++;
            fill.wrapAndApplyHeader(buffer, offset, header);
            final long signed = fill.side() == Side.BUY ? fill.qty() : -fill.qty();
            entry(fill.accountId(), fill.instrumentToken(), fill.productRaw())[0] += signed;
        }
        else if (header.templateId() == PositionEventDecoder.TEMPLATE_ID)
        {
            positionEvents++;
            position.wrapAndApplyHeader(buffer, offset, header);
            check(inputSequence);
        }
        delegate.onEvent(inputSequence, buffer, offset, length);
    }

    private long[] entry(final long accountId, final long token, final short product)
    {
        final long key = key(accountId, token, product);
        long[] entry = fillsAndOvernight.get(key);
        if (entry == null)
        {
            entry = new long[3];
            fillsAndOvernight.put(key, entry);
        }
        return entry;
    }

    /** @return one key for (account below 2^16, token, product). */
    public static long key(final long accountId, final long token, final short product)
    {
        return (accountId << 48) | (token << 8) | (product & 0xFF);
    }

    private void check(final long inputSequence)
    {
        final PositionEventDecoder p = position;
        final long mult = p.multiplier();
        final long[] e = entry(p.accountId(), p.instrumentToken(), p.productRaw());
        e[1] = p.overnightQty();
        e[2] = p.qty();
        if (p.qty() != p.buyQty() - p.sellQty())
        {
            violation(inputSequence, "qty != buyQty - sellQty");
        }
        if (p.valuePaise() != p.sellValuePaise() - p.buyValuePaise())
        {
            violation(inputSequence, "value != sellValue - buyValue");
        }
        if (p.pnlPaise() != p.valuePaise() + p.qty() * p.lastPricePaise() * mult)
        {
            violation(inputSequence, "pnl != value + qty x last x multiplier");
        }
        if (p.pnlPaise() != p.realisedPaise() + p.unrealisedPaise())
        {
            violation(inputSequence, "pnl != realised + unrealised");
        }
        if (p.buyQty() - p.dayBuyQty() - (p.sellQty() - p.daySellQty()) != p.overnightQty())
        {
            violation(inputSequence, "day quantities do not add up to the overnight carry");
        }
    }

    private void violation(final long inputSequence, final String what)
    {
        if (violations.size() < 20)
        {
            violations.add("#" + inputSequence + ": " + what + " in " + position);
        }
    }

    @Override
    public void endOfBatch()
    {
        delegate.endOfBatch();
    }

    /** @return {@link #key} → {sum of signed fills, overnight qty, last reported qty}. */
    public Long2ObjectHashMap<long[]> fillsAndOvernight()
    {
        return fillsAndOvernight;
    }

    public List<String> violations()
    {
        return violations;
    }

    public long positionEvents()
    {
        return positionEvents;
    }

    public long fillEvents()
    {
        return fillEvents;
    }
}
