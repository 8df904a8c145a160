package io.quantumleap.persistence.persister;

/**
 * Names and defaults of the persister settings (system property, else environment variable, else default).
 */
public final class PersisterConfiguration
{
    /** Most messages from one queue per transaction. */
    public static final String BATCH_SIZE_PROP_NAME = "qleap.persister.batch.size";
    /** Environment variable for {@link #BATCH_SIZE_PROP_NAME}. */
    public static final String BATCH_SIZE_ENV_NAME = "QLEAP_PERSISTER_BATCH_SIZE";
    /** Default batch size. */
    public static final int BATCH_SIZE_DEFAULT = 10_000;

    /** Tick policy: all, sampled or bars. */
    public static final String TICK_POLICY_PROP_NAME = "qleap.persister.ticks";
    /** Environment variable for {@link #TICK_POLICY_PROP_NAME}. */
    public static final String TICK_POLICY_ENV_NAME = "QLEAP_PERSISTER_TICKS";
    /** Default tick policy. */
    public static final String TICK_POLICY_DEFAULT = "all";

    /** Sample interval in milliseconds for the sampled tick policy. */
    public static final String SAMPLE_INTERVAL_MS_PROP_NAME = "qleap.persister.sample.interval.ms";
    /** Environment variable for {@link #SAMPLE_INTERVAL_MS_PROP_NAME}. */
    public static final String SAMPLE_INTERVAL_MS_ENV_NAME = "QLEAP_PERSISTER_SAMPLE_INTERVAL_MS";
    /** Default sample interval. */
    public static final long SAMPLE_INTERVAL_MS_DEFAULT = 1_000;

    /** First retry delay after a database failure, in milliseconds; doubles up to the maximum. */
    public static final String RETRY_MIN_MS_PROP_NAME = "qleap.persister.retry.min.ms";
    /** Environment variable for {@link #RETRY_MIN_MS_PROP_NAME}. */
    public static final String RETRY_MIN_MS_ENV_NAME = "QLEAP_PERSISTER_RETRY_MIN_MS";
    /** Default first retry delay. */
    public static final long RETRY_MIN_MS_DEFAULT = 50;

    /** Cap of the retry delay, in milliseconds. */
    public static final String RETRY_MAX_MS_PROP_NAME = "qleap.persister.retry.max.ms";
    /** Environment variable for {@link #RETRY_MAX_MS_PROP_NAME}. */
    public static final String RETRY_MAX_MS_ENV_NAME = "QLEAP_PERSISTER_RETRY_MAX_MS";
    /** Default retry cap. */
    public static final long RETRY_MAX_MS_DEFAULT = 5_000;

    /**
     * How long the persister waits, once it has caught up with the journal, before it looks again, in milliseconds.
     * Rows reach PostgreSQL at most this much later; in exchange a trickle of ticks is stored in a few transactions
     * a second instead of one per tick, which on a small machine leaves the CPU to the engine.
     */
    public static final String LINGER_MS_PROP_NAME = "qleap.persister.linger.ms";
    /** Environment variable for {@link #LINGER_MS_PROP_NAME}. */
    public static final String LINGER_MS_ENV_NAME = "QLEAP_PERSISTER_LINGER_MS";
    /** Default linger. */
    public static final long LINGER_MS_DEFAULT = 20;

    /**
     * Longest the persister waits on its database connection for any one call (storing a batch, reading a
     * checkpoint), in milliseconds. A database that stops answering without closing the connection (a frozen host,
     * a lost network path) then counts as a failed attempt and is retried, instead of holding the persister until
     * the kernel gives up on the connection hours later.
     */
    public static final String NETWORK_TIMEOUT_MS_PROP_NAME = "qleap.persister.network.timeout.ms";
    /** Environment variable for {@link #NETWORK_TIMEOUT_MS_PROP_NAME}. */
    public static final String NETWORK_TIMEOUT_MS_ENV_NAME = "QLEAP_PERSISTER_NETWORK_TIMEOUT_MS";
    /** Default network timeout: a batch takes milliseconds, a busy disk some seconds. */
    public static final long NETWORK_TIMEOUT_MS_DEFAULT = 15_000;

    /**
     * Most messages stored per second, all queues together; 0 for no limit. Caps the CPU a backlog drain takes
     * from the engine on a small machine, at the cost of a longer drain.
     */
    public static final String MAX_RATE_PROP_NAME = "qleap.persister.max.rate";
    /** Environment variable for {@link #MAX_RATE_PROP_NAME}. */
    public static final String MAX_RATE_ENV_NAME = "QLEAP_PERSISTER_MAX_RATE";
    /** Default: no limit. */
    public static final long MAX_RATE_DEFAULT = 0;

    private PersisterConfiguration()
    {
    }

    static String get(final String propName, final String envName, final String defaultValue)
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

    static long getLong(final String propName, final String envName, final long defaultValue)
    {
        final String value = get(propName, envName, null);
        if (null == value)
        {
            return defaultValue;
        }
        try
        {
            return Long.parseLong(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(propName + " must be a whole number: " + value, ex);
        }
    }
}
