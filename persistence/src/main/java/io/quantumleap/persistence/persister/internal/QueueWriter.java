package io.quantumleap.persistence.persister.internal;

import io.quantumleap.persistence.persister.JournalSource;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Turns the messages of one queue into rows: accumulates a batch as messages are read, writes it inside the
 * persister's transaction, and forgets it once committed or discarded. Persister thread only.
 */
public interface QueueWriter extends JournalSource.MessageHandler
{
    /**
     * Sends the rows accumulated so far ahead of {@link #write}, so that PostgreSQL stores them while the next
     * messages are read and decoded (inside the open transaction; the batch may go on growing). Does nothing by
     * default.
     */
    default void stream(final Connection connection) throws SQLException
    {
    }

    /** Writes the accumulated rows (what {@link #stream} has not sent) on the connection, in an open transaction. */
    void write(Connection connection) throws SQLException;

    /**
     * The transaction is being abandoned: stop any statement in progress on its connection. Does nothing by
     * default.
     */
    default void abort()
    {
    }

    /** Messages read into the current batch. */
    int messages();

    /** Rows the current batch will write. */
    int rows();

    /** Journal index of the first message of the batch. */
    long firstIndex();

    /** Journal index of the last message of the batch. */
    long lastIndex();

    /** Event time (epoch ns) of the last message of the batch, or 0 when unknown. */
    long lastTimestampNs();

    /** The batch committed: start a new one. */
    void committed();

    /** The batch failed: drop it (the messages will be read again). */
    void discard();
}
