package io.quantumleap.gateway.ops;

import io.quantumleap.gateway.support.GatewayFixture;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole system measures itself: ticks from the simulator's socket reach a WebSocket client and an order goes to
 * the broker and back, and every stage of both paths shows up in {@code /api/latency}, in {@code /metrics} and in
 * the HdrHistogram log.
 */
class LatencySystemTest
{
    private static final long INFY = 408_065;
    private static final List<String> MARKET_DATA =
        List.of("feed_decode", "journal", "core", "publish", "ws_write", "tick_to_ws");
    private static final List<String> ORDERS = List.of("order_risk", "order_send", "broker_ack", "order_update");

    private static GatewayFixture app;
    private static String admin;
    private static WebSocket socket;
    private static final AtomicInteger TICKS = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of("quantumleap.latency.interval", "200ms",
            "quantumleap.latency.log-interval", "400ms"));
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        app.connectBroker(admin, null);
        socket = app.webSocket(admin, text ->
        {
            if (text.contains("\"type\":\"tick\""))
            {
                TICKS.incrementAndGet();
            }
        });
        GatewayFixture.await("instruments and a live INFY quote", Duration.ofSeconds(30), () ->
            get("/api/quotes?i=NSE:INFY").body().contains("\"last_price\""));
        socket.sendText("{\"a\":\"subscribe\",\"v\":[" + INFY + "]}", true).get(5, TimeUnit.SECONDS);
        GatewayFixture.await("live ticks on the WebSocket", Duration.ofSeconds(30), () -> TICKS.get() >= 5);
        final HttpResponse<String> placed = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":\"MARKET\"," +
                "\"quantity\":1,\"product\":\"MIS\",\"market_protection\":2}");
        assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());
    }

    @AfterAll
    static void stop()
    {
        if (socket != null)
        {
            socket.abort();
        }
        app.close();
    }

    @Test
    void shouldReportEveryStageOfBothPathsWithOrderedPercentiles() throws Exception
    {
        GatewayFixture.await("samples in every stage", Duration.ofSeconds(30), () ->
            Stream.concat(MARKET_DATA.stream(), ORDERS.stream()).allMatch(s -> totalCount(latency(), s) > 0));
        final String report = latency();
        for (final String stage : Stream.concat(MARKET_DATA.stream(), ORDERS.stream()).toList())
        {
            final Map<String, Double> total = total(report, stage);
            assertTrue(total.get("p50_us") > 0, stage + " " + total);
            assertTrue(total.get("p50_us") <= total.get("p99_us") && total.get("p99_us") <= total.get("max_us"),
                stage + " " + total);
            final Map<String, Double> recent = window(report, stage, "recent");
            assertTrue(recent.get("count") <= total.get("count") && recent.get("max_us") <= total.get("max_us"),
                stage + " " + recent + " " + total);
        }
        assertTrue(window(report, "tick_to_ws", "recent").get("count") > 0, report);
        assertTrue(report.contains("\"name\":\"tick_to_ws\",\"path\":\"market_data\""), report);
        assertTrue(report.contains("\"name\":\"broker_ack\",\"path\":\"orders\""), report);
        assertTrue(report.contains("\"name\":\"journal\",\"path\":\"market_data\",\"description\":"
            + "\"decoded → journaled (every command: ticks, orders, broker updates)\""), report);
        assertTrue(report.matches("(?s).*\"commands_in_total\":[1-9].*"), report);
        assertTrue(report.matches("(?s).*\"ws_messages_total\":[1-9].*"), report);
        assertTrue(report.contains("\"persister\":{\"lag_events\":"), report);
        assertTrue(report.contains("\"distribution\":[{\"percentile\":0.0,"), report);
        assertTrue(report.contains("\"threads\":[{\"name\":\"qleap-"), report);
        final Matcher core = Pattern.compile("\\{\"name\":\"qleap-core\",\"scheduling_class\":"
            + "\"(normal|deadline|fifo)\",\"cpu_share\":[0-9.E-]+,\"wait_share\":[0-9.E-]+,\"cpu_seconds_total\":"
            + "([0-9.E-]+),").matcher(report);
        assertTrue(core.find(), report);
        assertTrue(Double.parseDouble(core.group(2)) > 0, core.group());

        // Both are recorded for the same ticks when written, and tick_to_ws starts earlier (at the feed's socket).
        assertTrue(total(report, "tick_to_ws").get("p50_us") >= total(report, "ws_write").get("p50_us"), report);
    }

    @Test
    void shouldReportNoPercentilesForAnIntervalWithoutSamples() throws Exception
    {
        final AtomicReference<String> quiet = new AtomicReference<>();
        GatewayFixture.await("an interval without a broker ack after the order's", Duration.ofSeconds(30), () ->
        {
            final String report = latency();
            quiet.set(report);
            return totalCount(report, "broker_ack") > 0 && window(report, "broker_ack", "interval").get("count") == 0;
        });
        final Map<String, Double> interval = window(quiet.get(), "broker_ack", "interval");
        for (final String field : List.of("mean_us", "p50_us", "p90_us", "p99_us", "p999_us", "p9999_us", "max_us"))
        {
            assertTrue(interval.containsKey(field), field + " in " + interval);
            assertNull(interval.get(field), field + " in " + interval);
        }
        assertNotNull(total(quiet.get(), "broker_ack").get("p99_us"), quiet.get());
    }

    @Test
    void shouldExposeTheStagesAsPrometheusMetricsForOps() throws Exception
    {
        GatewayFixture.await("tick_to_ws samples", Duration.ofSeconds(30),
            () -> totalCount(latency(), "tick_to_ws") > 0);
        final HttpResponse<String> metrics = settledScrape();
        assertEquals(200, metrics.statusCode());
        final Matcher p99 = Pattern.compile(
            "qleap_latency_seconds\\{quantile=\"0\\.99\",stage=\"tick_to_ws\",?} ([0-9.Ee-]+)").matcher(metrics.body());
        assertTrue(p99.find(), metrics.body());
        assertTrue(Double.parseDouble(p99.group(1)) > 0, p99.group());
        final Matcher recentP99 = Pattern.compile(
            "qleap_latency_recent_seconds\\{quantile=\"0\\.99\",stage=\"tick_to_ws\",?} ([0-9.Ee-]+)")
            .matcher(metrics.body());
        assertTrue(recentP99.find(), metrics.body());
        assertTrue(Double.parseDouble(recentP99.group(1)) > 0, recentP99.group());
        assertTrue(metrics.body().contains("qleap_latency_samples_total{stage=\"core\""), metrics.body());
        final Matcher samples = Pattern.compile("qleap_latency_samples_total\\{stage=\"([a-z_]+)\",?} ([0-9.E]+)")
            .matcher(metrics.body());
        int stages = 0;
        while (samples.find())
        {
            stages++;
            final boolean none = Double.parseDouble(samples.group(2)) == 0;
            final String median = "qleap_latency_seconds{quantile=\"0.5\",stage=\"" + samples.group(1) + "\"} NaN";
            assertEquals(none, metrics.body().contains(median),
                samples.group() + " and its median in " + metrics.body());
        }
        assertTrue(stages >= 8, "stages with a sample count: " + stages);
        assertTrue(metrics.body().contains("qleap_gateway_ws_messages_total"), metrics.body());
    }

    /**
     * A scrape no roll of the reporter cut through: a stage's samples and its quantiles are read one after the other,
     * so one that got its first samples in between reads a count with no median. The scrape between two whose sample
     * counts are the same saw no samples added.
     */
    private HttpResponse<String> settledScrape() throws Exception
    {
        HttpResponse<String> before = app.send("GET", "/metrics", admin, null);
        HttpResponse<String> scrape = app.send("GET", "/metrics", admin, null);
        final long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline)
        {
            final HttpResponse<String> after = app.send("GET", "/metrics", admin, null);
            if (sampleCounts(before.body()).equals(sampleCounts(after.body())))
            {
                return scrape;
            }
            before = scrape;
            scrape = after;
        }
        throw new AssertionError("the sample counts changed between every pair of scrapes");
    }

    private static Map<String, String> sampleCounts(final String metrics)
    {
        final Map<String, String> counts = new HashMap<>();
        final Matcher samples = Pattern.compile("qleap_latency_samples_total\\{stage=\"([a-z_]+)\",?} ([0-9.E]+)")
            .matcher(metrics);
        while (samples.find())
        {
            counts.put(samples.group(1), samples.group(2));
        }
        return counts;
    }

    @Test
    void shouldWriteAnHdrHistogramLogWithATagPerStage() throws Exception
    {
        final Path dir = app.dataDir().resolve("latency");
        GatewayFixture.await("a latency log with tick_to_ws samples", Duration.ofSeconds(30), () ->
            tagged(dir).containsKey("tick_to_ws") && tagged(dir).get("tick_to_ws").getTotalCount() > 0);
        final Map<String, Histogram> byTag = tagged(dir);
        assertTrue(byTag.containsKey("core") && byTag.containsKey("journal"), byTag.keySet().toString());
        assertTrue(byTag.get("tick_to_ws").getTotalCount() > 0);
    }

    private static Map<String, Histogram> tagged(final Path dir)
    {
        final Map<String, Histogram> byTag = new HashMap<>();
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path file : files.filter(f -> f.toString().endsWith(".hlog")).toList())
            {
                final HistogramLogReader reader = new HistogramLogReader(file.toFile());
                while (reader.hasNext())
                {
                    final Histogram h = (Histogram)reader.nextIntervalHistogram();
                    if (h != null)
                    {
                        byTag.computeIfAbsent(h.getTag(), t -> new Histogram(3)).add(h);
                    }
                }
            }
        }
        catch (final java.io.IOException | RuntimeException ex)
        {
            return Map.of();
        }
        return byTag;
    }

    private static String latency()
    {
        final HttpResponse<String> response = get("/api/latency");
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static HttpResponse<String> get(final String path)
    {
        try
        {
            return app.send("GET", path, admin, null);
        }
        catch (final Exception ex)
        {
            throw new AssertionError(path + ": " + ex, ex);
        }
    }

    private static long totalCount(final String report, final String stage)
    {
        return total(report, stage).get("count").longValue();
    }

    private static Map<String, Double> total(final String report, final String stage)
    {
        return window(report, stage, "total");
    }

    /** One window's percentiles of one stage ({@code interval}, {@code recent} or {@code total}), by field name. */
    private static Map<String, Double> window(final String report, final String stage, final String window)
    {
        final Matcher m = Pattern.compile("\"name\":\"" + stage + "\".*?\"" + window + "\":\\{([^}]*)}")
            .matcher(report);
        assertTrue(m.find(), stage + " missing in " + report);
        final Map<String, Double> fields = new HashMap<>();
        for (final String pair : m.group(1).split(","))
        {
            final String[] kv = pair.split(":");
            fields.put(kv[0].replace("\"", ""), "null".equals(kv[1]) ? null : Double.parseDouble(kv[1]));
        }
        return fields;
    }
}
