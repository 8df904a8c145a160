package io.quantumleap.persistence.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server run from the Maven Central binaries, with its data directory kept under the run's
 * data folder so it survives restarts. {@link #stop()} and {@link #start()} may be called repeatedly; the
 * port stays the same so clients reconnect to the same address.
 */
public final class EmbeddedServer implements AutoCloseable
{
    private final Path dataDirectory;
    private int port;
    private EmbeddedPostgres postgres;

    /**
     * @param dataDirectory where PostgreSQL keeps its files (initialised on first start).
     * @param port          TCP port, 0 for any free one (then fixed for later restarts).
     */
    public EmbeddedServer(final Path dataDirectory, final int port)
    {
        this.dataDirectory = dataDirectory;
        this.port = port;
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
            final EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(true)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "50")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("wal_buffers", "16MB")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "15min");
            if (0 != port)
            {
                builder.setPort(port);
            }
            postgres = builder.start();
            port = postgres.getPort();
            return this;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory, ex);
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
