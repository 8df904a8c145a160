package io.quantumleap.gateway.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BasketSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal TICK = new BigDecimal("0.05");
    private static final long INFY = 408065;
    private static final Pattern NIFTY_CALL = Pattern.compile("(NIFTY\\d{2}[A-Z0-9]{3})(\\d+)CE");
    private final GatewayFixture app = new GatewayFixture(Map.of("quantumleap.sim.tick-rate", 0));
    private String admin;
    private long lot;

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
    void shouldKeepABasketAndPriceItsHedgedLegsBelowTheirSum() throws Exception
    {
        app.connectBroker(admin, null);
        final List<String> spread = callSpread();
        final String sell = item("NFO", spread.get(0), "SELL", "MARKET", lot, "NRML", null, null, "");
        final String buy = item("NFO", spread.get(1), "BUY", "LIMIT", lot, "NRML", "12.50", null, "");

        final HttpResponse<String> created = app.send("POST", "/api/baskets", admin,
            "{\"name\":\"  Bear call  \",\"items\":[" + sell + "," + buy + "]}");

        assertEquals(201, created.statusCode(), created.body());
        final JsonNode basket = JSON.readTree(created.body());
        final long id = basket.path("id").asLong();
        assertEquals("Bear call", basket.path("name").asText());
        assertEquals(basket.path("created_at"), basket.path("updated_at"));
        assertEquals(2, basket.path("items").size());
        final JsonNode first = basket.path("items").get(0);
        assertEquals(spread.get(0), first.path("tradingsymbol").asText());
        assertEquals("NFO", first.path("exchange").asText());
        assertTrue(first.path("instrument_token").asLong() > 0, first.toString());
        assertEquals("SELL", first.path("transaction_type").asText());
        assertEquals("MARKET", first.path("order_type").asText());
        assertEquals(lot, first.path("quantity").asLong());
        assertEquals("NRML", first.path("product").asText());
        assertTrue(first.path("price").isNull(), first.toString());
        assertTrue(first.path("trigger_price").isNull(), first.toString());
        assertEquals("regular", first.path("variety").asText());
        assertEquals("DAY", first.path("validity").asText());
        assertEquals(-1, first.path("market_protection").asInt());
        final JsonNode second = basket.path("items").get(1);
        assertEquals(spread.get(1), second.path("tradingsymbol").asText());
        assertEquals("12.5", second.path("price").asText());
        assertTrue(second.path("market_protection").isNull(), second.toString());
        assertEquals(JSON.readTree("[" + created.body() + "]"),
            JSON.readTree(app.send("GET", "/api/baskets", admin, null).body()));
        assertEquals(basket, JSON.readTree(app.send("GET", "/api/baskets/" + id, admin, null).body()));

        final JsonNode hedged = margin("[" + sell + "," + buy + "]", null);
        final JsonNode naked = margin("[" + sell + "]", null);

        assertEquals(1, hedged.path("account_id").asLong());
        assertTrue(hedged.path("consider_positions").asBoolean(), hedged.toString());
        assertEquals(2, hedged.path("orders").size());
        assertEquals(spread.get(0), hedged.path("orders").get(0).path("tradingsymbol").asText());
        assertEquals("NFO", hedged.path("orders").get(1).path("exchange").asText());
        assertEquals(0, hedged.path("initial").path("total").decimalValue().compareTo(hedged.path("orders").get(0)
            .path("total").decimalValue().add(hedged.path("orders").get(1).path("total").decimalValue())),
            hedged.toString());
        assertTrue(hedged.path("final").path("total").decimalValue()
            .compareTo(hedged.path("initial").path("total").decimalValue()) < 0, hedged.toString());
        assertTrue(hedged.path("final").path("span").decimalValue()
            .compareTo(naked.path("final").path("span").decimalValue()) < 0, hedged + " vs " + naked);
        assertEquals(0, naked.path("final").path("span").decimalValue()
            .compareTo(naked.path("initial").path("span").decimalValue()), naked.toString());
        assertTrue(hedged.path("charges").decimalValue().signum() > 0, hedged.toString());

        final String limit = item("NSE", "INFY", "BUY", "LIMIT", 2, "CNC", "1000.05", null, "");
        final HttpResponse<String> changed = app.send("PUT", "/api/baskets/" + id, admin,
            "{\"name\":\"Bear call and INFY\",\"items\":[" + limit + "," + sell + "]}");

        assertEquals(200, changed.statusCode(), changed.body());
        final JsonNode after = JSON.readTree(changed.body());
        assertEquals("Bear call and INFY", after.path("name").asText());
        assertEquals(List.of("INFY", spread.get(0)), symbols(after.path("items")));
        assertEquals(INFY, after.path("items").get(0).path("instrument_token").asLong());
        assertEquals(basket.path("created_at"), after.path("created_at"));
        assertFalse(after.path("updated_at").equals(after.path("created_at")), changed.body());
        assertEquals(after, JSON.readTree(app.send("GET", "/api/baskets/" + id, admin, null).body()));

        final HttpResponse<String> deleted = app.send("DELETE", "/api/baskets/" + id, admin, null);

        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals("{\"id\":" + id + "}", deleted.body());
        assertEquals("[]", app.send("GET", "/api/baskets", admin, null).body());
        assertEquals(404, app.send("GET", "/api/baskets/" + id, admin, null).statusCode());
        final HttpResponse<String> again = app.send("DELETE", "/api/baskets/" + id, admin, null);
        assertEquals(404, again.statusCode(), again.body());
        assertTrue(again.body().contains("you have no basket " + id), again.body());
        final String audit = app.send("GET", "/api/audit?user=admin", admin, null).body();
        for (final String action : new String[] {"basket_create", "basket_modify", "basket_delete"})
        {
            assertTrue(audit.contains("\"event_type\":\"" + action + "\""), action + " in " + audit);
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldPlaceEveryOrderOfABasketBuysFirstAndReportEachOnesAnswer() throws Exception
    {
        final BigDecimal ltp = app.connectAndStepToQuote(admin, "NSE:INFY");
        final BigDecimal below = off(ltp, "0.95");
        final String sell = item("NSE", "INFY", "SELL", "LIMIT", 1, "MIS", off(ltp, "1.05").toPlainString(), null,
            "");
        final String outOfBand = item("NSE", "INFY", "BUY", "LIMIT", 1, "CNC", off(ltp, "1.5").toPlainString(),
            null, "");
        final String buy = item("NSE", "INFY", "BUY", "LIMIT", 3, "CNC", below.toPlainString(), null, "");
        final long id = JSON.readTree(app.send("POST", "/api/baskets", admin,
            "{\"name\":\"INFY ladder\",\"items\":[" + sell + "," + outOfBand + "," + buy + "]}").body()).path("id")
            .asLong();

        final HttpResponse<String> placed = app.send("POST", "/api/baskets/" + id + "/orders", admin,
            "{\"account_id\":1}");

        assertEquals(200, placed.statusCode(), placed.body());
        final JsonNode placement = JSON.readTree(placed.body());
        assertEquals(id, placement.path("basket_id").asLong());
        assertEquals(1, placement.path("account_id").asLong());
        assertEquals(2, placement.path("placed").asInt());
        assertEquals(1, placement.path("refused").asInt());
        final JsonNode orders = placement.path("orders");
        assertEquals(List.of(1, 2, 0), List.of(orders.get(0).path("item").asInt(), orders.get(1).path("item").asInt(),
            orders.get(2).path("item").asInt()));
        final JsonNode refused = orders.get(0);
        assertEquals(422, refused.path("http_status").asInt(), refused.toString());
        assertEquals("price_band", refused.path("error").asText(), refused.toString());
        assertFalse(refused.path("message").asText().isEmpty(), refused.toString());
        assertTrue(refused.path("status").isNull(), refused.toString());
        final List<String> placedIds = new ArrayList<>();
        for (final JsonNode order : List.of(orders.get(1), orders.get(2)))
        {
            assertEquals(201, order.path("http_status").asInt(), order.toString());
            assertEquals("PENDING", order.path("status").asText(), order.toString());
            assertTrue(order.path("error").isNull(), order.toString());
            assertTrue(order.path("client_order_id").asLong() > 0, order.toString());
            placedIds.add(order.path("client_order_id").asText());
        }
        assertEquals("BUY", orders.get(1).path("transaction_type").asText());
        assertEquals(3, orders.get(1).path("quantity").asLong());
        assertEquals("SELL", orders.get(2).path("transaction_type").asText());
        final JsonNode bought = app.awaitOrder(admin, placedIds.get(0), "open at the broker", Duration.ofSeconds(30),
            (o) -> "OPEN".equals(o.path("status").asText()));
        assertEquals(3, bought.path("quantity").asLong());
        assertEquals(0, below.compareTo(bought.path("price").decimalValue()), bought.toString());
        assertEquals("CNC", bought.path("product").asText());
        final JsonNode sold = app.awaitOrder(admin, placedIds.get(1), "open at the broker", Duration.ofSeconds(30),
            (o) -> "OPEN".equals(o.path("status").asText()));
        assertEquals("MIS", sold.path("product").asText());

        final String audit = app.send("GET", "/api/audit?user=admin", admin, null).body();
        assertTrue(audit.contains("\"event_type\":\"basket_place\""), audit);
        assertTrue(GatewayFixture.auditDetails(audit).stream().anyMatch(d -> d.path("placed").asLong() == 2), audit);
        int fromBasket = 0;
        for (final JsonNode entry : JSON.readTree(audit))
        {
            if ("order_place".equals(entry.path("event_type").asText()))
            {
                assertEquals(id, entry.path("detail").path("basket_id").asLong(), entry.toString());
                fromBasket++;
            }
        }
        assertEquals(3, fromBasket, audit);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldRefuseWhatNoOrderCouldBeNamingTheFieldAndStoreOrSendNothing() throws Exception
    {
        final String good = item("NSE", "INFY", "BUY", "LIMIT", 1, "CNC", "1000", null, "");
        final HttpResponse<String> noMargin = app.send("POST", "/api/margins/basket", admin,
            "{\"items\":[" + good + "]}");
        assertEquals(409, noMargin.statusCode(), noMargin.body());
        assertTrue(noMargin.body().contains("\"error\":\"broker_not_connected\""), noMargin.body());
        app.connectBroker(admin, null);
        final Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("{\"name\":\"   \"}", "name: must not be blank");
        refusals.put("{\"name\":\"" + "n".repeat(41) + "\"}", "name: 41 characters; at most 40");
        refusals.put("{\"name\":\"many\",\"items\":[" + String.join(",", java.util.Collections.nCopies(21, good)) +
            "]}", "items: 21 orders; a basket holds at most 20");
        refusals.put("{\"name\":\"x\",\"items\":[" + good + "," + item("NSE", "NOSUCH", "BUY", "LIMIT", 1, "CNC",
            "10", null, "") + "]}", "items[1].tradingsymbol: no instrument NSE:NOSUCH is known");
        refusals.put("{\"name\":\"x\",\"items\":[" + item("NSE", "NIFTY 50", "BUY", "MARKET", 1, "CNC", null, null,
            "") + "]}", "items[0].tradingsymbol: NSE:NIFTY 50 is an index");
        refusals.put("{\"name\":\"x\",\"items\":[" + item("NSE", "INFY", "BUY", "LIMIT", 1, "CNC", null, null, "") +
            "]}", "items[0].price: needed for a LIMIT or SL order");
        refusals.put("{\"name\":\"x\",\"items\":[" + item("NSE", "INFY", "BUY", "SL", 1, "CNC", "1000", null, "") +
            "]}", "items[0].trigger_price: needed for an SL or SL-M order");
        refusals.put("{\"name\":\"x\",\"items\":[" + item("NSE", "INFY", "HOLD", "LIMIT", 1, "CNC", "1000", null,
            "") + "]}", "items[0].transaction_type: 'HOLD' is not one of BUY, SELL");
        refusals.put("{\"name\":\"x\",\"items\":[" + item("NSE", "INFY", "BUY", "LIMIT", 0, "CNC", "1000", null,
            "") + "]}", "items[0].quantity: must be greater than 0");
        refusals.put("{\"name\":\"x\",\"items\":[" + item("NSE", "INFY", "BUY", "LIMIT", 1, "CNC", "1000", null,
            ",\"variety\":\"co\"") + "]}", "items[0].variety: 'co' is not one a basket holds: regular or amo");
        refusals.put("{\"name\":\"x\",\"items\":[" + item("NSE", "INFY", "BUY", "LIMIT", 1, "CNC", "1000", null,
            ",\"validity\":\"TTL\"") + "]}", "items[0].validity: 'TTL' is not one a basket holds: DAY or IOC");
        refusals.put("{\"name\":\"x\",\"items\":[" + item("NSE", "INFY", "BUY", "MARKET", 1, "CNC", null, null,
            ",\"market_protection\":0") + "]}",
            "items[0].market_protection: 1 to 100 (a percent) or -1 (the exchange's default), not 0 (SEBI's");
        refusals.put("{\"name\":\"x\",\"items\":[" + item("NSE", "INFY", "BUY", "LIMIT", 1, "CNC", "1000.001", null,
            "") + "]}", "items[0].price: 1000.001 has more than");
        refusals.put("{\"name\":\"x\",\"items\":[" + good + "," + item("NSE", "INFY", "BUY", "LIMIT", 1, "CNC",
            "1000.01", null, "") + "]}", "items[1].price: 1000.01 is not a multiple of the tick size 0.05 of NSE:INFY");
        refusals.put("{\"name\":\"x\",\"items\":[" + item("NSE", "INFY", "SELL", "SL", 1, "CNC", "1000",
            "1000.01", "") + "]}", "items[0].trigger_price: 1000.01 is not a multiple of the tick size 0.05");
        refusals.put("{\"name\":\"x\",\"items\":[" + item("NSE", "INFY", "SELL", "SL", 1, "CNC", "1000",
            "999.95", "") + "]}", "items[0].trigger_price: a SELL SL order's trigger cannot be below its price " +
            "(999.95 < 1000)");
        refusals.put("{\"name\":\"x\",\"items\":[" + item("NFO", callSpread().get(0), "SELL", "LIMIT", lot + 1,
            "NRML", "10", null, "") + "]}", "items[0].quantity: " + (lot + 1) + " is not a whole number of lots");
        refusals.put("{\"name\":\"x\",\"items\":[" + item("NSE", "INFY", "BUY", "LIMIT", Long.MAX_VALUE, "CNC", "1000",
            null, "") + "]}", "items[0].quantity: 9223372036854775807 is more than the largest order, 1000000000");

        for (final Map.Entry<String, String> refusal : refusals.entrySet())
        {
            final HttpResponse<String> answer = app.send("POST", "/api/baskets", admin, refusal.getKey());
            assertEquals(400, answer.statusCode(), refusal.getKey() + " -> " + answer.body());
            assertTrue(answer.body().contains("\"error\":\"bad_request\""), answer.body());
            assertTrue(answer.body().contains(refusal.getValue()), refusal.getValue() + " in " + answer.body());
        }
        assertEquals("[]", app.send("GET", "/api/baskets", admin, null).body());
        final HttpResponse<String> offLot = app.send("POST", "/api/margins/orders", admin,
            item("NFO", callSpread().get(0), "SELL", "LIMIT", lot + 1, "NRML", "10", null, ""));
        assertEquals(400, offLot.statusCode(), offLot.body());
        assertTrue(offLot.body().contains("\"message\":\"quantity: " + (lot + 1) + " is not a whole number of lots"),
            offLot.body());
        final HttpResponse<String> huge = app.send("POST", "/api/margins/orders", admin,
            item("NSE", "INFY", "BUY", "LIMIT", 2_147_483_648L, "CNC", "1000", null, ""));
        assertEquals(400, huge.statusCode(), huge.body());
        assertTrue(huge.body().contains("\"message\":\"quantity: 2147483648 is more than the largest order, " +
            "1000000000\""), huge.body());
        final HttpResponse<String> tooValuable = app.send("POST", "/api/margins/orders", admin,
            item("NSE", "INFY", "BUY", "LIMIT", 1_000_000_000L, "CNC", "10000", null, ""));
        assertEquals(502, tooValuable.statusCode(), tooValuable.body());
        assertTrue(tooValuable.body().contains("\"error\":\"broker_refused\""), tooValuable.body());
        assertTrue(tooValuable.body().contains("\"message\":\"the broker refused the margin of an order for account " +
            "1: orders[0]: The order's value (`quantity` x price) is too large;"), tooValuable.body());
        assertTrue(tooValuable.body().endsWith(". Change the order: as it is, the broker will refuse it again.\"}"),
            tooValuable.body());
        final HttpResponse<String> tooValuableBasket = app.send("POST", "/api/margins/basket", admin, "{\"items\":[" +
            item("NSE", "INFY", "BUY", "LIMIT", 1_000_000_000L, "CNC", "10000", null, "") + "]}");
        assertEquals(502, tooValuableBasket.statusCode(), tooValuableBasket.body());
        assertTrue(tooValuableBasket.body().contains("the broker refused the margin of a basket for account 1: " +
            "orders[0]: The order's value"), tooValuableBasket.body());
        assertTrue(tooValuableBasket.body().endsWith(". Change the orders the broker names: as they are, it will " +
            "refuse them again.\"}"), tooValuableBasket.body());

        final long id = JSON.readTree(app.send("POST", "/api/baskets", admin, "{\"name\":\"Hedge\"}").body())
            .path("id").asLong();
        final long other = JSON.readTree(app.send("POST", "/api/baskets", admin,
            "{\"name\":\"Other\",\"items\":[" + good + "]}").body()).path("id").asLong();
        final HttpResponse<String> taken = app.send("POST", "/api/baskets", admin, "{\"name\":\"hEDGE\"}");
        assertEquals(409, taken.statusCode(), taken.body());
        assertTrue(taken.body().contains("\"error\":\"name_taken\""), taken.body());
        final HttpResponse<String> renamed = app.send("PUT", "/api/baskets/" + other, admin, "{\"name\":\"HEDGE\"}");
        assertEquals(409, renamed.statusCode(), renamed.body());
        final HttpResponse<String> empty = app.send("POST", "/api/baskets/" + id + "/orders", admin, null);
        assertEquals(400, empty.statusCode(), empty.body());
        assertTrue(empty.body().contains("basket " + id + " has no orders to place"), empty.body());
        final HttpResponse<String> noItems = app.send("POST", "/api/margins/basket", admin, "{\"items\":[]}");
        assertEquals(400, noItems.statusCode(), noItems.body());
        assertTrue(noItems.body().contains("a basket's margin needs one order or more"), noItems.body());
        final HttpResponse<String> brokerRefused = app.send("POST", "/api/margins/basket", admin, "{\"items\":[" +
            item("NSE", "INFY", "BUY", "LIMIT", 1, "CNC", "1000", null, ",\"variety\":\"amo\"") + "]}");
        assertEquals(200, brokerRefused.statusCode(), brokerRefused.body());

        final String alice = app.newTrader(admin, "alice");
        assertEquals(404, app.send("GET", "/api/baskets/" + other, alice, null).statusCode());
        assertEquals(404, app.send("PUT", "/api/baskets/" + other, alice, "{\"name\":\"mine\"}").statusCode());
        assertEquals(404, app.send("DELETE", "/api/baskets/" + other, alice, null).statusCode());
        assertEquals(404, app.send("POST", "/api/baskets/" + other + "/orders", alice, null).statusCode());
        final HttpResponse<String> unknownField =
            app.send("POST", "/api/baskets/" + other + "/orders", admin, "{\"acount_id\":1}");
        assertEquals(400, unknownField.statusCode(), unknownField.body());
        assertTrue(unknownField.body().contains("unknown field 'acount_id'"), unknownField.body());
        final HttpResponse<String> twoAccounts =
            app.send("POST", "/api/baskets/" + other + "/orders?account_id=2", admin, "{\"account_id\":1}");
        assertEquals(400, twoAccounts.statusCode(), twoAccounts.body());
        assertTrue(twoAccounts.body().contains("account_id: the body names 1 and the query 2"), twoAccounts.body());
        final HttpResponse<String> notAList =
            app.send("POST", "/api/baskets/" + other + "/orders", admin, "[]");
        assertEquals(400, notAList.statusCode(), notAList.body());
        assertEquals("[]", app.send("GET", "/api/baskets", alice, null).body());
        assertEquals(201, app.send("POST", "/api/baskets", alice, "{\"name\":\"Hedge\"}").statusCode());
        assertEquals(401, app.send("GET", "/api/baskets", null, null).statusCode());

        app.brokerSession(1, BrokerSessionState.TOKEN_EXPIRED);
        final HttpResponse<String> notConnected = app.send("POST", "/api/baskets/" + other + "/orders", admin, null);
        assertEquals(409, notConnected.statusCode(), notConnected.body());
        assertTrue(notConnected.body().contains("\"error\":\"broker_not_connected\""), notConnected.body());
        assertEquals("[]", app.send("GET", "/api/orders", admin, null).body());
    }

    private JsonNode margin(final String items, final Boolean considerPositions) throws Exception
    {
        final HttpResponse<String> answer = app.send("POST", "/api/margins/basket", admin, "{\"items\":" + items +
            (considerPositions == null ? "" : ",\"consider_positions\":" + considerPositions) + "}");
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    /** Two NIFTY calls of one expiry, the lower strike first, near the middle of its strikes; sets the lot. */
    private List<String> callSpread() throws Exception
    {
        final List<String> spread = new ArrayList<>();
        GatewayFixture.await("NIFTY calls of one expiry in the instrument master", Duration.ofSeconds(60), () ->
        {
            try
            {
                final JsonNode calls = JSON.readTree(app.send("GET",
                    "/api/instruments?q=NIFTY%20CE&exchange=NFO&limit=1000", admin, null).body());
                final Map<String, List<Matcher>> byExpiry = new TreeMap<>();
                for (final JsonNode call : calls)
                {
                    final Matcher m = NIFTY_CALL.matcher(call.path("tradingsymbol").asText());
                    if (m.matches())
                    {
                        lot = call.path("lot_size").asLong();
                        byExpiry.computeIfAbsent(m.group(1), (k) -> new ArrayList<>()).add(m);
                    }
                }
                final List<Matcher> strikes = byExpiry.values().stream().filter((l) -> l.size() >= 4).findFirst()
                    .orElse(null);
                if (strikes == null)
                {
                    return false;
                }
                strikes.sort(Comparator.comparingLong((Matcher m) -> Long.parseLong(m.group(2))));
                final int middle = strikes.size() / 2;
                spread.add(strikes.get(middle).group());
                spread.add(strikes.get(middle + 1).group());
                return true;
            }
            catch (final Exception ex)
            {
                return false;
            }
        });
        return spread;
    }

    private static BigDecimal off(final BigDecimal ltp, final String factor)
    {
        return ltp.multiply(new BigDecimal(factor)).divide(TICK, 0, RoundingMode.HALF_UP).multiply(TICK)
            .setScale(2, RoundingMode.UNNECESSARY);
    }

    private static List<String> symbols(final JsonNode items)
    {
        final List<String> symbols = new ArrayList<>();
        items.forEach((i) -> symbols.add(i.path("tradingsymbol").asText()));
        return symbols;
    }

    private static String item(final String exchange, final String symbol, final String side, final String type,
        final long quantity, final String product, final String price, final String trigger, final String more)
    {
        return "{\"exchange\":\"" + exchange + "\",\"tradingsymbol\":\"" + symbol + "\",\"transaction_type\":\"" +
            side + "\",\"order_type\":\"" + type + "\",\"quantity\":" + quantity + ",\"product\":\"" + product +
            "\"" + (price == null ? "" : ",\"price\":" + price) + (trigger == null ? "" : ",\"trigger_price\":" +
            trigger) + more + "}";
    }
}
