package io.quantumleap.persistence.persister;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The pooled connection one call is using, which another thread may abort: the watchdog a batch past its deadline,
 * the persister's close a running index build. Holding, letting go and aborting happen under one lock, and the call
 * lets its connection go before it closes it, so an abort reaches a connection only while its call still holds it.
 * Without that, an abort that read the connection just before its call ended would close it on its way back to the
 * pool, and the next borrower within the pool's validation bypass would get a closed connection.
 */
final class ConnectionInUse
{
    private Connection connection;
    private long deadlineNs;
    private boolean shut;

    /**
     * @param connection the connection the calling thread is about to use.
     * @param deadlineNs when {@link #abortIfOverdue(long)} may abort it, on the nano clock its caller passes.
     * @return false once {@link #shut()}: the caller closes the connection without using it.
     */
    synchronized boolean hold(final Connection connection, final long deadlineNs)
    {
        if (shut)
        {
            return false;
        }
        this.connection = connection;
        this.deadlineNs = deadlineNs;
        return true;
    }

    /** Lets the held connection go; called before the connection is closed (returned to its pool). */
    synchronized void release()
    {
        connection = null;
    }

    /**
     * Aborts the held connection if its deadline has passed, and lets it go: the blocked call fails, and its close
     * makes the pool evict the connection.
     *
     * @return whether a connection was aborted.
     */
    synchronized boolean abortIfOverdue(final long nowNs) throws SQLException
    {
        if (null == connection || nowNs - deadlineNs < 0)
        {
            return false;
        }
        abortHeld();
        return true;
    }

    /**
     * Aborts the held connection, if any, and holds none from now on.
     *
     * @return whether a connection was aborted.
     */
    synchronized boolean shut() throws SQLException
    {
        shut = true;
        if (null == connection)
        {
            return false;
        }
        abortHeld();
        return true;
    }

    private void abortHeld() throws SQLException
    {
        final Connection aborted = connection;
        connection = null;
        // Runs on this thread under the lock: a connection's abort closes its socket and does not wait on the server.
        aborted.abort(Runnable::run);
    }
}
