package io.quantumleap.engine.kite.feed;

import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps captured frames in memory, for tests and short diagnostic sessions. Allocates per frame.
 */
public final class InMemoryRawFrameCapture implements RawFrameCapture
{
    /**
     * One captured frame.
     *
     * @param connectionId feed connection.
     * @param receiveNs    receive time.
     * @param binary       binary or text.
     * @param payload      a copy of the bytes.
     */
    public record Frame(int connectionId, long receiveNs, boolean binary, byte[] payload)
    {
    }

    private final List<Frame> frames = new ArrayList<>();

    @Override
    public synchronized void onFrame(
        final int connectionId,
        final long receiveNs,
        final boolean binary,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final byte[] payload = new byte[length];
        buffer.getBytes(offset, payload);
        frames.add(new Frame(connectionId, receiveNs, binary, payload));
    }

    /**
     * @return a snapshot of the frames so far, oldest first.
     */
    public synchronized List<Frame> frames()
    {
        return List.copyOf(frames);
    }
}
