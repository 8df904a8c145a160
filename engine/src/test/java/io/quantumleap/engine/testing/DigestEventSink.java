package io.quantumleap.engine.testing;

import io.quantumleap.engine.spi.EventSink;
import org.agrona.DirectBuffer;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An {@link EventSink} that folds every event (input sequence, length, bytes) into a SHA-256 digest, so two runs
 * of millions of events can be compared byte for byte without keeping them. Allocation free per event.
 */
public final class DigestEventSink implements EventSink
{
    private final MessageDigest digest;
    private final byte[] scratch = new byte[64 * 1024];
    private long count;
    private long bytes;

    public DigestEventSink()
    {
        try
        {
            digest = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void onEvent(final long inputSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < 8; i++)
        {
            scratch[i] = (byte)(inputSequence >>> (i * 8));
        }
        scratch[8] = (byte)length;
        scratch[9] = (byte)(length >>> 8);
        buffer.getBytes(offset, scratch, 10, length);
        digest.update(scratch, 0, 10 + length);
        count++;
        bytes += length;
    }

    public long count()
    {
        return count;
    }

    public long bytes()
    {
        return bytes;
    }

    /** @return the digest so far, as hex; ends this digest. */
    public String finish()
    {
        return HexFormat.of().formatHex(digest.digest()) + "/" + count + "/" + bytes;
    }
}
