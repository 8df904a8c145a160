package io.quantumleap.gateway.live;

/** Told of every change of the live state, on the thread that applies events. Must not block. */
public interface LiveListener
{
    /** A tick, already encoded as Kite's tick JSON for each mode (null where the packet carried less). */
    void onTick(long instrumentToken, TickJson tick);

    void onOrder(OrderView order);

    void onPosition(PositionView position);

    /** Feed gaps, broker session changes, kill switch and limits, as ready-to-send JSON messages. */
    void onNotice(String json);
}
