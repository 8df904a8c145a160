package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteSimulatorPaperUsersTest
{
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(ManualClock.MONDAY_10_00_IST);
    private KiteSimulator sim;
    private SimHttp first;
    private SimHttp second;

    @AfterEach
    void stop()
    {
        if (sim != null)
        {
            sim.close();
        }
    }

    private void start(final Path book) throws Exception
    {
        start(book, SimHttp.context(clock));
    }

    private void start(final Path book, final KiteSimulator.Context context) throws Exception
    {
        if (sim != null)
        {
            sim.close();
        }
        sim = new KiteSimulator(book == null ? context : context.bookFile(book)).start();
        first = new SimHttp(sim);
        first.login();
        second = new SimHttp(sim);
        second.login("ql0002");
    }

    private static String buy(final SimHttp user, final String quantity) throws Exception
    {
        final JsonNode reply = SimHttp.json(user.post("/orders/regular", "exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "quantity", quantity, "product", "CNC", "order_type", "MARKET"));
        assertEquals("success", reply.path("status").asText(), reply.toString());
        return reply.path("data").path("order_id").asText();
    }

    private static JsonNode data(final SimHttp user, final String path) throws Exception
    {
        final HttpResponse<String> response = user.get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return SimHttp.json(response).path("data");
    }

    private long placeStopLoss(final SimHttp user) throws Exception
    {
        final String trigger = SimHttp.price(sim, "NSE", "INFY", 90);
        final String ltp = data(user, "/quote/ltp?i=NSE:INFY").path("NSE:INFY").path("last_price").asText();
        final HttpResponse<String> response = user.post("/gtt/triggers", "type", "single", "condition",
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"trigger_values\":[" + trigger + "],\"last_price\":" +
            ltp + "}", "orders", "[{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"SELL\"," +
            "\"quantity\":1,\"order_type\":\"LIMIT\",\"product\":\"CNC\",\"price\":" + trigger + "}]");
        assertEquals(200, response.statusCode(), response.body());
        return SimHttp.json(response).path("data").path("trigger_id").asLong();
    }

    @Test
    void shouldCountEachPaperUsersRequestsAgainstItsOwnLimits() throws Exception
    {
        start(null, SimHttp.context(clock).otherRequestsPerSecond(10).quoteRequestsPerSecond(1).ordersPerSecond(2));
        final long before = sim.restReplies(429);

        for (int i = 0; i < 10; i++)
        {
            assertEquals(200, first.get("/user/profile").statusCode());
        }
        assertEquals(200, first.get("/quote/ltp?i=NSE:INFY").statusCode());
        buy(first, "1");
        buy(first, "1");
        assertEquals(429, first.get("/user/profile").statusCode());
        assertEquals(429, first.get("/quote/ltp?i=NSE:INFY").statusCode());

        assertEquals(200, second.get("/user/profile").statusCode());
        assertEquals(200, second.get("/quote/ltp?i=NSE:INFY").statusCode());
        buy(second, "1");
        assertEquals(2, sim.restReplies(429) - before);
        clock.advanceMs(1000);
        assertEquals(200, first.get("/user/profile").statusCode());
    }

    @Test
    void shouldGiveEachPaperUserABookOfItsOwn() throws Exception
    {
        start(null);
        assertEquals("QL0001", data(first, "/user/profile").path("user_id").asText());
        assertEquals("QL0002", data(second, "/user/profile").path("user_id").asText());
        final double cash = data(first, "/user/margins/equity").path("net").asDouble();

        final String secondsOrder = buy(second, "3");
        final long secondsTrigger = placeStopLoss(second);

        assertEquals(1, data(second, "/orders").size());
        assertEquals(secondsOrder, data(second, "/orders").get(0).path("order_id").asText());
        assertEquals("QL0002", data(second, "/orders").get(0).path("placed_by").asText());
        assertEquals(1, data(second, "/trades").size());
        assertEquals(3, data(second, "/portfolio/positions").path("net").get(0).path("quantity").asLong());
        assertTrue(data(second, "/user/margins/equity").path("net").asDouble() < cash);
        assertEquals(secondsTrigger, data(second, "/gtt/triggers").get(0).path("id").asLong());

        assertEquals(0, data(first, "/orders").size());
        assertEquals(0, data(first, "/trades").size());
        assertEquals(0, data(first, "/portfolio/positions").path("net").size());
        assertEquals(cash, data(first, "/user/margins/equity").path("net").asDouble(), 1e-9);
        assertEquals(0, data(first, "/gtt/triggers").size());
        assertEquals(400, first.get("/orders/" + secondsOrder).statusCode());
        assertEquals(400, first.get("/gtt/triggers/" + secondsTrigger).statusCode());

        final String firstsOrder = buy(first, "1");
        assertNotEquals(secondsOrder, firstsOrder);
        assertTrue(firstsOrder.compareTo(secondsOrder) > 0, firstsOrder + " after " + secondsOrder);
        assertNotEquals(secondsTrigger, placeStopLoss(first));
        assertEquals(1, data(first, "/orders").size());
        assertEquals(1, data(second, "/orders").size());
    }

    @Test
    void shouldLetEveryPaperUsersHoldersSellIntoAnExchangeAuction() throws Exception
    {
        start(null);
        final String number = sim.openAuction(null, "NSE", "SBIN", 30);

        final JsonNode firstSees = data(first, "/portfolio/holdings/auctions");
        final JsonNode secondSees = data(second, "/portfolio/holdings/auctions");
        final JsonNode sold = SimHttp.json(second.post("/orders/auction", "exchange", "NSE", "tradingsymbol", "SBIN",
            "transaction_type", "SELL", "order_type", "LIMIT", "quantity", "1", "product", "CNC", "price",
            SimHttp.price(sim, "NSE", "SBIN", 100), "auction_number", number));

        assertEquals("1", number);
        assertEquals(1, firstSees.size(), firstSees.toString());
        assertEquals(firstSees.get(0).path("auction_number"), secondSees.get(0).path("auction_number"),
            secondSees.toString());
        assertEquals("success", sold.path("status").asText(), sold.toString());
    }

    @Test
    void shouldSendAUsersOrderUpdatesToItsOwnTickerConnectionsOnly() throws Exception
    {
        start(null);
        final TickerClient firstTicker = TickerClient.connect(sim, first.accessToken);
        final TickerClient secondTicker = TickerClient.connect(sim, second.accessToken);

        final String secondsOrder = buy(second, "2");
        final JsonNode update = SimHttp.MAPPER.readTree(secondTicker.nextText());
        assertEquals("order", update.path("type").asText());
        assertEquals(secondsOrder, update.path("data").path("order_id").asText());
        assertEquals("QL0002", update.path("data").path("user_id").asText());

        final String firstsOrder = buy(first, "1");
        final JsonNode firstsUpdate = SimHttp.MAPPER.readTree(firstTicker.nextText());
        assertEquals(firstsOrder, firstsUpdate.path("data").path("order_id").asText(), firstsUpdate.toString());
        assertEquals("QL0001", firstsUpdate.path("data").path("user_id").asText());
        assertOnlyUpdatesOf(firstsOrder, firstTicker);
        assertOnlyUpdatesOf(secondsOrder, secondTicker);
    }

    private static void assertOnlyUpdatesOf(final String orderId, final TickerClient ticker) throws Exception
    {
        String text;
        while ((text = ticker.text.poll(300, TimeUnit.MILLISECONDS)) != null)
        {
            final JsonNode update = SimHttp.MAPPER.readTree(text);
            assertEquals(orderId, update.path("data").path("order_id").asText(), update.toString());
        }
    }

    @Test
    void shouldCountTickerConnectionsAgainstEachUsersOwnLimit() throws Exception
    {
        start(null);
        for (int i = 0; i < 3; i++)
        {
            TickerClient.connect(sim, first.accessToken).nextBinary();
        }

        final ExecutionException failure = assertThrows(ExecutionException.class,
            () -> TickerClient.connect(sim, first.accessToken));
        assertEquals(429, ((WebSocketHandshakeException)failure.getCause()).getResponse().statusCode());
        final TickerClient secondTicker = TickerClient.connect(sim, second.accessToken);
        final String order = buy(second, "1");
        assertEquals(order, SimHttp.MAPPER.readTree(secondTicker.nextText()).path("data").path("order_id").asText());
    }

    @Test
    void shouldTakeEveryUsersBookBackAfterARestart() throws Exception
    {
        final Path book = dir.resolve("paper-broker.jsonl");
        start(book);
        final String firstsOrder = buy(first, "1");
        final String secondsOrder = buy(second, "4");
        final long secondsTrigger = placeStopLoss(second);
        assertTrue(Files.exists(dir.resolve("paper-broker-QL0002.jsonl")));
        assertTrue(Files.exists(dir.resolve("paper-broker-QL0002-gtt.json")));

        sim.close();
        sim = new KiteSimulator(SimHttp.context(clock).bookFile(book)).start();
        final long triggersBeforeLogin = sim.agent().call(() -> sim.agent().user("QL0002").gtts.all().size());
        assertEquals(1, triggersBeforeLogin);
        first = new SimHttp(sim);
        first.login();
        second = new SimHttp(sim);
        second.login("QL0002");

        assertEquals(firstsOrder, data(first, "/orders").get(0).path("order_id").asText());
        assertEquals(1, data(first, "/orders").size());
        assertEquals(secondsOrder, data(second, "/orders").get(0).path("order_id").asText());
        assertEquals(1, data(second, "/orders").size());
        assertEquals(4, data(second, "/portfolio/positions").path("net").get(0).path("quantity").asLong());
        assertEquals(secondsTrigger, data(second, "/gtt/triggers").get(0).path("id").asLong());
        final String next = buy(second, "1");
        assertTrue(next.compareTo(secondsOrder) > 0 && next.compareTo(firstsOrder) > 0, next);
    }

    @Test
    void shouldRefuseALoginForAUserIdThatIsNotOne() throws Exception
    {
        start(null);
        final HttpResponse<String> response = first.send(HttpRequest.newBuilder(
            URI.create(sim.loginUrl() + "&user_id=%3Cscript%3E")).GET());
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("Invalid `user_id`"), response.body());
    }
}
