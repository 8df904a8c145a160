package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.quantumleap.engine.sim.SimHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteSimulatorApiRulesTest
{
    private final ManualClock clock = new ManualClock(ManualClock.MONDAY_10_00_IST);
    private KiteSimulator sim;
    private SimHttp http;

    private void start(final boolean rules) throws Exception
    {
        sim = new KiteSimulator(SimHttp.context(clock).requireMarketProtection(rules)).start();
        http = new SimHttp(sim);
        http.login();
    }

    @AfterEach
    void stop()
    {
        sim.close();
    }

    @Test
    void shouldRefuseMarketOrdersWithoutProtectionAndIocOnMcxAsKiteDoesForApiOrders() throws Exception
    {
        start(true);
        final String crude = mcxFuture();

        final JsonNode bare = http.latest(http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "order_type", "MARKET", "quantity", "1", "product", "MIS"));
        final JsonNode zero = http.latest(http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "order_type", "MARKET", "quantity", "1", "product", "MIS",
            "market_protection", "0"));
        final JsonNode automatic = http.latest(http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "order_type", "MARKET", "quantity", "1", "product", "MIS",
            "market_protection", "-1"));
        final JsonNode ioc = http.latest(http.placeOrder("exchange", "MCX", "tradingsymbol", crude,
            "transaction_type", "BUY", "order_type", "MARKET", "quantity", "1", "product", "NRML",
            "market_protection", "-1", "validity", "IOC"));

        assertEquals("Market orders without market protection are not allowed via API; set `market_protection`.",
            bare.get("status_message").asText());
        assertEquals("REJECTED", zero.get("status").asText());
        assertNotEquals("REJECTED", automatic.get("status").asText(), automatic.toString());
        assertEquals("IOC orders are not allowed on MCX via API; use DAY validity.",
            ioc.get("status_message").asText());
    }

    @Test
    void shouldKeepTheMarketProtectionSentAndTagTheOrderWithKitesMktpTags() throws Exception
    {
        start(true);

        final JsonNode automatic = http.latest(http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "order_type", "MARKET", "quantity", "1", "product", "MIS",
            "market_protection", "-1"));
        final JsonNode twoPercent = http.latest(http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "order_type", "MARKET", "quantity", "1", "product", "MIS",
            "market_protection", "2", "tag", "QL42"));
        final double ltp = json(http.get("/quote/ltp?i=NSE:INFY")).get("data").get("NSE:INFY").get("last_price")
            .asDouble();
        final JsonNode limit = http.latest(http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "order_type", "LIMIT", "quantity", "1", "price",
            String.format(Locale.ROOT, "%.2f", Math.floor(ltp * 0.95 * 20) / 20), "product", "MIS", "tag", "mine"));

        assertEquals(-1, automatic.get("market_protection").asDouble());
        assertTrue(automatic.get("tag").isNull(), automatic.toString());
        assertEquals(List.of("mktp", "mktp:3.00"), tags(automatic));
        assertEquals(2, twoPercent.get("market_protection").asDouble());
        assertEquals("QL42", twoPercent.get("tag").asText());
        assertEquals(List.of("QL42", "mktp", "mktp:2.00"), tags(twoPercent));
        assertEquals("OPEN", limit.get("status").asText(), limit.toString());
        assertEquals(0, limit.get("market_protection").asDouble());
        assertEquals(List.of("mine"), tags(limit));
        assertEquals(List.of("mktp", "mktp:3.00"), tags(json(http.get("/orders")).get("data").get(0)));

        final HttpResponse<String> toMarket = http.put("/orders/regular/" + limit.get("order_id").asText(),
            "order_type", "MARKET");
        assertEquals(400, toMarket.statusCode(), toMarket.body());
        assertEquals("Market orders without market protection are not allowed via API, and a modify cannot set " +
            "`market_protection`; cancel the order and place a MARKET order with it.",
            json(toMarket).get("message").asText());
        assertEquals("LIMIT", http.latest(limit.get("order_id").asText()).get("order_type").asText());
    }

    @Test
    void shouldTakeThemWhenTheRulesAreOff() throws Exception
    {
        start(false);

        final JsonNode bare = http.latest(http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "order_type", "MARKET", "quantity", "1", "product", "MIS"));

        assertNotEquals("REJECTED", bare.get("status").asText(), bare.toString());
    }

    private static List<String> tags(final JsonNode order)
    {
        final List<String> tags = new ArrayList<>();
        for (final JsonNode tag : order.get("tags"))
        {
            tags.add(tag.asText());
        }
        return tags;
    }

    private String mcxFuture() throws Exception
    {
        for (final String line : http.get("/instruments/MCX").body().split("\n"))
        {
            final String[] cells = line.split(",");
            if (cells.length > 2 && cells[2].startsWith("CRUDEOIL") && line.contains(",FUT,"))
            {
                return cells[2];
            }
        }
        throw new AssertionError("no CRUDEOIL future listed");
    }
}
