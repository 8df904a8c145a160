package io.quantumleap.benchmarks.rig;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServerLatencyLogTest
{
    @TempDir
    Path dir;

    @Test
    void shouldLeaveOutStagesWithNoSamplesInTheWindowAndTheUntaggedHistograms() throws Exception
    {
        try (PrintStream out = new PrintStream(dir.resolve("latency-20260101T000000Z.hlog").toFile()))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputStartTime(1_000);
            writer.outputBaseTime(1_000);
            writer.setBaseTime(1_000);
            writer.outputIntervalHistogram(interval("tick_to_ws", 2_000, 120_000));
            writer.outputIntervalHistogram(interval("order_risk", 2_000));
            writer.outputIntervalHistogram(interval(null, 2_000));
            writer.outputIntervalHistogram(interval("tick_to_ws", 3_000));
            writer.outputIntervalHistogram(interval("order_risk", 3_000));
            writer.outputIntervalHistogram(interval(null, 3_000));
        }

        final Map<String, Histogram> stages = ServerLatencyLog.read(dir, 1_000, 10_000);

        assertEquals(List.of("tick_to_ws"), List.copyOf(stages.keySet()));
        assertEquals(1, stages.get("tick_to_ws").getTotalCount());
    }

    private static Histogram interval(final String tag, final long startMs, final long... valuesNs)
    {
        final Histogram h = new Histogram(1, 10_000_000_000L, 3);
        for (final long v : valuesNs)
        {
            h.recordValue(v);
        }
        h.setTag(tag);
        h.setStartTimeStamp(startMs);
        h.setEndTimeStamp(startMs + 1_000);
        return h;
    }
}
