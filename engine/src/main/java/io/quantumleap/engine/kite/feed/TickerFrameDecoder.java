package io.quantumleap.engine.kite.feed;

import org.agrona.DirectBuffer;

/**
 * Decodes one binary ticker frame (the 2-byte packet count, then length-prefixed packets, big-endian) and
 * publishes one {@code MarketDataCommand} per packet. Implemented by the ticker codec; must not allocate.
 *
 * <p>Called on the feed's IO thread only; the buffer is valid only during the call (it may be a view over
 * Netty's memory).
 */
@FunctionalInterface
public interface TickerFrameDecoder
{
    /**
     * @param buffer       holding the frame.
     * @param offset       of the frame's first byte.
     * @param length       of the frame; never 1 (heartbeats do not reach the decoder).
     * @param connectionId feed connection the frame came on, stamped on every command.
     * @param receiveNs    socket receive time, stamped on every command.
     * @return packets published, or a negative number when the frame did not parse (the feed counts it).
     */
    int onBinaryFrame(DirectBuffer buffer, int offset, int length, int connectionId, long receiveNs);
}
