package io.quantumleap.journal.capture;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

final class CaptureFrames
{
    private CaptureFrames()
    {
    }

    static int length(final long sequence)
    {
        return 8 + (int)(sequence % 300);
    }

    static int write(final MutableDirectBuffer buffer, final long sequence)
    {
        final int length = length(sequence);
        buffer.putLong(0, sequence);
        for (int i = 8; i < length; i++)
        {
            buffer.putByte(i, (byte)(sequence * 31 + i));
        }
        return length;
    }

    static boolean isIntact(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != length(sequence) || buffer.getLong(offset) != sequence)
        {
            return false;
        }
        for (int i = 8; i < length; i++)
        {
            if (buffer.getByte(offset + i) != (byte)(sequence * 31 + i))
            {
                return false;
            }
        }
        return true;
    }
}
