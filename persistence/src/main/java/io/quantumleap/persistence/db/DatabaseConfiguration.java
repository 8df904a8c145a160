package io.quantumleap.persistence.db;

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

    /** TCP port of the embedded PostgreSQL; 0 picks a free one. */
    public static final String EMBEDDED_PORT_PROP_NAME = "qleap.db.embedded.port";
    /** Environment variable for {@link #EMBEDDED_PORT_PROP_NAME}. */
    public static final String EMBEDDED_PORT_ENV_NAME = "QLEAP_DB_EMBEDDED_PORT";
    /** Default embedded port: any free one. */
    public static final int EMBEDDED_PORT_DEFAULT = 0;

    /** Maximum connections in the pool. */
    public static final String POOL_SIZE_PROP_NAME = "qleap.db.pool.size";
    /** Environment variable for {@link #POOL_SIZE_PROP_NAME}. */
    public static final String POOL_SIZE_ENV_NAME = "QLEAP_DB_POOL_SIZE";
    /** Default pool size: the persister's connection plus a few for the read side. */
    public static final int POOL_SIZE_DEFAULT = 6;

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

    /** Embedded port. */
    public static int embeddedPort()
    {
        return Integer.parseInt(get(EMBEDDED_PORT_PROP_NAME, EMBEDDED_PORT_ENV_NAME,
            Integer.toString(EMBEDDED_PORT_DEFAULT)));
    }

    /** Pool size. */
    public static int poolSize()
    {
        return Integer.parseInt(get(POOL_SIZE_PROP_NAME, POOL_SIZE_ENV_NAME, Integer.toString(POOL_SIZE_DEFAULT)));
    }
}
