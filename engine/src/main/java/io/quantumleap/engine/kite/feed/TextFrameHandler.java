package io.quantumleap.engine.kite.feed;

/**
 * Handles one ticker text frame: {@code {"type":"order"|"error"|"message","data":...}}. Order updates
 * become {@code OrderUpdateCommand}s; the ticker codec implements the parsing.
 *
 * <p>Called on the feed's IO thread only. Must not throw on bad input: count it and return false.
 */
@FunctionalInterface
public interface TextFrameHandler
{
    /**
     * @param text         the frame's text.
     * @param connectionId feed connection it came on.
     * @param receiveNs    socket receive time.
     * @return true if understood, false if malformed (the feed counts it).
     */
    boolean onTextFrame(String text, int connectionId, long receiveNs);
}
