package io.quantumleap.engine.kite.ticker;

/**
 * Receives each well-formed packet of a ticker message, in wire order, on the decoding thread.
 */
@FunctionalInterface
public interface TickerPacketHandler
{
    /**
     * @param packet flyweight over the packet; reused for the next packet, so read what is needed now and
     *               keep no reference.
     */
    void onPacket(TickerPacket packet);
}
