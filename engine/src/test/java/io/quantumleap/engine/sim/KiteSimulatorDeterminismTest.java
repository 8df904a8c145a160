package io.quantumleap.engine.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class KiteSimulatorDeterminismTest
{
    @Test
    void shouldReplayTheSameSessionForTheSameSeedClockAndCalls() throws Exception
    {
        assertEquals(run(11), run(11));
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
            outputs.add(http.login());
            outputs.add(http.get("/instruments").body());
            for (int round = 0; round < 5; round++)
            {
                sim.step(10);
                clock.advanceMs(1_000);
                http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type",
                    round % 2 == 0 ? "BUY" : "SELL", "order_type", "MARKET", "quantity", "3", "product", "MIS");
                outputs.add(http.get("/quote?i=NSE:INFY&i=NSE:SBIN&i=NSE:NIFTY+50").body());
            }
            outputs.add(http.get("/orders").body());
            outputs.add(http.get("/trades").body());
            outputs.add(http.get("/portfolio/positions").body());
        }
        return outputs;
    }
}
