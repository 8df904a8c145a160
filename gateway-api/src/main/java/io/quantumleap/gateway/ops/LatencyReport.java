package io.quantumleap.gateway.ops;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/latency}: per-stage latency of the event path (microseconds) for the last completed interval, the
 * recent window (the last minute by default) and since the gateway started, throughput over the last interval, the
 * persister's lag, and how the engine's threads were scheduled (time on a CPU, and ready to run but waiting for one:
 * the scheduler's share of the latency).
 *
 * @param startedAt     when recording started.
 * @param intervalStart start of the last completed interval.
 * @param intervalEnd   its end; the report changes once per interval.
 */
@Serdeable
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LatencyReport(
    Instant startedAt,
    Instant intervalStart,
    Instant intervalEnd,
    List<Stage> stages,
    Throughput throughput,
    PersisterLag persister,
    List<EngineThread> threads)
{
    /**
     * One stage.
     *
     * @param name         stable id (also the metrics tag and the log tag).
     * @param path         {@code market_data} or {@code orders}.
     * @param description  "from → to".
     * @param interval     the last completed interval.
     * @param recent       the recent window ({@code quantumleap.latency.recent-window}, a minute by default: its
     *                     last 50 to 60 s), which a slow moment leaves once the window has moved past it, unlike
     *                     {@code total}.
     * @param total        since {@code started_at}.
     * @param distribution the since-start percentile distribution, for plots.
     */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Stage(
        String name, String path, String description, Percentiles interval, Percentiles recent, Percentiles total,
        List<Point> distribution)
    {
    }

    /**
     * Percentiles in microseconds; all null when {@code count} is zero: a window without a sample has no latency, not
     * one of 0 µs that reads as fast ({@code /metrics} shows NaN for it).
     */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Percentiles(
        long count, @Nullable Double meanUs, @Nullable Double p50Us, @Nullable Double p90Us, @Nullable Double p99Us,
        @Nullable Double p999Us, @Nullable Double p9999Us, @Nullable Double maxUs)
    {
        static final Percentiles NONE = new Percentiles(0, null, null, null, null, null, null, null);
    }

    /**
     * One point of a percentile distribution.
     *
     * @param percentile 0–100.
     * @param valueUs    the most that {@code percentile} percent of the samples took, in microseconds.
     */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Point(double percentile, double valueUs)
    {
    }

    /**
     * Per second over the last interval, and totals since this process started: its own work only, never the day's
     * journal replayed at start.
     *
     * @param commandsInPerS    commands journaled per second.
     * @param eventsOutPerS     engine events of this process's own work applied to the gateway per second.
     * @param ticksPerS         ticks decoded from the feed per second.
     * @param wsMessagesPerS    messages written to WebSocket clients per second.
     * @param wsConflatedPerS   ticks conflated per second (replaced by a newer one before a slow client took them).
     * @param commandsInTotal   commands this process journaled since it started (0 in a gateway whose engine runs
     *                          elsewhere).
     * @param eventsOutTotal    engine events of this process's own work applied to the gateway since it started;
     *                          the events of the day's journal replayed at start are not counted.
     * @param wsMessagesTotal   messages written to WebSocket clients since start.
     * @param wsConflatedTotal  ticks conflated since start.
     * @param ringFullTotal     commands the engine's ring refused since start.
     * @param decodeErrorsTotal feed frames that could not be decoded since start.
     * @param rejectsTotal      orders (place, modify, cancel) the engine rejected since this process started; rejects
     *                          replayed at start are not counted.
     */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Throughput(
        double commandsInPerS,
        double eventsOutPerS,
        double ticksPerS,
        double wsMessagesPerS,
        double wsConflatedPerS,
        long commandsInTotal,
        long eventsOutTotal,
        long wsMessagesTotal,
        long wsConflatedTotal,
        long ringFullTotal,
        long decodeErrorsTotal,
        long rejectsTotal)
    {
    }

    /**
     * One engine thread (none in a gateway whose engine runs elsewhere).
     *
     * @param name             the thread's name, {@code qleap-core} above all.
     * @param schedulingClass  the kernel's class for it now: {@code normal}, {@code deadline} (the core thread's
     *                         reservation), {@code fifo} (real-time priority), or another policy's name.
     * @param cpuShare         share of the last interval it ran on a CPU.
     * @param waitShare        share of the last interval it was ready to run but waited for a CPU.
     * @param cpuSecondsTotal  time on a CPU since it started.
     * @param waitSecondsTotal time waiting for a CPU since it started.
     */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EngineThread(
        String name, String schedulingClass, double cpuShare, double waitShare, double cpuSecondsTotal,
        double waitSecondsTotal)
    {
    }

    /** How far PostgreSQL is behind the journal (the worst queue). */
    @Serdeable
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PersisterLag(long lagEvents, long lagMs)
    {
    }
}
