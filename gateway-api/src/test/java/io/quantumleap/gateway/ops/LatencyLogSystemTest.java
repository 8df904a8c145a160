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
