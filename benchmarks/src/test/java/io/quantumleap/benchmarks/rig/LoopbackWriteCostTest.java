package io.quantumleap.benchmarks.rig;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopbackWriteCostTest
{
    @Test
    void shouldTimeEveryWriteToASleepingAndToAPollingReader() throws Exception
    {
        final LoopbackWriteCost.Result result = LoopbackWriteCost.measure(50, 100_000);

        assertEquals(50, result.writes());
        assertTrue(result.wokeP50Ns() > 0 && result.wokeP99Ns() >= result.wokeP50Ns(), result.toString());
        assertTrue(result.awakeP50Ns() > 0 && result.awakeP99Ns() >= result.awakeP50Ns(), result.toString());
        assertEquals(Math.max(0, result.wokeP50Ns() - result.awakeP50Ns()), result.wakeUpNs());
        assertTrue(result.describe().startsWith("a 200-byte write costs the writer "), result.describe());
    }

    @Test
    void shouldPinTheCallingThreadToTheCpuAsked() throws Exception
    {
        final AtomicReference<Object> allowed = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            try
            {
                LoopbackWriteCost.pin(1);
                allowed.set(Files.readAllLines(Path.of("/proc/thread-self/status")).stream()
                    .filter(line -> line.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow());
            }
            catch (final Exception ex)
            {
                allowed.set(ex);
            }
        });
        thread.start();
        thread.join();

        assertEquals("Cpus_allowed_list:\t1", allowed.get());
    }

    @Test
    void shouldRefuseNoWritesOrANegativeGap()
    {
        assertThrows(IllegalArgumentException.class, () -> LoopbackWriteCost.measure(0, 1_000));
        assertThrows(IllegalArgumentException.class, () -> LoopbackWriteCost.measure(10, -1));
    }

    @Test
    void shouldNameTheCpuItCouldNotPinTo() throws Exception
    {
        final AtomicReference<Exception> failure = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            try
            {
                LoopbackWriteCost.pin(4_095);
            }
            catch (final Exception ex)
            {
                failure.set(ex);
            }
        });
        thread.start();
        thread.join();

        assertTrue(failure.get().getMessage().contains("to CPU 4095"), failure.get().getMessage());
    }
}
