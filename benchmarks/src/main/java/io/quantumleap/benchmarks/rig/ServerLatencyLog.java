package io.quantumleap.benchmarks.rig;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The system's own per-stage latency over the rig's measured window, from the HdrHistogram logs it writes under
 * {@code <data>/latency/} (one tagged histogram per stage and log interval, empty when the stage had no samples,
 * and an empty untagged one; values in ns; the rig asks for 1 s intervals). An interval counts when its middle falls
 * inside the window, so the numbers leave out start-up, the instruments dump and the warm-up that
 * {@code GET /api/latency}'s since-start totals include; a stage with no samples in the window is left out.
 */
final class ServerLatencyLog
{
    private ServerLatencyLog()
    {
    }

    /**
     * @param latencyDir    the system's {@code <data>/latency} folder.
     * @param windowStartMs wall-clock start of the measured window, epoch ms.
     * @param windowEndMs   its end, epoch ms.
     * @return one merged histogram per stage id, in the order the log names them; empty when there is no log.
     * @throws IOException when a log cannot be read.
     */
    static Map<String, Histogram> read(final Path latencyDir, final long windowStartMs, final long windowEndMs)
        throws IOException
    {
        final Map<String, Histogram> stages = new LinkedHashMap<>();
        if (!Files.isDirectory(latencyDir))
        {
            return stages;
        }
        final List<Path> logs;
        try (Stream<Path> files = Files.list(latencyDir))
        {
            logs = files.filter(p -> p.getFileName().toString().endsWith(".hlog")).sorted().toList();
        }
        for (final Path log : logs)
        {
            try (HistogramLogReader reader = new HistogramLogReader(log.toFile()))
            {
                EncodableHistogram next;
                while ((next = reader.nextIntervalHistogram()) != null)
                {
                    final long middleMs = (next.getStartTimeStamp() + next.getEndTimeStamp()) / 2;
                    if (next instanceof Histogram h && h.getTag() != null && h.getTotalCount() > 0 &&
                        middleMs >= windowStartMs && middleMs <= windowEndMs)
                    {
                        stages.computeIfAbsent(next.getTag(),
                            tag -> new Histogram(TickLatencyRecorder.HIGHEST_TRACKABLE_NS, 3)).add(h);
                    }
                }
            }
        }
        return stages;
    }
}
