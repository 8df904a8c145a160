package io.quantumleap.gateway.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentTest
{
    @TempDir
    Path dir;

    @Test
    void shouldGiveEachLaunchADirectoryOfItsOwnNamedAfterTheFolderAndTheProcess()
    {
        final Deployment deployment = Deployment.all();
        final Path data = dir.resolve("data");
        final String first = deployment.newAeronDir(data);
        final String second = deployment.newAeronDir(data);
        assertNotEquals(first, second);
        final String pid = Long.toString(ProcessHandle.current().pid());
        for (final String launch : new String[] {first, second})
        {
            final String name = Path.of(launch).getFileName().toString();
            assertTrue(name.matches("(qleap-aeron-[0-9a-f]+-|aeron-)" + pid + "-[0-9]+"), name);
        }
        assertEquals(folderPart(first), folderPart(second));
        if (Files.isDirectory(Path.of("/dev/shm")))
        {
            assertNotEquals(folderPart(first), folderPart(deployment.newAeronDir(dir.resolve("other"))));
        }
    }

    private static String folderPart(final String launch)
    {
        return launch.substring(0, launch.lastIndexOf('-', launch.lastIndexOf('-') - 1));
    }

    @Test
    void shouldRemoveTheDirectoryEarlierVersionsNamedAfterTheFolderAlone() throws Exception
    {
        final Path data = dir.resolve("data");
        final String launch = Deployment.all().newAeronDir(data);
        final Path earlier = Path.of(folderPart(launch));
        Files.createDirectories(earlier.resolve("publications"));
        Files.writeString(earlier.resolve("cnc.dat"), "x");

        Deployment.all().newAeronDir(data);

        assertFalse(Files.exists(earlier), earlier.toString());
    }

    @Test
    void shouldUseTheDirectorySetWhateverTheFolder()
    {
        final Deployment deployment = new Deployment(Deployment.Role.ALL, "localhost", 40456, "localhost", "/x/aeron");
        assertEquals("/x/aeron", deployment.newAeronDir(dir));
        assertEquals("/x/aeron", deployment.newAeronDir(dir));
    }

    @Test
    void shouldRemoveOnlyTheDirectoriesOfProcessesThatHaveEnded() throws Exception
    {
        final Process ended = new ProcessBuilder("true").start();
        assertEquals(0, ended.waitFor());
        final long endedPid = ended.pid();
        final long ours = ProcessHandle.current().pid();
        final Path abandoned = Files.createDirectories(dir.resolve("qleap-aeron-ab12-" + endedPid + "-1"));
        Files.writeString(abandoned.resolve("cnc.dat"), "x");
        Files.createDirectories(abandoned.resolve("publications"));
        final Path live = Files.createDirectories(dir.resolve("qleap-aeron-ab12-" + ours + "-3"));
        final Path otherFolder = Files.createDirectories(dir.resolve("qleap-aeron-cd34-" + endedPid + "-1"));
        final Path notALaunch = Files.createDirectories(dir.resolve("qleap-aeron-ab12-" + endedPid + "-x"));
        final Path legacy = Files.createDirectories(dir.resolve("qleap-aeron-ab12"));

        Deployment.removeAbandoned(dir, "qleap-aeron-ab12-");

        assertFalse(Files.exists(abandoned));
        assertTrue(Files.isDirectory(live));
        assertTrue(Files.isDirectory(otherFolder));
        assertTrue(Files.isDirectory(notALaunch));
        assertTrue(Files.isDirectory(legacy));
    }

    @Test
    void shouldNotFailWhenTheParentCannotBeListed()
    {
        assertDoesNotThrow(() -> Deployment.removeAbandoned(dir.resolve("missing"), "qleap-aeron-ab12-"));
    }
}
