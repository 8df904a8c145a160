package io.quantumleap.engine.kite.feed;

import org.agrona.DirectBuffer;

/**
 * Where the feed appends every raw ticker frame before decoding it, so a session can be audited and
 * re-decoded byte for byte. The production implementation is a Chronicle queue supplied by the journal
 * module; {@link #NO_OP} turns capture off.
 *
 * <p>Called on the feed's IO thread only; the buffer is valid only during the call.
 */
public interface RawFrameCapture
{
    /** Keeps nothing. */
    RawFrameCapture NO_OP = (connectionId, receiveNs, binary, buffer, offset, length) -> {};

    /**
     * @param connectionId feed connection the frame came on.
     * @param receiveNs    socket receive time.
     * @param binary       true for a binary frame, false for text (UTF-8 bytes).
     * @param buffer       holding the frame payload.
     * @param offset       of the payload.
     * @param length       of the payload.
     */
    void onFrame(int connectionId, long receiveNs, boolean binary, DirectBuffer buffer, int offset, int length);
}
