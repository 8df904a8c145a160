package io.quantumleap.persistence.persister;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A data source that holds every statement building a day's instrument index until released, counting them: a build
 * that takes as long as a test wants, whatever the size of the partition.
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

    private static Object invoke(final Method method, final Object target, final Object[] args) throws Throwable
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
