package io.quantumleap.persistence.support;

import io.quantumleap.persistence.db.Database;
import io.quantumleap.persistence.db.DatabaseContext;
import io.quantumleap.persistence.db.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

public final class TestDatabase
{
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedServer server;

    private TestDatabase()
    {
    }

    public static synchronized EmbeddedServer server()
    {
        if (null == server)
        {
            try
            {
                server = new EmbeddedServer(Files.createTempDirectory("qleap-pg-").resolve("postgres"), 0).start();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "qleap-test-pg-stop"));
        }
        return server;
    }

    public static Database freshSchema()
    {
        return on(server(), "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet());
    }

    public static Database on(final EmbeddedServer server, final String schema)
    {
        return Database.launch(new DatabaseContext()
            .dataDir(Path.of("target"))
            .url(server.jdbcUrl("postgres"))
            .user("postgres")
            .password("")
            .schema(schema)
            .poolSize(4));
    }
}
