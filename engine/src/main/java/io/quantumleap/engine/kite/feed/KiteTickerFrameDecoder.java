package io.quantumleap.engine.kite.feed;

import io.quantumleap.engine.kite.ticker.KiteTickerDecoder;
import io.quantumleap.engine.kite.ticker.MarketDataCommandWriter;
import io.quantumleap.engine.kite.ticker.TickerPacket;
import io.quantumleap.engine.kite.ticker.TickerPacketHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The feed's binary path: the ticker codec decodes a frame in place and each packet is written as a
 * {@code MarketDataCommand} into one reused buffer and published into the ring. Allocates nothing.
 *
 * <p>Owned by the feed's IO thread.
 */
public final class KiteTickerFrameDecoder implements TickerFrameDecoder, TickerPacketHandler
{
    private final KiteTickerDecoder decoder = new KiteTickerDecoder();
    private final MarketDataCommandWriter writer = new MarketDataCommandWriter();
    private final UnsafeBuffer command =
        new UnsafeBuffer(ByteBuffer.allocateDirect(MarketDataCommandWriter.MAX_ENCODED_LENGTH));
    private final CommandPublisher publisher;
    private int connectionId;
    private long receiveNs;
    private long droppedCommands;

    /**
     * @param publisher the ring; a refused command is counted, never retried (the next tick supersedes it).
     */
    public KiteTickerFrameDecoder(final CommandPublisher publisher)
    {
        this.publisher = publisher;
    }

    @Override
    public int onBinaryFrame(
        final DirectBuffer buffer, final int offset, final int length, final int connectionId, final long receiveNs)
    {
        this.connectionId = connectionId;
        this.receiveNs = receiveNs;
        final long malformedBefore = decoder.malformedFrames();
        final int packets = decoder.decode(buffer, offset, length, this);
        return decoder.malformedFrames() != malformedBefore ? -1 : packets;
    }

    @Override
    public void onPacket(final TickerPacket packet)
    {
        final int length = writer.write(packet, receiveNs, connectionId, command, 0);
        if (!publisher.publish(command, 0, length))
        {
            droppedCommands++;
        }
    }

    /**
     * @return the codec's decoder, for its counters (packets, skipped, malformed, last error).
     */
    public KiteTickerDecoder decoder()
    {
        return decoder;
    }

    /**
     * @return market data commands the ring refused.
     */
    public long droppedCommands()
    {
        return droppedCommands;
    }
}
