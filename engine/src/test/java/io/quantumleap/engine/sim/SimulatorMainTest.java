package io.quantumleap.engine.sim;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorMainTest
{
    @Test
    void shouldParseEveryOption()
    {
        final SimulatorMain main = new SimulatorMain();
        new CommandLine(main).parseArgs("--port", "0", "--instruments", "50", "--tick-rate", "8", "--api-key", "k",
            "--api-secret", "s", "--seed", "9", "--postback-url", "http://127.0.0.1:9/p", "--market-hours",
            "--auction", "NSE:SBIN", "--auction", "NSE:INFY:30", "--volatility", "16.8", "--reversion-minutes", "2.4");

        assertEquals(0, main.port);
        assertEquals(50, main.instruments);
        assertEquals(8, main.tickRate);
        assertEquals("k", main.apiKey);
        assertEquals("s", main.apiSecret);
        assertEquals(9, main.seed);
        assertEquals("http://127.0.0.1:9/p", main.postbackUrl);
        assertTrue(main.marketHours);
        assertEquals(List.of("NSE:SBIN", "NSE:INFY:30"), main.auctions);
        assertEquals(16.8, main.volatilityPercent);
        assertEquals(2.4, main.reversionMinutes);
    }

    @Test
    void shouldTakeThePaperUsersWithoutHistoricalData()
    {
        final SimulatorMain main = new SimulatorMain();
        new CommandLine(main).parseArgs("--no-historical-data", "ql0002", "--no-historical-data", "QL0003");

        assertEquals(List.of("ql0002", "QL0003"), main.noHistoricalData);
    }

    @Test
    void shouldRefuseANonNumericTickRateWithAUsageError()
    {
        final StringWriter err = new StringWriter();
        final int code = SimulatorMain.commandLine().setErr(new PrintWriter(err)).execute("--tick-rate", "fast");

        assertEquals(2, code);
        assertEquals("qleap sim: Invalid value for option '--tick-rate': 'fast' is not an int; see ./qleap sim " +
            "--help" + System.lineSeparator(), err.toString());
    }

    @Test
    void shouldRefuseAnUnknownOptionInOneLine()
    {
        final StringWriter err = new StringWriter();
        final int code = SimulatorMain.commandLine().setErr(new PrintWriter(err)).execute("--bogus");

        assertEquals(2, code);
        assertEquals("qleap sim: Unknown option: '--bogus'; see ./qleap sim --help" + System.lineSeparator(),
            err.toString());
    }

    @Test
    void shouldRefuseAnOutOfRangeSettingNamingItsOption()
    {
        assertRefused("qleap sim: --instruments: must be 1..20000, not 0; see ./qleap sim --help",
            "--instruments", "0");
        assertRefused("qleap sim: --tick-rate: must be 0..1000, not -1; see ./qleap sim --help", "--tick-rate", "-1");
        assertRefused("qleap sim: --port: must be 0..65535, not 70000; see ./qleap sim --help", "--port", "70000");
        assertRefused("qleap sim: --volatility: must be a percent in (0, 100], not 0.0; see ./qleap sim --help",
            "--volatility", "0");
        assertRefused("qleap sim: --volatility: must be a percent in (0, 100], not NaN; see ./qleap sim --help",
            "--volatility", "NaN");
        assertRefused("qleap sim: --reversion-minutes: must be above 0 and at most 1000000, not -1.0; see ./qleap " +
            "sim --help", "--reversion-minutes", "-1");
        assertRefused("qleap sim: --api-key: must not be blank, not ' '; see ./qleap sim --help", "--api-key", " ");
        assertRefused("qleap sim: --postback-url: must be an http(s) URL, not ftp://x; see ./qleap sim --help",
            "--postback-url", "ftp://x");
        assertRefused("qleap sim: --auction: must be EXCHANGE:SYMBOL or EXCHANGE:SYMBOL:MINUTES, not 'NSE'; see " +
            "./qleap sim --help", "--auction", "NSE");
        assertRefused("qleap sim: --auction: must be EXCHANGE:SYMBOL or EXCHANGE:SYMBOL:MINUTES, not 'NSE:SBIN:x'; " +
            "see ./qleap sim --help", "--auction", "NSE:SBIN:x");
    }

    private static void assertRefused(final String line, final String... args)
    {
        final StringWriter err = new StringWriter();
        final int code = SimulatorMain.commandLine().setErr(new PrintWriter(err)).execute(args);

        assertEquals(2, code);
        assertEquals(line + System.lineSeparator(), err.toString());
    }

    @Test
    void shouldRefuseAnAuctionOfAnInstrumentTheSimulatorHasNot()
    {
        final StringWriter err = new StringWriter();
        final int code = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> SimulatorMain.commandLine()
            .setErr(new PrintWriter(err)).execute("--port", "0", "--instruments", "1", "--auction", "NSE:NOSUCH"));

        assertEquals(2, code);
        assertEquals("qleap sim: --auction: no instrument NSE:NOSUCH; see ./qleap sim --help" +
            System.lineSeparator(), err.toString());
    }

    @Test
    void shouldSayInOneLineThatThePortIsInUse() throws Exception
    {
        try (ServerSocket taken = new ServerSocket())
        {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            final int port = taken.getLocalPort();
            final StringWriter err = new StringWriter();
            final int code = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> SimulatorMain.commandLine()
                .setErr(new PrintWriter(err)).execute("--port", Integer.toString(port), "--instruments", "1"));

            assertEquals(1, code);
            assertEquals("qleap sim: port " + port + " is in use: stop what holds it, or pick another with --port " +
                "(0 takes any free port)" + System.lineSeparator(), err.toString());
        }
    }
}
