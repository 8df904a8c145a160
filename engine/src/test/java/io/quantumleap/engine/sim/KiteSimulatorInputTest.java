package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteSimulatorInputTest extends SimulatorFixture
{
    @Test
    void shouldRefuseAPriceWithAHugeExponentAsBadInputNamingIt() throws Exception
    {
        assertRefused(place("order_type", "LIMIT", "price", "100e2147483647"), "`price`");
    }

    @Test
    void shouldRefuseAPriceWithAHugeNegativeExponentAsBadInputNamingIt() throws Exception
    {
        assertRefused(place("order_type", "LIMIT", "price", "1e-999999999"), "`price`");
    }

    @Test
    void shouldRefuseATriggerPriceWithAHugeExponentAsBadInputNamingIt() throws Exception
    {
        assertRefused(place("order_type", "SL", "price", price(90), "trigger_price", "100e2147483647"),
            "`trigger_price`");
    }

    @Test
    void shouldRefuseAModifiedPriceWithAHugeExponentAsBadInputNamingIt() throws Exception
    {
        final String orderId = http.placeOrder(form("order_type", "LIMIT", "price", price(95)));

        assertRefused(http.put("/orders/regular/" + orderId, "price", "100e2147483647"), "`price`");
        assertRefused(http.put("/orders/regular/" + orderId, "price", "1e-999999999"), "`price`");
    }

    @Test
    void shouldRefuseGttNumbersWithHugeExponentsAsBadInputNamingThem() throws Exception
    {
        assertRefused(gtt("\"100e2147483647\"", "1"), "orders[0].price");
        assertRefused(gtt(price(90), "\"100e2147483647\""), "orders[0].quantity");
    }

    @Test
    void shouldRefuseAGttPriceWithAHugeNegativeExponentAndStayUp() throws Exception
    {
        assertRefused(gtt("\"1e-999999999\"", "1"), "orders[0].price");
        assertEquals(200, place("order_type", "LIMIT", "price", price(95)).statusCode());
    }

    @Test
    void shouldRefuseACalculatorPriceWrittenAsATinyNumberThatADoubleReadsAsZero() throws Exception
    {
        for (final String tiny : List.of("1e-400", "-1e-400", "1e-999999999", "-1e-999999999"))
        {
            for (final String path : List.of("/margins/orders", "/margins/basket"))
            {
                assertRefused(calculate(path, "LIMIT", "price", tiny), "orders[0]: Invalid `price` ");
                assertRefused(calculate(path, "SL", "trigger_price", tiny), "orders[0]: Invalid `trigger_price` ");
            }
            assertRefused(calculate("/charges/orders", "LIMIT", "average_price", tiny),
                "orders[0]: Invalid `average_price` ");
        }
    }

    @Test
    void shouldTakeACalculatorPriceWrittenAsZeroAsTheLastPrice() throws Exception
    {
        for (final String zero : List.of("0", "0.0", "0e-400", "-0.0"))
        {
            assertEquals(200, calculate("/margins/orders", "LIMIT", "price", zero).statusCode(), zero);
            assertEquals(200, calculate("/charges/orders", "LIMIT", "average_price", zero).statusCode(), zero);
        }
    }

    @Test
    void shouldRefuseACalculatorPriceWithAnExponentBeyondAnyDecimalNamingIt() throws Exception
    {
        for (final String huge : List.of("1e2147483648", "1e-2147483649", "-1e2147483648"))
        {
            assertRefused(calculate("/margins/orders", "LIMIT", "price", huge),
                "Invalid JSON body: `[0].price` " + huge + " is beyond any number the API takes");
            assertRefused(gtt(huge, "1"), "Invalid `orders`: `[0].price` " + huge + " is beyond");
        }
    }

    @Test
    void shouldRefuseGttNumbersWrittenAsTinyNumbersAsTooManyDecimalsNotAsZero() throws Exception
    {
        assertRefused(gtt("1e-400", "1"), "`orders[0].price` 1E-400; too many decimals");
        assertRefused(gtt(price(90), "1e-400"), "`orders[0].quantity` 1E-400; too many decimals");
        assertRefused(http.post("/gtt/triggers", "type", "single", "condition", condition("1e-400", price(100)),
            "orders", orders(price(90), "1")), "`condition.trigger_values[0]` 1E-400; too many decimals");
        assertRefused(http.post("/gtt/triggers", "type", "single", "condition", condition(price(90), "1e-400"),
            "orders", orders(price(90), "1")), "`condition.last_price` 1E-400; too many decimals");
    }

    @Test
    void shouldTakeOnlyAsciiDigitsWithNothingAroundThemInAQuantity() throws Exception
    {
        for (final String quantity : List.of("\u0661\u0662\u0663", "+5", " 1 ", "\uff11"))
        {
            assertRefused(http.post("/orders/regular", "exchange", "NSE", "tradingsymbol", "INFY",
                "transaction_type", "BUY", "quantity", quantity, "product", "CNC", "order_type", "LIMIT", "price",
                price(95)), "`quantity`");
        }
    }

    @Test
    void shouldTakeOnlyAsciiDigitsWithNothingAroundThemInAPrice() throws Exception
    {
        for (final String price : List.of("\u0661\u0662\u0663", "+" + price(95), " " + price(95) + " "))
        {
            assertRefused(place("order_type", "LIMIT", "price", price), "`price`");
        }
        assertRefused(gtt("\"\u0661\u0662\u0663\"", "1"), "orders[0].price");
        assertRefused(gtt(price(90), "\"\\u0661\""), "orders[0].quantity");
    }

    @Test
    void shouldRefuseAMarketProtectionThatIsNotAWholePercentOrMinusOne() throws Exception
    {
        for (final String protection : List.of("50.5", "1e-400", "0.5", "101", "-2", "1e1", "+5"))
        {
            assertRefused(place("order_type", "MARKET", "market_protection", protection), "`market_protection`");
        }
        for (final String protection : List.of("2", "2.0", "100", "-1", "-1.0"))
        {
            assertEquals(200, place("order_type", "MARKET", "market_protection", protection).statusCode(), protection);
        }
        assertEquals(200, place("order_type", "LIMIT", "price", price(95), "market_protection", "0.0").statusCode());
    }

    @Test
    void shouldRefuseAValidityTtlOnAnOrderWhoseValidityIsNotTtl() throws Exception
    {
        assertRefused(place("order_type", "LIMIT", "price", price(95), "validity", "DAY", "validity_ttl", "5"),
            "`validity_ttl`");
        assertRefused(place("order_type", "LIMIT", "price", price(95), "validity_ttl", "5"), "`validity_ttl`");
        assertEquals(200, place("order_type", "LIMIT", "price", price(95), "validity", "TTL", "validity_ttl", "5")
            .statusCode());
    }

    @Test
    void shouldRefuseIcebergFieldsOnAnOrderThatIsNotAnIceberg() throws Exception
    {
        assertRefused(place("order_type", "LIMIT", "price", price(95), "iceberg_legs", "0"), "`iceberg_legs`");
        assertRefused(place("order_type", "LIMIT", "price", price(95), "iceberg_quantity", "1"),
            "`iceberg_quantity`");
    }

    @Test
    void shouldRefuseContentAfterTheJsonArrayOfAMarginsRequest() throws Exception
    {
        final String order = "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
            "\"variety\":\"regular\",\"product\":\"CNC\",\"order_type\":\"MARKET\",\"quantity\":1}";
        for (final String trailing : List.of("garbage", "[" + order + "]", "}", " 1"))
        {
            assertRefused(http.rawPost("/margins/orders", "application/json", "[" + order + "]" + trailing),
                "after the JSON value");
        }
        assertEquals(200, http.rawPost("/margins/orders", "application/json", "[" + order + "]\n").statusCode());
    }

    @Test
    void shouldRefuseContentAfterTheJsonOfAGttField() throws Exception
    {
        for (final String trailing : List.of("[]", "x", "]"))
        {
            assertRefused(http.post("/gtt/triggers", "type", "single", "condition", condition(), "orders",
                orders(price(90), "1") + trailing), "`orders`: unexpected content after the JSON value");
        }
        assertRefused(http.post("/gtt/triggers", "type", "single", "condition", condition() + "{}", "orders",
            orders(price(90), "1")), "`condition`: unexpected content after the JSON value");
    }

    @Test
    void shouldSayWhatIsWrongWithJsonInPlainWordsWithoutTheParsersNames() throws Exception
    {
        assertPlain(http.rawPost("/margins/orders", "application/json", "[".repeat(1_500)), "nested too deep");
        assertPlain(http.rawPost("/margins/basket", "application/json", "[{\"a\":x}]"),
            "not valid JSON at line 1, column ");
        assertPlain(http.post("/gtt/triggers", "type", "single", "condition", "{\"a\":".repeat(1_500), "orders",
            "[]"), "nested too deep");
        assertPlain(http.rawPost("/__sim/faults", "application/json", "{\"x\""), "not valid JSON");
    }

    @Test
    void shouldRefuseAMalformedHttpRequestWithoutTheDecodersClassName() throws Exception
    {
        assertPlain(http.send(http.request("/user/profile").header("X-Long", "x".repeat(20_000)).GET()),
            "Malformed HTTP request");
    }

    @Test
    void shouldAnswerAnInternalErrorPlainlyAndLogItsStackTraceOnce(@TempDir final Path dir) throws Exception
    {
        final List<LogRecord> logged = new CopyOnWriteArrayList<>();
        final Handler handler = new Handler()
        {
            public void publish(final LogRecord record)
            {
                logged.add(record);
            }

            public void flush()
            {
            }

            public void close()
            {
            }
        };
        final Logger logger = Logger.getLogger(SimAgent.class.getName());
        logger.addHandler(handler);
        final Path book = dir.resolve("paper-broker.jsonl");
        try (KiteSimulator booked = new KiteSimulator(SimHttp.context(clock).bookFile(book)).start())
        {
            Files.createDirectories(PaperUser.bookOf(book, "QL0002"));
            final SimHttp second = new SimHttp(booked);
            second.login("QL0002");

            final HttpResponse<String> response = second.get("/user/profile");

            assertEquals(500, response.statusCode(), response.body());
            final JsonNode reply = SimHttp.json(response);
            assertEquals("GeneralException", reply.get("error_type").asText());
            assertTrue(reply.get("message").asText().contains("GET /user/profile"), response.body());
            assertFalse(reply.get("message").asText().contains("Exception"), response.body());
            assertEquals(1, logged.size());
            assertEquals(Level.SEVERE, logged.get(0).getLevel());
            assertInstanceOf(IllegalStateException.class, logged.get(0).getThrown());
        }
        finally
        {
            logger.removeHandler(handler);
        }
    }

    private static void assertPlain(final HttpResponse<String> response, final String saying) throws Exception
    {
        assertRefused(response, saying);
        for (final String internal : List.of("Exception", "StreamReadConstraints", "com.", "io.netty", "java."))
        {
            assertFalse(SimHttp.json(response).get("message").asText().contains(internal), response.body());
        }
    }

    private HttpResponse<String> gtt(final String orderPrice, final String quantity) throws Exception
    {
        return http.post("/gtt/triggers", "type", "single", "condition", condition(), "orders",
            orders(orderPrice, quantity));
    }

    private String condition()
    {
        return condition(price(90), price(100));
    }

    private static String condition(final String triggerValue, final String lastPrice)
    {
        return "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"trigger_values\":[" + triggerValue +
            "],\"last_price\":" + lastPrice + "}";
    }

    private HttpResponse<String> calculate(final String path, final String orderType, final String field,
        final String value) throws Exception
    {
        final String fields = "price".equals(field) ? "\"price\":" + value :
            "\"price\":" + price(95) + ",\"" + field + "\":" + value;
        return http.rawPost(path, "application/json", "[{\"order_id\":\"1\",\"exchange\":\"NSE\"," +
            "\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"variety\":\"regular\",\"product\":" +
            "\"CNC\",\"order_type\":\"" + orderType + "\",\"quantity\":1," + fields + "}]");
    }

    private static String orders(final String orderPrice, final String quantity)
    {
        return "[{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
            "\"quantity\":" + quantity + ",\"order_type\":\"LIMIT\",\"product\":\"CNC\",\"price\":" + orderPrice + "}]";
    }

    private HttpResponse<String> place(final String... fields) throws Exception
    {
        return http.post("/orders/regular", form(fields));
    }

    private static String[] form(final String... fields)
    {
        final List<String> form = new ArrayList<>(List.of("exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "quantity", "1", "product", "CNC"));
        form.addAll(List.of(fields));
        return form.toArray(String[]::new);
    }

    private String price(final int percent)
    {
        return SimHttp.price(sim, "NSE", "INFY", percent);
    }

    private static void assertRefused(final HttpResponse<String> response, final String named) throws Exception
    {
        final JsonNode reply = SimHttp.json(response);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("InputException", reply.get("error_type").asText(), response.body());
        assertTrue(reply.get("message").asText().contains(named), response.body());
    }
}
