package io.quantumleap.gateway.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.engine.latency.LatencyStage;
import io.quantumleap.engine.latency.StageRecorder;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.runtime.EngineLink;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.quantumleap.gateway.runtime.ThreadTimes;
import io.quantumleap.gateway.ws.LiveHub;
import io.quantumleap.persistence.persister.QueueMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The reader side of the latency recorders: once per interval (default 1 s) it swaps every stage's interval
 * histogram, adds it to the since-start histogram and to the recent window (the last minute by default,
 * {@link RecentWindow}), builds the {@link LatencyReport} served at {@code /api/latency}
 * and read by the Prometheus gauges, and every log interval (default 10 s) appends one histogram per stage to an
 * HdrHistogram log under {@code <data>/latency/} (values in nanoseconds, one tag per stage, a new file each UTC day;
 * read with {@code HistogramLogProcessor -i FILE -tag STAGE -outputValueUnitRatio 1000} for microseconds). A stage
 * with no samples in the interval is written empty, and each interval also has one empty untagged histogram:
 * {@code HistogramLogProcessor} reads only the histograms of the tag it is given (the untagged ones without
 * {@code -tag}) and fails on a file, or a {@code -start}/{@code -end} range, that has none of them.
 *
 * <p>Threads: {@code qleap-latency}. The recording side never waits for it.
 */
