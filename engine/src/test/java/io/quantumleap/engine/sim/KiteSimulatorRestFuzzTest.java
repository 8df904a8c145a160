package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteSimulatorRestFuzzTest extends SimulatorFixture
{
    private static final int ROUNDS = 1_500;
    private static final List<String> ODD = List.of("", " ", "x", "-1", "0", "1e400", "-1e400",
        "99999999999999999999999", "9223372036854775807", "NaN", "Infinity", "1.0005", "0.000001", "BUY\u0000",
        "%", "{", "[]", "[1,", "{\"exchange\":1}", "\u20b9", "null", "true", "x".repeat(5_000), "2026-13-45 25:61:61");

    private record Call(String method, String path, List<String> form)
    {
    }

    @Test
    void shouldAnswerEveryMangledRequestWithAResultOrKitesErrorEnvelopeAndNeverAServerError() throws Exception
    {
        final Random random = new Random(20261204L);
        final String open = placeOpenOrder();
        final List<Call> calls = calls(open);
        int refused = 0;
        for (int i = 0; i < ROUNDS; i++)
        {
            final Call call = calls.get(random.nextInt(calls.size()));
            final List<String> form = mangle(call.form(), random);
            final HttpResponse<String> response = send(call, form);
            final String context = call.method() + " " + call.path() + " " + form + " -> " + response.statusCode() +
                " " + response.body().substring(0, Math.min(300, response.body().length()));
            assertTrue(response.statusCode() < 500, context);
            final JsonNode reply = SimHttp.json(response);
            if (response.statusCode() >= 400)
            {
                refused++;
                assertEquals("error", reply.get("status").asText(), context);
                assertFalse(reply.get("error_type").asText().isEmpty(), context);
                assertFalse(reply.get("message").asText().isBlank(), context);
            }
            else
            {
                assertEquals("success", reply.get("status").asText(), context);
            }
        }
        assertEquals(refused, sim.errorCount(), "every refused request is counted");
        assertTrue(refused > ROUNDS / 4, refused + " of " + ROUNDS + " refused: the mutations hardly changed anything");
        assertEquals(200, send(calls.get(0), calls.get(0).form()).statusCode(), "the simulator still takes orders");
    }

    private List<Call> calls(final String openOrderId)
    {
        final String price = price(95);
        final String gttCondition = "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"trigger_values\":[" +
            price(90) + "],\"last_price\":" + price(100) + "}";
        final String gttOrders = "[{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
            "\"quantity\":1,\"order_type\":\"LIMIT\",\"product\":\"CNC\",\"price\":" + price(90) + "}]";
        return List.of(
            new Call("POST", "/orders/regular", List.of("exchange", "NSE", "tradingsymbol", "INFY",
                "transaction_type", "BUY", "order_type", "LIMIT", "quantity", "1", "product", "CNC", "price", price,
                "validity", "DAY", "disclosed_quantity", "0", "trigger_price", "0", "tag", "fuzz")),
            new Call("POST", "/orders/regular", List.of("exchange", "NSE", "tradingsymbol", "INFY",
                "transaction_type", "SELL", "order_type", "SL", "quantity", "1", "product", "MIS", "price", price(89),
                "trigger_price", price(90), "validity", "IOC")),
            new Call("POST", "/orders/regular", List.of("exchange", "NSE", "tradingsymbol", "INFY",
                "transaction_type", "BUY", "order_type", "MARKET", "quantity", "1", "product", "MIS",
                "market_protection", "-1", "validity", "TTL", "validity_ttl", "5")),
            new Call("POST", "/orders/iceberg", List.of("exchange", "NSE", "tradingsymbol", "INFY",
                "transaction_type", "BUY", "order_type", "LIMIT", "quantity", "4", "product", "CNC", "price", price,
                "iceberg_legs", "2", "iceberg_quantity", "2")),
            new Call("POST", "/orders/co", List.of("exchange", "NSE", "tradingsymbol", "INFY",
                "transaction_type", "BUY", "order_type", "LIMIT", "quantity", "1", "product", "CO", "price", price,
                "trigger_price", price(90))),
            new Call("PUT", "/orders/regular/" + openOrderId, List.of("order_type", "LIMIT", "quantity", "2",
                "price", price(94), "validity", "DAY")),
            new Call("DELETE", "/orders/regular/" + openOrderId, List.of("parent_order_id", "")),
            new Call("PUT", "/portfolio/positions", List.of("exchange", "NSE", "tradingsymbol", "INFY",
                "transaction_type", "BUY", "position_type", "day", "quantity", "1", "old_product", "MIS",
                "new_product", "CNC")),
            new Call("POST", "/gtt/triggers", List.of("type", "single", "condition", gttCondition, "orders",
                gttOrders)),
            new Call("GET", "/quote", List.of("i", "NSE:INFY", "i", "NSE:SBIN")),
            new Call("GET", "/quote/ltp", List.of("i", "NSE:INFY")),
            new Call("GET", "/instruments/historical/408065/minute", List.of("from", "2026-11-27 09:15:00", "to",
                "2026-11-27 10:15:00", "oi", "1")),
            new Call("GET", "/orders/" + openOrderId, List.of()),
            new Call("GET", "/orders/" + openOrderId + "/trades", List.of()));
    }

    /** One change to the form: a field gone, given twice, unknown, or with a value of the wrong kind or size. */
    private static List<String> mangle(final List<String> form, final Random random)
    {
        final List<String> mangled = new ArrayList<>(form);
        final int fields = form.size() / 2;
        final int how = random.nextInt(5);
        if (fields == 0 || how == 0)
        {
            mangled.add(random.nextBoolean() ? "unknown_field" : "quantity");
            mangled.add(ODD.get(random.nextInt(ODD.size())));
            return mangled;
        }
        final int field = 2 * random.nextInt(fields);
        if (how == 1)
        {
            mangled.remove(field + 1);
            mangled.remove(field);
        }
        else if (how == 2)
        {
            mangled.add(form.get(field));
            mangled.add(ODD.get(random.nextInt(ODD.size())));
        }
        else
        {
            mangled.set(field + 1, ODD.get(random.nextInt(ODD.size())));
        }
        return mangled;
    }

    private HttpResponse<String> send(final Call call, final List<String> form) throws Exception
    {
        final String[] pairs = form.toArray(String[]::new);
        return switch (call.method())
        {
            case "POST" -> http.post(call.path(), pairs);
            case "PUT" -> http.put(call.path(), pairs);
            case "DELETE" -> http.delete(call.path() + query(pairs));
            default -> http.get(call.path() + query(pairs));
        };
    }

    private static String query(final String[] pairs)
    {
        final StringBuilder query = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2)
        {
            query.append(i == 0 ? "?" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return query.toString();
    }

    private String placeOpenOrder() throws Exception
    {
        final HttpResponse<String> placed = http.post("/orders/regular", "exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "order_type", "LIMIT", "quantity", "1", "product", "CNC", "price", price(95));
        assertEquals(200, placed.statusCode(), placed.body());
        return SimHttp.json(placed).get("data").get("order_id").asText();
    }

    private String price(final int percent)
    {
        return SimHttp.price(sim, "NSE", "INFY", percent);
    }
}
