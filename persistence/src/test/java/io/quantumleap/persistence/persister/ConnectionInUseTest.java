package io.quantumleap.persistence.persister;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionInUseTest
{
    private final AtomicInteger aborts = new AtomicInteger();
    private final Connection connection = (Connection)Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) ->
        {
            if (method.getName().equals("abort"))
            {
                aborts.incrementAndGet();
                return null;
            }
            throw new UnsupportedOperationException(method.getName());
        });

    @Test
    void shouldAbortAHeldConnectionOnlyOnceItsDeadlineHasPassedAndOnlyOnce() throws Exception
    {
        final ConnectionInUse inUse = new ConnectionInUse();
        assertTrue(inUse.hold(connection, 1_000));

        assertFalse(inUse.abortIfOverdue(999));
        assertEquals(0, aborts.get());
        assertTrue(inUse.abortIfOverdue(1_000));
        assertEquals(1, aborts.get());
        assertFalse(inUse.abortIfOverdue(2_000));
        assertEquals(1, aborts.get());
    }

    @Test
    void shouldNeverAbortAConnectionOnceItIsLetGo() throws Exception
    {
        final ConnectionInUse inUse = new ConnectionInUse();
        assertTrue(inUse.hold(connection, 1_000));
        inUse.release();

        assertFalse(inUse.abortIfOverdue(2_000));
        assertFalse(inUse.shut());
        assertEquals(0, aborts.get());
    }

    @Test
    void shouldAbortTheHeldConnectionWhenShutAndHoldNoneAfter() throws Exception
    {
        final ConnectionInUse inUse = new ConnectionInUse();
        assertTrue(inUse.hold(connection, 0));

        assertTrue(inUse.shut());
        assertEquals(1, aborts.get());
        assertFalse(inUse.hold(connection, 0));
        assertFalse(inUse.shut());
        assertEquals(1, aborts.get());
    }
}
