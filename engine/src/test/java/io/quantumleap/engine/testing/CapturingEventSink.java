package io.quantumleap.engine.testing;

import io.quantumleap.engine.protocol.MessageHeaderDecoder;
import io.quantumleap.engine.spi.EventSink;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.LongArrayList;

import java.util.function.Supplier;

/**
 * An {@link EventSink} that keeps every event's bytes for assertions and byte-for-byte comparison.
 * Use on one thread, or read only after the writer stopped.
 */
public final class CapturingEventSink implements EventSink
{
    private final ExpandableArrayBuffer data = new ExpandableArrayBuffer(1 << 16);
    private final IntArrayList offsets = new IntArrayList();
    private final IntArrayList lengths = new IntArrayList();
    private final LongArrayList inputSequences = new LongArrayList();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private int size;
    private long batches;

    @Override
    public void onEvent(final long inputSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        data.putBytes(size, buffer, offset, length);
        offsets.addInt(size);
        lengths.addInt(length);
        inputSequences.addLong(inputSequence);
        size += length;
    }

    @Override
    public void endOfBatch()
    {
        batches++;
    }

    public int count()
    {
        return offsets.size();
    }

    public long batches()
    {
        return batches;
    }

    public int templateId(final int index)
    {
        return header.wrap(data, offsets.getInt(index)).templateId();
    }

    public long inputSequence(final int index)
    {
        return inputSequences.getLong(index);
    }

    public DirectBuffer buffer()
    {
        return data;
    }

    public int offset(final int index)
    {
        return offsets.getInt(index);
    }

    public int length(final int index)
    {
        return lengths.getInt(index);
    }

    /** @return how many captured events have this template id. */
    public int countOf(final int templateId)
    {
        int n = 0;
        for (int i = 0; i < count(); i++)
        {
            if (templateId(i) == templateId)
            {
                n++;
            }
        }
        return n;
    }

    /** @return the index of the last event with this template id, or -1. */
    public int lastIndexOf(final int templateId)
    {
        for (int i = count() - 1; i >= 0; i--)
        {
            if (templateId(i) == templateId)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Wraps a decoder over the last event of its template id.
     *
     * @param decoder    a generated decoder with {@code wrapAndApplyHeader}.
     * @param templateId its template id.
     * @return the decoder, wrapped, or an {@link AssertionError} when no such event was captured.
     */
    public <D> D last(final D decoder, final int templateId, final DecoderWrapper<D> wrapper)
    {
        final int i = lastIndexOf(templateId);
        if (i < 0)
        {
            throw new AssertionError("no event with template id " + templateId + " among " + count());
        }
        return wrapper.wrap(decoder, data, offsets.getInt(i));
    }

    /** @return true when both sinks captured the same events, byte for byte, with the same input sequences. */
    public boolean sameBytesAs(final CapturingEventSink other)
    {
        if (count() != other.count() || size != other.size)
        {
            return false;
        }
        for (int i = 0; i < count(); i++)
        {
            if (inputSequence(i) != other.inputSequence(i) || length(i) != other.length(i))
            {
                return false;
            }
        }
        return data.compareTo(other.data) == 0 || rangeEquals(other);
    }

    private boolean rangeEquals(final CapturingEventSink other)
    {
        for (int i = 0; i < size; i++)
        {
            if (data.getByte(i) != other.data.getByte(i))
            {
                return false;
            }
        }
        return true;
    }

    public void clear()
    {
        offsets.clear();
        lengths.clear();
        inputSequences.clear();
        size = 0;
    }

    /** How to wrap one generated decoder type over an event with its header. */
    @FunctionalInterface
    public interface DecoderWrapper<D>
    {
        D wrap(D decoder, DirectBuffer buffer, int offset);
    }

    /** @return a supplier of fresh sinks, for symmetric record/replay tests. */
    public static Supplier<CapturingEventSink> factory()
    {
        return CapturingEventSink::new;
    }
}
