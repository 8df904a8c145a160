package io.quantumleap.benchmarks.rig;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickToWebSocketRigTest
{
    private static String problemWith(final String... args)
    {
        final TickToWebSocketRig rig = new TickToWebSocketRig();
        new CommandLine(rig).parseArgs(args);
        return rig.validate();
    }

    @Test
    void shouldAcceptTheSettingsOfTheSystemUnderTestWithinTheirRanges()
    {
        assertNull(problemWith());
        assertNull(problemWith("--journal-thread", "core", "--feed-thread", "own", "--follower-spin-us", "0"));
        assertNull(problemWith("--feed-thread", "auto", "--follower-spin-us", "1000", "--event-loops", "2"));
        assertNull(problemWith("--http-thread", "own"));
    }

    @Test
    void shouldTakeItsDefaultFoldersFromTheCheckoutItIsGivenWhereverItRuns()
    {
        final TickToWebSocketRig rig = new TickToWebSocketRig();
        System.setProperty("qleap.checkout", "/opt/qleap");
        try
        {
            new CommandLine(rig).parseArgs();
        }
        finally
        {
            System.clearProperty("qleap.checkout");
        }

        assertEquals(Path.of("/opt/qleap/gateway-api/target"), rig.gatewayDir);
        assertEquals(Path.of("/opt/qleap/benchmarks/target/rig"), rig.out);
    }

    @Test
    void shouldTakeItsDefaultFoldersFromTheWorkingDirectoryWithoutACheckout()
    {
        final TickToWebSocketRig rig = new TickToWebSocketRig();

        new CommandLine(rig).parseArgs();

        assertEquals(Path.of("gateway-api/target"), rig.gatewayDir.normalize());
        assertEquals(Path.of("benchmarks/target/rig"), rig.out.normalize());
    }

    @Test
    void shouldRefuseAnUnknownOptionOrAValueOfTheWrongKindInOneLine()
    {
        for (final String[] args : new String[][] {{"--bogus"}, {"--rate", "fast"}, {"stray"}})
        {
            final StringWriter err = new StringWriter();
            final CommandLine commandLine = TickToWebSocketRig.commandLine();
            commandLine.setErr(new PrintWriter(err, true));
            commandLine.setOut(new PrintWriter(new StringWriter(), true));

            assertEquals(2, commandLine.execute(args), String.join(" ", args));
            final String said = err.toString();
            assertEquals(1, said.lines().count(), said);
            assertTrue(said.startsWith("qleap bench rig: ") && said.contains(args[args.length - 1]) &&
                said.strip().endsWith("see ./qleap bench rig --help"), said);
        }
    }

    @Test
    void shouldNameTheSettingThatIsOutOfRange()
    {
        assertEquals("feed-thread: must be own, core or auto, got io", problemWith("--feed-thread", "io"));
        assertEquals("follower-spin-us: must be 0 to 1,000, got 1001", problemWith("--follower-spin-us", "1001"));
        assertEquals("follower-spin-us: must be 0 to 1,000, got -1", problemWith("--follower-spin-us", "-1"));
        assertEquals("journal-thread: must be own, core or auto, got disk", problemWith("--journal-thread", "disk"));
        assertEquals("http-thread: must be own, core or auto, got gpu", problemWith("--http-thread", "gpu"));
        assertEquals("mode: must be quote or full (ltp ticks carry no volume to number them), got ltp",
            problemWith("--mode", "ltp"));
    }

    @Test
    void shouldSayWhenTheMachinesNoiseAloneReachesTheP99()
    {
        assertEquals("note: before the run the host or the kernel took more than 50 us from each CPU 150 times a "
            + "second: about 1.5% of ticks meet such a gap whatever the system does, so the p99 here holds the "
            + "machine's noise (see 'machine noise' below)",
            TickToWebSocketRig.noiseNote(new MachineNoise.Result(2, 1, 0.07, 1_300, 150, 20, 2_000_000)));
        assertNull(TickToWebSocketRig.noiseNote(new MachineNoise.Result(2, 1, 0.01, 300, 40, 2, 150_000)));
    }

    @Test
    void shouldSayWhatWakingASleepingClientAddsToTheWrite()
    {
        final Histogram wsWrite = new Histogram(3);
        wsWrite.recordValue(44_000);

        assertEquals("note: here a write that wakes a client asleep on loopback costs the writer 29.5 us more than "
            + "one to a client that polls (see 'loopback write' below); the rig's clients sleep between their ticks, "
            + "so each tick written to one the kernel wakes on another CPU carries it in ws_write (p50 44.0 us), "
            + "which a client on another machine does not cost the server; that one bare write had a p99 of 80.0 us "
            + "(80% of the 100 us target for the whole path)",
            TickToWebSocketRig.wakeNote(new LoopbackWriteCost.Result(500, 35_000, 80_000, 5_500, 18_000), wsWrite));
        assertNull(TickToWebSocketRig.wakeNote(new LoopbackWriteCost.Result(500, 9_000, 20_000, 5_000, 9_000),
            wsWrite));
        assertNull(TickToWebSocketRig.wakeNote(null, wsWrite));
    }

    @Test
    void shouldTellAReservationTheKernelRefusedFromOneGivenUp()
    {
        final OptionalDouble no = OptionalDouble.of(0);
        assertTrue(TickToWebSocketRig.coreScheduling(no, no, OptionalDouble.of(1))
            .startsWith("CPU reservation refused by the kernel or the machine"));
        assertEquals("CPU reservation not held at the end, given up for the normal class 1 times since start",
            TickToWebSocketRig.coreScheduling(no, OptionalDouble.of(1), no));
        assertEquals("CPU reservation (SCHED_DEADLINE) held at the end, given up for the normal class 0 times since "
            + "start", TickToWebSocketRig.coreScheduling(OptionalDouble.of(1), no, no));
        assertTrue(TickToWebSocketRig.coreScheduling(OptionalDouble.empty(), OptionalDouble.empty(),
            OptionalDouble.empty())
            .startsWith("no CPU reservation"));
    }
}
