package io.quantumleap.persistence.persister;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Data sources that hold a day's instrument index build at a point a test chooses: its statement until released,
 * counting them, so a build takes as long as a test wants whatever the size of the partition; or the close of the
 * build's connection, counting the aborts that reach the connection while it is being closed.
 */
final class HeldIndexBuilds
{
    private HeldIndexBuilds()
    {
    }

    static DataSource wrap(final DataSource dataSource, final AtomicInteger builds, final CountDownLatch release)
    {
        return proxy(DataSource.class, dataSource, (method, result) -> method.getName().equals("getConnection") ?
            proxy(Connection.class, (Connection)result, (m, r) -> m.getName().equals("createStatement") ?
                held((Statement)r, builds, release) : r) : result);
    }

    static DataSource closeHeldAfterBuild(
        final DataSource dataSource, final CountDownLatch closing, final CountDownLatch release,
        final AtomicInteger abortsWhileClosing)
    {
        return proxy(DataSource.class, dataSource, (method, result) -> method.getName().equals("getConnection") ?
            closeHeld((Connection)result, closing, release, abortsWhileClosing) : result);
    }

    private static Connection closeHeld(
        final Connection connection, final CountDownLatch closing, final CountDownLatch release,
        final AtomicInteger abortsWhileClosing)
    {
        final AtomicBoolean building = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();
        return (Connection)Proxy.newProxyInstance(HeldIndexBuilds.class.getClassLoader(),
            new Class<?>[] {Connection.class}, (p, method, args) ->
            {
                if (method.getName().equals("setNetworkTimeout") &&
                    (Integer)args[1] == Persister.INDEX_BUILD_TIMEOUT_MS)
                {
                    building.set(true);
                }
                else if (method.getName().equals("close") && building.get())
                {
                    closed.set(true);
                    closing.countDown();
                    awaitUninterruptibly(release);
                }
                else if (method.getName().equals("abort") && closed.get())
                {
                    abortsWhileClosing.incrementAndGet();
                }
                return invoke(method, connection, args);
            });
    }

    /** The persister's close interrupts its index builder: a pool's close goes on regardless, and so does this. */
    private static void awaitUninterruptibly(final CountDownLatch latch)
    {
        boolean interrupted = false;
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (latch.getCount() > 0 && System.nanoTime() < deadlineNs)
        {
            try
            {
                latch.await(deadlineNs - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static Statement held(final Statement statement, final AtomicInteger builds, final CountDownLatch release)
    {
        return (Statement)Proxy.newProxyInstance(HeldIndexBuilds.class.getClassLoader(),
            new Class<?>[] {Statement.class}, (p, method, args) ->
            {
                if (method.getName().equals("execute") && args.length == 1 &&
                    args[0].toString().contains(MarketDataPartitions.BTREE_SUFFIX + " ON"))
                {
                    builds.incrementAndGet();
                    release.await();
                }
                return invoke(method, statement, args);
            });
    }

    private interface Wrapper
    {
        Object apply(Method method, Object result);
    }

    private static <T> T proxy(final Class<T> type, final T target, final Wrapper wrapper)
    {
        return type.cast(Proxy.newProxyInstance(HeldIndexBuilds.class.getClassLoader(), new Class<?>[] {type},
            (p, method, args) -> wrapper.apply(method, invoke(method, target, args))));
    }

    /** Calls the target, throwing what it threw rather than the reflection's wrapper. */
    static Object invoke(final Method method, final Object target, final Object[] args) throws Throwable
    {
        try
        {
            return method.invoke(target, args);
        }
        catch (final InvocationTargetException ex)
        {
            throw ex.getCause();
        }
    }
}
