package io.quantumleap.gateway.ops;

import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThroughputRestartSystemTest
{
    private static final long INFY = 408_065;
    private static final String OFF_TICK = "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":" +
        "\"BUY\",\"order_type\":\"LIMIT\",\"quantity\":1,\"product\":\"CNC\",\"price\":1500.03}";

    @Test
    void shouldCountOnlyThisProcesssOwnWorkAfterARestartThatReplaysTheDay() throws Exception
    {
        try (GatewayFixture app = new GatewayFixture(Map.of("quantumleap.sim.tick-rate", 0,
            "quantumleap.latency.interval", "200ms")))
        {
            app.quotedEquity(INFY, "INFY", 150_000, 1_000, 149_000);
            app.brokerSession(1, BrokerSessionState.CONNECTED);
            final String before = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
            assertEquals(422, app.send("POST", "/api/orders", before, OFF_TICK).statusCode());
            GatewayFixture.await("the reject counted", Duration.ofSeconds(10),
                () -> field(get(app, before, "/api/latency"), "rejects_total") == 1);
            final long replayed = metric(get(app, before, "/metrics"), "qleap_gateway_events_applied_total");
            assertTrue(replayed > 0, "events applied before the restart: " + replayed);

            app.restart();
            final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
            GatewayFixture.await("the day replayed", Duration.ofSeconds(30),
                () -> metric(get(app, admin, "/metrics"), "qleap_gateway_events_applied_total") >= replayed);
            final Instant replayedBy = Instant.now();
            GatewayFixture.await("a report after the replay", Duration.ofSeconds(10),
                () -> intervalEnd(get(app, admin, "/api/latency")).isAfter(replayedBy));
            final String report = get(app, admin, "/api/latency");
            final long applied = metric(get(app, admin, "/metrics"), "qleap_gateway_events_applied_total");

            assertEquals(0, field(report, "rejects_total"), report);
            assertTrue(field(report, "events_out_total") <= applied - replayed,
                report + " with " + applied + " applied, " + replayed + " of them replayed");

            app.brokerSession(1, BrokerSessionState.CONNECTED);
            assertEquals(422, app.send("POST", "/api/orders", admin, OFF_TICK).statusCode());
            GatewayFixture.await("the reject after the restart counted", Duration.ofSeconds(10),
                () -> field(get(app, admin, "/api/latency"), "rejects_total") > 0 &&
                    metric(get(app, admin, "/metrics"), "qleap_engine_commands_in_total") > 0);
            final String after = get(app, admin, "/api/latency");
            final String metrics = get(app, admin, "/metrics");
            final long appliedAfter = metric(metrics, "qleap_gateway_events_applied_total");

            assertEquals(1, field(after, "rejects_total"), after);
            assertEquals(1, metric(metrics, "qleap_engine_rejects_total"), metrics);
            final long eventsOut = metric(metrics, "qleap_engine_events_out_total");
            assertTrue(eventsOut >= 1 && eventsOut <= appliedAfter - replayed,
                eventsOut + " events out with " + appliedAfter + " applied, " + replayed + " replayed");
            assertTrue(metric(metrics, "qleap_engine_commands_in_total") >= 1, metrics);
            assertTrue(metrics.contains("# HELP qleap_engine_events_out_total Engine events of this process's own"),
                metrics);
            assertTrue(metrics.contains("# HELP qleap_engine_commands_in_total Commands this process journaled"),
                metrics);
        }
    }

    private static String get(final GatewayFixture app, final String token, final String path)
    {
        try
        {
            final HttpResponse<String> response = app.send("GET", path, token, null);
            assertEquals(200, response.statusCode(), response.body());
            return response.body();
        }
        catch (final Exception ex)
        {
            throw new AssertionError(path + ": " + ex, ex);
        }
    }

    private static long field(final String report, final String name)
    {
        final Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(report);
        assertTrue(m.find(), name + " in " + report);
        return Long.parseLong(m.group(1));
    }

    private static Instant intervalEnd(final String report)
    {
        final Matcher m = Pattern.compile("\"interval_end\":\"([^\"]+)\"").matcher(report);
        assertTrue(m.find(), report);
        return Instant.parse(m.group(1));
    }

    private static long metric(final String metrics, final String name)
    {
        final Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.Ee+-]+)$").matcher(metrics);
        assertTrue(m.find(), name + " in " + metrics);
        return (long)Double.parseDouble(m.group(2));
    }
}
