package io.quantumleap.persistence.persister;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A data source that, on demand, refuses every connection or holds every caller until it reopens: a database
 * that is down, or one that stops answering, whatever the persister happens to be doing.
 */
final class StuckDatabase
{
    enum Mode
    {
        OPEN,
        FAIL,
        BLOCK
    }

    private final DataSource dataSource;
    private final AtomicInteger stuckCalls = new AtomicInteger();
    private volatile Mode mode = Mode.OPEN;

    StuckDatabase(final DataSource target)
    {
        dataSource = (DataSource)Proxy.newProxyInstance(StuckDatabase.class.getClassLoader(),
            new Class<?>[] {DataSource.class}, (proxy, method, args) ->
            {
                if (method.getName().equals("getConnection"))
                {
                    gate();
                }
                try
                {
                    return method.invoke(target, args);
                }
                catch (final InvocationTargetException ex)
                {
                    throw ex.getCause();
                }
            });
    }

    DataSource dataSource()
    {
        return dataSource;
    }

    void mode(final Mode mode)
    {
        this.mode = mode;
    }

    int stuckCalls()
    {
        return stuckCalls.get();
    }

    private void gate() throws SQLException
    {
        if (Mode.OPEN != mode)
        {
            stuckCalls.incrementAndGet();
        }
        while (Mode.BLOCK == mode)
        {
            if (Thread.currentThread().isInterrupted())
            {
                throw new SQLTransientConnectionException("interrupted while the database was blocked");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        if (Mode.FAIL == mode)
        {
            throw new SQLTransientConnectionException("database unreachable");
        }
    }
}
