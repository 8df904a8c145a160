package io.quantumleap.engine.kite.rest;

import io.quantumleap.engine.kite.feed.CommandPublisher;
import org.agrona.concurrent.EpochNanoClock;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Loads Kite's instruments dump at start and again every day at {@link #DAILY_LOAD_TIME} IST (after Kite
 * regenerates it), publishing one {@code InstrumentDefinitionCommand} per instrument. A failed load is
 * logged and retried at the next scheduled time; the engine keeps the instruments it has.
 *
 * <p>Threads: loads run on the given scheduler's thread; the parser is confined to it.
 */
public final class InstrumentsLoader
{
    /** Kite suggests fetching the regenerated dump around 08:30 IST. */
    public static final LocalTime DAILY_LOAD_TIME = LocalTime.of(8, 30);
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final System.Logger LOGGER = System.getLogger(InstrumentsLoader.class.getName());

    private final KiteRestClient client;
    private final CommandPublisher publisher;
    private final EpochNanoClock clock;
    private final InstrumentsCsvParser parser = new InstrumentsCsvParser();

    /**
     * @param client    REST client of any account (the dump is the same for everyone).
     * @param publisher the engine's ring.
     * @param clock     stamps the commands and places the daily load.
     */
    public InstrumentsLoader(final KiteRestClient client, final CommandPublisher publisher, final EpochNanoClock clock)
    {
        this.client = client;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Loads once now, then daily.
     *
     * @param scheduler runs the loads; one thread is enough.
     * @return the daily schedule, to cancel on shutdown.
     */
    public ScheduledFuture<?> start(final ScheduledExecutorService scheduler)
    {
        scheduler.execute(this::loadAndLog);
        final long nowMs = clock.nanoTime() / 1_000_000;
        return scheduler.scheduleAtFixedRate(this::loadAndLog, nextLoadEpochMs(nowMs) - nowMs,
            TimeUnit.DAYS.toMillis(1), TimeUnit.MILLISECONDS);
    }

    /**
     * Downloads and publishes the dump; call from one thread at a time.
     *
     * @return counts of the parse.
     */
    public CompletableFuture<InstrumentsCsvParser.Result> load()
    {
        return client.instrumentsCsv(null).thenApply((csv) ->
        {
            synchronized (parser)
            {
                return parser.parse(csv, clock.nanoTime(), publisher);
            }
        });
    }

    /**
     * @param nowEpochMs wall-clock time.
     * @return the next {@link #DAILY_LOAD_TIME} IST strictly after it.
     */
    public static long nextLoadEpochMs(final long nowEpochMs)
    {
        final ZonedDateTime now = Instant.ofEpochMilli(nowEpochMs).atZone(IST);
        ZonedDateTime next = now.toLocalDate().atTime(DAILY_LOAD_TIME).atZone(IST);
        if (!next.isAfter(now))
        {
            next = next.plusDays(1);
        }
        return next.toInstant().toEpochMilli();
    }

    private void loadAndLog()
    {
        try
        {
            final InstrumentsCsvParser.Result result = load().join();
            LOGGER.log(System.Logger.Level.INFO, "instruments loaded: " + result);
        }
        catch (final RuntimeException ex)
        {
            LOGGER.log(System.Logger.Level.WARNING, "instruments load failed, keeping the current set: " + ex);
        }
    }
}
