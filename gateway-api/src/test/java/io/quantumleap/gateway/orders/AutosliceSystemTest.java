package io.quantumleap.gateway.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutosliceSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal TICK = new BigDecimal("0.05");
    private static final Pattern NIFTY_CALL = Pattern.compile("NIFTY\\d{2}[A-Z0-9]{3}\\d+CE");
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
    void shouldPlaceAnOrderAboveTheFreezeQuantityAsSlicesTheExchangeTakes() throws Exception
    {
        app.connectBroker(admin, null);
        final JsonNode call = cheapNiftyCall();
        final String symbol = call.path("tradingsymbol").asText();
        assertEquals(1_800, call.path("freeze_quantity").asLong(), call.toString());
        assertEquals(65, call.path("lot_size").asLong(), call.toString());
        final BigDecimal ltp = app.connectAndStepToQuote(admin, "NFO:" + symbol);
        final String price = below(ltp).toPlainString();

        final HttpResponse<String> whole = app.send("POST", "/api/orders", admin, order(symbol, 65 * 30, price, ""));

        assertEquals(422, whole.statusCode(), whole.body());
        assertEquals("freeze_quantity", JSON.readTree(whole.body()).path("error").asText(), whole.body());
        assertTrue(whole.body().contains("quantity 1950 is above the freeze quantity 1800, the most one order may " +
            "carry"), whole.body());

        final HttpResponse<String> sliced = app.send("POST", "/api/orders", admin,
            order(symbol, 65 * 30, price, ",\"autoslice\":true"));

        assertEquals(201, sliced.statusCode(), sliced.body());
        final JsonNode answer = JSON.readTree(sliced.body());
        assertEquals(1, answer.path("account_id").asLong());
        assertEquals(1_950, answer.path("quantity").asLong());
        assertEquals(1_755, answer.path("max_order_quantity").asLong());
        assertEquals(2, answer.path("placed").asInt());
        assertEquals(0, answer.path("refused").asInt());
        final List<Long> quantities = new ArrayList<>();
        for (final JsonNode slice : answer.path("orders"))
        {
            assertEquals(201, slice.path("http_status").asInt(), slice.toString());
            assertEquals("PENDING", slice.path("status").asText(), slice.toString());
            quantities.add(slice.path("quantity").asLong());
            final JsonNode open = app.awaitOrder(admin, slice.path("client_order_id").asText(), "open at the broker",
                Duration.ofSeconds(30), (o) -> "OPEN".equals(o.path("status").asText()));
            assertEquals(slice.path("quantity").asLong(), open.path("quantity").asLong(), open.toString());
            assertEquals(symbol, open.path("tradingsymbol").asText());
            assertEquals(0, new BigDecimal(price).compareTo(open.path("price").decimalValue()), open.toString());
        }
        assertEquals(List.of(1_755L, 195L), quantities);

        final HttpResponse<String> within = app.send("POST", "/api/orders", admin,
            order(symbol, 65, price, ",\"autoslice\":true"));

        assertEquals(201, within.statusCode(), within.body());
        assertEquals(1, JSON.readTree(within.body()).path("orders").size(), within.body());
        assertEquals(65, JSON.readTree(within.body()).path("orders").get(0).path("quantity").asLong());

        final String audit = app.send("GET", "/api/audit?user=admin&type=order_place", admin, null).body();
        final List<String> slices = new ArrayList<>();
        GatewayFixture.auditDetails(audit).forEach((d) -> slices.add(d.path("autoslice").asText()));
        assertTrue(slices.containsAll(List.of("1 of 2", "2 of 2", "1 of 1")), audit);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldRefuseAnAutosliceItCannotPlaceSayingWhyAndSendNothing() throws Exception
    {
        app.connectBroker(admin, null);
        final String symbol = cheapNiftyCall().path("tradingsymbol").asText();
        final String before = app.send("GET", "/api/orders", admin, null).body();

        final HttpResponse<String> tooMany = app.send("POST", "/api/orders", admin,
            order(symbol, 1_755 * 10 + 65, "1", ",\"autoslice\":true"));
        final HttpResponse<String> named = app.send("POST", "/api/orders", admin,
            order(symbol, 65 * 30, "1", ",\"autoslice\":true,\"client_order_id\":77"));
        final HttpResponse<String> iceberg = app.send("POST", "/api/orders", admin, order(symbol, 65 * 30, "1",
            ",\"autoslice\":true,\"variety\":\"iceberg\",\"iceberg_legs\":3,\"iceberg_quantity\":650"));

        assertEquals(400, tooMany.statusCode(), tooMany.body());
        assertEquals("quantity: 17615 would take 11 orders of at most 1755 (NFO:" + symbol + "'s freeze quantity " +
            "1800 in lots of 65), and autoslice places at most 10: at most 17550 at once",
            JSON.readTree(tooMany.body()).path("message").asText());
        assertEquals(400, named.statusCode(), named.body());
        assertTrue(JSON.readTree(named.body()).path("message").asText().startsWith("client_order_id: names one " +
            "order, and autoslice may place several"), named.body());
        assertEquals(400, iceberg.statusCode(), iceberg.body());
        assertEquals("autoslice: slices regular and amo orders, not iceberg ones (an iceberg order's legs are each " +
            "held to the freeze quantity already)", JSON.readTree(iceberg.body()).path("message").asText());
        assertEquals(before, app.send("GET", "/api/orders", admin, null).body());
        final String audit = app.send("GET", "/api/audit?user=admin&type=order_place", admin, null).body();
        assertEquals(3, GatewayFixture.auditDetails(audit).stream()
            .filter((d) -> d.path("autoslice").asBoolean() && d.path("http_status").asInt() == 400).count(), audit);
    }

    /** A NIFTY call of the instrument master far enough out of the money to cost little, waiting for the master. */
    private JsonNode cheapNiftyCall() throws Exception
    {
        final JsonNode[] found = {null};
        GatewayFixture.await("NIFTY calls in the instrument master", Duration.ofSeconds(60), () ->
        {
            try
            {
                final List<JsonNode> calls = new ArrayList<>();
                JSON.readTree(app.send("GET", "/api/instruments?q=NIFTY%20CE&exchange=NFO&limit=1000", admin, null)
                    .body()).forEach((c) ->
                    {
                        if (NIFTY_CALL.matcher(c.path("tradingsymbol").asText()).matches())
                        {
                            calls.add(c);
                        }
                    });
                calls.sort(Comparator.comparing((JsonNode c) -> c.path("tradingsymbol").asText()));
                found[0] = calls.isEmpty() ? null : calls.get(calls.size() * 3 / 4);
                return found[0] != null;
            }
            catch (final Exception ex)
            {
                return false;
            }
        });
        return found[0];
    }

    private static BigDecimal below(final BigDecimal ltp)
    {
        final BigDecimal price = ltp.multiply(new BigDecimal("0.95")).divide(TICK, 0, RoundingMode.HALF_UP)
            .multiply(TICK).setScale(2, RoundingMode.UNNECESSARY);
        return price.max(TICK);
    }

    private static String order(final String symbol, final long quantity, final String price, final String more)
    {
        return "{\"exchange\":\"NFO\",\"tradingsymbol\":\"" + symbol + "\",\"transaction_type\":\"BUY\"," +
            "\"order_type\":\"LIMIT\",\"quantity\":" + quantity + ",\"product\":\"NRML\",\"price\":" + price + more +
            "}";
    }
}
