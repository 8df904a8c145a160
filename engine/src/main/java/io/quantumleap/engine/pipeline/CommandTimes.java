package io.quantumleap.engine.pipeline;

import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * Reads the two things every latency stage needs from a command in a ring slot without wrapping a decoder: its
 * template id and its {@code timestampNs}, which every command of the schema carries as its first field (checked
 * by a test over the whole schema).
 */
final class CommandTimes
{
    static final int NO_TEMPLATE = -1;

    private CommandTimes()
    {
    }

    static int templateId(final DirectBuffer buffer, final int length)
    {
        return length >= MessageHeaderDecoder.ENCODED_LENGTH + Long.BYTES ?
            buffer.getShort(MessageHeaderDecoder.templateIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN) & 0xFFFF :
            NO_TEMPLATE;
    }

    /** @return the command's timestamp; only for a command whose {@link #templateId} was found. */
    static long timestampNs(final DirectBuffer buffer)
    {
        return buffer.getLong(MessageHeaderDecoder.ENCODED_LENGTH, ByteOrder.LITTLE_ENDIAN);
    }
}
