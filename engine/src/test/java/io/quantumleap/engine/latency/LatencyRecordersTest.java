package io.quantumleap.engine.latency;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyRecordersTest
{
    @Test
    void shouldRecordSpansPerIntervalAndStartAFreshIntervalOnEachSwap()
    {
        final LatencyRecorders latency = new LatencyRecorders(new SteppingClock(0, 1), 16);
        final StageRecorder core = latency.stage(LatencyStage.CORE);
        assertSame(LatencyStage.CORE, core.stage());
        core.record(100, 1_100);
        core.record(5_000, 9_000);

        final Histogram first = core.intervalHistogram(null);
        assertEquals(2, first.getTotalCount());
        assertTrue(first.valuesAreEquivalent(1_000, first.getMinValue()));
        assertTrue(first.valuesAreEquivalent(4_000, first.getMaxValue()));

        core.record(0, 250);
        final Histogram second = core.intervalHistogram(first);
        assertEquals(1, second.getTotalCount());
        assertTrue(second.valuesAreEquivalent(250, second.getMaxValue()));
    }

    @Test
    void shouldCountABackwardClockStepInsteadOfRecordingItAndClampTheLongestSpans()
    {
        final LatencyRecorders latency = new LatencyRecorders();
        for (final LatencyStage stage : LatencyStage.values())
        {
            final StageRecorder recorder = latency.stage(stage);
            recorder.record(2_000, 1_000);
            recorder.record(0, Long.MAX_VALUE);
            final Histogram h = recorder.intervalHistogram(null);
            assertEquals(1, recorder.clockSteps(), stage.id());
            assertEquals(1, h.getTotalCount(), stage.id());
            assertTrue(h.valuesAreEquivalent(LatencyRecorders.HIGHEST_NS, h.getMaxValue()), stage.id());
        }
    }

    @Test
    void shouldAnswerCoreTimesOnlyForIndicesStillInTheRing()
    {
        final CoreTimestamps times = new LatencyRecorders(new SteppingClock(0, 1), 8).coreTimestamps();
        assertEquals(CoreTimestamps.UNKNOWN, times.get(0));
        assertEquals(CoreTimestamps.UNKNOWN, times.get(42));
        for (long index = 100; index < 108; index++)
        {
            times.put(index, index * 10);
        }
        for (long index = 100; index < 108; index++)
        {
            assertEquals(index * 10, times.get(index));
        }
        times.put(108, 1_080);
        assertEquals(CoreTimestamps.UNKNOWN, times.get(100), "overwritten by index 108");
        assertEquals(1_080, times.get(108));
        assertEquals(CoreTimestamps.UNKNOWN, times.get(116), "same slot, never written");
    }

    @Test
    void shouldNeverPairATimeWithTheWrongIndexWhileTheCoreWrites() throws Exception
    {
        final CoreTimestamps times = new LatencyRecorders(new SteppingClock(0, 1), 64).coreTimestamps();
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicLong mismatches = new AtomicLong();
        final AtomicLong hits = new AtomicLong();
        final AtomicLong written = new AtomicLong(-1);
        final Thread reader = new Thread(() ->
        {
            long n = 0;
            while (!done.get())
            {
                final long probe = Math.max(0, written.get() - n++ % 80);
                final long t = times.get(probe);
                if (t != CoreTimestamps.UNKNOWN)
                {
                    hits.incrementAndGet();
                    if (t != probe * 3)
                    {
                        mismatches.incrementAndGet();
                    }
                }
            }
        });
        reader.start();
        for (long index = 0; index < 2_000_000 || hits.get() < 1_000 && index < 200_000_000; index++)
        {
            times.put(index, index * 3);
            written.lazySet(index);
        }
        done.set(true);
        reader.join();
        assertEquals(0, mismatches.get());
        assertTrue(hits.get() >= 1_000);
    }
}
