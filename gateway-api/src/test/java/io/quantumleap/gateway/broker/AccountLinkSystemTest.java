package io.quantumleap.gateway.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountLinkSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static GatewayFixture app;
    private static String admin;

    @BeforeAll
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of("quantumleap.capture.enabled", false));
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        app.connectBroker(admin, null);
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    /** Creates a trader with these accounts ({@code "12,13"}) and logs it in. */
    private static String newTrader(final String username, final String accountIds) throws Exception
    {
        final HttpResponse<String> created = app.send("POST", "/api/users", admin, "{\"username\":\"" + username +
            "\",\"password\":\"" + username + "-password\",\"roles\":[\"trader\"],\"account_ids\":[" + accountIds +
            "]}");
        assertEquals(201, created.statusCode(), created.body());
        return app.login(username, username + "-password");
    }

    private static String get(final String path, final String token)
    {
        try
        {
            return app.send("GET", path, token, null).body();
        }
        catch (final Exception ex)
        {
            return "";
        }
    }

    @Test
    void shouldConnectAndTradeAnAccountLinkedAfterStartWithoutARestart() throws Exception
    {
        final String trader = newTrader("latecomer", "7");
        assertTrue(get("/api/broker/status", trader).contains("\"account_id\":7"), get("/api/broker/status", trader));

        app.connectBroker(trader, 7L);

        GatewayFixture.await("account 7 connected and INFY quoted", Duration.ofSeconds(30),
            () -> get("/api/broker/status", trader).contains("\"connected\":true") &&
                get("/api/quotes?i=NSE:INFY", trader).contains("\"last_price\""));
        final HttpResponse<String> placed = app.send("POST", "/api/orders", trader,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":\"MARKET\"," +
                "\"quantity\":4,\"product\":\"MIS\",\"market_protection\":2}");
        assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());
        assertTrue(placed.body().contains("\"account_id\":7"), placed.body());
        try
        {
            GatewayFixture.await("the order of account 7 to fill into a position", Duration.ofSeconds(30),
                () -> get("/api/orders", trader).contains("\"status\":\"COMPLETE\"") &&
                    get("/api/positions", trader).contains("\"quantity\":4"));
        }
        catch (final AssertionError ex)
        {
            throw new AssertionError(ex.getMessage() + "; orders: " + get("/api/orders", trader) + "; positions: " +
                get("/api/positions", trader), ex);
        }
        assertFalse(get("/api/positions", admin).contains("\"account_id\":7"));
    }

    @Test
    void shouldKeepACoverOrdersLegAndItsExitInTheAccountThatPlacedIt() throws Exception
    {
        final String trader = newTrader("coverer", "11");
        app.connectBroker(trader, 11L);
        GatewayFixture.await("account 11 connected", Duration.ofSeconds(30),
            () -> get("/api/broker/status", trader).matches(".*\"account_id\":11,\"state\":\"connected\".*"));
        final long ltpPaise = Math.round(app.lastPrice(trader, "NSE:SBIN") * 100);
        final long triggerPaise = ltpPaise * 98 / 100 / 5 * 5;

        final HttpResponse<String> placed = app.send("POST", "/api/orders", trader,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"SBIN\",\"transaction_type\":\"BUY\",\"order_type\":\"MARKET\"," +
                "\"quantity\":3,\"product\":\"MIS\",\"variety\":\"co\",\"market_protection\":2," +
                "\"trigger_price\":" + triggerPaise / 100.0 + "}");
        assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());
        final String entryId = JSON.readTree(placed.body()).path("client_order_id").asText();
        final JsonNode entry = app.awaitOrder(trader, entryId, "to fill", Duration.ofSeconds(30),
            (latest) -> "COMPLETE".equals(latest.path("status").asText()));
        final String parent = entry.path("order_id").asText();
        final JsonNode[] leg = {null};
        GatewayFixture.await("the stop-loss leg in account 11", Duration.ofSeconds(30), () ->
        {
            leg[0] = legOf(trader, parent);
            return leg[0] != null;
        });
        assertEquals(11, leg[0].path("account_id").asLong());
        assertEquals(null, legOf(admin, parent), "account 1 did not place it");

        final HttpResponse<String> exit = app.send("DELETE", "/api/orders/" + leg[0].path("client_order_id").asLong(),
            trader, null);
        assertTrue(exit.statusCode() == 200 || exit.statusCode() == 202, exit.body());
        final String exitId = leg[0].path("order_id").asText();
        try
        {
            GatewayFixture.await("the exit booked in account 11", Duration.ofSeconds(30), () ->
                get("/api/positions", trader).matches(".*\"tradingsymbol\":\"SBIN\",[^}]*\"product\":\"CO\"," +
                    "\"quantity\":0,.*") && tradedQuantity(trader, exitId, 11) == 3);
        }
        catch (final AssertionError ex)
        {
            throw new AssertionError(ex.getMessage() + "; orders: " + get("/api/orders", trader) + "; positions: " +
                get("/api/positions", trader) + "; trades: " + get("/api/trades", trader), ex);
        }
        assertEquals(3, tradedQuantity(trader, parent, 11));
        assertFalse(get("/api/trades", admin).contains("\"" + exitId + "\""));
    }

    /** The quantity the trades of a broker order add up to (an order filled across depth levels has several). */
    private static long tradedQuantity(final String token, final String orderId, final long accountId)
    {
        long quantity = 0;
        try
        {
            for (final JsonNode trade : JSON.readTree(get("/api/trades", token)))
            {
                if (orderId.equals(trade.path("order_id").asText()) && trade.path("account_id").asLong() == accountId)
                {
                    quantity += trade.path("quantity").asLong();
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return quantity;
    }

    private static JsonNode legOf(final String token, final String parent)
    {
        try
        {
            for (final JsonNode order : JSON.readTree(get("/api/orders", token)))
            {
                if (parent.equals(order.path("parent_order_id").asText()))
                {
                    return order;
                }
            }
            return null;
        }
        catch (final Exception ex)
        {
            return null;
        }
    }

    @Test
    void shouldLogEveryAccountInAsAPaperUserWithABookOfItsOwn() throws Exception
    {
        final String trader = newTrader("ownbook", "5");
        final JsonNode fundsOfOneBefore = equity(admin, 1);

        app.connectBroker(trader, 5L);

        GatewayFixture.await("account 5 connected as QL0005", Duration.ofSeconds(30),
            () -> get("/api/broker/status", trader).contains("\"account_id\":5,\"state\":\"connected\"," +
                "\"broker_user_id\":\"QL0005\""));
        assertTrue(get("/api/broker/status", admin).contains("\"account_id\":1,\"state\":\"connected\"," +
            "\"broker_user_id\":\"QL0001\""), get("/api/broker/status", admin));
        final HttpResponse<String> placed = app.send("POST", "/api/orders", trader,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"TCS\",\"transaction_type\":\"BUY\"," +
                "\"order_type\":\"MARKET\",\"quantity\":2,\"product\":\"CNC\",\"market_protection\":2}");
        assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());
        app.awaitOrder(trader, JSON.readTree(placed.body()).path("client_order_id").asText(), "to fill",
            Duration.ofSeconds(30), (latest) -> "COMPLETE".equals(latest.path("status").asText()));
        GatewayFixture.await("the broker's funds of account 5 to show the buy", Duration.ofSeconds(30),
            () -> equity(trader, 5).path("debits").decimalValue().signum() > 0);

        final JsonNode fundsOfOne = equity(admin, 1);
        assertEquals(fundsOfOneBefore.path("debits").decimalValue(), fundsOfOne.path("debits").decimalValue(),
            fundsOfOne.toString());
        assertEquals(fundsOfOneBefore.path("net").decimalValue(), fundsOfOne.path("net").decimalValue(),
            fundsOfOne.toString());
    }

    private static JsonNode equity(final String token, final long accountId)
    {
        try
        {
            for (final JsonNode segment : JSON.readTree(get("/api/margins?account_id=" + accountId, token)))
            {
                if ("equity".equals(segment.path("segment").asText()))
                {
                    return segment;
                }
            }
            throw new AssertionError("no equity funds of account " + accountId);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Test
    void shouldLinkAnAccountGivenToAnExistingUser() throws Exception
    {
        final HttpResponse<String> created = app.send("POST", "/api/users", admin,
            "{\"username\":\"grower\",\"password\":\"grower-password-1\",\"roles\":[\"trader\"],\"account_ids\":[8]}");
        final String id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        assertEquals(200, app.send("PUT", "/api/users/" + id, admin, "{\"account_ids\":[8,9]}").statusCode());
        final String trader = app.login("grower", "grower-password-1");

        app.connectBroker(trader, 9L);

        GatewayFixture.await("account 9 connected", Duration.ofSeconds(30),
            () -> get("/api/broker/status", trader).matches(".*\"account_id\":9,\"state\":\"connected\".*"));
    }

    @Test
    void shouldTakeTheAccountOfAnOrderFromTheQueryOrTheBodyWhenTheyAgree() throws Exception
    {
        final String trader = newTrader("twofold", "12,13");
        app.connectBroker(trader, 13L);
        GatewayFixture.await("account 13 connected", Duration.ofSeconds(30),
            () -> get("/api/broker/status", trader).matches(".*\"account_id\":13,\"state\":\"connected\".*"));
        final String order = "\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
            "\"order_type\":\"MARKET\",\"quantity\":1,\"product\":\"MIS\",\"market_protection\":2";

        final HttpResponse<String> unnamed = app.send("POST", "/api/orders", trader, "{" + order + "}");
        assertEquals(400, unnamed.statusCode(), unnamed.body());
        assertEquals("account_id: required when a user has several accounts: name one of yours, [12, 13]",
            JSON.readTree(unnamed.body()).path("message").asText());

        final HttpResponse<String> both = app.send("POST", "/api/orders?account_id=13", trader,
            "{\"account_id\":12," + order + "}");
        assertEquals(400, both.statusCode(), both.body());
        assertEquals("account_id: the body names 12 and the query 13: name one account",
            JSON.readTree(both.body()).path("message").asText());

        final HttpResponse<String> priced = app.send("POST", "/api/margins/orders?account_id=13", trader,
            "{" + order + "}");
        assertEquals(200, priced.statusCode(), priced.body());
        assertEquals(13, JSON.readTree(priced.body()).path("account_id").asLong());

        final HttpResponse<String> placed = app.send("POST", "/api/orders?account_id=13", trader,
            "{\"account_id\":13," + order + "}");
        assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());
        assertEquals(13, JSON.readTree(placed.body()).path("account_id").asLong());
        final HttpResponse<String> queried = app.send("POST", "/api/orders?account_id=13", trader, "{" + order + "}");
        assertTrue(queried.statusCode() == 201 || queried.statusCode() == 202, queried.body());
        assertEquals(13, JSON.readTree(queried.body()).path("account_id").asLong());
    }

    @Test
    void shouldCaptureNothingWhenCaptureIsOff() throws Exception
    {
        GatewayFixture.await("the feed to stream", Duration.ofSeconds(30),
            () -> get("/api/broker/status", admin).matches(".*\"feed_frames\":[1-9].*"));
        assertFalse(Files.exists(app.dataDir().resolve("journal").resolve("capture")));
    }
}
