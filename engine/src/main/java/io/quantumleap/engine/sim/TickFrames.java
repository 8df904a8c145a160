package io.quantumleap.engine.sim;

import io.quantumleap.engine.kite.ticker.KiteTickerEncoder;
import io.quantumleap.engine.kite.ticker.PacketKind;
import io.quantumleap.engine.kite.ticker.TickerPacketEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Writes Kite binary ticker messages for the simulated market with the ticker codec's encoder; packets of
 * different modes and lengths share one message. Owned by the simulator thread.
 */
final class TickFrames
{
    private final Market market;
    private final KiteTickerEncoder encoder = new KiteTickerEncoder();
    private final UnsafeBuffer buffer;
    private int count;

    TickFrames(final Market market)
    {
        this.market = market;
        this.buffer = new UnsafeBuffer(new byte[KiteTickerEncoder.frameLength(PacketKind.FULL,
            TickerSession.MAX_TOKENS)]);
    }

    void begin()
    {
        encoder.wrap(buffer, 0);
        count = 0;
    }

    int count()
    {
        return count;
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    int length()
    {
        return encoder.encodedLength();
    }

    void add(final Instrument instrument, final int mode, final long exchangeTimeS)
    {
        final int i = instrument.index;
        final Market m = market;
        // An ended session's packet carries the exchange time of its last update, as a closed market's do.
        final long exchangeS = m.sessionEnded[i] ? m.lastTradeTimeS[i] : exchangeTimeS;
        count++;
        if (mode == TickerSession.MODE_LTP)
        {
            encoder.addPacket(PacketKind.LTP).instrumentToken(instrument.token).lastPricePaise(m.ltpPaise[i]);
            return;
        }
        if (instrument.isIndex())
        {
            final TickerPacketEncoder p = encoder.addPacket(
                mode == TickerSession.MODE_FULL ? PacketKind.INDEX_FULL : PacketKind.INDEX_QUOTE)
                .instrumentToken(instrument.token)
                .lastPricePaise(m.ltpPaise[i])
                .highPricePaise(m.highPaise[i])
                .lowPricePaise(m.lowPaise[i])
                .openPricePaise(m.openPaise[i])
                .closePricePaise(m.previousClosePaise[i])
                .priceChangePaise(m.ltpPaise[i] - m.previousClosePaise[i]);
            if (mode == TickerSession.MODE_FULL)
            {
                p.exchangeTimeS(exchangeS);
            }
            return;
        }
        final TickerPacketEncoder p = encoder.addPacket(
            mode == TickerSession.MODE_FULL ? PacketKind.FULL : PacketKind.QUOTE)
            .instrumentToken(instrument.token)
            .lastPricePaise(m.ltpPaise[i])
            .lastTradedQty(m.lastQty[i])
            .averageTradedPricePaise(m.averagePricePaise(i))
            .volumeTraded(m.volume[i])
            .totalBuyQty(m.totalBuyQty[i])
            .totalSellQty(m.totalSellQty[i])
            .openPricePaise(m.openPaise[i])
            .highPricePaise(m.highPaise[i])
            .lowPricePaise(m.lowPaise[i])
            .closePricePaise(m.previousClosePaise[i]);
        if (mode == TickerSession.MODE_FULL)
        {
            p.lastTradeTimeS(m.lastTradeTimeS[i])
                .oi(m.oi[i])
                .oiDayHigh(m.oiDayHigh[i])
                .oiDayLow(m.oiDayLow[i])
                .exchangeTimeS(exchangeS);
            for (int level = 0; level < Market.DEPTH; level++)
            {
                final int slot = i * Market.DEPTH + level;
                p.bid(level, m.bidQty[slot], m.bidPricePaise[slot], m.bidOrders[slot]);
                p.ask(level, m.askQty[slot], m.askPricePaise[slot], m.askOrders[slot]);
            }
        }
    }
}
