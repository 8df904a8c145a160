package io.quantumleap.engine.testing;

import io.quantumleap.engine.spi.CommandHandler;
import io.quantumleap.engine.spi.InputJournal;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;

/**
 * An {@link InputJournal} in memory for tests: indexes from 0, replays into any {@link CommandHandler}.
 * Allocates only when it grows; {@link #InMemoryInputJournal(int, int)} pre-sizes it.
 */
public final class InMemoryInputJournal implements InputJournal
{
    private final ExpandableArrayBuffer data;
    private final IntArrayList offsets;
    private final IntArrayList lengths;
    private int size;
    private long batches;

    public InMemoryInputJournal()
    {
        this(1 << 16, 1 << 10);
    }

    /**
     * @param initialBytes    bytes reserved for commands.
     * @param initialCommands commands reserved.
     */
    public InMemoryInputJournal(final int initialBytes, final int initialCommands)
    {
        data = new ExpandableArrayBuffer(initialBytes);
        offsets = new IntArrayList(initialCommands, -1);
        lengths = new IntArrayList(initialCommands, -1);
    }

    @Override
    public long append(final DirectBuffer buffer, final int offset, final int length)
    {
        data.putBytes(size, buffer, offset, length);
        offsets.addInt(size);
        lengths.addInt(length);
        size += length;
        return offsets.size() - 1;
    }

    @Override
    public void endOfBatch()
    {
        batches++;
    }

    @Override
    public long lastIndex()
    {
        return offsets.size() - 1;
    }

    /** @return the number of commands appended. */
    public int count()
    {
        return offsets.size();
    }

    /** @return how many batches the pipeline ended. */
    public long batches()
    {
        return batches;
    }

    /** Hands every command, in order and with its index, to the handler: a replay. */
    public void replay(final CommandHandler handler)
    {
        for (int i = 0, n = offsets.size(); i < n; i++)
        {
            handler.onCommand(i, data, offsets.getInt(i), lengths.getInt(i));
        }
    }

    /** @return the buffer holding every command. */
    public DirectBuffer buffer()
    {
        return data;
    }

    /** @return where command {@code index} starts in {@link #buffer()}. */
    public int offset(final int index)
    {
        return offsets.getInt(index);
    }

    /** @return the length of command {@code index}. */
    public int length(final int index)
    {
        return lengths.getInt(index);
    }

    /** Forgets every command, keeping the memory. */
    public void clear()
    {
        offsets.clear();
        lengths.clear();
        size = 0;
    }
}
