package io.quantumleap.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataDirectoryLockTest
{
    @TempDir
    Path folder;

    @Test
    void shouldRefuseASecondHolderInThisProcessUntilTheFirstLetsGo() throws Exception
    {
        final DataDirectory data = new DataDirectory(folder);
        try (DataDirectory.Lock held = data.lock())
        {
            assertTrue(held.held());
            final DataDirectory.InUseException refusal = assertThrows(DataDirectory.InUseException.class, data::lock);
            assertTrue(refusal.getMessage().contains("pid " + ProcessHandle.current().pid()), refusal.getMessage());
        }
        final DataDirectory.Lock again = data.lock();
        assertTrue(again.held());
        again.close();
        assertFalse(again.held());
    }

    @Test
    void shouldRefuseTheFolderOfAnotherProcessAndTakeItOnceThatProcessIsKilled() throws Exception
    {
        final Process holder = new ProcessBuilder(
            ProcessHandle.current().info().command().orElseThrow(),
            "-cp", System.getProperty("java.class.path"),
            DataFolderHolder.class.getName(), folder.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        try
        {
            final BufferedReader out = new BufferedReader(
                new InputStreamReader(holder.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("locked", out.readLine());

            final DataDirectory.InUseException refusal =
                assertThrows(DataDirectory.InUseException.class, () -> new DataDirectory(folder).lock());
            assertEquals("the data folder " + folder.toAbsolutePath().normalize() + " is in use by another " +
                "QuantumLeap (pid " + holder.pid() + "): stop it, or set QLEAP_DATA_DIR to another folder",
                refusal.getMessage());
        }
        finally
        {
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }

        try (DataDirectory.Lock taken = new DataDirectory(folder).lock())
        {
            assertTrue(taken.held());
        }
    }
}
