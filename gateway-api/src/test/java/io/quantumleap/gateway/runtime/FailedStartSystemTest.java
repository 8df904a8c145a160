package io.quantumleap.gateway.runtime;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.quantumleap.gateway.DataDirectory;
import io.quantumleap.gateway.QuantumLeap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailedStartSystemTest
{
    @TempDir
    Path dir;

    @Test
    void shouldStopWhatItStartedWhenALaterStepOfTheStartFails() throws Exception
    {
        final Map<String, Object> props = new HashMap<>(QuantumLeap.properties(new DataDirectory(dir)));
        try (ServerSocket socket = new ServerSocket(0))
        {
            props.put("micronaut.server.port", socket.getLocalPort());
        }
        props.put("quantumleap.admin-password", "a-password-for-this-test");
        props.put("quantumleap.stream.aeron-dir", "/proc/no-such-folder/aeron");

        final RuntimeException failure = assertThrows(RuntimeException.class,
            () -> ApplicationContext.run(EmbeddedServer.class, props));

        assertTrue(causes(failure).contains("could not create aeron directory: /proc/no-such-folder/aeron"),
            causes(failure));
        assertTrue(Files.isDirectory(dir.resolve("postgres")), "the embedded PostgreSQL had started");
        assertFalse(Files.exists(dir.resolve("postgres").resolve("postmaster.pid")), "PostgreSQL still runs");
        awaitNoEngineThreads();
    }

    @Test
    void shouldRefuseToCreateTheAdminWithAPasswordShorterThanEveryUsersMust() throws Exception
    {
        final Map<String, Object> props = new HashMap<>(QuantumLeap.properties(new DataDirectory(dir)));
        try (ServerSocket socket = new ServerSocket(0))
        {
            props.put("micronaut.server.port", socket.getLocalPort());
        }
        props.put("quantumleap.admin-password", "admin");

        final RuntimeException failure = assertThrows(RuntimeException.class,
            () -> QuantumLeap.start(ApplicationContext.builder().properties(props).build()));

        assertTrue(causes(failure).contains("QLEAP_ADMIN_PASSWORD must be 12 to 256 characters like every user's " +
            "password; it has 5. The admin user was not created."), causes(failure));
        assertFalse(Files.exists(dir.resolve("postgres").resolve("postmaster.pid")), "PostgreSQL still runs");
        awaitNoEngineThreads();
    }

    private static void awaitNoEngineThreads() throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> left = engineThreads();
        while (!left.isEmpty() && System.nanoTime() < deadline)
        {
            Thread.sleep(50);
            left = engineThreads();
        }
        assertEquals(List.of(), left);
    }

    private static List<String> engineThreads()
    {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
            .filter(name -> name.startsWith("qleap-core") || name.equals("persister") || name.startsWith("qleap-timer"))
            .toList();
    }

    private static String causes(final Throwable failure)
    {
        final StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause())
        {
            text.append(t.getMessage()).append(" <- ");
        }
        return text.toString();
    }
}
