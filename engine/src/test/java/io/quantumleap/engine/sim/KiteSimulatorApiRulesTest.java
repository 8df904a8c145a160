package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
            "transaction_type", "BUY", "order_type", "LIMIT", "quantity", "1", "price", "1", "product", "NRML",
            "validity", "IOC"));

        assertEquals("Market orders without market protection are not allowed via API; set `market_protection`.",
            bare.get("status_message").asText());
        assertEquals("REJECTED", zero.get("status").asText());
        assertNotEquals("REJECTED", automatic.get("status").asText(), automatic.toString());
        assertEquals("IOC orders are not allowed on MCX via API; use DAY validity.",
            ioc.get("status_message").asText());
    }

    @Test
    void shouldTakeThemWhenTheRulesAreOff() throws Exception
    {
        start(false);

        final JsonNode bare = http.latest(http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "order_type", "MARKET", "quantity", "1", "product", "MIS"));

        assertNotEquals("REJECTED", bare.get("status").asText(), bare.toString());
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
