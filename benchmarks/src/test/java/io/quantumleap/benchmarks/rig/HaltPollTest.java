package io.quantumleap.benchmarks.rig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HaltPollTest
{
    @TempDir
    Path dir;

    @Test
    void shouldSetThePollingForOneRunAndRestoreIt() throws Exception
    {
        final Path parameter = dir.resolve("guest_halt_poll_ns");
        Files.writeString(parameter, "0\n");
        final HaltPoll haltPoll = new HaltPoll(parameter, driver("haltpoll"));
        assertEquals(OptionalLong.of(0), haltPoll.read());
        final HaltPoll.Restore restore = haltPoll.set(200_000);
        try (restore)
        {
            assertEquals(OptionalLong.of(200_000), haltPoll.read());
        }
        assertEquals(OptionalLong.of(0), haltPoll.read());
    }

    @Test
    void shouldNameTheMissingParameterInsteadOfSettingAnything() throws IOException
    {
        final Path parameter = dir.resolve("absent");
        final HaltPoll haltPoll = new HaltPoll(parameter, driver("haltpoll"));
        assertTrue(haltPoll.read().isEmpty());
        assertFalse(haltPoll.inUse());
        assertEquals("none", haltPoll.describe());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> haltPoll.set(200_000));
        assertTrue(ex.getMessage().contains(parameter.toString()), ex.getMessage());
        assertTrue(Files.notExists(parameter));
    }

    @Test
    void shouldSayThePollingActsOnlyUnderTheHaltpollDriver() throws Exception
    {
        final Path parameter = dir.resolve("guest_halt_poll_ns");
        Files.writeString(parameter, "200000\n");

        final HaltPoll polling = new HaltPoll(parameter, driver("haltpoll"));
        assertTrue(polling.inUse());
        assertEquals("200,000 ns", polling.describe());

        final HaltPoll none = new HaltPoll(parameter, driver("none"));
        assertFalse(none.inUse());
        assertEquals(Optional.of("none"), none.cpuidleDriver());
        assertEquals("200,000 ns (not in use: the cpuidle driver is none, not haltpoll)", none.describe());

        final HaltPoll unknown = new HaltPoll(parameter, dir.resolve("no-cpuidle"));
        assertFalse(unknown.inUse());
        assertEquals("200,000 ns (not in use: the cpuidle driver is unknown, not haltpoll)", unknown.describe());
    }

    private Path driver(final String name) throws IOException
    {
        final Path driver = dir.resolve("current_driver");
        Files.writeString(driver, name + "\n");
        return driver;
    }
}
