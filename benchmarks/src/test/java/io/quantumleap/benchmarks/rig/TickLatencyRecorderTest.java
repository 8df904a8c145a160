package io.quantumleap.benchmarks.rig;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TickLatencyRecorderTest
{
    private static final long MS = 1_000_000L;
    private static final long US = 1_000L;
    private static final long[] TOKENS = {11, 22, 33, 44};
    private static final TickSchedule PLAN = new TickSchedule(0, 1_000, TOKENS, 8, 20);

    private TickSchedule current = PLAN;
    private final TickLatencyRecorder recorder = new TickLatencyRecorder(() -> current, TOKENS.length);

    @Test
    void shouldRecordLatencyFromTheTicksIntendedSendTime()
    {
        final TickLatencyRecorder.Connection c = recorder.newConnection(new int[] {1});

        recorder.onTick(c, 22, PLAN.volume(9), false, 9 * MS + 100 * US);

        final Histogram h = recorder.intervalHistogram(null);
        assertEquals(1, h.getTotalCount());
        assertEquals(1, h.getCountAtValue(100 * US));
        assertEquals(1, recorder.received());
    }

    @Test
    void shouldRecordEachSupersededTickFromItsOwnIntendedTimeWhenANewerOneArrives()
    {
        final TickLatencyRecorder.Connection c = recorder.newConnection(new int[] {1});
        recorder.onTick(c, 22, PLAN.volume(9), false, 9 * MS + 100 * US);

        recorder.onTick(c, 22, PLAN.volume(17), true, 17 * MS + 50 * US);

        final Histogram h = recorder.intervalHistogram(null);
        assertEquals(3, h.getTotalCount());
        assertEquals(1, h.getCountAtValue(50 * US));
        assertEquals(1, h.getCountAtValue(100 * US));
        assertEquals(1, h.getCountAtValue(4 * MS + 50 * US));
        assertEquals(2, recorder.received());
        assertEquals(1, recorder.superseded());
        assertEquals(1, recorder.conflatedMessages());
    }

    @Test
    void shouldChargeMeasuredTicksMissedRightAfterTheWarmUp()
    {
        final TickLatencyRecorder.Connection c = recorder.newConnection(new int[] {1});
        recorder.onTick(c, 22, PLAN.volume(5), false, 5 * MS + 10 * US);

        recorder.onTick(c, 22, PLAN.volume(13), false, 13 * MS + 10 * US);

        final Histogram h = recorder.intervalHistogram(null);
        assertEquals(2, h.getTotalCount());
        assertEquals(1, h.getCountAtValue(4 * MS + 10 * US));
        assertEquals(1, recorder.warmUpMessages());
        assertEquals(1, recorder.superseded());
    }

    @Test
    void shouldRecordTicksStillMissingAtTheStopAsLost()
    {
        final TickLatencyRecorder.Connection c = recorder.newConnection(new int[] {1, 2});
        recorder.onTick(c, 22, PLAN.volume(9), false, 9 * MS + 100 * US);

        recorder.finish(30 * MS);

        final Histogram h = recorder.intervalHistogram(null);
        assertEquals(6, h.getTotalCount());
        assertEquals(1, h.getCountAtValue(17 * MS));
        assertEquals(1, h.getCountAtValue(20 * MS));
        assertEquals(5, recorder.lost());
        assertEquals(6, recorder.expected());
        assertEquals(recorder.expected(), recorder.received() + recorder.superseded() + recorder.lost());
    }

    @Test
    void shouldSkipRepeatedUnnumberedAndMismatchedTicksWithoutRecording()
    {
        final TickLatencyRecorder.Connection c = recorder.newConnection(new int[] {1});
        recorder.onTick(c, 22, PLAN.volume(9), false, 9 * MS + 100 * US);

        recorder.onTick(c, 22, PLAN.volume(9), false, 10 * MS);
        recorder.onTick(c, 22, 123_456, false, 10 * MS);
        recorder.onTick(c, 33, PLAN.volume(13), false, 13 * MS);
        recorder.onOther();

        assertEquals(1, recorder.intervalHistogram(null).getTotalCount());
        assertEquals(1, recorder.staleMessages());
        assertEquals(1, recorder.foreignMessages());
        assertEquals(1, recorder.mismatchedMessages());
        assertEquals(1, recorder.otherMessages());
    }

    @Test
    void shouldTreatTicksBeforeThePlanStartsAsUnnumbered()
    {
        current = null;
        final TickLatencyRecorder.Connection c = recorder.newConnection(new int[] {1});

        recorder.onTick(c, 22, PLAN.volume(9), false, 9 * MS);
        recorder.finish(30 * MS);

        assertEquals(0, recorder.intervalHistogram(null).getTotalCount());
        assertEquals(1, recorder.foreignMessages());
    }
}
