package io.quantumleap.persistence.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldKeepDataAndPortAcrossEmbeddedRestarts() throws Exception
    {
        final int firstPort;
        try (Database db = Database.launch(new DatabaseContext().dataDir(dataDir).url(null)))
        {
            firstPort = db.embeddedServer().port();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement())
            {
                s.executeUpdate("INSERT INTO journal_checkpoints (queue, last_index) VALUES ('in', 42)");
            }
        }

        try (Database db = Database.launch(new DatabaseContext().dataDir(dataDir).url(null)))
        {
            assertEquals(firstPort, db.embeddedServer().port(), "the port of the first run");
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT last_index FROM journal_checkpoints WHERE queue = 'in'"))
            {
                assertTrue(rs.next());
                assertEquals(42L, rs.getLong(1));
            }
            assertTrue(dataDir.resolve("postgres").resolve("PG_VERSION").toFile().exists());
        }
    }

    @Test
    void shouldLetAPoolLargerThanTheEmbeddedServersDefaultHoldEveryConnectionWithRoomBesideIt() throws Exception
    {
        final int poolSize = EmbeddedServer.MAX_CONNECTIONS_DEFAULT + 10;
        final List<Connection> held = new ArrayList<>();
        try (Database db = Database.launch(new DatabaseContext().dataDir(dataDir).url(null).poolSize(poolSize)))
        {
            try
            {
                for (int i = 0; i < poolSize; i++)
                {
                    held.add(db.dataSource().getConnection());
                }
                try (Connection beside = db.connectionOutsideThePool(); Statement s = beside.createStatement();
                    ResultSet rs = s.executeQuery("SHOW max_connections"))
                {
                    assertTrue(rs.next());
                    assertEquals(poolSize + Database.CONNECTIONS_BESIDE_THE_POOL, Integer.parseInt(rs.getString(1)));
                }
            }
            finally
            {
                for (final Connection c : held)
                {
                    c.close();
                }
            }
        }
        assertEquals(poolSize, held.size());
        assertEquals(EmbeddedServer.MAX_CONNECTIONS_DEFAULT, Database.embeddedMaxConnections(6));
    }

    @Test
    void shouldStartWhereAKilledProcessLeftItsPostgresRunning() throws Exception
    {
        orphanAServer();

        try (Database db = Database.launch(new DatabaseContext().dataDir(dataDir).url(null)))
        {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM journal_checkpoints"))
            {
                assertTrue(rs.next());
                assertEquals(0L, rs.getLong(1));
            }
        }
    }

    @Test
    void shouldStopItsPostgresSoonAfterAKilledProcessLeftItRunning() throws Exception
    {
        final Process child = child(OrphanedServerMain.class, "watched");
        assertTrue(child.waitFor(90, TimeUnit.SECONDS), "child did not finish");
        assertEquals(OrphanedServerMain.HALT_STATUS, child.exitValue());
        final Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.exists(pidFile))
        {
            assertTrue(System.nanoTime() < deadline, "the orphaned PostgreSQL still runs");
            Thread.sleep(100);
        }

        try (Database db = Database.launch(new DatabaseContext().dataDir(dataDir).url(null));
            Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT 1"))
        {
            assertTrue(rs.next());
        }
    }

    @Test
    void shouldStopAnOrphanedPostgresPromptlyEvenWithAnotherProcessStillConnectedToIt() throws Exception
    {
        orphanAServer();
        final List<String> pid = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        final Connection stayingClient = DriverManager.getConnection(
            "jdbc:postgresql://localhost:" + pid.get(3).trim() + "/postgres", "postgres", "");

        final long start = System.nanoTime();
        try (Database db = Database.launch(new DatabaseContext().dataDir(dataDir).url(null)))
        {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1"))
            {
                assertTrue(rs.next());
            }
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(50), "the orphan's clients held it up");
        assertFalse(stayingClient.isValid(2), "the old server's client was disconnected");
        stayingClient.close();
    }

    @Test
    void shouldKeepTheEmbeddedServerUpForTheOwnersLastWriteWhenTheProcessIsStopped() throws Exception
    {
        final Path log = dataDir.resolve("child.log");
        final Process child = readyChild("1000");

        child.destroy();

        assertTrue(child.waitFor(90, TimeUnit.SECONDS), "child did not stop");
        final String output = Files.readString(log);
        assertTrue(output.contains(LastWriteAtExitMain.STORED), output);
        assertTrue(output.contains(LastWriteAtExitMain.CLOSED), output);
        assertFalse(Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid")), "the server still runs");
        try (Database db = Database.launch(new DatabaseContext().dataDir(dataDir).url(null));
            Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT last_index FROM journal_checkpoints WHERE queue = 'in'"))
        {
            assertTrue(rs.next());
            assertEquals(7L, rs.getLong(1));
        }
    }

    @Test
    void shouldStopTheEmbeddedServerPromptlyWhenAProcessStillStartingIsStopped() throws Exception
    {
        final Process child = readyChild("starting");
        assertTrue(Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid")));

        final long stopping = System.nanoTime();
        child.destroy();

        assertTrue(child.waitFor(90, TimeUnit.SECONDS), "child did not stop");
        assertFalse(Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid")), "the server still runs");
        assertTrue(System.nanoTime() - stopping < TimeUnit.SECONDS.toNanos(20), "it waited for an owner");
    }

    private Process readyChild(final String mode) throws Exception
    {
        final Path log = dataDir.resolve("child.log");
        final Process child = child(LastWriteAtExitMain.class, mode);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.readString(log).contains(LastWriteAtExitMain.READY))
        {
            assertTrue(child.isAlive(), "child ended before it was ready: " + Files.readString(log));
            assertTrue(System.nanoTime() < deadline, "child not ready: " + Files.readString(log));
            Thread.sleep(50);
        }
        return child;
    }

    private Process child(final Class<?> main, final String... args) throws Exception
    {
        final String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-cp",
            classPath, main.getName(), dataDir.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolve("child.log").toFile())
            .start();
    }

    private void orphanAServer() throws Exception
    {
        final Process child = child(OrphanedServerMain.class);
        assertTrue(child.waitFor(90, TimeUnit.SECONDS), "child did not finish");
        assertEquals(OrphanedServerMain.HALT_STATUS, child.exitValue());
        assertTrue(dataDir.resolve("postgres").resolve("postmaster.pid").toFile().exists());
    }
}
