package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteSimulatorGttTest
{
    private final ManualClock clock = new ManualClock(ManualClock.MONDAY_10_00_IST);
    private KiteSimulator sim;
    private SimHttp http;
    private Instrument infy;

    @TempDir
    Path dir;

    private void start(final KiteSimulator.Context ctx) throws Exception
    {
        if (sim != null)
        {
            sim.close();
        }
        sim = new KiteSimulator(ctx).start();
        http = new SimHttp(sim);
        http.login();
        infy = sim.agent().universe().byKey("NSE", "INFY");
    }

    @AfterEach
    void stop()
    {
        if (sim != null)
        {
            sim.close();
        }
    }

    private long ltp(final Instrument instrument)
    {
        return sim.agent().call(() -> sim.agent().market().ltpPaise[instrument.index]);
    }

    private void moveTo(final Instrument instrument, final long price)
    {
        sim.agent().call(() ->
        {
            final Market market = sim.agent().market();
            market.trade(instrument.index, price, 1, clock.epochMillis() / 1000);
            market.rebuildDepth(instrument.index);
            sim.agent().broker().onMarketStep();
            sim.agent().gtts().onMarketStep();
            return null;
        });
    }

    private static long tick(final long price, final long tick)
    {
        return price / tick * tick;
    }

    private static String rupees(final long paise)
    {
        return KiteJson.rupees(paise) + "";
    }

    private static String condition(final String symbol, final long lastPaise, final long... triggers)
    {
        final StringBuilder values = new StringBuilder();
        for (final long trigger : triggers)
        {
            values.append(values.length() == 0 ? "" : ",").append(rupees(trigger));
        }
        return "{\"exchange\":\"NSE\",\"tradingsymbol\":\"" + symbol + "\",\"trigger_values\":[" + values +
            "],\"last_price\":" + rupees(lastPaise) + "}";
    }

    private static String order(final String side, final long quantity, final long pricePaise)
    {
        return "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"" + side +
            "\",\"quantity\":" + quantity + ",\"order_type\":\"LIMIT\",\"product\":\"CNC\",\"price\":" +
            rupees(pricePaise) + "}";
    }

    private HttpResponse<String> place(final String type, final String condition, final String... orders)
        throws Exception
    {
        return http.post("/gtt/triggers", "type", type, "condition", condition, "orders",
            "[" + String.join(",", orders) + "]");
    }

    private long placed(final HttpResponse<String> response) throws Exception
    {
        assertEquals(200, response.statusCode(), response.body());
        return SimHttp.json(response).get("data").get("trigger_id").asLong();
    }

    private long placeSingleBuyAbove(final long trigger, final long quantity) throws Exception
    {
        return placed(place("single", condition("INFY", ltp(infy), trigger), order("BUY", quantity,
            trigger + 500)));
    }

    private JsonNode gtt(final long id) throws Exception
    {
        final HttpResponse<String> response = http.get("/gtt/triggers/" + id);
        assertEquals(200, response.statusCode(), response.body());
        return SimHttp.json(response).get("data");
    }

    private JsonNode orders() throws Exception
    {
        return SimHttp.json(http.get("/orders")).get("data");
    }

    private void assertInput(final HttpResponse<String> response, final String fragment) throws Exception
    {
        assertEquals(400, response.statusCode(), response.body());
        final JsonNode body = SimHttp.json(response);
        assertEquals("error", body.get("status").asText());
        assertEquals("InputException", body.get("error_type").asText());
        assertTrue(body.get("message").asText().contains(fragment), body.toString());
    }

    @Test
    void shouldPlaceListReadModifyAndDeleteAGtt() throws Exception
    {
        start(SimHttp.context(clock));
        final long ltp = ltp(infy);
        final long trigger = tick(ltp * 102 / 100, 5);

        final long id = placeSingleBuyAbove(trigger, 2);

        final JsonNode placed = gtt(id);
        assertEquals(id, placed.get("id").asLong());
        assertEquals("single", placed.get("type").asText());
        assertEquals("active", placed.get("status").asText());
        assertEquals(sim.agent().userId(), placed.get("user_id").asText());
        assertTrue(placed.get("parent_trigger").isNull());
        assertEquals("2026-11-30 10:00:00", placed.get("created_at").asText());
        assertEquals("2027-11-30 10:00:00", placed.get("expires_at").asText());
        final JsonNode condition = placed.get("condition");
        assertEquals("NSE", condition.get("exchange").asText());
        assertEquals("INFY", condition.get("tradingsymbol").asText());
        assertEquals(408065, condition.get("instrument_token").asLong());
        assertEquals(KiteJson.rupees(ltp), condition.get("last_price").asDouble(), 1e-9);
        assertEquals(KiteJson.rupees(trigger), condition.get("trigger_values").get(0).asDouble(), 1e-9);
        final JsonNode leg = placed.get("orders").get(0);
        assertEquals("BUY", leg.get("transaction_type").asText());
        assertEquals("LIMIT", leg.get("order_type").asText());
        assertEquals("CNC", leg.get("product").asText());
        assertEquals(2, leg.get("quantity").asLong());
        assertEquals(KiteJson.rupees(trigger + 500), leg.get("price").asDouble(), 1e-9);
        assertTrue(leg.get("result").isNull());
        assertTrue(placed.get("meta").isObject());

        clock.advanceMs(60_000);
        final long lower = tick(ltp * 97 / 100, 5);
        final HttpResponse<String> modified = http.put("/gtt/triggers/" + id, "type", "single", "condition",
            condition("INFY", ltp, lower), "orders", "[" + order("SELL", 3, lower - 500) + "]");
        assertEquals(id, placed(modified));
        final JsonNode after = gtt(id);
        assertEquals(KiteJson.rupees(lower), after.get("condition").get("trigger_values").get(0).asDouble(), 1e-9);
        assertEquals("SELL", after.get("orders").get(0).get("transaction_type").asText());
        assertEquals(3, after.get("orders").get(0).get("quantity").asLong());
        assertEquals("2026-11-30 10:01:00", after.get("updated_at").asText());
        assertEquals("2026-11-30 10:00:00", after.get("created_at").asText());
        final JsonNode list = SimHttp.json(http.get("/gtt/triggers")).get("data");
        assertEquals(1, list.size());
        assertEquals(id, list.get(0).get("id").asLong());

        final HttpResponse<String> deleted = http.delete("/gtt/triggers/" + id);
        assertEquals(id, placed(deleted));
        assertEquals("deleted", gtt(id).get("status").asText());
        assertEquals(0, SimHttp.json(http.get("/gtt/triggers")).get("data").size());
        assertInput(http.delete("/gtt/triggers/" + id), "`trigger_id`");
        assertInput(http.put("/gtt/triggers/" + id, "type", "single", "condition", condition("INFY", ltp, lower),
            "orders", "[" + order("SELL", 3, lower - 500) + "]"), "`trigger_id`");
        moveTo(infy, lower);
        assertEquals(0, orders().size());
    }

    @Test
    void shouldFireASingleGttOnceWhenThePriceReachesItsTrigger() throws Exception
    {
        start(SimHttp.context(clock));
        final long trigger = tick(ltp(infy) * 102 / 100, 5);
        final long id = placeSingleBuyAbove(trigger, 2);

        moveTo(infy, trigger - 5);
        assertEquals("active", gtt(id).get("status").asText());
        assertEquals(0, orders().size());
        clock.advanceMs(5_000);
        moveTo(infy, trigger + 5);

        final JsonNode fired = gtt(id);
        assertEquals("triggered", fired.get("status").asText());
        assertEquals("2026-11-30 10:00:05", fired.get("updated_at").asText());
        final JsonNode result = fired.get("orders").get(0).get("result");
        assertEquals("2026-11-30 10:00:05", result.get("timestamp").asText());
        assertEquals(KiteJson.rupees(trigger + 5), result.get("triggered_at").asDouble(), 1e-9);
        assertEquals("success", result.get("order_result").get("status").asText());
        assertEquals("", result.get("order_result").get("rejection_reason").asText());
        final String orderId = result.get("order_result").get("order_id").asText();
        final JsonNode book = orders();
        assertEquals(1, book.size());
        final JsonNode order = http.latest(orderId);
        assertEquals("regular", order.get("variety").asText());
        assertEquals("LIMIT", order.get("order_type").asText());
        assertEquals("BUY", order.get("transaction_type").asText());
        assertEquals(2, order.get("quantity").asLong());
        assertEquals(KiteJson.rupees(trigger + 500), order.get("price").asDouble(), 1e-9);
        assertEquals("COMPLETE", order.get("status").asText(), order.toString());
        assertEquals(2, sim.netQuantity(infy.token, "CNC"));

        moveTo(infy, trigger - 500);
        moveTo(infy, trigger + 10);
        assertEquals(1, orders().size());
    }

    @Test
    void shouldFireTheLowerLegOfATwoLegGttWhenThePriceFallsToIt() throws Exception
    {
        start(SimHttp.context(clock));
        final long ltp = ltp(infy);
        final long lower = tick(ltp * 97 / 100, 5);
        final long upper = tick(ltp * 104 / 100, 5);
        final long id = placed(place("two-leg", condition("INFY", ltp, lower, upper), order("SELL", 1, lower - 500),
            order("SELL", 1, upper)));

        moveTo(infy, lower + 5);
        assertEquals("active", gtt(id).get("status").asText());
        moveTo(infy, lower);

        final JsonNode fired = gtt(id);
        assertEquals("triggered", fired.get("status").asText());
        assertEquals("two-leg", fired.get("type").asText());
        assertTrue(fired.get("orders").get(1).get("result").isNull());
        final JsonNode result = fired.get("orders").get(0).get("result");
        assertEquals("success", result.get("order_result").get("status").asText());
        final JsonNode order = http.latest(result.get("order_result").get("order_id").asText());
        assertEquals("SELL", order.get("transaction_type").asText());
        assertEquals(KiteJson.rupees(lower - 500), order.get("price").asDouble(), 1e-9);
        assertEquals("COMPLETE", order.get("status").asText(), order.toString());

        moveTo(infy, upper);
        assertEquals(1, orders().size());
    }

    @Test
    void shouldFireTheUpperLegOfATwoLegGttWhenThePriceRisesToIt() throws Exception
    {
        start(SimHttp.context(clock));
        final long ltp = ltp(infy);
        final long lower = tick(ltp * 97 / 100, 5);
        final long upper = tick(ltp * 104 / 100, 5);
        final long id = placed(place("two-leg", condition("INFY", ltp, lower, upper), order("SELL", 1, lower - 500),
            order("SELL", 2, upper - 100)));

        moveTo(infy, upper + 20);

        final JsonNode fired = gtt(id);
        assertEquals("triggered", fired.get("status").asText());
        assertTrue(fired.get("orders").get(0).get("result").isNull());
        final JsonNode result = fired.get("orders").get(1).get("result");
        assertEquals(KiteJson.rupees(upper + 20), result.get("triggered_at").asDouble(), 1e-9);
        final JsonNode order = http.latest(result.get("order_result").get("order_id").asText());
        assertEquals(2, order.get("quantity").asLong());
        assertEquals("COMPLETE", order.get("status").asText(), order.toString());
        assertEquals(-2, sim.netQuantity(infy.token, "CNC"));
    }

    @Test
    void shouldReportAnOrderTheBrokerRejectsOrRefusesAsAFailedResult() throws Exception
    {
        start(SimHttp.context(clock));
        final long upperCircuit = infy.upperLimitPaise();
        final long trigger = tick(ltp(infy) * 102 / 100, 5);
        final long rejected = placed(place("single", condition("INFY", ltp(infy), trigger), order("BUY", 90_000,
            trigger)));
        final long refused = placed(place("single", condition("INFY", ltp(infy), trigger), order("BUY", 1,
            upperCircuit + 1_000)));

        moveTo(infy, trigger);

        final JsonNode fired = gtt(rejected);
        assertEquals("triggered", fired.get("status").asText());
        final JsonNode orderResult = fired.get("orders").get(0).get("result").get("order_result");
        assertEquals("failed", orderResult.get("status").asText());
        assertTrue(orderResult.get("rejection_reason").asText().startsWith("Insufficient funds"),
            orderResult.toString());
        final JsonNode order = http.latest(orderResult.get("order_id").asText());
        assertEquals("REJECTED", order.get("status").asText());
        assertEquals(orderResult.get("rejection_reason").asText(), order.get("status_message").asText());
        final JsonNode refusedResult = gtt(refused).get("orders").get(0).get("result").get("order_result");
        assertEquals("failed", refusedResult.get("status").asText());
        assertEquals("", refusedResult.get("order_id").asText());
        assertTrue(refusedResult.get("rejection_reason").asText().contains("is outside the circuit limits"),
            refusedResult.toString());
    }

    @Test
    void shouldRefuseMalformedAndOutOfRuleGttsNamingTheField() throws Exception
    {
        start(SimHttp.context(clock));
        final long ltp = ltp(infy);
        final long trigger = tick(ltp * 102 / 100, 5);
        final String good = condition("INFY", ltp, trigger);
        final String buy = order("BUY", 1, trigger);

        assertInput(place("bogus", good, buy), "`type`");
        assertInput(http.post("/gtt/triggers", "type", "single", "orders", "[" + buy + "]"), "`condition`");
        assertInput(http.post("/gtt/triggers", "type", "single", "condition", "{not json", "orders", "[" + buy + "]"),
            "`condition`");
        assertInput(http.post("/gtt/triggers", "type", "single", "condition", good, "orders", buy), "`orders`");
        assertInput(place("single", condition("NOSUCH", ltp, trigger), buy), "`condition.tradingsymbol`");
        assertInput(place("single", condition("NIFTY 50", ltp, trigger), buy.replace("INFY", "NIFTY 50")), "index");
        assertInput(place("single", good.replace(",\"last_price\":" + rupees(ltp), ""), buy),
            "`condition.last_price`");
        assertInput(place("single", condition("INFY", ltp, trigger, trigger + 100), buy),
            "`condition.trigger_values`");
        assertInput(place("two-leg", condition("INFY", ltp, tick(ltp * 97 / 100, 5), trigger), buy), "`orders`");
        assertInput(place("single", condition("INFY", ltp, tick(ltp * 1001 / 1000, 5)), buy), "too close");
        assertInput(place("single", condition("INFY", ltp, trigger + 1), buy), "tick");
        assertInput(place("two-leg", condition("INFY", ltp, trigger, trigger + 500), buy, buy), "lower value below");
        assertInput(place("single", good, buy.replace("LIMIT", "MARKET")), "`orders[0].order_type`");
        assertInput(place("single", good, buy.replace("CNC", "NRML")), "`orders[0].product`");
        assertInput(place("single", good, buy.replace("CNC", "MTF")), "`orders[0].product`");
        assertInput(place("single", good, buy.replace("\"quantity\":1", "\"quantity\":0")), "`orders[0].quantity`");
        assertInput(place("single", good, buy.replace("\"quantity\":1", "\"quantity\":1.5")),
            "`orders[0].quantity`");
        assertInput(place("single", good, buy.replace("\"BUY\"", "\"HOLD\"")), "`orders[0].transaction_type`");
        assertInput(place("single", good, buy.replace("\"tradingsymbol\":\"INFY\"", "\"tradingsymbol\":\"SBIN\"")),
            "`orders[0].tradingsymbol`");
        assertInput(place("single", good, order("BUY", 1, trigger + 1)), "`orders[0].price`");
        assertInput(place("single", good, buy.replace("\"price\":" + rupees(trigger), "\"price\":\"abc\"")),
            "`orders[0].price`");
        assertInput(http.get("/gtt/triggers/424242"), "`trigger_id`");
        assertInput(http.get("/gtt/triggers/abc"), "`trigger_id`");
        assertEquals(404, http.get("/gtt/other").statusCode());
        assertEquals(405, http.delete("/gtt/triggers").statusCode());
        assertEquals(0, SimHttp.json(http.get("/gtt/triggers")).get("data").size());
        assertEquals(0, sim.restReplies(500));
    }

    @Test
    void shouldRefuseAGttOnADerivativeWithADeliveryProductAndOffLotQuantity() throws Exception
    {
        start(SimHttp.context(clock));
        final Instrument future = sim.agent().universe().instruments().stream()
            .filter((i) -> i.isFuture() && "NFO".equals(i.exchange) && i.lotSize > 1).findFirst().orElseThrow();
        final long ltp = ltp(future);
        final long trigger = tick(ltp * 102 / 100, future.tickPaise);
        final String condition = "{\"exchange\":\"NFO\",\"tradingsymbol\":\"" + future.tradingsymbol +
            "\",\"trigger_values\":[" + rupees(trigger) + "],\"last_price\":" + rupees(ltp) + "}";
        final String leg = "{\"transaction_type\":\"BUY\",\"quantity\":" + future.lotSize + ",\"order_type\":" +
            "\"LIMIT\",\"product\":\"NRML\",\"price\":" + rupees(trigger) + "}";

        assertInput(place("single", condition, leg.replace("NRML", "CNC")), "`orders[0].product`");
        assertInput(place("single", condition, leg.replace("\"quantity\":" + future.lotSize, "\"quantity\":" +
            (future.lotSize + 1))), "lot size");
        final long id = placed(place("single", condition, leg));

        final LocalDate expiry = LocalDate.ofEpochDay(future.expiryEpochDay);
        assertEquals(expiry + " 23:59:59", gtt(id).get("expires_at").asText());
        clock.advanceMs(expiry.plusDays(1).atStartOfDay().toInstant(ZoneOffset.ofHoursMinutes(5, 30))
            .toEpochMilli() - clock.epochMillis());
        sim.agent().call(() ->
        {
            sim.agent().gtts().onMarketStep();
            return null;
        });
        http.login();
        assertEquals("expired", gtt(id).get("status").asText());
    }

    @Test
    void shouldEnforceKitesLimitOf250ActiveGtts() throws Exception
    {
        start(SimHttp.context(clock));
        final long trigger = tick(ltp(infy) * 102 / 100, 5);
        long first = 0;
        for (int i = 0; i < Gtts.MAX_ACTIVE; i++)
        {
            final long id = placeSingleBuyAbove(trigger, 1);
            first = first == 0 ? id : first;
        }

        assertInput(place("single", condition("INFY", ltp(infy), trigger), order("BUY", 1, trigger)), "250");
        assertEquals(Gtts.MAX_ACTIVE, SimHttp.json(http.get("/gtt/triggers")).get("data").size());
        assertEquals(200, http.delete("/gtt/triggers/" + first).statusCode());
        final long last = placeSingleBuyAbove(trigger, 1);
        final JsonNode list = SimHttp.json(http.get("/gtt/triggers")).get("data");
        assertEquals(last, list.get(0).get("id").asLong());
        assertEquals(first + 1, list.get(list.size() - 1).get("id").asLong());
        assertEquals(0, sim.restReplies(500));
    }

    @Test
    void shouldKeepActiveGttsAcrossARestartAndFireThemAfterwards() throws Exception
    {
        final Path book = dir.resolve("paper-broker.jsonl");
        start(SimHttp.context(clock).bookFile(book));
        final long trigger = tick(ltp(infy) * 102 / 100, 5);
        final long id = placeSingleBuyAbove(trigger, 1);
        final long deleted = placeSingleBuyAbove(trigger, 1);
        assertEquals(200, http.delete("/gtt/triggers/" + deleted).statusCode());
        assertTrue(Files.exists(dir.resolve("paper-broker-gtt.json")));

        start(SimHttp.context(clock).bookFile(book));

        final JsonNode kept = gtt(id);
        assertEquals("active", kept.get("status").asText());
        assertEquals(KiteJson.rupees(trigger), kept.get("condition").get("trigger_values").get(0).asDouble(), 1e-9);
        assertEquals("deleted", gtt(deleted).get("status").asText());
        final long next = placeSingleBuyAbove(trigger, 1);
        assertEquals(deleted + 1, next);
        moveTo(infy, trigger);
        assertEquals("triggered", gtt(id).get("status").asText());
        assertEquals("triggered", gtt(next).get("status").asText());
        assertEquals(2, orders().size());
    }

    @Test
    void shouldMoveAnUnreadableFileOfGttsAsideAndStartWithoutThem() throws Exception
    {
        final Path book = dir.resolve("paper-broker.jsonl");
        Files.writeString(dir.resolve("paper-broker-gtt.json"), "{\"version\":1,\"triggers\":[{\"id\":");

        start(SimHttp.context(clock).bookFile(book));

        assertEquals(0, SimHttp.json(http.get("/gtt/triggers")).get("data").size());
        assertTrue(Files.exists(dir.resolve("paper-broker-gtt.json.unreadable")));
        final long id = placeSingleBuyAbove(tick(ltp(infy) * 102 / 100, 5), 1);
        assertEquals(Gtts.FIRST_ID, id);
    }
}
