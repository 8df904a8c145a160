package io.quantumleap.benchmarks.rig;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedRateTickScriptTest
{
    private static final long MS = 1_000_000L;
    private static final long[] TOKENS = {11, 22, 33};

    private final List<long[]> sent = new ArrayList<>();
    private final FixedRateTickScript script = new FixedRateTickScript();

    @Test
    void shouldStayIdleUntilStarted()
    {
        final long next = script.emitDue(100 * MS, (token, volume) -> sent.add(new long[] {token, volume}));

        assertTrue(next > 100 * MS);
        assertEquals(0, sent.size());
    }

    @Test
    void shouldEmitEveryDueTickInOrderAndAnswerWhenTheNextFallsDue()
    {
        final TickSchedule plan = new TickSchedule(10 * MS, 1_000, TOKENS, 2, 6);
        script.start(plan);

        final long next = script.emitDue(12 * MS + 500_000, (token, volume) -> sent.add(new long[] {token, volume}));

        assertEquals(13 * MS, next);
        assertEquals(3, sent.size());
        assertEquals(11, sent.get(0)[0]);
        assertEquals(plan.volume(2), sent.get(2)[1]);
        assertEquals(33, sent.get(2)[0]);
        assertEquals(3, script.sentSeq());
    }

    @Test
    void shouldRecordSenderLagOfMeasuredTicksOnlyAndStopAtTheEnd()
    {
        final TickSchedule plan = new TickSchedule(10 * MS, 1_000, TOKENS, 2, 6);
        script.start(plan);

        script.emitDue(20 * MS, (token, volume) -> sent.add(new long[] {token, volume}));

        assertEquals(6, sent.size());
        assertEquals(6, script.sentSeq());
        assertEquals(4, script.senderLag().getTotalCount());
        assertEquals(1, script.senderLag().getCountAtValue(8 * MS));
        assertEquals(1, script.senderLag().getCountAtValue(5 * MS));
    }

    @Test
    void shouldCountTicksTheSimulatorRefused()
    {
        script.start(new TickSchedule(0, 1_000, TOKENS, 0, 3));

        script.emitDue(5 * MS, (token, volume) -> token != 22);

        assertEquals(1, script.refused());
    }
}
