package io.quantumleap.gateway.ops;

import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTokenSystemTest
{
    private static final String SCRAPE = "scrape-token-0123456789abcdef0123456789abcdef";
    private static GatewayFixture app;

    @BeforeAll
    static void start()
    {
        app = new GatewayFixture(Map.of("quantumleap.metrics-token", SCRAPE));
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    @Test
    void shouldLetTheScrapeTokenReadTheMetricsAndNothingElse() throws Exception
    {
        final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        final String trader = app.newTrader(admin, "tara");

        final HttpResponse<String> scraped = app.send("GET", "/metrics", SCRAPE, null);
        final HttpResponse<String> wrong = app.send("GET", "/metrics", SCRAPE + "x", null);
        final HttpResponse<String> latency = app.send("GET", "/api/latency", SCRAPE, null);
        final HttpResponse<String> orders = app.send("GET", "/api/orders", SCRAPE, null);
        final HttpResponse<String> byTrader = app.send("GET", "/metrics", trader, null);
        final HttpResponse<String> byAdmin = app.send("GET", "/metrics", admin, null);

        assertEquals(200, scraped.statusCode(), scraped.body());
        assertTrue(scraped.body().contains("qleap_latency_seconds"), scraped.body());
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertEquals(401, latency.statusCode(), latency.body());
        assertEquals(401, orders.statusCode(), orders.body());
        assertEquals(403, byTrader.statusCode(), byTrader.body());
        assertEquals(200, byAdmin.statusCode(), byAdmin.body());
    }
}
