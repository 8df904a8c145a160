package io.quantumleap.persistence.persister;

import io.quantumleap.persistence.db.DatabaseConfiguration;

/**
 * Names, defaults and accepted ranges of the persister settings (system property, else environment variable, else
 * default). {@link PersisterContext#conclude()} reads them at start and refuses a value out of its range, naming it.
 */
public final class PersisterConfiguration
{
    /** Most messages from one queue per transaction: 1 to {@link #BATCH_SIZE_MAX}. */
    public static final String BATCH_SIZE_PROP_NAME = "qleap.persister.batch.size";
    /** Environment variable for {@link #BATCH_SIZE_PROP_NAME}. */
    public static final String BATCH_SIZE_ENV_NAME = "QLEAP_PERSISTER_BATCH_SIZE";
    /** Default batch size. */
    public static final int BATCH_SIZE_DEFAULT = 10_000;
    /** A batch is held in memory, and stored in one transaction, whole. */
    public static final int BATCH_SIZE_MAX = 1_000_000;

    /** Tick policy: all, sampled or bars. */
    public static final String TICK_POLICY_PROP_NAME = "qleap.persister.ticks";
    /** Environment variable for {@link #TICK_POLICY_PROP_NAME}. */
    public static final String TICK_POLICY_ENV_NAME = "QLEAP_PERSISTER_TICKS";
    /** Default tick policy. */
    public static final String TICK_POLICY_DEFAULT = "all";

    /** Sample interval in milliseconds for the sampled tick policy: 1 to {@link #SAMPLE_INTERVAL_MS_MAX}. */
    public static final String SAMPLE_INTERVAL_MS_PROP_NAME = "qleap.persister.sample.interval.ms";
    /** Environment variable for {@link #SAMPLE_INTERVAL_MS_PROP_NAME}. */
    public static final String SAMPLE_INTERVAL_MS_ENV_NAME = "QLEAP_PERSISTER_SAMPLE_INTERVAL_MS";
    /** Default sample interval. */
    public static final long SAMPLE_INTERVAL_MS_DEFAULT = 1_000;
    /** A day: a longer interval keeps at most one tick per instrument per trading day, whatever it is. */
    public static final long SAMPLE_INTERVAL_MS_MAX = 86_400_000;

    /**
     * First retry delay after a database failure, in milliseconds; doubles up to the maximum. Both are 1 to
     * {@link #RETRY_MS_MAX}, the first no more than the maximum.
     */
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
    /** An hour: a persister that waits longer between attempts leaves the journal's backlog to grow unseen. */
    public static final long RETRY_MS_MAX = 3_600_000;

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
    /** Least linger: 0 would poll the journal without a pause. */
    public static final long LINGER_MS_MIN = 1;
    /** Greatest linger: rows would reach PostgreSQL more than 10 s late. */
    public static final long LINGER_MS_MAX = 10_000;

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
    /** Least network timeout: below it a busy but healthy database fails every batch. */
    public static final long NETWORK_TIMEOUT_MS_MIN = 100;
    /** Greatest network timeout: ten minutes. */
    public static final long NETWORK_TIMEOUT_MS_MAX = 600_000;

    /**
     * Most messages stored per second, all queues together; 0 for no limit, else at least {@link #MAX_RATE_MIN}.
     * Caps the CPU a backlog drain takes from the engine on a small machine, at the cost of a longer drain.
     */
    public static final String MAX_RATE_PROP_NAME = "qleap.persister.max.rate";
    /** Environment variable for {@link #MAX_RATE_PROP_NAME}. */
    public static final String MAX_RATE_ENV_NAME = "QLEAP_PERSISTER_MAX_RATE";
    /** Default: no limit. */
    public static final long MAX_RATE_DEFAULT = 0;
    /** The rate is spent a tenth of it each tenth of a second: below 10 a tenth's share would be 0, storing nothing. */
    public static final long MAX_RATE_MIN = 10;

    private PersisterConfiguration()
    {
    }

    static String get(final String propName, final String envName, final String defaultValue)
    {
        return DatabaseConfiguration.get(propName, envName, defaultValue);
    }

    /** See {@link DatabaseConfiguration#getLong}. */
    static long getLong(
        final String propName, final String envName, final long defaultValue, final long min, final long max,
        final String expected)
    {
        return DatabaseConfiguration.getLong(propName, envName, defaultValue, min, max, expected);
    }
}
