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
    /** Writes the accumulated rows on the connection (inside an open transaction). */
    void write(Connection connection) throws SQLException;

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
