package io.quantumleap.engine.kite.ticker;

/**
 * Why a binary ticker frame was counted as malformed. Packets decoded before the fault are still
 * delivered; the rest of the frame is dropped because its packet boundaries can no longer be trusted.
 */
public enum FrameError
{
    /** The frame was well formed. */
    NONE("frame is well formed"),

    /** Offset or length outside the buffer that was passed in. */
    OUTSIDE_BUFFER("frame offset/length lie outside the buffer; expected 0 <= offset <= capacity - length"),

    /** A zero-length binary frame. */
    EMPTY_FRAME("frame is empty; expected a 1-byte heartbeat or a 2-byte packet count and packets"),

    /** The packet count is 0. */
    ZERO_PACKET_COUNT("packet count is 0; expected at least 1 packet"),

    /** The frame ends where a packet's 2-byte length should be: the count promised more packets. */
    TRUNCATED_PACKET_LENGTH("packet count exceeds the packets present: frame ends inside or before a packet length"),

    /** A packet's length runs past the end of the frame. */
    PACKET_OVERRUNS_FRAME("packet length runs past the end of the frame"),

    /** Bytes left over after the counted packets. */
    TRAILING_BYTES("bytes left after the last counted packet"),

    /** The decoder was called from its own handler, in the middle of a frame. */
    NESTED_DECODE("decode called from the handler of the same decoder; decode each frame after the previous returns");

    private final String description;

    FrameError(final String description)
    {
        this.description = description;
    }

    /**
     * @return one line for people: what was wrong and what is accepted.
     */
    public String description()
    {
        return description;
    }
}
