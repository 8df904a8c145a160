package io.quantumleap.benchmarks.rig;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.PrimitiveIterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineNoiseTest
{
    @Test
    void shouldCountTheGapsBetweenReadsOfTheClockByLength()
    {
        final PrimitiveIterator.OfLong clock =
            LongStream.of(0, 1_000, 2_000, 30_000, 31_000, 91_000, 92_000, 292_000, 293_000, 294_000).iterator();

        final MachineNoise.Gaps gaps = MachineNoise.Gaps.spin(clock::nextLong, 293_000);

        assertEquals(293_000, gaps.spanNs);
        assertEquals(28_000 + 60_000 + 200_000, gaps.lostNs);
        assertEquals(3, gaps.over20us);
        assertEquals(2, gaps.over50us);
        assertEquals(1, gaps.over100us);
        assertEquals(200_000, gaps.longestNs);
        assertEquals(294_000, clock.nextLong());
    }

    @Test
    void shouldSumThreadsIntoSharesAndRatesPerThreadSecond()
    {
        final MachineNoise.Gaps a = new MachineNoise.Gaps();
        a.spanNs = TimeUnit.SECONDS.toNanos(1);
        a.lostNs = TimeUnit.MILLISECONDS.toNanos(30);
        a.over20us = 600;
        a.over50us = 40;
        a.over100us = 2;
        a.longestNs = 900_000;
        final MachineNoise.Gaps b = new MachineNoise.Gaps();
        b.spanNs = TimeUnit.SECONDS.toNanos(1);
        b.lostNs = TimeUnit.MILLISECONDS.toNanos(10);
        b.over20us = 200;
        b.over50us = 20;
        b.longestNs = 80_000;

        final MachineNoise.Result result = MachineNoise.sum(List.of(a, b));

        assertEquals(2, result.threads());
        assertEquals(1.0, result.seconds(), 1e-9);
        assertEquals(0.02, result.lostShare(), 1e-9);
        assertEquals(400, result.over20usPerS(), 1e-9);
        assertEquals(30, result.over50usPerS(), 1e-9);
        assertEquals(1, result.over100usPerS(), 1e-9);
        assertEquals(900_000, result.longestNs());
        assertEquals("a thread spinning on each of the 2 CPUs for 1.0 s lost 2.0% of its time; per CPU 400 gaps/s "
            + "over 20 us, 30.0 over 50 us, 1.0 over 100 us; longest 900 us", result.describe());
    }

    @Test
    void shouldMeasureThisMachine() throws InterruptedException
    {
        final MachineNoise.Result result = MachineNoise.measure(1, TimeUnit.MILLISECONDS.toNanos(100));

        assertEquals(1, result.threads());
        assertTrue(result.seconds() >= 0.1 && result.seconds() < 1, "spun " + result.seconds() + " s");
        assertTrue(result.lostShare() >= 0 && result.lostShare() < 1, "lost " + result.lostShare());
        assertTrue(result.over20usPerS() >= result.over50usPerS() && result.over50usPerS() >= result.over100usPerS());
    }
}
