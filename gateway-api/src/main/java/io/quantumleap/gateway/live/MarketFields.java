package io.quantumleap.gateway.live;

import io.quantumleap.engine.protocol.MarketUpdateEventDecoder;
import io.quantumleap.engine.protocol.TickMode;

/**
 * The fields of one market update as the engine sent them (prices in the segment's unit), copied off the event's
 * buffer: what a tick keeps until someone asks for its {@link QuoteView} or its JSON. Copying is one object and two
 * arrays; the view's rupee prices, levels and lists are made only when asked for ({@link TickJson#quoteView}), so a
 * tick of an instrument nobody watches costs no more than this copy. Immutable once made.
 */
final class MarketFields
{
    /** Values per depth level in {@link #bids} and {@link #asks}: price, quantity, orders. */
    static final int LEVEL_VALUES = 3;

    final long instrumentToken;
    final TickMode mode;
    final long exchangeTimeS;
    final long lastTradeTimeS;
    final long lastPrice;
    final long lastTradedQty;
    final long totalBuyQty;
    final long totalSellQty;
    final long volumeTraded;
    final long averageTradedPrice;
    final long oi;
    final long oiDayHigh;
    final long oiDayLow;
    final long change;
    final long open;
    final long high;
    final long low;
    final long close;
    /** The bid levels, {@link #LEVEL_VALUES} values a level: price, quantity, orders. */
    final long[] bids;
    /** The ask levels, as {@link #bids}. */
    final long[] asks;

    /** Copies the update's fields; reads its depth groups, so the decoder is read to its end. */
    MarketFields(final MarketUpdateEventDecoder e)
    {
        instrumentToken = e.instrumentToken();
        mode = e.mode();
        exchangeTimeS = e.exchangeTimeS();
        lastTradeTimeS = e.lastTradeTimeS();
        lastPrice = e.lastPricePaise();
        lastTradedQty = e.lastTradedQty();
        totalBuyQty = e.totalBuyQty();
        totalSellQty = e.totalSellQty();
        volumeTraded = e.volumeTraded();
        averageTradedPrice = e.averageTradedPricePaise();
        oi = e.oi();
        oiDayHigh = e.oiDayHigh();
        oiDayLow = e.oiDayLow();
        change = e.changePaise();
        open = e.openPricePaise();
        high = e.highPricePaise();
        low = e.lowPricePaise();
        close = e.closePricePaise();
        final MarketUpdateEventDecoder.BidsDecoder bidGroup = e.bids();
        bids = new long[bidGroup.count() * LEVEL_VALUES];
        for (int at = 0; bidGroup.hasNext(); )
        {
            bidGroup.next();
            bids[at++] = bidGroup.pricePaise();
            bids[at++] = bidGroup.qty();
            bids[at++] = bidGroup.orders();
        }
        final MarketUpdateEventDecoder.AsksDecoder askGroup = e.asks();
        asks = new long[askGroup.count() * LEVEL_VALUES];
        for (int at = 0; askGroup.hasNext(); )
        {
            askGroup.next();
            asks[at++] = askGroup.pricePaise();
            asks[at++] = askGroup.qty();
            asks[at++] = askGroup.orders();
        }
    }
}
