package io.quantumleap.engine.transport;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.util.concurrent.TimeUnit;

/**
 * The engine's event stream over Aeron: an embedded media driver (one shared thread, backing off to sleep when
 * idle, never busy spinning by default), a client, and the publication the {@link AeronEventSink} writes to.
 *
 * <p>Threads it starts: the driver's shared agent thread and the client's conductor thread.
 */
public final class AeronTransport implements AutoCloseable
{
    /** Channel of the event stream: {@code aeron:ipc} in one process, e.g. {@code aeron:udp?endpoint=host:port}. */
    public static final String CHANNEL_PROP_NAME = "qleap.engine.aeron.channel";
    public static final String CHANNEL_DEFAULT = "aeron:ipc";
    public static final String STREAM_ID_PROP_NAME = "qleap.engine.aeron.stream.id";
    public static final int STREAM_ID_DEFAULT = 1001;
    /** Aeron directory; empty means Aeron's default (under /dev/shm on Linux). */
    public static final String DIR_PROP_NAME = "qleap.engine.aeron.dir";
    /** backoff (default), ipc or sleeping; busy-spin is deliberately not offered. */
    public static final String IDLE_STRATEGY_PROP_NAME = "qleap.engine.aeron.idle.strategy";
    public static final String IDLE_STRATEGY_DEFAULT = "backoff";
    /**
     * For a driver that serves only IPC streams: their publishers and subscribers share the log buffers directly,
     * and the driver only keeps their books (positions, publisher limits a whole term window ahead, clean-up), so it
     * backs off to 10 ms parks instead of 1 ms. A driver that sends or receives UDP keeps {@link
     * #IDLE_STRATEGY_DEFAULT}: its park bounds how long a message waits to go out.
     */
    public static final String IDLE_STRATEGY_IPC = "ipc";

    private final MediaDriver driver;
    private final Aeron aeron;
    private final Publication publication;

    private AeronTransport(final MediaDriver driver, final Aeron aeron, final Publication publication)
    {
        this.driver = driver;
        this.aeron = aeron;
        this.publication = publication;
    }

    /**
     * Launches an embedded driver and opens the publication.
     *
     * @param aeronDir     Aeron directory, or null for Aeron's default.
     * @param channel      e.g. {@link #CHANNEL_DEFAULT}.
     * @param streamId     stream of the events.
     * @param idleStrategy backoff or sleeping.
     */
    public static AeronTransport launch(
        final String aeronDir, final String channel, final int streamId, final String idleStrategy)
    {
        final AeronTransport client = launch(aeronDir, idleStrategy);
        try
        {
            return new AeronTransport(client.driver, client.aeron, client.aeron.addPublication(channel, streamId));
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(client);
            throw ex;
        }
    }

    /**
     * Launches an embedded driver and a client, without the event publication: for a process that follows an
     * engine's stream ({@link EventStreamClient}) or serves one ({@link EventStreamServer}).
     *
     * @param aeronDir     Aeron directory, or null for Aeron's default.
     * @param idleStrategy backoff, ipc or sleeping.
     */
    public static AeronTransport launch(final String aeronDir, final String idleStrategy)
    {
        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idleStrategy(idleStrategy))
            // The driver's executor runs rare blocking tasks (resolving an endpoint's name): 10 ms sleeps when idle.
            .asyncExecutorIdleStrategy(new SleepingMillisIdleStrategy(10))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);
        if (aeronDir != null && !aeronDir.isEmpty())
        {
            driverContext.aeronDirectoryName(aeronDir);
        }
        final MediaDriver driver = MediaDriver.launchEmbedded(driverContext);
        try
        {
            // The client's conductor keeps Aeron's idle sleep (16 ms): it serves the driver's replies and image
            // events, never a message.
            return new AeronTransport(driver, Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(driver.aeronDirectoryName())), null);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            throw ex;
        }
    }

    /** @return the Aeron directory of the embedded driver (where other local processes connect). */
    public String aeronDirectoryName()
    {
        return driver.aeronDirectoryName();
    }

    /** Launches with the system properties above. */
    public static AeronTransport launchFromProperties()
    {
        final String streamId = System.getProperty(STREAM_ID_PROP_NAME, Integer.toString(STREAM_ID_DEFAULT));
        try
        {
            return launch(System.getProperty(DIR_PROP_NAME), System.getProperty(CHANNEL_PROP_NAME, CHANNEL_DEFAULT),
                Integer.parseInt(streamId.trim()), System.getProperty(IDLE_STRATEGY_PROP_NAME, IDLE_STRATEGY_DEFAULT));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(STREAM_ID_PROP_NAME + "=" + streamId + ": expected an integer", ex);
        }
    }

    static IdleStrategy idleStrategy(final String name)
    {
        switch (name)
        {
            case "backoff":
                return backoffParkingUpTo(TimeUnit.MILLISECONDS.toNanos(1));
            case IDLE_STRATEGY_IPC:
                return backoffParkingUpTo(TimeUnit.MILLISECONDS.toNanos(10));
            case "sleeping":
                return new SleepingIdleStrategy(TimeUnit.MILLISECONDS.toNanos(1));
            default:
                throw new IllegalArgumentException(IDLE_STRATEGY_PROP_NAME + "=" + name +
                    ": expected backoff, ipc or sleeping");
        }
    }

    /** Spins, then yields, then parks from 1 µs doubling up to {@code maxParkNs}. */
    private static IdleStrategy backoffParkingUpTo(final long maxParkNs)
    {
        return new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), maxParkNs);
    }

    /** @return the client, for subscriptions in the same process. */
    public Aeron aeron()
    {
        return aeron;
    }

    /** @return the event publication. */
    public Publication publication()
    {
        return publication;
    }

    /**
     * @param maxRetries    offers retried while back-pressured before an event is dropped from the stream.
     * @param outIndex      the {@code out} index of the event being published.
     * @param previousIndex the {@code out} index before the first event this sink sees.
     * @return a sink on the event publication.
     */
    public AeronEventSink newSink(final int maxRetries, final java.util.function.LongSupplier outIndex,
        final long previousIndex)
    {
        return new AeronEventSink(publication, maxRetries, outIndex, previousIndex);
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(publication, aeron, driver);
    }
}
