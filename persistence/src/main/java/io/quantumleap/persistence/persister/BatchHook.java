package io.quantumleap.persistence.persister;

import java.sql.SQLException;

/**
 * Called by the persister after a batch is written and before its transaction commits. A seam for fault
 * injection (crash and outage tests); production uses {@link #NONE}.
 */
@FunctionalInterface
public interface BatchHook
{
    /** Does nothing. */
    BatchHook NONE = (queueName, firstIndex, lastIndex, rows) -> {};

    /**
     * @param queueName  the queue the batch came from.
     * @param firstIndex journal index of the first message in the batch.
     * @param lastIndex  journal index of the last message in the batch (the checkpoint about to be stored).
     * @param rows       rows written in the batch.
     * @throws SQLException to make the transaction fail as a database error would.
     */
    void beforeCommit(String queueName, long firstIndex, long lastIndex, int rows) throws SQLException;
}
