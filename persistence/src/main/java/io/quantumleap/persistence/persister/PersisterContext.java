package io.quantumleap.persistence.persister;

import io.quantumleap.engine.pipeline.Configuration;
import io.quantumleap.persistence.db.DatabaseConfiguration;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;

import javax.sql.DataSource;

/**
 * Settings and collaborators of a {@link Persister}; {@link #conclude()} fills defaults from
 * {@link PersisterConfiguration} and validates.
 */
public final class PersisterContext
{
    private DataSource dataSource;
    private JournalSource inSource;
    private JournalSource outSource;
    private int batchSize = -1;
    private TickPolicy tickPolicy;
    private long sampleIntervalMs = -1;
    private long retryMinMs = -1;
    private long retryMaxMs = -1;
    private long lingerMs = -1;
    private long networkTimeoutMs = -1;
    private long maxMessagesPerSecond = -1;
    private NanoClock nanoClock;
    private EpochNanoClock epochNanoClock;
    private BatchHook batchHook;
    private boolean concluded;

    /** Fills defaults and checks the settings. */
    public PersisterContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (null == dataSource)
        {
            throw new IllegalStateException("dataSource is required");
        }
        if (null == inSource && null == outSource)
        {
            throw new IllegalStateException("at least one of inSource and outSource is required");
        }
        if (batchSize < 0)
        {
            batchSize = (int)PersisterConfiguration.getLong(PersisterConfiguration.BATCH_SIZE_PROP_NAME,
                PersisterConfiguration.BATCH_SIZE_ENV_NAME, PersisterConfiguration.BATCH_SIZE_DEFAULT, 1,
                PersisterConfiguration.BATCH_SIZE_MAX, "messages");
        }
        if (null == tickPolicy)
        {
            tickPolicy = TickPolicy.parse(PersisterConfiguration.get(PersisterConfiguration.TICK_POLICY_PROP_NAME,
                PersisterConfiguration.TICK_POLICY_ENV_NAME, PersisterConfiguration.TICK_POLICY_DEFAULT));
        }
        if (sampleIntervalMs < 0)
        {
            sampleIntervalMs = PersisterConfiguration.getLong(PersisterConfiguration.SAMPLE_INTERVAL_MS_PROP_NAME,
                PersisterConfiguration.SAMPLE_INTERVAL_MS_ENV_NAME, PersisterConfiguration.SAMPLE_INTERVAL_MS_DEFAULT,
                1, PersisterConfiguration.SAMPLE_INTERVAL_MS_MAX, "milliseconds");
        }
        if (retryMinMs < 0)
        {
            retryMinMs = PersisterConfiguration.getLong(PersisterConfiguration.RETRY_MIN_MS_PROP_NAME,
                PersisterConfiguration.RETRY_MIN_MS_ENV_NAME, PersisterConfiguration.RETRY_MIN_MS_DEFAULT, 1,
                PersisterConfiguration.RETRY_MS_MAX, "milliseconds");
        }
        if (retryMaxMs < 0)
        {
            retryMaxMs = PersisterConfiguration.getLong(PersisterConfiguration.RETRY_MAX_MS_PROP_NAME,
                PersisterConfiguration.RETRY_MAX_MS_ENV_NAME, PersisterConfiguration.RETRY_MAX_MS_DEFAULT,
                Math.max(1, retryMinMs), PersisterConfiguration.RETRY_MS_MAX,
                "milliseconds, the retry minimum or more,");
        }
        lingerMs = milliseconds(lingerMs, PersisterConfiguration.LINGER_MS_PROP_NAME,
            PersisterConfiguration.LINGER_MS_ENV_NAME, PersisterConfiguration.LINGER_MS_DEFAULT,
            PersisterConfiguration.LINGER_MS_MIN, PersisterConfiguration.LINGER_MS_MAX);
        networkTimeoutMs = milliseconds(networkTimeoutMs, PersisterConfiguration.NETWORK_TIMEOUT_MS_PROP_NAME,
            PersisterConfiguration.NETWORK_TIMEOUT_MS_ENV_NAME, PersisterConfiguration.NETWORK_TIMEOUT_MS_DEFAULT,
            PersisterConfiguration.NETWORK_TIMEOUT_MS_MIN, PersisterConfiguration.NETWORK_TIMEOUT_MS_MAX);
        if (maxMessagesPerSecond < 0)
        {
            maxMessagesPerSecond = PersisterConfiguration.getLong(PersisterConfiguration.MAX_RATE_PROP_NAME,
                PersisterConfiguration.MAX_RATE_ENV_NAME, PersisterConfiguration.MAX_RATE_DEFAULT, 0, Long.MAX_VALUE,
                "messages a second");
            if (maxMessagesPerSecond != 0)
            {
                Configuration.requireInRange(DatabaseConfiguration.source(PersisterConfiguration.MAX_RATE_PROP_NAME,
                    PersisterConfiguration.MAX_RATE_ENV_NAME), maxMessagesPerSecond,
                    PersisterConfiguration.MAX_RATE_MIN, Long.MAX_VALUE, "0 (no limit) or messages a second");
            }
        }
        if (maxMessagesPerSecond != 0 && maxMessagesPerSecond < 10)
        {
            throw new IllegalArgumentException("maxMessagesPerSecond must be 0 (no limit) or at least 10: " +
                maxMessagesPerSecond);
        }
        if (batchSize < 1 || batchSize > 1_000_000)
        {
            throw new IllegalArgumentException("batchSize must be 1..1000000: " + batchSize);
        }
        if (sampleIntervalMs < 1)
        {
            throw new IllegalArgumentException("sampleIntervalMs must be at least 1: " + sampleIntervalMs);
        }
        if (retryMinMs < 1 || retryMaxMs < retryMinMs)
        {
            throw new IllegalArgumentException(
                "retry delays must satisfy 1 <= retryMinMs <= retryMaxMs: " + retryMinMs + ", " + retryMaxMs);
        }
        if (null == nanoClock)
        {
            nanoClock = SystemNanoClock.INSTANCE;
        }
        if (null == epochNanoClock)
        {
            epochNanoClock = new SystemEpochNanoClock();
        }
        if (null == batchHook)
        {
            batchHook = BatchHook.NONE;
        }
        concluded = true;
        return this;
    }

    /**
     * @param value a value set in code, or negative to read the property (else the environment variable, else the
     *              default).
     * @return the value, checked to lie in {@code min..max}.
     * @throws IllegalArgumentException naming the property and its environment variable when a value set in code
     *                                  does not, or the one of the two the value was read from.
     */
    private static long milliseconds(
        final long value, final String propName, final String envName, final long defaultValue, final long min,
        final long max)
    {
        if (value >= 0)
        {
            if (value < min || value > max)
            {
                throw new IllegalArgumentException(
                    propName + " (" + envName + ") must be " + min + ".." + max + " ms, was " + value);
            }
            return value;
        }
        return PersisterConfiguration.getLong(propName, envName, defaultValue, min, max, "milliseconds");
    }

    /** Pool the persister takes its connection from. */
    public DataSource dataSource()
    {
        return dataSource;
    }

    /** Sets the data source. */
    public PersisterContext dataSource(final DataSource dataSource)
    {
        this.dataSource = dataSource;
        return this;
    }

    /** The {@code in} queue (market data), or null to not store ticks. */
    public JournalSource inSource()
    {
        return inSource;
    }

    /** Sets the {@code in} queue source. */
    public PersisterContext inSource(final JournalSource inSource)
    {
        this.inSource = inSource;
        return this;
    }

    /** The {@code out} queue (orders, trades, positions, audit events), or null. */
    public JournalSource outSource()
    {
        return outSource;
    }

    /** Sets the {@code out} queue source. */
    public PersisterContext outSource(final JournalSource outSource)
    {
        this.outSource = outSource;
        return this;
    }

    /** Most messages per queue per transaction. */
    public int batchSize()
    {
        return batchSize;
    }

    /** Sets the batch size. */
    public PersisterContext batchSize(final int batchSize)
    {
        this.batchSize = batchSize;
        return this;
    }

    /** What to keep of the tick stream. */
    public TickPolicy tickPolicy()
    {
        return tickPolicy;
    }

    /** Sets the tick policy. */
    public PersisterContext tickPolicy(final TickPolicy tickPolicy)
    {
        this.tickPolicy = tickPolicy;
        return this;
    }

    /** Interval of the sampled tick policy, in milliseconds of receive time. */
    public long sampleIntervalMs()
    {
        return sampleIntervalMs;
    }

    /** Sets the sample interval. */
    public PersisterContext sampleIntervalMs(final long sampleIntervalMs)
    {
        this.sampleIntervalMs = sampleIntervalMs;
        return this;
    }

    /** First retry delay after a failure, in milliseconds. */
    public long retryMinMs()
    {
        return retryMinMs;
    }

    /** Sets the first retry delay. */
    public PersisterContext retryMinMs(final long retryMinMs)
    {
        this.retryMinMs = retryMinMs;
        return this;
    }

    /** Cap of the retry delay, in milliseconds. */
    public long retryMaxMs()
    {
        return retryMaxMs;
    }

    /** Sets the retry cap. */
    public PersisterContext retryMaxMs(final long retryMaxMs)
    {
        this.retryMaxMs = retryMaxMs;
        return this;
    }

    /** Wait after catching up with the journal, in milliseconds. */
    public long lingerMs()
    {
        return lingerMs;
    }

    /** Sets the wait after catching up with the journal. */
    public PersisterContext lingerMs(final long lingerMs)
    {
        this.lingerMs = lingerMs;
        return this;
    }

    /** Longest wait on the database connection for one call, in ms. */
    public long networkTimeoutMs()
    {
        return networkTimeoutMs;
    }

    /** Sets the longest wait on the database connection for one call. */
    public PersisterContext networkTimeoutMs(final long networkTimeoutMs)
    {
        this.networkTimeoutMs = networkTimeoutMs;
        return this;
    }

    /** Most messages stored per second over all queues, 0 for no limit. */
    public long maxMessagesPerSecond()
    {
        return maxMessagesPerSecond;
    }

    /** Sets the rate cap (0: none). */
    public PersisterContext maxMessagesPerSecond(final long maxMessagesPerSecond)
    {
        this.maxMessagesPerSecond = maxMessagesPerSecond;
        return this;
    }

    /** Clock for retry scheduling and the rate cap. */
    public NanoClock nanoClock()
    {
        return nanoClock;
    }

    /** Sets the retry clock. */
    public PersisterContext nanoClock(final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        return this;
    }

    /** Wall clock (epoch ns) for the lag in seconds. */
    public EpochNanoClock epochNanoClock()
    {
        return epochNanoClock;
    }

    /** Sets the wall clock. */
    public PersisterContext epochNanoClock(final EpochNanoClock epochNanoClock)
    {
        this.epochNanoClock = epochNanoClock;
        return this;
    }

    /** Fault-injection seam called before each commit. */
    public BatchHook batchHook()
    {
        return batchHook;
    }

    /** Sets the batch hook. */
    public PersisterContext batchHook(final BatchHook batchHook)
    {
        this.batchHook = batchHook;
        return this;
    }
}
