package io.quantumleap.engine.spi;

import org.agrona.DirectBuffer;

/**
 * The journal the engine appends every input command to before the core sees it. Implemented outside the
 * engine (Chronicle Queue in production, in memory in tests).
 *
 * <p>Owned by the journal handler thread of the pipeline: implementations need not be thread safe.
 */
public interface InputJournal extends AutoCloseable
{
    /**
     * Appends one SBE-encoded command (message header included).
     *
     * @return the journal index of the command: the global sequence number, strictly increasing.
     */
    long append(DirectBuffer buffer, int offset, int length);

    /**
     * Called at the end of each batch the pipeline hands over, so an implementation that commits in
     * groups (fsync) can do so with bounded latency. The default does nothing.
     */
    default void endOfBatch()
    {
    }

    /** The index of the last appended command, or -1 when the journal is empty. */
    long lastIndex();

    @Override
    default void close()
    {
    }
}
