package io.quantumleap.persistence.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL the application uses: the embedded server under {@code <data>/postgres} by default, or the
 * external one named by {@code QLEAP_DB_URL}. Launching runs the Flyway migrations and opens a HikariCP pool;
 * {@link #close()} closes the pool and stops the embedded server. The embedded server is stopped at the JVM's exit
 * by a hook of the database's: the JVM runs its shutdown hooks side by side, so once the owner says the database is
 * {@link #inService() in service} that hook first waits for the owner to close it after its last write (the
 * persister's last batch and checkpoint); before that (a start interrupted or failed) it stops the server at once.
 */
public final class Database implements AutoCloseable
{
    /** How long the exit hook waits for the owner of a database in service to close it. */
    private static final long OWNER_GRACE_MS = 30_000;
    /** Connections the embedded server keeps for clients other than the pool. */
    static final int CONNECTIONS_BESIDE_THE_POOL = 10;

    private final DatabaseContext ctx;
    private final EmbeddedServer embedded;
    private final HikariDataSource dataSource;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread stopAtExit;
    private volatile boolean inService;

    private Database(final DatabaseContext ctx, final EmbeddedServer embedded, final HikariDataSource dataSource)
    {
        this.ctx = ctx;
        this.embedded = embedded;
        this.dataSource = dataSource;
        stopAtExit = null == embedded ? null : new Thread(this::stopAtExit, "qleap-db-stop");
        if (null != stopAtExit)
        {
            Runtime.getRuntime().addShutdownHook(stopAtExit);
        }
    }

    /** Starts (or connects to) the database described by the context and migrates its schema. */
    public static Database launch(final DatabaseContext ctx)
    {
        ctx.conclude();
        EmbeddedServer embedded = null;
        String url = ctx.url();
        if (null == url)
        {
            embedded = new EmbeddedServer(ctx.dataDir().resolve("postgres"), ctx.embeddedPort(), false)
                .maxConnections(embeddedMaxConnections(ctx.poolSize()))
                .start();
            url = embedded.jdbcUrl("postgres");
        }
        try
        {
            final HikariDataSource dataSource = pool(url, ctx);
            try
            {
                migrate(dataSource, ctx.schema());
                return new Database(ctx, embedded, dataSource);
            }
            catch (final RuntimeException ex)
            {
                dataSource.close();
                throw ex;
            }
        }
        catch (final RuntimeException ex)
        {
            if (null != embedded)
            {
                embedded.close();
            }
            throw ex;
        }
    }

    /**
     * The embedded server's {@code max_connections} for a pool of {@code poolSize}: the pool whole, and
     * {@link #CONNECTIONS_BESIDE_THE_POOL} for the others (the alerts' LISTEN, an operator's psql), at least the
     * server's default.
     */
    static int embeddedMaxConnections(final int poolSize)
    {
        return Math.max(EmbeddedServer.MAX_CONNECTIONS_DEFAULT, poolSize + CONNECTIONS_BESIDE_THE_POOL);
    }

    /**
     * Applies the migrations to a schema (creating it when missing).
     *
     * @param dataSource any data source on the target database.
     * @param schema     the schema holding the tables.
     */
    public static void migrate(final DataSource dataSource, final String schema)
    {
        Flyway.configure()
            .dataSource(dataSource)
            .schemas(schema)
            .defaultSchema(schema)
            .createSchemas(true)
            .locations("classpath:db/migration")
            .load()
            .migrate();
    }

    private static HikariDataSource pool(final String url, final DatabaseContext ctx)
    {
        final HikariConfig config = new HikariConfig();
        config.setPoolName("qleap-db");
        config.setJdbcUrl(url);
        config.setUsername(ctx.user());
        if (null != ctx.password())
        {
            config.setPassword(ctx.password());
        }
        config.setSchema(ctx.schema());
        config.setMaximumPoolSize(ctx.poolSize());
        config.setMinimumIdle(1);
        // Short timeouts so callers (the persister's retry loop above all) see an outage quickly.
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(1_000);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        return new HikariDataSource(config);
    }

    /**
     * @return a connection of its own, not the pool's, for a caller that holds one for long (a LISTEN); the caller
     * closes it.
     */
    public Connection connectionOutsideThePool() throws SQLException
    {
        return DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
    }

    /** The connection pool. */
    public HikariDataSource dataSource()
    {
        return dataSource;
    }

    /** The embedded server, or null when an external PostgreSQL is used. */
    public EmbeddedServer embeddedServer()
    {
        return embedded;
    }

    /** The settings in force. */
    public DatabaseContext context()
    {
        return ctx;
    }

    /**
     * Says the owner has started and closes the database in its own shutdown: from now on the exit hook gives it up
     * to {@link #OWNER_GRACE_MS} ms to do so before it stops the embedded server itself.
     */
    public void inService()
    {
        inService = true;
    }

    private void stopAtExit()
    {
        if (inService)
        {
            try
            {
                closed.await(OWNER_GRACE_MS, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        embedded.stop();
    }

    @Override
    public void close()
    {
        dataSource.close();
        if (null != embedded)
        {
            embedded.close();
        }
        closed.countDown();
        if (null != stopAtExit)
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            }
            catch (final IllegalStateException ex)
            {
                // The JVM is shutting down: the hook runs and finds the server stopped.
            }
        }
    }
}
