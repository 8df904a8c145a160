package io.quantumleap.benchmarks.rig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        final HaltPoll haltPoll = new HaltPoll(parameter);
        assertEquals(OptionalLong.of(0), haltPoll.read());
        final HaltPoll.Restore restore = haltPoll.set(200_000);
        try (restore)
        {
            assertEquals(OptionalLong.of(200_000), haltPoll.read());
        }
        assertEquals(OptionalLong.of(0), haltPoll.read());
    }

    @Test
    void shouldNameTheMissingParameterInsteadOfSettingAnything()
    {
        final Path parameter = dir.resolve("absent");
        final HaltPoll haltPoll = new HaltPoll(parameter);
        assertTrue(haltPoll.read().isEmpty());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> haltPoll.set(200_000));
        assertTrue(ex.getMessage().contains(parameter.toString()), ex.getMessage());
        assertTrue(Files.notExists(parameter));
    }
}
