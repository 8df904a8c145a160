package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class KiteSimulatorDeterminismTest
{
    @Test
    void shouldReplayTheSameSessionForTheSameSeedClockAndCalls() throws Exception
    {
        final List<String> first = run(11);
        assertEquals(first, run(11));
        for (final String output : first)
        {
            assertFalse(output.contains("\"status\":\"error\""), output);
        }
    }

    @Test
    void shouldProduceADifferentMarketForAnotherSeed() throws Exception
    {
        assertNotEquals(run(11), run(12));
    }

    private static List<String> run(final long seed) throws Exception
    {
        final ManualClock clock = new ManualClock(ManualClock.MONDAY_10_00_IST);
        final List<String> outputs = new ArrayList<>();
        try (KiteSimulator sim = new KiteSimulator(SimHttp.context(clock).seed(seed)).start())
        {
            final SimHttp http = new SimHttp(sim);
            http.login();
            outputs.add(http.get("/user/profile").body());
            outputs.add(http.get("/instruments").body());
            for (int round = 0; round < 5; round++)
            {
                sim.step(10);
                clock.advanceMs(1_000);
                http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type",
                    round % 2 == 0 ? "BUY" : "SELL", "order_type", "MARKET", "quantity", "3", "product", "MIS");
                outputs.add(http.get("/quote?i=NSE:INFY&i=NSE:SBIN&i=NSE:NIFTY+50").body());
            }
            final JsonNode infy = SimHttp.json(http.get("/quote/ltp?i=NSE:INFY")).get("data").get("NSE:INFY");
            final double ltp = infy.get("last_price").asDouble();
            outputs.add(http.post("/orders/co", "exchange", "NSE", "tradingsymbol", "INFY", "transaction_type", "BUY",
                "order_type", "MARKET", "quantity", "2", "product", "MIS", "trigger_price",
                Double.toString(Math.floor(ltp * 0.99 * 20) / 20)).body());
            outputs.add(http.post("/orders/iceberg", "exchange", "NSE", "tradingsymbol", "INFY", "transaction_type",
                "BUY", "order_type", "LIMIT", "quantity", "9", "product", "CNC", "price",
                Double.toString(Math.floor(ltp * 1.01 * 20) / 20), "iceberg_legs", "3", "iceberg_quantity", "3")
                .body());
            for (final String symbol : new String[] { "CDS:USDINR26DECFUT", "MCX:CRUDEOIL26DECFUT", "BSE:INFY" })
            {
                sim.step(5);
                outputs.add(http.get("/quote?i=" + symbol).body());
            }
            clock.advanceMs(10 * 3_600_000L);
            outputs.add(http.post("/orders/amo", "exchange", "NSE", "tradingsymbol", "SBIN", "transaction_type",
                "BUY", "order_type", "MARKET", "quantity", "1", "product", "CNC").body());
            outputs.add(http.get("/orders").body());
            outputs.add(http.get("/trades").body());
            outputs.add(http.get("/portfolio/positions").body());
        }
        return outputs;
    }
}
