package io.quantumleap.gateway.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.engine.sim.KiteSimulator;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GttSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal TICK = new BigDecimal("0.05");
    private static final long INFY = 408065;
    private final GatewayFixture app = new GatewayFixture(Map.of("quantumleap.sim.tick-rate", 0));
    private String admin;

    @BeforeEach
    void login() throws Exception
    {
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
    }

    @AfterEach
    void stop()
    {
        app.close();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldPlaceListModifyAndDeleteATriggerAtTheBroker() throws Exception
    {
        final BigDecimal ltp = connectAndQuote();
        final BigDecimal trigger = off(ltp, "0.95");

        final HttpResponse<String> placed = app.send("POST", "/api/gtt", admin, single("sell", trigger, 1, trigger));

        assertEquals(201, placed.statusCode(), placed.body());
        final JsonNode gtt = JSON.readTree(placed.body());
        final long id = gtt.path("id").asLong();
        assertTrue(id > 0, placed.body());
        assertEquals(1, gtt.path("account_id").asLong());
        assertEquals("single", gtt.path("type").asText());
        assertEquals("active", gtt.path("status").asText());
        assertEquals("NSE", gtt.path("exchange").asText());
        assertEquals("INFY", gtt.path("tradingsymbol").asText());
        assertEquals(INFY, gtt.path("instrument_token").asLong());
        assertEquals(List.of(trigger), decimals(gtt.path("trigger_values")));
        assertEquals(1, gtt.path("orders").size());
        final JsonNode order = gtt.path("orders").get(0);
        assertEquals("SELL", order.path("transaction_type").asText());
        assertEquals(1, order.path("quantity").asLong());
        assertEquals("CNC", order.path("product").asText());
        assertEquals("LIMIT", order.path("order_type").asText());
        assertEquals(0, trigger.compareTo(order.path("price").decimalValue()));
        assertTrue(order.path("result").isNull(), placed.body());
        final Instant createdAt = Instant.parse(gtt.path("created_at").asText());
        assertTrue(Duration.between(createdAt, Instant.now()).abs().getSeconds() < 120, placed.body());
        assertTrue(Instant.parse(gtt.path("expires_at").asText()).isAfter(createdAt.plus(Duration.ofDays(300))),
            placed.body());
        assertTrue(gtt.path("rejection_reason").isNull(), placed.body());
        assertEquals(List.of(id), ids(app.send("GET", "/api/gtt", admin, null)));
        assertEquals(List.of(id), ids(app.send("GET", "/api/gtt?account_id=1", admin, null)));

        final BigDecimal lower = off(ltp, "0.94");
        final BigDecimal upper = off(ltp, "1.06");
        final HttpResponse<String> modified = app.send("PUT", "/api/gtt/" + id, admin, "{\"type\":\"two-leg\"," +
            "\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"trigger_values\":[" + lower + "," + upper + "]," +
            "\"orders\":[" + leg("SELL", 2, lower) + "," + leg("SELL", 2, upper) + "]}");

        assertEquals(200, modified.statusCode(), modified.body());
        final JsonNode oco = JSON.readTree(app.send("GET", "/api/gtt/" + id, admin, null).body());
        assertEquals(id, oco.path("id").asLong());
        assertEquals("two-leg", oco.path("type").asText());
        assertEquals("active", oco.path("status").asText());
        assertEquals(List.of(lower, upper), decimals(oco.path("trigger_values")));
        assertEquals(2, oco.path("orders").size());
        assertEquals(2, oco.path("orders").get(1).path("quantity").asLong());
        assertEquals(0, upper.compareTo(oco.path("orders").get(1).path("price").decimalValue()));
        assertEquals(JSON.readTree(modified.body()), oco);

        final HttpResponse<String> deleted = app.send("DELETE", "/api/gtt/" + id, admin, null);

        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals("{\"account_id\":1,\"id\":" + id + "}", deleted.body());
        assertEquals(List.of(), ids(app.send("GET", "/api/gtt", admin, null)));
        assertEquals("deleted", JSON.readTree(app.send("GET", "/api/gtt/" + id, admin, null).body())
            .path("status").asText());
        final HttpResponse<String> again = app.send("DELETE", "/api/gtt/" + id, admin, null);
        assertEquals(422, again.statusCode(), again.body());
        assertTrue(again.body().contains("\"error\":\"broker_rejected\""), again.body());
        assertTrue(again.body().contains("the broker refused deleting trigger " + id + ": Invalid `trigger_id` " +
            id + ": no such GTT; it was deleted."), again.body());
        final HttpResponse<String> unknown = app.send("GET", "/api/gtt/99999999", admin, null);
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("\"error\":\"not_found\",\"message\":\"account 1 has no GTT " +
            "99999999 (the broker: Invalid `trigger_id` 99999999: no such GTT.)\""), unknown.body());
        final HttpResponse<String> unknownDeleted = app.send("DELETE", "/api/gtt/99999999", admin, null);
        assertEquals(404, unknownDeleted.statusCode(), unknownDeleted.body());
        assertTrue(unknownDeleted.body().contains("\"error\":\"not_found\",\"message\":\"account 1 has no GTT " +
            "99999999 (the broker: Invalid `trigger_id` 99999999: no such GTT.)"), unknownDeleted.body());
        final HttpResponse<String> unknownModified = app.send("PUT", "/api/gtt/99999999", admin,
            single("SELL", trigger, 1, trigger));
        assertEquals(404, unknownModified.statusCode(), unknownModified.body());
        assertTrue(unknownModified.body().contains("account 1 has no GTT 99999999"), unknownModified.body());
        for (final String method : new String[] {"GET", "PUT", "DELETE"})
        {
            for (final String nonId : new String[] {"0", "-1"})
            {
                final HttpResponse<String> none = app.send(method, "/api/gtt/" + nonId, admin,
                    "PUT".equals(method) ? single("SELL", trigger, 1, trigger) : null);
                assertEquals(404, none.statusCode(), method + " " + nonId + ": " + none.body());
                assertTrue(none.body().contains("\"message\":\"account 1 has no GTT " + nonId + " (trigger ids are " +
                    "above 0)\""), method + " " + nonId + ": " + none.body());
            }
        }

        final String audit = app.send("GET", "/api/audit?user=admin", admin, null).body();
        for (final String action : new String[] {"gtt_place", "gtt_modify", "gtt_delete"})
        {
            assertTrue(audit.contains("\"event_type\":\"" + action + "\""), action + " in " + audit);
        }
        assertTrue(GatewayFixture.auditDetails(audit).stream().anyMatch(d -> d.path("id").asLong() == id), audit);
        assertTrue(audit.contains("SELL 2 CNC @ " + upper.stripTrailingZeros().toPlainString()), audit);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldRefuseWhatTheBrokerWouldRefuseNamingTheFieldAndSendNothing() throws Exception
    {
        final HttpResponse<String> notConnected =
            app.send("POST", "/api/gtt", admin, single("SELL", new BigDecimal("1000"), 1, new BigDecimal("1000")));
        assertEquals(409, notConnected.statusCode(), notConnected.body());
        assertTrue(notConnected.body().contains("\"error\":\"broker_not_connected\""), notConnected.body());
        final HttpResponse<String> notListed = app.send("GET", "/api/gtt?account_id=1", admin, null);
        assertEquals(409, notListed.statusCode(), notListed.body());
        final BigDecimal ltp = connectAndQuote();
        final BigDecimal below = off(ltp, "0.95");
        final BigDecimal above = off(ltp, "1.05");
        final String infy = "\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\"";

        final Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("{\"type\":\"oco\"," + infy + ",\"trigger_values\":[" + below + "],\"orders\":[" +
            leg("SELL", 1, below) + "]}", "type: 'oco' is not one of single (one trigger value and one order) or " +
            "two-leg");
        refusals.put("{\"type\":\"single\",\"exchange\":\"NSE\",\"tradingsymbol\":\"NOSUCH\",\"trigger_values\":[" +
            below + "],\"orders\":[" + leg("SELL", 1, below) + "]}",
            "tradingsymbol: no instrument NSE:NOSUCH is known");
        refusals.put("{\"type\":\"single\",\"exchange\":\"100\",\"tradingsymbol\":\"INFY\",\"trigger_values\":[" +
            below + "],\"orders\":[" + leg("SELL", 1, below) + "]}",
            "exchange: '100' is not one of NSE, BSE, NFO, BFO, CDS, BCD, MCX");
        refusals.put("{\"type\":\"single\",\"exchange\":\"NSE\",\"tradingsymbol\":\"NIFTY 50\"," +
            "\"trigger_values\":[20000],\"orders\":[" + leg("SELL", 1, new BigDecimal("20000")) + "]}",
            "tradingsymbol: NSE:NIFTY 50 is an index; a GTT needs an instrument that trades");
        refusals.put("{\"type\":\"single\"," + infy + ",\"trigger_values\":[" + below + "," + above + "]," +
            "\"orders\":[" + leg("SELL", 1, below) + "]}", "trigger_values: a single GTT has one value, not 2");
        refusals.put("{\"type\":\"two-leg\"," + infy + ",\"trigger_values\":[" + below + "],\"orders\":[" +
            leg("SELL", 1, below) + "]}", "trigger_values: a two-leg GTT has two values, the lower then the upper, " +
            "not 1");
        final BigDecimal offTick = below.add(new BigDecimal("0.01"));
        refusals.put(single("SELL", offTick, 1, below), "trigger_values[0]: " +
            offTick.stripTrailingZeros().toPlainString() + " is not a multiple of the tick size 0.05 of NSE:INFY");
        refusals.put(single("SELL", below, 1, BigDecimal.ZERO), "orders[0].price: a price above 0 is required, not 0");
        refusals.put("{\"type\":\"single\"," + infy + ",\"trigger_values\":[null],\"orders\":[" +
            leg("SELL", 1, below) + "]}", "trigger_values[0]: a price above 0 is required, not null");
        refusals.put("{\"type\":\"single\"," + infy + ",\"trigger_values\":[" + below + "],\"orders\":[null]}",
            "orders[0]: an order is required");
        refusals.put("{\"type\":\"single\"," + infy + ",\"trigger_values\":[" + below + "],\"orders\":[" +
            leg("SELL", 1, below) + "," + leg("SELL", 1, below) + "]}", "orders: a single GTT has one order, not 2");
        refusals.put("{\"type\":\"single\"," + infy + ",\"trigger_values\":[" + below + "],\"orders\":[" +
            "{\"transaction_type\":\"SELL\",\"quantity\":1,\"product\":\"NRML\",\"price\":" + below + "}]}",
            "orders[0].product: a GTT on NSE places CNC or MIS orders, not 'NRML'");
        refusals.put(single("HOLD", below, 1, below), "orders[0].transaction_type: 'HOLD' is not one of BUY or SELL");
        refusals.put("{\"type\":\"two-leg\"," + infy + ",\"trigger_values\":[" + above + "," + off(ltp, "1.10") +
            "],\"orders\":[" + leg("SELL", 1, above) + "," + leg("SELL", 1, above) + "]}",
            "trigger_values: a two-leg GTT's lower value is below the last price and its upper value above it");
        refusals.put("{\"type\":\"single\"," + infy + ",\"trigger_values\":[" + below + "],\"orders\":[" +
            "{\"transaction_type\":\"SELL\",\"quantity\":0,\"product\":\"CNC\",\"price\":" + below + "}]}",
            "quantity");
        refusals.put("{\"type\":\"single\"," + infy + ",\"orders\":[" + leg("SELL", 1, below) + "]}",
            "trigger_values: must not be null");
        refusals.put("{\"type\":\"single\"," + infy + ",\"trigger_values\":[\"x\"],\"orders\":[" +
            leg("SELL", 1, below) + "]}", "trigger_values[0]: expected a number, got");
        refusals.put("{\"type\":\"two-leg\"," + infy + ",\"trigger_values\":[" + below + ",true],\"orders\":[" +
            leg("SELL", 1, below) + "," + leg("SELL", 1, above) + "]}", "trigger_values[1]: expected a number, got");
        refusals.put("{\"type\":\"single\"," + infy + ",\"trigger_values\":" + below + ",\"orders\":[" +
            leg("SELL", 1, below) + "]}", "trigger_values: expected a list");
        refusals.put("{\"type\":\"two-leg\"," + infy + ",\"trigger_values\":[" + below + "," + above +
            "],\"orders\":[" + leg("SELL", 1, below) + ",{\"transaction_type\":\"SELL\",\"quantity\":1," +
            "\"product\":\"CNC\",\"price\":\"x\"}]}", "orders[1].price: expected a number, got");

        for (final Map.Entry<String, String> refusal : refusals.entrySet())
        {
            final HttpResponse<String> answer = app.send("POST", "/api/gtt", admin, refusal.getKey());
            assertEquals(400, answer.statusCode(), refusal.getKey() + " -> " + answer.body());
            final JsonNode error = JSON.readTree(answer.body());
            assertTrue(error.path("message").asText().contains(refusal.getValue()),
                refusal.getKey() + " -> " + answer.body());
        }
        final HttpResponse<String> negative =
            app.send("POST", "/api/gtt", admin, single("SELL", below, 1, new BigDecimal("-5.00")));
        assertEquals(400, negative.statusCode(), negative.body());
        assertEquals("orders[0].price: a price above 0 is required, not -5",
            JSON.readTree(negative.body()).path("message").asText());
        final BigDecimal close = ltp.add(TICK).setScale(2, RoundingMode.UNNECESSARY);
        final HttpResponse<String> tooClose = app.send("POST", "/api/gtt", admin, single("SELL", close, 1, close));
        assertEquals(422, tooClose.statusCode(), tooClose.body());
        assertTrue(tooClose.body().contains("\"error\":\"broker_rejected\""), tooClose.body());
        assertTrue(tooClose.body().contains("the broker refused placing the trigger: `condition.trigger_values[0]` " +
            close.stripTrailingZeros().toPlainString() + " is too close to the last price"), tooClose.body());
        final HttpResponse<String> atLast = app.send("POST", "/api/gtt", admin, single("SELL", ltp, 1, ltp));
        assertEquals(400, atLast.statusCode(), atLast.body());
        assertTrue(atLast.body().contains("trigger_values[0]: " + ltp.stripTrailingZeros().toPlainString() +
            " is the last price of " +
            "NSE:INFY; a trigger fires when the price moves to it"), atLast.body());
        final HttpResponse<String> unauthenticated = app.send("GET", "/api/gtt", null, null);
        assertEquals(401, unauthenticated.statusCode());

        assertEquals(List.of(), ids(app.send("GET", "/api/gtt", admin, null)));
        final String audit = app.send("GET", "/api/audit?user=admin", admin, null).body();
        assertTrue(audit.contains("\"event_type\":\"gtt_place\""), audit);
        assertTrue(audit.contains("is not a multiple of the tick size"), audit);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldCheckTheOrdersOfATriggerAgainstTheKillSwitchAndTheRiskLimitsAndSendNothingRefused() throws Exception
    {
        final BigDecimal ltp = connectAndQuote();
        final BigDecimal trigger = off(ltp, "0.95");
        final Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put(single("SELL", trigger, 100_000_000, trigger), "\"error\":\"max_order_value\"");
        refusals.put(single("SELL", trigger, 1, off(trigger, "0.1")), "% below the trigger value " + trigger +
            ", beyond the price band of 20% (risk limit price_band_bps 2000)");
        for (final Map.Entry<String, String> refusal : refusals.entrySet())
        {
            final HttpResponse<String> refused = app.send("POST", "/api/gtt", admin, refusal.getKey());
            assertEquals(422, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains(refusal.getValue()), refused.body());
            assertTrue(refused.body().contains("\"message\":\"orders[0]"), refused.body());
        }
        assertEquals(200, app.send("PUT", "/api/risk", admin, "{\"limits\":{\"account_id\":1," +
            "\"max_order_value\":10000000,\"max_position_qty\":5,\"price_band_bps\":2000,\"orders_per_second\":10," +
            "\"orders_per_minute\":200,\"orders_per_day\":3000}}").statusCode());
        final HttpResponse<String> tooLarge = app.send("POST", "/api/gtt", admin, single("BUY", trigger, 1, trigger));
        assertEquals(422, tooLarge.statusCode(), tooLarge.body());
        assertTrue(tooLarge.body().contains("\"error\":\"max_position\",\"message\":\"orders[0]: the position " +
            "would be 11, above the limit of 5"), tooLarge.body());
        final HttpResponse<String> placed = app.send("POST", "/api/gtt", admin, single("SELL", trigger, 10, trigger));
        assertEquals(201, placed.statusCode(), placed.body());
        final long id = JSON.readTree(placed.body()).path("id").asLong();

        assertEquals(200, app.send("PUT", "/api/risk", admin,
            "{\"kill_switch\":{\"account_id\":1,\"mode\":\"reduce_only\"}}").statusCode());
        final HttpResponse<String> opening = app.send("POST", "/api/gtt", admin, single("SELL", trigger, 11, trigger));
        assertEquals(422, opening.statusCode(), opening.body());
        assertTrue(opening.body().contains("\"error\":\"kill_switch_reduce_only\",\"message\":\"orders[0]: " +
            "the kill switch allows only orders that reduce the position (up to 10 CNC); this one is for 11"),
            opening.body());
        final HttpResponse<String> buyingMore = app.send("PUT", "/api/gtt/" + id, admin,
            single("BUY", trigger, 1, trigger));
        assertEquals(422, buyingMore.statusCode(), buyingMore.body());
        assertTrue(buyingMore.body().contains("(up to 0 CNC); this one is for 1"), buyingMore.body());
        final HttpResponse<String> sellingHeld = app.send("POST", "/api/gtt", admin,
            single("SELL", trigger, 5, trigger));
        assertEquals(201, sellingHeld.statusCode(), sellingHeld.body());
        final long heldId = JSON.readTree(sellingHeld.body()).path("id").asLong();
        assertEquals(id + 1, heldId);
        assertEquals(200, app.send("DELETE", "/api/gtt/" + heldId, admin, null).statusCode());
        assertEquals(200, app.send("PUT", "/api/risk", admin,
            "{\"kill_switch\":{\"account_id\":0,\"mode\":\"halt\"}}").statusCode());
        final HttpResponse<String> halted =
            app.send("PUT", "/api/gtt/" + id, admin, single("BUY", trigger, 1, trigger));
        assertEquals(422, halted.statusCode(), halted.body());
        assertTrue(halted.body().contains("\"error\":\"kill_switch_halt\""), halted.body());
        assertEquals(200, app.send("DELETE", "/api/gtt/" + id, admin, null).statusCode());
        assertEquals(200, app.send("PUT", "/api/risk", admin,
            "{\"kill_switch\":{\"account_id\":0,\"mode\":\"off\"}}").statusCode());
        assertEquals(200, app.send("PUT", "/api/risk", admin,
            "{\"kill_switch\":{\"account_id\":1,\"mode\":\"off\"}}").statusCode());
        final HttpResponse<String> next = app.send("POST", "/api/gtt", admin, single("SELL", trigger, 5, trigger));
        assertEquals(201, next.statusCode(), next.body());
        assertEquals(List.of(heldId + 1), ids(app.send("GET", "/api/gtt", admin, null)));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldFireATwoLegTriggerWhenThePriceLeavesItsBandAndShowTheOrderItPlaced() throws Exception
    {
        final BigDecimal ltp = connectAndQuote();
        final BigDecimal lower = off(ltp, "0.997");
        final BigDecimal upper = off(ltp, "1.003");
        final HttpResponse<String> placed = app.send("POST", "/api/gtt", admin, "{\"type\":\"two-leg\"," +
            "\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"trigger_values\":[" + lower + "," + upper + "]," +
            "\"orders\":[" + leg("BUY", 3, lower) + "," + leg("BUY", 3, upper) + "]}");
        assertEquals(201, placed.statusCode(), placed.body());
        final long id = JSON.readTree(placed.body()).path("id").asLong();
        final KiteSimulator sim = app.bean(EngineRuntime.class).broker().simulator();

        final JsonNode[] fired = {null};
        GatewayFixture.await("GTT " + id + " to fire", Duration.ofSeconds(90), () ->
        {
            sim.step(10);
            try
            {
                fired[0] = JSON.readTree(app.send("GET", "/api/gtt/" + id, admin, null).body());
                return "triggered".equals(fired[0].path("status").asText());
            }
            catch (final Exception ex)
            {
                return false;
            }
        });

        final List<JsonNode> results = new ArrayList<>();
        for (final JsonNode order : fired[0].path("orders"))
        {
            if (!order.path("result").isNull())
            {
                results.add(order.path("result"));
            }
        }
        assertEquals(1, results.size(), fired[0].toString());
        final JsonNode result = results.get(0);
        assertEquals("success", result.path("status").asText(), fired[0].toString());
        final String orderId = result.path("order_id").asText();
        assertFalse(orderId.isEmpty(), fired[0].toString());
        assertTrue(Duration.between(Instant.parse(result.path("timestamp").asText()), Instant.now()).abs()
            .getSeconds() < 120, fired[0].toString());
        final BigDecimal triggeredAt = result.path("triggered_at").decimalValue();
        assertTrue(triggeredAt.compareTo(lower) <= 0 || triggeredAt.compareTo(upper) >= 0, fired[0].toString());
        final JsonNode order = app.awaitOrder(admin, orderId, "the order GTT " + id + " placed",
            Duration.ofSeconds(30), o -> !o.path("status").asText().isEmpty());
        assertEquals(INFY, order.path("instrument_token").asLong(), order.toString());
        assertEquals("BUY", order.path("transaction_type").asText(), order.toString());
        assertEquals(3, order.path("quantity").asLong(), order.toString());
        assertEquals("CNC", order.path("product").asText(), order.toString());
        assertEquals(List.of(), ids(app.send("GET", "/api/gtt", admin, null)).stream()
            .filter(active -> active != id).toList());
    }

    private BigDecimal connectAndQuote() throws Exception
    {
        app.connectBroker(admin, null);
        final KiteSimulator sim = app.bean(EngineRuntime.class).broker().simulator();
        GatewayFixture.await("a live INFY quote", Duration.ofSeconds(30), () ->
        {
            sim.step(1);
            return lastPrice() != null;
        });
        Thread.sleep(500);
        final BigDecimal ltp = lastPrice();
        assertEquals(0, ltp.remainder(TICK).signum(), ltp.toPlainString());
        return ltp.setScale(2, RoundingMode.UNNECESSARY);
    }

    private BigDecimal lastPrice()
    {
        try
        {
            final JsonNode last = JSON.readTree(app.send("GET", "/api/quotes?i=NSE:INFY", admin, null).body())
                .findValue("last_price");
            return last != null && last.isNumber() ? last.decimalValue() : null;
        }
        catch (final Exception ex)
        {
            return null;
        }
    }

    private static BigDecimal off(final BigDecimal ltp, final String factor)
    {
        return ltp.multiply(new BigDecimal(factor)).divide(TICK, 0, RoundingMode.HALF_UP).multiply(TICK)
            .setScale(2, RoundingMode.UNNECESSARY);
    }

    private static String single(final String side, final BigDecimal trigger, final long quantity,
        final BigDecimal price)
    {
        return "{\"type\":\"single\",\"exchange\":\"nse\",\"tradingsymbol\":\"INFY\",\"trigger_values\":[" +
            trigger.toPlainString() + "],\"orders\":[" + leg(side, quantity, price) + "]}";
    }

    private static String leg(final String side, final long quantity, final BigDecimal price)
    {
        return "{\"transaction_type\":\"" + side + "\",\"quantity\":" + quantity + ",\"product\":\"CNC\"," +
            "\"price\":" + price.toPlainString() + "}";
    }

    private static List<BigDecimal> decimals(final JsonNode array)
    {
        final List<BigDecimal> values = new ArrayList<>();
        array.forEach(v -> values.add(v.decimalValue().setScale(2, RoundingMode.UNNECESSARY)));
        return values;
    }

    private static List<Long> ids(final HttpResponse<String> list) throws Exception
    {
        assertEquals(200, list.statusCode(), list.body());
        final List<Long> ids = new ArrayList<>();
        JSON.readTree(list.body()).forEach(g -> ids.add(g.path("id").asLong()));
        return ids;
    }
}
