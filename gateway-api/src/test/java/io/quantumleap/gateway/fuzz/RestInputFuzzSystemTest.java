package io.quantumleap.gateway.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestInputFuzzSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private static GatewayFixture app;
    private static String admin;

    @BeforeAll
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of());
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    @Test
    void shouldAnswerMangledBodiesOfEveryWritingEndpointWithoutAServerError() throws Exception
    {
        final String now = Instant.now().toString();
        final List<String[]> requests = List.of(
            new String[] {"POST", "/api/auth/login", "{\"username\":\"nobody-here\",\"password\":\"not-a-password\"}"},
            new String[] {"PUT", "/api/orders/4242", "{\"quantity\":2,\"price\":1500.10,\"order_type\":\"LIMIT\"}"},
            new String[] {"PUT", "/api/risk", "{\"limits\":{\"account_id\":1,\"max_order_value\":5000000.00," +
                "\"max_position_qty\":100000,\"price_band_bps\":2000,\"orders_per_second\":10," +
                "\"orders_per_minute\":400,\"orders_per_day\":100000}}"},
            new String[] {"PUT", "/api/risk", "{\"kill_switch\":{\"account_id\":1,\"mode\":\"off\",\"reason\":\"x\"}}"},
            new String[] {"PUT", "/api/positions", "{\"account_id\":1,\"exchange\":\"NSE\"," +
                "\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"position_type\":\"day\",\"quantity\":2," +
                "\"old_product\":\"MIS\",\"new_product\":\"CNC\"}"},
            new String[] {"POST", "/api/users", "{\"username\":\"fuzz-user\",\"password\":\"a-long-password-1\"," +
                "\"roles\":[\"trader\"],\"account_ids\":[1]}"},
            new String[] {"POST", "/api/replay/export", "{\"table\":\"fills\",\"from\":\"" + now + "\"}"},
            new String[] {"PUT", "/api/watchlist", "{\"lists\":[{\"name\":\"Stocks\",\"items\":[" +
                "{\"instrument_token\":408065,\"mode\":\"full\"},{\"instrument_token\":256265}]," +
                "\"selected\":408065}],\"active\":0}"},
            new String[] {"POST", "/api/alerts", "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\"," +
                "\"direction\":\"above\",\"price\":1600.5,\"note\":\"breakout\"}"},
            new String[] {"PUT", "/api/alerts/1", "{\"direction\":\"below\",\"price\":1400,\"note\":\"\"}"});
        final SplittableRandom random = new SplittableRandom(20261203);
        final List<String> serverErrors = new ArrayList<>();
        int refused = 0;

        for (int i = 0; i < 600; i++)
        {
            final String[] request = requests.get(random.nextInt(requests.size()));
            final String body = Mangler.mangle(request[2], random);
            final HttpResponse<String> response = app.send(request[0], request[1], admin, body);
            refused += check(request[0] + " " + request[1] + " " + body, response, serverErrors);
        }

        assertEquals(List.of(), serverErrors);
        assertTrue(refused > 200, "mangled bodies refused: " + refused);
        assertEquals(200, app.send("GET", "/api/me", admin, null).statusCode());
    }

    @Test
    void shouldPriceMangledOrdersAtTheBrokerWithoutAServerError() throws Exception
    {
        app.connectBroker(admin, null);
        final String order = "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
            "\"order_type\":\"LIMIT\",\"quantity\":2,\"price\":1500.10,\"product\":\"CNC\",\"variety\":\"regular\"}";
        GatewayFixture.await("the broker connected and INFY known", Duration.ofSeconds(30), () ->
        {
            try
            {
                return app.send("POST", "/api/margins/orders", admin, order).statusCode() == 200;
            }
            catch (final Exception ex)
            {
                return false;
            }
        });
        final SplittableRandom random = new SplittableRandom(20261205);
        final List<String> serverErrors = new ArrayList<>();
        final List<String> unpriced = new ArrayList<>();
        int refused = 0;

        for (int i = 0; i < 200; i++)
        {
            final String body = Mangler.mangle(order, random);
            refused += check("POST /api/margins/orders " + body,
                app.send("POST", "/api/margins/orders", admin, body), serverErrors);
            if (i % 5 == 0)
            {
                final String valid = order.replace("\"quantity\":2", "\"quantity\":" + (1 + random.nextInt(5000)))
                    .replace("1500.10", (1400 + random.nextInt(200)) + "." + 5 * random.nextInt(20));
                final HttpResponse<String> answer = app.send("POST", "/api/margins/orders", admin, valid);
                if (answer.statusCode() != 200)
                {
                    unpriced.add(answer.statusCode() + " for " + valid + ": " + answer.body());
                }
            }
        }

        assertEquals(List.of(), serverErrors);
        assertTrue(refused > 150, "mangled orders refused: " + refused);
        assertEquals(List.of(), unpriced);
    }

    @Test
    void shouldAnswerMangledGttsWithoutAServerError() throws Exception
    {
        app.connectBroker(admin, null);
        final BigDecimal ltp = BigDecimal.valueOf(app.lastPrice(admin, "NSE:INFY"));
        final BigDecimal tick = new BigDecimal("0.05");
        final String below = ltp.multiply(new BigDecimal("0.9")).divide(tick, 0, RoundingMode.DOWN).multiply(tick)
            .toPlainString();
        final String above = ltp.multiply(new BigDecimal("1.1")).divide(tick, 0, RoundingMode.UP).multiply(tick)
            .toPlainString();
        final String gtt = "{\"type\":\"two-leg\",\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\"," +
            "\"trigger_values\":[" + below + "," + above + "],\"orders\":[{\"transaction_type\":\"SELL\"," +
            "\"quantity\":1,\"product\":\"CNC\",\"price\":" + below + "},{\"transaction_type\":\"SELL\"," +
            "\"quantity\":1,\"product\":\"CNC\",\"price\":" + above + "}]}";
        final SplittableRandom random = new SplittableRandom(20261206);
        final List<String> serverErrors = new ArrayList<>();
        int refused = 0;

        for (int i = 0; i < 200; i++)
        {
            final String body = Mangler.mangle(gtt, random);
            final String path = random.nextBoolean() ? "/api/gtt" : "/api/gtt/" + (100_000 + random.nextInt(5));
            final String method = "/api/gtt".equals(path) ? "POST" : "PUT";
            refused += check(method + " " + path + " " + body, app.send(method, path, admin, body), serverErrors);
        }

        assertEquals(List.of(), serverErrors);
        assertTrue(refused > 100, "mangled GTTs refused: " + refused);
        final HttpResponse<String> valid = app.send("POST", "/api/gtt", admin, gtt);
        assertEquals(201, valid.statusCode(), valid.body());
    }

    @Test
    void shouldAnswerMangledBasketsWithoutAServerError() throws Exception
    {
        app.connectBroker(admin, null);
        final BigDecimal ltp = BigDecimal.valueOf(app.lastPrice(admin, "NSE:INFY"));
        final String below = ltp.multiply(new BigDecimal("0.9")).divide(new BigDecimal("0.05"), 0, RoundingMode.DOWN)
            .multiply(new BigDecimal("0.05")).toPlainString();
        final String items = "[{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
            "\"order_type\":\"LIMIT\",\"quantity\":2,\"product\":\"CNC\",\"price\":" + below + "," +
            "\"variety\":\"regular\",\"validity\":\"DAY\"},{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\"," +
            "\"transaction_type\":\"SELL\",\"order_type\":\"SL-M\",\"quantity\":1,\"product\":\"MIS\"," +
            "\"trigger_price\":" + below + ",\"market_protection\":5}]";
        final HttpResponse<String> created = app.send("POST", "/api/baskets", admin,
            "{\"name\":\"fuzz\",\"items\":" + items + "}");
        assertEquals(201, created.statusCode(), created.body());
        final String id = created.body().replaceAll("^\\{\"id\":(\\d+),.*$", "$1");
        final List<String[]> requests = List.of(
            new String[] {"POST", "/api/baskets", "{\"name\":\"fuzz two\",\"items\":" + items + "}"},
            new String[] {"PUT", "/api/baskets/" + id, "{\"name\":\"fuzz\",\"items\":" + items + "}"},
            new String[] {"POST", "/api/margins/basket", "{\"account_id\":1,\"consider_positions\":false," +
                "\"items\":" + items + "}"});
        final SplittableRandom random = new SplittableRandom(20261207);
        final List<String> serverErrors = new ArrayList<>();
        int refused = 0;

        for (int i = 0; i < 300; i++)
        {
            final String[] request = requests.get(random.nextInt(requests.size()));
            final String body = Mangler.mangle(request[2], random);
            refused += check(request[0] + " " + request[1] + " " + body, app.send(request[0], request[1], admin, body),
                serverErrors);
        }

        assertEquals(List.of(), serverErrors);
        assertTrue(refused > 150, "mangled baskets refused: " + refused);
        final HttpResponse<String> margin = app.send("POST", "/api/margins/basket", admin,
            "{\"items\":" + items + "}");
        assertEquals(200, margin.statusCode(), margin.body());
        assertEquals(200, app.send("GET", "/api/baskets/" + id, admin, null).statusCode());
    }

    @Test
    void shouldAnswerMangledQueriesWithoutAServerError() throws Exception
    {
        final String now = Instant.now().toString();
        final List<String> queries = List.of(
            "/api/ticks?i=NSE:INFY&interval=1m&from=2026-12-01T03:45:00Z&to=" + now,
            "/api/quotes?i=NSE:INFY&i=NSE:TCS",
            "/api/instruments?q=inf&exchange=NSE&limit=5",
            "/api/audit?user=admin&limit=5&from=2026-12-01T00:00:00Z",
            "/api/replay/state?at=" + now,
            "/api/orders/4242",
            "/api/latency");
        final SplittableRandom random = new SplittableRandom(20261204);
        final List<String> serverErrors = new ArrayList<>();
        int refused = 0;

        for (int i = 0; i < 500; i++)
        {
            final String path = encoded(Mangler.mangle(queries.get(random.nextInt(queries.size())), random));
            if (!path.startsWith("/"))
            {
                continue;
            }
            refused += check("GET " + path, app.send("GET", path, admin, null), serverErrors);
        }

        assertEquals(List.of(), serverErrors);
        assertTrue(refused > 100, "mangled queries refused: " + refused);
    }

    private static int check(final String what, final HttpResponse<String> response, final List<String> serverErrors)
        throws Exception
    {
        if (response.statusCode() >= 500)
        {
            serverErrors.add(response.statusCode() + " for " + what + ": " + response.body());
            return 0;
        }
        if (response.statusCode() < 400)
        {
            return 0;
        }
        if (response.statusCode() != 404 && response.statusCode() != 405)
        {
            final JsonNode error = JSON.readTree(response.body());
            assertTrue(error.path("error").isTextual() && error.path("message").isTextual(),
                response.statusCode() + " for " + what + ": " + response.body());
        }
        return 1;
    }

    private static String encoded(final String path)
    {
        final StringBuilder out = new StringBuilder();
        for (final char c : path.toCharArray())
        {
            if (c < 128 && (Character.isLetterOrDigit(c) || "/?&=:.-_~,".indexOf(c) >= 0))
            {
                out.append(c);
            }
            else
            {
                out.append(URLEncoder.encode(String.valueOf(c), StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }
}
