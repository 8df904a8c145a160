package io.quantumleap.journal.replay;

import io.quantumleap.engine.kite.feed.KiteTickerFrameDecoder;
import io.quantumleap.journal.capture.CaptureReader;
import org.agrona.DirectBuffer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * {@code qleap replay --capture}: prints the captured raw Kite frames, each binary frame re-decoded by the feed's
 * own decoder (one {@code MarketDataCommand} per packet, exactly what the feed put into the ring), text frames as
 * text, or every frame in hex with {@code raw}.
 */
final class CapturePrinter implements CaptureReader.FrameHandler
{
    /** What was printed. */
    record Summary(long frames, long binaryFrames, long heartbeats, long textFrames, long packets, long malformed)
    {
        String describe()
        {
            return frames + " frames: " + binaryFrames + " binary (" + packets + " packets, " + malformed +
                " malformed), " + heartbeats + " heartbeats, " + textFrames + " text";
        }
    }

    private final PrintStream out;
    private final boolean raw;
    private final long fromIndex;
    private final long toIndex;
    private final long fromNs;
    private final long toNs;
    private final KiteTickerFrameDecoder decoder;
    private long frames;
    private long binaryFrames;
    private long heartbeats;
    private long textFrames;
    private long packets;
    private long malformed;

    CapturePrinter(
        final PrintStream out, final boolean raw, final long fromIndex, final long toIndex, final long fromNs,
        final long toNs)
    {
        this.out = out;
        this.raw = raw;
        this.fromIndex = fromIndex;
        this.toIndex = toIndex;
        this.fromNs = fromNs;
        this.toNs = toNs;
        this.decoder = new KiteTickerFrameDecoder((buffer, offset, length) ->
        {
            if (!raw)
            {
                out.println("    " + MessagePrinter.describe(buffer, offset, length));
            }
            return true;
        });
    }

    @Override
    public void onFrame(
        final long index, final int connectionId, final long receiveNs, final boolean binary, final DirectBuffer buffer,
        final int offset, final int length)
    {
        if (index < fromIndex || index > toIndex || receiveNs < fromNs || receiveNs > toNs)
        {
            return;
        }
        frames++;
        final String head = index + " " + Instant.ofEpochSecond(0, receiveNs) + " connection " + connectionId + " ";
        if (!binary)
        {
            textFrames++;
            final byte[] text = new byte[length];
            buffer.getBytes(offset, text);
            out.println(head + "text " + length + " bytes: " +
                (raw ? MessagePrinter.hex(buffer, offset, length) : new String(text, StandardCharsets.UTF_8)));
            return;
        }
        if (length <= 1)
        {
            heartbeats++;
            out.println(head + "heartbeat" + (raw ? " " + MessagePrinter.hex(buffer, offset, length) : ""));
            return;
        }
        binaryFrames++;
        out.println(head + "binary " + length + " bytes" +
            (raw ? ": " + MessagePrinter.hex(buffer, offset, length) : ""));
        final int decoded = decoder.onBinaryFrame(buffer, offset, length, connectionId, receiveNs);
        if (decoded < 0)
        {
            malformed++;
            out.println("    malformed: " + decoder.decoder().lastMalformedError().description());
        }
        else
        {
            packets += decoded;
        }
    }

    Summary summary()
    {
        return new Summary(frames, binaryFrames, heartbeats, textFrames, packets, malformed);
    }
}
