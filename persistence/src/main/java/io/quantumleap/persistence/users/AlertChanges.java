package io.quantumleap.persistence.users;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Tells of every change of the price alerts stored, made by any process: the table's trigger announces each on the
 * channel {@value #CHANNEL} naming the table's schema, and a connection of its own, outside the pool, listens on it on
 * a thread of its own for those of its schema. Once listening,
 * and again after the connection was lost and listens anew (changes made meanwhile were not heard), it tells of a
 * change too, so a listener that reads the alerts again on every call misses none.
 */
public final class AlertChanges implements AutoCloseable
{
    public static final String CHANNEL = "qleap_alerts";
    private static final Logger LOG = LoggerFactory.getLogger(AlertChanges.class);
    private static final int POLL_MS = 500;
    /** PostgreSQL's operator intervention (class 57): an administrator's or a crash's shutdown, not accepting yet. */
    private static final String SHUTDOWN_STATES = "57P";

    /** Opens a connection to the database. */
    @FunctionalInterface
    public interface Connector
    {
        Connection connect() throws SQLException;
    }

    private final Connector connector;
    private final String schema;
    private final Runnable onChange;
    private final Duration retry;
    private final Thread thread;
    private volatile boolean running = true;

    private AlertChanges(
        final Connector connector, final String schema, final Runnable onChange, final Duration retry)
    {
        this.connector = connector;
        this.schema = schema;
        this.onChange = onChange;
        this.retry = retry;
        this.thread = new Thread(this::run, "qleap-alert-changes");
        thread.setDaemon(true);
    }

    /**
     * @param schema   the schema of the alerts listened for (another schema's are not told).
     * @param onChange called on the listening thread for each batch of changes heard; should hand the work on.
     * @param retry    how long to wait before listening again after the connection failed.
     * @return the listener, started; {@link #close} stops it.
     */
    public static AlertChanges listen(
        final Connector connector, final String schema, final Runnable onChange, final Duration retry)
    {
        final AlertChanges changes = new AlertChanges(connector, schema, onChange, retry);
        changes.thread.start();
        return changes;
    }

    private void run()
    {
        int failures = 0;
        while (running)
        {
            try (Connection c = connector.connect())
            {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement())
                {
                    s.execute("LISTEN " + CHANNEL);
                }
                final PGConnection pg = c.unwrap(PGConnection.class);
                if (failures > 0)
                {
                    LOG.info("listening for price alert changes again after {} failure(s)", failures);
                    failures = 0;
                }
                tell();
                while (running)
                {
                    final PGNotification[] heard = pg.getNotifications(POLL_MS);
                    if (heard != null && ofThisSchema(heard))
                    {
                        tell();
                    }
                }
            }
            catch (final SQLException | RuntimeException ex)
            {
                if (!running)
                {
                    return;
                }
                if (failures++ == 0)
                {
                    if (ex instanceof SQLException sql && sql.getSQLState() != null &&
                        sql.getSQLState().startsWith(SHUTDOWN_STATES))
                    {
                        LOG.info("the database ended the connection that listens for price alert changes ({}); " +
                            "listening again once it answers", ex.getMessage());
                    }
                    else
                    {
                        LOG.warn("not listening for price alert changes ({}); trying again every {} ms",
                            ex.getMessage(), retry.toMillis());
                    }
                }
                pause();
            }
        }
    }

    private boolean ofThisSchema(final PGNotification[] heard)
    {
        for (final PGNotification notification : heard)
        {
            if (schema.equalsIgnoreCase(notification.getParameter()))
            {
                return true;
            }
        }
        return false;
    }

    private void tell()
    {
        try
        {
            onChange.run();
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("a price alert change was not taken: {}", ex.toString());
        }
    }

    private void pause()
    {
        try
        {
            Thread.sleep(retry.toMillis());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops listening and gives the connection back, within about half a second. */
    @Override
    public void close()
    {
        running = false;
        try
        {
            thread.join(POLL_MS * 4L);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