@Singleton
public final class LatencyReporter
{
    private static final Logger LOG = LoggerFactory.getLogger(LatencyReporter.class);
    private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999, 0.9999};
    /** The recent window is this many slots, each a sixth of it: a one-minute window forgets ten seconds at a time. */
    static final int RECENT_SLOTS = 6;
    private static final DateTimeFormatter FILE_TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final EngineLink engine;
    private final LiveState live;
    private final LiveHub hub;
    private final MeterRegistry registry;
    private final Path logDir;
    private final long intervalMs;
    private final long logIntervalMs;
    private final StageHistograms[] stages;
    private final long recentSlotMs;
    private final Instant startedAt;
    private final ScheduledExecutorService thread;
    private volatile LatencyReport report;
    private long lastSampleMs;
    private long lastLogMs;
    private long lastSlotMs;
    private long lastEventsOut;
    private long lastWsMessages;
    private long lastWsConflated;
    private long[] lastThreadCpuNs = new long[0];
    private long[] lastThreadWaitNs = new long[0];
    private LocalDate logDay;
    private PrintStream logStream;
    private HistogramLogWriter logWriter;
    /** Written untagged every log interval, always empty; the smallest shape, as nothing is ever added to it. */
    private final Histogram untagged = new Histogram(2);

    LatencyReporter(
        final EngineLink engine,
        final LiveState live,
        final LiveHub hub,
        final MeterRegistry registry,
        @Value("${quantumleap.data-dir}") final String dataDir,
        @Value("${quantumleap.latency.interval}") final Duration interval,
        @Value("${quantumleap.latency.log-interval}") final Duration logInterval,
        @Value("${quantumleap.latency.recent-window}") final Duration recentWindow)
    {
        if (interval.isNegative() || interval.isZero() || logInterval.compareTo(interval) < 0)
        {
            throw new IllegalArgumentException("quantumleap.latency.interval=" + interval +
                ", quantumleap.latency.log-interval=" + logInterval + ": expected 0 < interval <= log interval");
        }
        if (recentWindow.compareTo(interval.multipliedBy(RECENT_SLOTS)) < 0)
        {
            throw new IllegalArgumentException("quantumleap.latency.recent-window=" + recentWindow + ": expected at " +
                "least " + RECENT_SLOTS + " intervals of " + interval);
        }
        this.engine = engine;
        this.live = live;
        this.hub = hub;
        this.registry = registry;
        this.logDir = Path.of(dataDir).resolve("latency");
        this.intervalMs = interval.toMillis();
        this.logIntervalMs = logInterval.toMillis();
        final LatencyRecorders latency = engine.latency();
        final LatencyStage[] all = LatencyStage.values();
        stages = new StageHistograms[all.length];
        for (int i = 0; i < all.length; i++)
        {
            stages[i] = new StageHistograms(all[i], latency.stage(all[i]));
        }
        recentSlotMs = recentWindow.toMillis() / RECENT_SLOTS;
        startedAt = Instant.now();
        lastSampleMs = startedAt.toEpochMilli();
        lastLogMs = lastSampleMs;
        lastSlotMs = lastSampleMs;
        report = build(startedAt, startedAt, 0);
        thread = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "qleap-latency");
            t.setDaemon(true);
            return t;
        });
    }

    @EventListener
    void start(final StartupEvent event)
    {
        registerMetrics();
        thread.scheduleAtFixedRate(this::sampleSafely, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop()
    {
        thread.shutdown();
        try
        {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        synchronized (this)
        {
            writeLog(System.currentTimeMillis());
            closeLog();
        }
    }

    /** @return the report of the last completed interval. */
    public LatencyReport report()
    {
        return report;
    }

    private void sampleSafely()
    {
        try
        {
            sample();
        }
        catch (final RuntimeException ex)
        {
            if (engineClosed())
            {
                LOG.debug("latency sampling ended: the engine closed while it sampled", ex);
                return;
            }
            LOG.warn("latency sampling failed; will retry next interval", ex);
        }
    }

    /** @return whether the local engine is closing; the application stops, so there is nothing left to sample. */
    private boolean engineClosed()
    {
        final EngineRuntime local = engine.local();
        return local != null && local.isClosed();
    }

    /**
     * Takes one interval: swaps every recorder, accumulates, logs when due, publishes a new report. Once the engine has
     * closed (the application is stopping), it does nothing: the last report stands and {@link #stop()} writes the
     * log's last interval.
     */
    synchronized void sample()
    {
        if (engineClosed())
        {
            return;
        }
        final long nowMs = System.currentTimeMillis();
        for (final StageHistograms stage : stages)
        {
            stage.swap();
        }
        final double seconds = Math.max(1, nowMs - lastSampleMs) / 1000.0;
        report = build(Instant.ofEpochMilli(lastSampleMs), Instant.ofEpochMilli(nowMs), seconds);
        lastSampleMs = nowMs;
        if (nowMs - lastSlotMs >= recentSlotMs)
        {
            for (final StageHistograms stage : stages)
            {
                stage.recent.advance();
            }
            lastSlotMs = nowMs;
        }
        if (nowMs - lastLogMs >= logIntervalMs)
        {
            writeLog(nowMs);
        }
    }

    private LatencyReport build(final Instant from, final Instant to, final double seconds)
    {
        final List<LatencyReport.Stage> stageReports = new ArrayList<>(stages.length);
        for (final StageHistograms s : stages)
        {
            stageReports.add(new LatencyReport.Stage(s.stage.id(), s.stage.path().id(), s.stage.description(),
                percentiles(s.interval), percentiles(s.recent.sum()), percentiles(s.total), distribution(s.total)));
        }
        final long eventsOut = live.ownEventsApplied();
        final long wsMessages = hub.messagesSent();
        final long wsConflated = hub.ticksConflated();
        final LatencyReport.Throughput throughput = new LatencyReport.Throughput(
            perSecond(stage(LatencyStage.JOURNAL).interval.getTotalCount(), seconds),
            perSecond(eventsOut - lastEventsOut, seconds),
            perSecond(stage(LatencyStage.FEED_DECODE).interval.getTotalCount(), seconds),
            perSecond(wsMessages - lastWsMessages, seconds),
            perSecond(wsConflated - lastWsConflated, seconds),
            stage(LatencyStage.JOURNAL).total.getTotalCount(),
            eventsOut,
            wsMessages,
            wsConflated,
            ringFull(),
            decodeErrors(),
            live.ownRejectsApplied());
        lastEventsOut = eventsOut;
        lastWsMessages = wsMessages;
        lastWsConflated = wsConflated;
        long lagEvents = 0;
        long lagNs = 0;
        final EngineRuntime local = engine.local();
        for (final QueueMetrics q : local == null ? List.<QueueMetrics>of() : local.persister().metrics())
        {
            final long events = q.lagEvents();
            lagEvents = Math.max(lagEvents, events);
            lagNs = Math.max(lagNs, q.lagNs(events));
        }
        return new LatencyReport(startedAt, from, to, List.copyOf(stageReports), throughput,
            new LatencyReport.PersisterLag(lagEvents, lagNs / 1_000_000), threads(local, seconds));
    }

    /** @return the engine's threads over the interval; their totals are remembered for the next one. */
    private List<LatencyReport.EngineThread> threads(final EngineRuntime local, final double seconds)
    {
        final List<ThreadTimes> times = local == null ? List.of() : local.threadTimes();
        if (lastThreadCpuNs.length != times.size())
        {
            lastThreadCpuNs = new long[times.size()];
            lastThreadWaitNs = new long[times.size()];
        }
        final List<LatencyReport.EngineThread> threads = new ArrayList<>(times.size());
        for (int i = 0; i < times.size(); i++)
        {
            final ThreadTimes t = times.get(i);
            final ThreadTimes.Totals now = t.totals();
            final double intervalNs = seconds * 1e9;
            threads.add(new LatencyReport.EngineThread(t.name(), t.schedulingClass(),
                share(now.cpuNs() - lastThreadCpuNs[i], intervalNs),
                share(now.waitNs() - lastThreadWaitNs[i], intervalNs), now.cpuNs() / 1e9, now.waitNs() / 1e9));
            lastThreadCpuNs[i] = now.cpuNs();
            lastThreadWaitNs[i] = now.waitNs();
        }
        return List.copyOf(threads);
    }

    /** @return a share of the interval, to four places; 0 before the first interval. */
    private static double share(final long ns, final double intervalNs)
    {
        return intervalNs <= 0 ? 0 : Math.round(ns / intervalNs * 10_000) / 10_000.0;
    }

    /** @return commands the engine's ring refused; 0 in a gateway whose engine runs elsewhere. */
    private long ringFull()
    {
        final EngineRuntime local = engine.local();
        return local == null ? 0 : local.pipelineCounters().ringFullCount();
    }

    /** @return market data left out of the journal for want of disk space; 0 in a gateway whose engine is elsewhere. */
    private long leftOutForSpace()
    {
        final EngineRuntime local = engine.local();
        return local == null ? 0 : local.pipelineCounters().leftOutForSpace();
    }

    /** @return frames the feed could not decode; 0 in a gateway whose engine runs elsewhere. */
    private long decodeErrors()
    {
        final EngineRuntime local = engine.local();
        final var counters = local == null ? null : local.broker().feedCounters();
        return counters == null ? 0 : counters.malformedFrames();
    }

    private StageHistograms stage(final LatencyStage stage)
    {
        return stages[stage.ordinal()];
    }

    private static double perSecond(final long count, final double seconds)
    {
        return seconds <= 0 ? 0 : Math.round(count / seconds * 10) / 10.0;
    }

    static LatencyReport.Percentiles percentiles(final Histogram h)
    {
        if (h.getTotalCount() == 0)
        {
            return LatencyReport.Percentiles.NONE;
        }
        return new LatencyReport.Percentiles(h.getTotalCount(), us(h.getMean()),
            us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(90)), us(h.getValueAtPercentile(99)),
            us(h.getValueAtPercentile(99.9)), us(h.getValueAtPercentile(99.99)), us(h.getMaxValue()));
    }

    static List<LatencyReport.Point> distribution(final Histogram h)
    {
        if (h.getTotalCount() == 0)
        {
            return List.of();
        }
        final List<LatencyReport.Point> points = new ArrayList<>();
        for (final HistogramIterationValue v : h.percentiles(2))
        {
            points.add(new LatencyReport.Point(
                Math.round(v.getPercentileLevelIteratedTo() * 1000) / 1000.0, us(v.getValueIteratedTo())));
        }
        return List.copyOf(points);
    }

    /** Nanoseconds to microseconds, kept to the nanosecond. */
    private static double us(final double nanos)
    {
        return Math.round(nanos) / 1000.0;
    }

    private static Histogram newHistogram()
    {
        return new Histogram(LatencyRecorders.LOWEST_NS, LatencyRecorders.HIGHEST_NS, LatencyRecorders.DIGITS);
    }

    private void registerMetrics()
    {
        for (final StageHistograms s : stages)
        {
            final Histogram h = s.total;
            final String stage = s.stage.id();
            for (final double q : QUANTILES)
            {
                Gauge.builder("qleap.latency", this, r -> r.valueAt(h, q * 100) / 1e9)
                    .tags("stage", stage, "quantile", Double.toString(q)).baseUnit("seconds")
                    .description("Stage latency since start, at a quantile").register(registry);
            }
            final RecentWindow window = s.recent;
            for (final double q : QUANTILES)
            {
                Gauge.builder("qleap.latency.recent", this, r -> r.valueAt(window.lastSum(), q * 100) / 1e9)
                    .tags("stage", stage, "quantile", Double.toString(q)).baseUnit("seconds")
                    .description("Stage latency over the recent window (the last minute by default), at a quantile")
                    .register(registry);
            }
            Gauge.builder("qleap.latency.max", this, r -> r.valueAt(h, 100) / 1e9)
                .tag("stage", stage).baseUnit("seconds")
                .description("Largest stage latency since start").register(registry);
            FunctionCounter.builder("qleap.latency.samples", this, r -> r.countOf(h))
                .tag("stage", stage).description("Samples recorded for the stage").register(registry);
        }
        FunctionCounter.builder("qleap.gateway.ws.messages", hub, LiveHub::messagesSent)
            .description("Messages handed to WebSocket clients").register(registry);
        FunctionCounter.builder("qleap.gateway.ws.conflated", hub, LiveHub::ticksConflated)
            .description("Ticks replaced by a newer one before a slow client took them").register(registry);
        FunctionCounter.builder("qleap.gateway.ws.slow.disconnects", hub, LiveHub::slowClientsClosed)
            .description("WebSocket clients closed because their socket stopped taking messages").register(registry);
        FunctionCounter.builder("qleap.gateway.ws.refused", hub, LiveHub::messagesRefused)
            .description("WebSocket client messages answered with an error").register(registry);
        Gauge.builder("qleap.gateway.ws.clients", hub, LiveHub::clients)
            .description("Connected WebSocket clients").register(registry);
        FunctionCounter.builder("qleap.engine.ring.full", this, LatencyReporter::ringFull)
            .description("Commands refused because the engine ring was full").register(registry);
        FunctionCounter.builder("qleap.engine.market.data.left.out", this, LatencyReporter::leftOutForSpace)
            .description("Market data commands left out of the journal while the data folder's disk was short of " +
                "space (QLEAP_DISK_RESERVE)").register(registry);
        FunctionCounter.builder("qleap.feed.decode.errors", this, LatencyReporter::decodeErrors)
            .description("Ticker frames that could not be decoded").register(registry);
        FunctionCounter.builder("qleap.engine.commands.in", this, r -> r.countOf(r.stage(LatencyStage.JOURNAL).total))
            .description("Commands this process journaled for the engine since it started (counted each interval; " +
                "0 in a gateway whose engine runs elsewhere)").register(registry);
        FunctionCounter.builder("qleap.engine.events.out", live, LiveState::ownEventsApplied)
            .description("Engine events of this process's own work applied to the gateway's read model since it " +
                "started (the day replayed at start left out)").register(registry);
        FunctionCounter.builder("qleap.engine.rejects", live, LiveState::ownRejectsApplied)
            .description("Orders the engine rejected (risk and validation) since this process started (rejects " +
                "replayed at start left out)").register(registry);
    }

    /** A stage with no sample yet has no latency: NaN, which Prometheus shows as such, not a 0 s that reads as fast. */
    private synchronized double valueAt(final Histogram h, final double percentile)
    {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile);
    }

    private synchronized double countOf(final Histogram h)
    {
        return h.getTotalCount();
    }

    private void writeLog(final long nowMs)
    {
        try
        {
            final LocalDate day = Instant.ofEpochMilli(nowMs).atZone(ZoneOffset.UTC).toLocalDate();
            if (logWriter == null || !day.equals(logDay))
            {
                openLog(nowMs, day);
            }
            for (final StageHistograms s : stages)
            {
                final Histogram h = s.toLog;
                h.setTag(s.stage.id()); // reset() clears it
                h.setStartTimeStamp(lastLogMs);
                h.setEndTimeStamp(nowMs);
                logWriter.outputIntervalHistogram(h);
                h.reset();
            }
            untagged.setStartTimeStamp(lastLogMs);
            untagged.setEndTimeStamp(nowMs);
            logWriter.outputIntervalHistogram(untagged);
            logStream.flush();
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.warn("cannot write the latency log in {}: {}", logDir, ex.toString());
        }
        lastLogMs = nowMs;
    }

    private void openLog(final long nowMs, final LocalDate day) throws IOException
    {
        closeLog();
        Files.createDirectories(logDir);
        // Named by the start of its first interval (the process's start for the first file), not by its first write.
        final Path file = logDir.resolve("latency-" + FILE_TIME.format(Instant.ofEpochMilli(lastLogMs)) + ".hlog");
        // Buffered so that each interval reaches the file whole, at the flush: readers never see half a line.
        final OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        logStream = new PrintStream(out, false, StandardCharsets.UTF_8);
        logWriter = new HistogramLogWriter(logStream);
        logWriter.outputComment("QuantumLeap per-stage latency, values in nanoseconds, one tag per stage");
        logWriter.outputComment("Every interval has each stage's histogram, empty when it had no samples, and an " +
            "empty untagged one");
        logWriter.outputLogFormatVersion();
        logWriter.setBaseTime(startedAt.toEpochMilli());
        logWriter.outputStartTime(startedAt.toEpochMilli());
        logWriter.outputBaseTime(startedAt.toEpochMilli());
        logWriter.outputLegend();
        logDay = day;
    }

    private void closeLog()
    {
        if (logStream != null)
        {
            logStream.close();
            logStream = null;
            logWriter = null;
        }
    }

    /**
     * One stage's recorder and what the reader keeps of it: the last interval, since start, what the next log entry
     * holds, and the recent window. Touched on the {@code qleap-latency} thread only (and under the reporter's lock).
     */
    private static final class StageHistograms
    {
        private final LatencyStage stage;
        private final StageRecorder recorder;
        private final Histogram total = newHistogram();
        private final Histogram toLog = newHistogram();
        private final RecentWindow recent = new RecentWindow(RECENT_SLOTS, LatencyReporter::newHistogram);
        private Histogram interval;

        StageHistograms(final LatencyStage stage, final StageRecorder recorder)
        {
            this.stage = stage;
            this.recorder = recorder;
            // Start the interval now: what was recorded before the gateway was up belongs to the first one.
            interval = recorder.intervalHistogram(null);
            interval.reset();
        }

        /** Takes the recorder's interval and adds it to since start, the next log entry and the recent window. */
        void swap()
        {
            interval = recorder.intervalHistogram(interval);
            total.add(interval);
            toLog.add(interval);
            recent.add(interval);
        }
    }
}
