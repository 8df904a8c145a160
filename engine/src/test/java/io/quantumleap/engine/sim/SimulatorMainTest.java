package io.quantumleap.engine.sim;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorMainTest
{
    @Test
    void shouldParseEveryOption()
    {
        final SimulatorMain main = new SimulatorMain();
        new CommandLine(main).parseArgs("--port", "0", "--instruments", "50", "--tick-rate", "8", "--api-key", "k",
            "--api-secret", "s", "--seed", "9", "--postback-url", "http://127.0.0.1:9/p", "--market-hours");

        assertEquals(0, main.port);
        assertEquals(50, main.instruments);
        assertEquals(8, main.tickRate);
        assertEquals("k", main.apiKey);
        assertEquals("s", main.apiSecret);
        assertEquals(9, main.seed);
        assertEquals("http://127.0.0.1:9/p", main.postbackUrl);
        assertTrue(main.marketHours);
    }

    @Test
    void shouldRefuseANonNumericTickRateWithAUsageError()
    {
        final StringWriter err = new StringWriter();
        final int code = new CommandLine(new SimulatorMain()).setErr(new PrintWriter(err))
            .execute("--tick-rate", "fast");

        assertEquals(2, code);
        assertTrue(err.toString().contains("--tick-rate"));
    }

    @Test
    void shouldRefuseAnOutOfRangeSettingNamingIt()
    {
        final StringWriter err = new StringWriter();
        final int code = new CommandLine(new SimulatorMain()).setErr(new PrintWriter(err))
            .execute("--instruments", "0");

        assertEquals(2, code);
        assertTrue(err.toString().contains("instrumentCount"), err.toString());
    }
}
