package io.quantumleap.persistence.db;

import io.quantumleap.engine.pipeline.Configuration;

/**
 * Names and defaults of the database settings. Each property can also be given as the environment variable
 * named in its {@code *_ENV_NAME} constant; a system property wins over the environment.
 */
public final class DatabaseConfiguration
{
    /** Root folder of a run's data; the embedded PostgreSQL keeps its files under {@code <dir>/postgres}. */
    public static final String DATA_DIR_PROP_NAME = "qleap.data.dir";
    /** Environment variable for {@link #DATA_DIR_PROP_NAME}. */
    public static final String DATA_DIR_ENV_NAME = "QLEAP_DATA_DIR";
    /** Default data folder, relative to the working directory. */
    public static final String DATA_DIR_DEFAULT = "./data";

    /** JDBC URL of an external PostgreSQL; when unset the embedded one is started. */
    public static final String DB_URL_PROP_NAME = "qleap.db.url";
    /** Environment variable for {@link #DB_URL_PROP_NAME}. */
    public static final String DB_URL_ENV_NAME = "QLEAP_DB_URL";

    /** User for the external PostgreSQL. */
    public static final String DB_USER_PROP_NAME = "qleap.db.user";
    /** Environment variable for {@link #DB_USER_PROP_NAME}. */
    public static final String DB_USER_ENV_NAME = "QLEAP_DB_USER";
    /** User of the embedded PostgreSQL (trust authentication on localhost). */
    public static final String DB_USER_DEFAULT = "postgres";

    /** Password for the external PostgreSQL. */
    public static final String DB_PASSWORD_PROP_NAME = "qleap.db.password";
    /** Environment variable for {@link #DB_PASSWORD_PROP_NAME}. */
    public static final String DB_PASSWORD_ENV_NAME = "QLEAP_DB_PASSWORD";

    /** TCP port of the embedded PostgreSQL, 0 to 65535; 0 picks a free one (the one of the last run if free). */
    public static final String EMBEDDED_PORT_PROP_NAME = "qleap.db.embedded.port";
    /** Environment variable for {@link #EMBEDDED_PORT_PROP_NAME}. */
    public static final String EMBEDDED_PORT_ENV_NAME = "QLEAP_DB_EMBEDDED_PORT";
    /** Default embedded port: any free one. */
    public static final int EMBEDDED_PORT_DEFAULT = 0;

    /** Maximum connections in the pool: 1 to {@link #POOL_SIZE_MAX}. */
    public static final String POOL_SIZE_PROP_NAME = "qleap.db.pool.size";
    /** Environment variable for {@link #POOL_SIZE_PROP_NAME}. */
    public static final String POOL_SIZE_ENV_NAME = "QLEAP_DB_POOL_SIZE";
    /** Default pool size: the persister's connection plus a few for the read side. */
    public static final int POOL_SIZE_DEFAULT = 6;
    /**
     * Greatest pool size. A server of the user's own bounds it in practice with its {@code max_connections} (100 by
     * default), shared with every other client of the database; the embedded server takes the pool whole
     * ({@code Database#embeddedMaxConnections}).
     */
    public static final int POOL_SIZE_MAX = 1_000;

    private DatabaseConfiguration()
    {
    }

    /** The system property, else the environment variable, else the default. */
    public static String get(final String propName, final String envName, final String defaultValue)
    {
        final String prop = System.getProperty(propName);
        if (null != prop && !prop.isBlank())
        {
            return prop;
        }
        final String env = System.getenv(envName);
        if (null != env && !env.isBlank())
        {
            return env;
        }
        return defaultValue;
    }

    /** Data folder of this run. */
    public static String dataDir()
    {
        return get(DATA_DIR_PROP_NAME, DATA_DIR_ENV_NAME, DATA_DIR_DEFAULT);
    }

    /** External JDBC URL, or null for the embedded PostgreSQL. */
    public static String dbUrl()
    {
        return get(DB_URL_PROP_NAME, DB_URL_ENV_NAME, null);
    }

    /** Database user. */
    public static String dbUser()
    {
        return get(DB_USER_PROP_NAME, DB_USER_ENV_NAME, DB_USER_DEFAULT);
    }

    /** Database password, or null. */
    public static String dbPassword()
    {
        return get(DB_PASSWORD_PROP_NAME, DB_PASSWORD_ENV_NAME, null);
    }

    /**
     * @return the embedded port.
     * @throws IllegalArgumentException naming the property or variable when it is not a port number.
     */
    public static int embeddedPort()
    {
        return (int)getLong(
            EMBEDDED_PORT_PROP_NAME, EMBEDDED_PORT_ENV_NAME, EMBEDDED_PORT_DEFAULT, 0, 65_535, "a port");
    }

    /**
     * @return the pool size.
     * @throws IllegalArgumentException naming the property or variable when it is out of range.
     */
    public static int poolSize()
    {
        return (int)getLong(
            POOL_SIZE_PROP_NAME, POOL_SIZE_ENV_NAME, POOL_SIZE_DEFAULT, 1, POOL_SIZE_MAX, "connections");
    }

    /**
     * The system property, else the environment variable, else the default, as an integer in a range.
     *
     * @param propName     the system property.
     * @param envName      the environment variable read when the property is not set.
     * @param defaultValue when neither is set (not checked: the defaults lie in range).
     * @param min          least value accepted.
     * @param max          greatest value accepted.
     * @param expected     what the value is, for the message.
     * @return the value.
     * @throws IllegalArgumentException naming the property or the variable the value came from, the value and what
     *                                  is expected, when it is not an integer or lies out of range
     *                                  ({@link Configuration#requireInRange}).
     */
    public static long getLong(
        final String propName, final String envName, final long defaultValue, final long min, final long max,
        final String expected)
    {
        final String value = get(propName, envName, null);
        if (null == value)
        {
            return defaultValue;
        }
        final String name = source(propName, envName);
        return Configuration.requireInRange(name, Configuration.parseLong(name, value), min, max, expected);
    }

    /** @return the property when it is set, else the environment variable: the one a value is read from. */
    public static String source(final String propName, final String envName)
    {
        final String prop = System.getProperty(propName);
        return null != prop && !prop.isBlank() ? propName : envName;
    }
}
