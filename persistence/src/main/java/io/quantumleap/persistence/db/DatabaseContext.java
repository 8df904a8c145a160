package io.quantumleap.persistence.db;

import java.nio.file.Path;

/**
 * Settings of a {@link Database}, read from {@link DatabaseConfiguration} unless set here. {@link #conclude()}
 * validates them once, before the database starts.
 */
public final class DatabaseContext
{
    private Path dataDir;
    private String url;
    private String user;
    private String password;
    private int embeddedPort = -1;
    private int poolSize = -1;
    private String schema = "public";
    private boolean concluded;

    /** Fills unset values from the configuration and checks them. */
    public DatabaseContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (null == dataDir)
        {
            dataDir = Path.of(DatabaseConfiguration.dataDir());
        }
        if (null == url)
        {
            url = DatabaseConfiguration.dbUrl();
        }
        // Blank counts as unset: configuration files hand an unset variable over as an empty string.
        if (null == user || user.isBlank())
        {
            user = DatabaseConfiguration.dbUser();
        }
        if (null == password || password.isEmpty())
        {
            password = DatabaseConfiguration.dbPassword();
        }
        if (embeddedPort < 0)
        {
            embeddedPort = DatabaseConfiguration.embeddedPort();
        }
        if (poolSize < 0)
        {
            poolSize = DatabaseConfiguration.poolSize();
        }
        if (embeddedPort > 65535)
        {
            throw new IllegalArgumentException("embeddedPort must be 0..65535: " + embeddedPort);
        }
        if (poolSize < 1)
        {
            throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
        }
        if (null != url && !url.startsWith("jdbc:postgresql:"))
        {
            throw new IllegalArgumentException("url must start with jdbc:postgresql: " + url);
        }
        if (null == schema || !schema.matches("[a-z_][a-z0-9_]{0,62}"))
        {
            throw new IllegalArgumentException("schema must be a lower-case SQL identifier: " + schema);
        }
        concluded = true;
        return this;
    }

    /** Data folder of the run. */
    public Path dataDir()
    {
        return dataDir;
    }

    /** Sets the data folder. */
    public DatabaseContext dataDir(final Path dataDir)
    {
        this.dataDir = dataDir;
        return this;
    }

    /** External JDBC URL, or null for embedded. */
    public String url()
    {
        return url;
    }

    /** Sets an external JDBC URL. */
    public DatabaseContext url(final String url)
    {
        this.url = url;
        return this;
    }

    /** Database user. */
    public String user()
    {
        return user;
    }

    /** Sets the database user. */
    public DatabaseContext user(final String user)
    {
        this.user = user;
        return this;
    }

    /** Database password or null. */
    public String password()
    {
        return password;
    }

    /** Sets the database password. */
    public DatabaseContext password(final String password)
    {
        this.password = password;
        return this;
    }

    /** Port of the embedded PostgreSQL, 0 for any free one. */
    public int embeddedPort()
    {
        return embeddedPort;
    }

    /** Sets the embedded port. */
    public DatabaseContext embeddedPort(final int embeddedPort)
    {
        this.embeddedPort = embeddedPort;
        return this;
    }

    /** Maximum pool connections. */
    public int poolSize()
    {
        return poolSize;
    }

    /** Sets the pool size. */
    public DatabaseContext poolSize(final int poolSize)
    {
        this.poolSize = poolSize;
        return this;
    }

    /** Schema the tables live in (tests use one per case on a shared server). */
    public String schema()
    {
        return schema;
    }

    /** Sets the schema. */
    public DatabaseContext schema(final String schema)
    {
        this.schema = schema;
        return this;
    }
}
