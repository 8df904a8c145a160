package io.quantumleap.gateway.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.engine.sim.KiteSimulator;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.quantumleap.gateway.support.GatewayFixture;
import io.quantumleap.persistence.Storage;
import io.quantumleap.persistence.users.AlertRepository;
import io.quantumleap.persistence.users.AlertRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal TICK = new BigDecimal("0.05");
    private static final long INFY = 408065;
    private final GatewayFixture app = new GatewayFixture(Map.of("quantumleap.sim.tick-rate", 0,
        "quantumleap.alerts.resync", "1h"));

    @AfterEach
    void stop()
    {
        app.close();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldFireAnAlertOnceOnTheFirstTickThatMeetsItAndTellOnlyItsUsersDashboards() throws Exception
    {
        final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        final BigDecimal ltp = app.connectAndStepToQuote(admin, "NSE:INFY");
        final String alice = app.newTrader(admin, "alice");
        final List<String> adminMessages = new CopyOnWriteArrayList<>();
        final List<String> aliceMessages = new CopyOnWriteArrayList<>();
        final WebSocket adminSocket = app.webSocket(admin, adminMessages::add);
        final WebSocket aliceSocket = app.webSocket(alice, aliceMessages::add);

        final JsonNode met = created(app.send("POST", "/api/alerts", admin, alert("nse", "infy", "Above",
            off(ltp, "0.90"), " met already ")));
        final JsonNode far = created(app.send("POST", "/api/alerts", admin, alert("NSE", "INFY", "below",
            off(ltp, "0.50"), null)));
        final JsonNode alices = created(app.send("POST", "/api/alerts", alice, alert("NSE", "INFY", "below",
            off(ltp, "0.80"), "hers")));

        assertEquals("active", met.path("status").asText());
        assertEquals("above", met.path("direction").asText());
        assertEquals("NSE", met.path("exchange").asText());
        assertEquals("INFY", met.path("tradingsymbol").asText());
        assertEquals(INFY, met.path("instrument_token").asLong());
        assertEquals(0, off(ltp, "0.90").compareTo(met.path("price").decimalValue()));
        assertEquals("met already", met.path("note").asText());
        assertTrue(met.path("triggered_at").isNull(), met.toString());
        assertTrue(met.path("triggered_price").isNull(), met.toString());
        assertEquals("", far.path("note").asText());

        final KiteSimulator sim = app.bean(EngineRuntime.class).broker().simulator();
        GatewayFixture.await("the met alert to fire", Duration.ofSeconds(30), () ->
        {
            sim.step(1);
            return "triggered".equals(find(admin, met.path("id").asLong()).path("status").asText());
        });
        GatewayFixture.await("the alert on the WebSocket", Duration.ofSeconds(10),
            () -> adminMessages.stream().anyMatch(m -> m.startsWith("{\"type\":\"alert\"")));
        sim.step(20);
        Thread.sleep(1_500);

        final JsonNode fired = find(admin, met.path("id").asLong());
        assertFalse(fired.path("triggered_at").isNull(), fired.toString());
        assertTrue(fired.path("triggered_price").decimalValue().compareTo(off(ltp, "0.90")) >= 0, fired.toString());
        final List<JsonNode> pushed = alerts(adminMessages);
        assertEquals(1, pushed.size(), adminMessages.toString());
        assertEquals(fired, pushed.get(0));
        assertEquals(List.of(), alerts(aliceMessages));
        assertEquals("active", find(admin, far.path("id").asLong()).path("status").asText());
        assertEquals("active", find(alice, alices.path("id").asLong()).path("status").asText());
        assertEquals(List.of(far.path("id").asLong(), met.path("id").asLong()), ids(admin));
        assertEquals(List.of(alices.path("id").asLong()), ids(alice));
        assertEquals(404, app.send("DELETE", "/api/alerts/" + far.path("id").asLong(), alice, null).statusCode());
        assertEquals(404, app.send("PUT", "/api/alerts/" + far.path("id").asLong(), alice,
            "{\"direction\":\"above\",\"price\":1}").statusCode());
        final String audit = app.send("GET", "/api/audit?type=alert_triggered", admin, null).body();
        assertTrue(audit.contains("\"event_type\":\"alert_triggered\""), audit);
        assertTrue(GatewayFixture.auditDetails(audit).stream()
            .anyMatch(d -> d.path("id").asLong() == met.path("id").asLong()), audit);
        final String metrics = app.send("GET", "/metrics", admin, null).body();
        assertTrue(metrics.contains("qleap_alerts_triggered_total 1.0"), metrics);
        assertTrue(metrics.contains("qleap_alerts_armed 2.0"), metrics);

        final HttpResponse<String> rearmed = app.send("PUT", "/api/alerts/" + met.path("id").asLong(), admin,
            "{\"direction\":\"below\",\"price\":" + off(ltp, "2") + ",\"note\":\"again\"}");
        assertEquals(200, rearmed.statusCode(), rearmed.body());
        assertEquals("active", JSON.readTree(rearmed.body()).path("status").asText());
        assertTrue(JSON.readTree(rearmed.body()).path("triggered_at").isNull(), rearmed.body());
        GatewayFixture.await("the re-armed alert to fire", Duration.ofSeconds(30), () ->
        {
            sim.step(1);
            return alerts(adminMessages).size() == 2;
        });
        assertEquals("below", alerts(adminMessages).get(1).path("direction").asText());
        assertEquals("again", alerts(adminMessages).get(1).path("note").asText());

        final HttpResponse<String> deleted = app.send("DELETE", "/api/alerts/" + far.path("id").asLong(), admin, null);
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals("{\"id\":" + far.path("id").asLong() + "}", deleted.body());
        assertEquals(List.of(met.path("id").asLong()), ids(admin));
        adminSocket.abort();
        aliceSocket.abort();
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldWatchTheActiveAlertsStoredBeforeAStartWithNoDashboardOpen() throws Exception
    {
        final Watching watching = adminWatchingInfy();
        final BigDecimal ltp = watching.ltp();
        final UUID adminId = app.bean(Storage.class).users().findByUsername("admin").orElseThrow().id();
        final AlertRepository alerts = app.bean(Storage.class).alerts();
        final long met = alerts.create(adminId, INFY, "NSE", "INFY", "above", off(ltp, "0.5"), "", Instant.now(), 100)
            .orElseThrow().id();
        final long far = alerts.create(adminId, INFY, "NSE", "INFY", "above", off(ltp, "3"), "", Instant.now(), 100)
            .orElseThrow().id();

        app.restart();

        final KiteSimulator sim = app.bean(EngineRuntime.class).broker().simulator();
        GatewayFixture.await("the stored alert to fire", Duration.ofSeconds(60), () ->
        {
            sim.step(1);
            return app.bean(AlertWatcher.class).triggered() == 1;
        });
        final String token = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        assertEquals("triggered", find(token, met).path("status").asText());
        assertEquals("active", find(token, far).path("status").asText());
        assertEquals(1, app.bean(AlertWatcher.class).armed());
        assertEquals(1, app.bean(EngineRuntime.class).broker().fullWatches(INFY), "the alerts' watch, no dashboard's");
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldTellItsOwnDashboardsOfAnAlertAnotherProcessMarkedTriggeredOnTheSameTick() throws Exception
    {
        final Watching watching = adminWatchingInfy();
        final String admin = watching.token();
        final BigDecimal ltp = watching.ltp();
        final List<String> messages = watching.messages();
        final WebSocket socket = watching.socket();
        final JsonNode alert = created(app.send("POST", "/api/alerts", admin, alert("NSE", "INFY", "above",
            off(ltp, "0.5"), "elsewhere")));

        final AlertRow elsewhere = app.bean(Storage.class).alerts().trigger(alert.path("id").asLong(),
            alert.path("price").decimalValue(), ltp, Instant.now()).orElseThrow();
        final KiteSimulator sim = app.bean(EngineRuntime.class).broker().simulator();
        GatewayFixture.await("the alert on the WebSocket", Duration.ofSeconds(30), () ->
        {
            sim.step(1);
            return !alerts(messages).isEmpty();
        });

        assertEquals(elsewhere.id(), alerts(messages).get(0).path("id").asLong());
        assertEquals(0, ltp.compareTo(alerts(messages).get(0).path("triggered_price").decimalValue()));
        assertEquals(0, app.bean(AlertWatcher.class).triggered());
        assertEquals(0, app.bean(AlertWatcher.class).armed());
        assertFalse(app.send("GET", "/api/audit?type=alert_triggered", admin, null).body()
            .contains("\"event_type\":\"alert_triggered\""));
        socket.abort();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldWatchAtOnceAnAlertAnotherProcessStoredAndTellOfOneItFiredWithNoTickHere() throws Exception
    {
        final Watching watching = adminWatchingInfy();
        final String admin = watching.token();
        final BigDecimal ltp = watching.ltp();
        final List<String> messages = watching.messages();
        final WebSocket socket = watching.socket();
        final UUID adminId = app.bean(Storage.class).users().findByUsername("admin").orElseThrow().id();
        final AlertRepository alerts = app.bean(Storage.class).alerts();
        final AlertWatcher watcher = app.bean(AlertWatcher.class);

        final long stored = alerts.create(adminId, INFY, "NSE", "INFY", "above", off(ltp, "0.5"), "stored elsewhere",
            Instant.now(), 100).orElseThrow().id();
        GatewayFixture.await("the alert stored elsewhere watched", Duration.ofSeconds(10), () -> watcher.armed() == 1);
        final KiteSimulator sim = app.bean(EngineRuntime.class).broker().simulator();
        GatewayFixture.await("the alert stored elsewhere to fire", Duration.ofSeconds(60), () ->
        {
            sim.step(1);
            return watcher.triggered() == 1;
        });
        final JsonNode far = created(app.send("POST", "/api/alerts", admin, alert("NSE", "INFY", "above",
            off(ltp, "3"), "fired elsewhere")));
        alerts.trigger(far.path("id").asLong(), far.path("price").decimalValue(), ltp, Instant.now()).orElseThrow();
        GatewayFixture.await("the alert fired elsewhere on the WebSocket", Duration.ofSeconds(10),
            () -> alerts(messages).size() == 2);

        assertEquals(List.of(stored, far.path("id").asLong()),
            alerts(messages).stream().map(a -> a.path("id").asLong()).toList());
        assertEquals(1, watcher.triggered());
        assertEquals(0, watcher.armed());
        socket.abort();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldRefuseAlertsItCannotKeepNamingTheFieldAndStoreNothing() throws Exception
    {
        final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        final BigDecimal ltp = app.connectAndStepToQuote(admin, "NSE:INFY");
        final Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put(alert("NSE", "NOSUCH", "above", BigDecimal.TEN, null),
            "tradingsymbol: no instrument NSE:NOSUCH is known");
        refusals.put(alert("NSEX", "INFY", "above", BigDecimal.TEN, null),
            "exchange: 'NSEX' is not one of NSE, BSE, NFO, BFO, CDS, BCD, MCX");
        refusals.put(alert("NSE", "INFY", "sideways", BigDecimal.TEN, null),
            "direction: 'sideways' is not one of above (the last price at or above the price) or below");
        refusals.put(alert("NSE", "INFY", "above", BigDecimal.ZERO, null),
            "price: 0 is not above 0 and below 1000000000");
        refusals.put(alert("NSE", "INFY", "above", new BigDecimal("-5"), null),
            "price: -5 is not above 0 and below 1000000000");
        refusals.put(alert("NSE", "INFY", "above", new BigDecimal("1500.00001"), null),
            "price: 1500.00001 has more than 4 decimals");
        refusals.put(alert("NSE", "INFY", "above", BigDecimal.TEN, "x".repeat(201)),
            "note: 201 characters; at most 200");
        refusals.put("{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"direction\":\"above\"}",
            "price: must not be null");
        for (final Map.Entry<String, String> refusal : refusals.entrySet())
        {
            final HttpResponse<String> answer = app.send("POST", "/api/alerts", admin, refusal.getKey());
            assertEquals(400, answer.statusCode(), answer.body());
            assertTrue(JSON.readTree(answer.body()).path("message").asText().contains(refusal.getValue()),
                refusal.getKey() + " -> " + answer.body());
        }
        assertEquals(List.of(), ids(admin));

        for (int i = 0; i < AlertController.MAX_ACTIVE; i++)
        {
            created(app.send("POST", "/api/alerts", admin, alert("NSE", "INFY", "above",
                off(ltp, "2").add(BigDecimal.valueOf(i)), null)));
        }
        final HttpResponse<String> tooMany = app.send("POST", "/api/alerts", admin,
            alert("NSE", "INFY", "above", off(ltp, "3"), null));
        assertEquals(409, tooMany.statusCode(), tooMany.body());
        assertTrue(tooMany.body().contains("\"error\":\"too_many_alerts\""), tooMany.body());
        assertEquals(AlertController.MAX_ACTIVE, ids(admin).size());
        assertEquals(404, app.send("PUT", "/api/alerts/987654321", admin,
            "{\"direction\":\"above\",\"price\":1}").statusCode());
        assertEquals(404, app.send("DELETE", "/api/alerts/987654321", admin, null).statusCode());
        assertEquals(401, app.send("GET", "/api/alerts", null, null).statusCode());
        assertEquals(401, app.send("POST", "/api/alerts", null, alert("NSE", "INFY", "above", BigDecimal.TEN,
            null)).statusCode());
        final String audit = app.send("GET", "/api/audit?type=alert_create", admin, null).body();
        assertTrue(audit.contains("has more than 4 decimals"), audit);
    }

    private record Watching(String token, BigDecimal ltp, List<String> messages, WebSocket socket)
    {
    }

    private Watching adminWatchingInfy() throws Exception
    {
        final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        final BigDecimal ltp = app.connectAndStepToQuote(admin, "NSE:INFY");
        final List<String> messages = new CopyOnWriteArrayList<>();
        final WebSocket socket = app.webSocket(admin, messages::add);
        socket.sendText("{\"a\":\"subscribe\",\"v\":[" + INFY + "]}", true).join();
        final LiveState live = app.bean(LiveState.class);
        GatewayFixture.await("INFY streamed in full mode for the dashboard", Duration.ofSeconds(15),
            () -> live.quote(INFY).filter(q -> "full".equals(q.mode())).isPresent());
        return new Watching(admin, ltp, messages, socket);
    }

    private static BigDecimal off(final BigDecimal ltp, final String factor)
    {
        return ltp.multiply(new BigDecimal(factor)).divide(TICK, 0, RoundingMode.HALF_UP).multiply(TICK)
            .setScale(2, RoundingMode.UNNECESSARY);
    }

    private static String alert(final String exchange, final String symbol, final String direction,
        final BigDecimal price, final String note)
    {
        return "{\"exchange\":\"" + exchange + "\",\"tradingsymbol\":\"" + symbol + "\",\"direction\":\"" +
            direction + "\",\"price\":" + price.toPlainString() + (note == null ? "" : ",\"note\":\"" + note + "\"") +
            "}";
    }

    private static JsonNode created(final HttpResponse<String> response) throws Exception
    {
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private JsonNode find(final String token, final long id)
    {
        try
        {
            for (final JsonNode alert : JSON.readTree(app.send("GET", "/api/alerts", token, null).body()))
            {
                if (alert.path("id").asLong() == id)
                {
                    return alert;
                }
            }
        }
        catch (final Exception ex)
        {
            return JSON.missingNode();
        }
        return JSON.missingNode();
    }

    private List<Long> ids(final String token) throws Exception
    {
        final HttpResponse<String> list = app.send("GET", "/api/alerts", token, null);
        assertEquals(200, list.statusCode(), list.body());
        final List<Long> ids = new ArrayList<>();
        JSON.readTree(list.body()).forEach(a -> ids.add(a.path("id").asLong()));
        return ids;
    }

    private static List<JsonNode> alerts(final List<String> messages)
    {
        final List<JsonNode> alerts = new ArrayList<>();
        for (final String message : messages)
        {
            try
            {
                final JsonNode node = JSON.readTree(message);
                if ("alert".equals(node.path("type").asText()))
                {
                    alerts.add(node.path("data"));
                }
            }
            catch (final Exception ex)
            {
                throw new AssertionError(message, ex);
            }
        }
        return alerts;
    }
}
