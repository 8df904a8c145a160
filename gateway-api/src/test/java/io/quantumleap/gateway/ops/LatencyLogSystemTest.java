package io.quantumleap.gateway.ops;

import io.quantumleap.gateway.support.GatewayFixture;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyLogSystemTest
{
    private static final long INFY = 408_065;
    private static final DateTimeFormatter FILE_TIME =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Test
    void shouldWriteALogThatHistogramLogProcessorReadsForAStageWithSamplesOneWithoutAndNoTag() throws Exception
    {
        try (GatewayFixture app = new GatewayFixture(Map.of("quantumleap.sim.tick-rate", 0,
            "quantumleap.latency.interval", "200ms", "quantumleap.latency.log-interval", "400ms")))
        {
            app.quotedEquity(INFY, "INFY", 150_000, 1_000, 149_000);
            final Path dir = app.dataDir().resolve("latency");
            GatewayFixture.await("journal samples in the latency log", Duration.ofSeconds(30),
                () -> logs(dir).stream().anyMatch(log -> count(log, "journal") > 0));
            final Path log = logs(dir).stream().filter(l -> count(l, "journal") > 0).findFirst().orElseThrow();
            final long journaled = count(log, "journal");
            assertEquals(0, count(log, "tick_to_ws"));

            assertTrue(processed(log, "-tag", "journal") >= journaled);
            assertEquals(0, processed(log, "-tag", "tick_to_ws"));
            assertEquals(0, processed(log));
        }
    }

    @Test
    void shouldNameTheLogByItsStartTimeNotByItsFirstWrite() throws Exception
    {
        try (GatewayFixture app = new GatewayFixture(Map.of("quantumleap.sim.tick-rate", 0,
            "quantumleap.latency.interval", "200ms", "quantumleap.latency.log-interval", "3s")))
        {
            final Path dir = app.dataDir().resolve("latency");
            GatewayFixture.await("a latency log with an interval", Duration.ofSeconds(30),
                () -> logs(dir).stream().anyMatch(l -> intervals(l) > 0));
            final Path log = logs(dir).get(0);
            final Matcher start = Pattern.compile("#\\[StartTime: ([0-9.]+) ").matcher(Files.readString(log));
            assertTrue(start.find(), log.toString());
            final String startTime = FILE_TIME.format(Instant.ofEpochMilli(
                (long)(Double.parseDouble(start.group(1)) * 1000)));
            assertEquals("latency-" + startTime + ".hlog", log.getFileName().toString());
        }
    }

    private static long processed(final Path log, final String... tag) throws IOException
    {
        final Path out = Files.createTempFile(log.getParent(), "processed-", ".txt");
        final List<String> args = new ArrayList<>(List.of("-i", log.toString(), "-o", out.toString(),
            "-outputValueUnitRatio", "1000"));
        args.addAll(List.of(tag));
        new HistogramLogProcessor(args.toArray(String[]::new)).run();
        final String percentiles = Files.readString(Path.of(out + ".hgrm"));
        final Matcher total = Pattern.compile("Total count\\s*=\\s*(\\d+)").matcher(percentiles);
        assertTrue(total.find(), percentiles);
        return Long.parseLong(total.group(1));
    }

    private static List<Path> logs(final Path dir)
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(f -> f.toString().endsWith(".hlog")).sorted().toList();
        }
        catch (final IOException ex)
        {
            return List.of();
        }
    }

    private static int intervals(final Path log)
    {
        int intervals = 0;
        try (HistogramLogReader reader = new HistogramLogReader(log.toFile()))
        {
            while (reader.nextIntervalHistogram() != null)
            {
                intervals++;
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return 0;
        }
        return intervals;
    }

    private static long count(final Path log, final String tag)
    {
        long count = 0;
        try (HistogramLogReader reader = new HistogramLogReader(log.toFile()))
        {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null)
            {
                if (tag.equals(next.getTag()))
                {
                    count += ((Histogram)next).getTotalCount();
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
        return count;
    }
}
