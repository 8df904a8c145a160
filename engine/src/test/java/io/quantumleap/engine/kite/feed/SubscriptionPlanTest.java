package io.quantumleap.engine.kite.feed;

import io.quantumleap.engine.protocol.TickMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SubscriptionPlanTest
{
    @Test
    void shouldSpreadInstrumentsAcrossConnectionsWithinTheirLimit()
    {
        final SubscriptionPlan plan = new SubscriptionPlan(3, 3000);
        final long[] tokens = new long[9000];
        for (int i = 0; i < tokens.length; i++)
        {
            tokens[i] = 1000 + i;
        }

        plan.subscribe(tokens, TickMode.QUOTE);

        assertEquals(3000, plan.tokenCount(0));
        assertEquals(3000, plan.tokenCount(1));
        assertEquals(3000, plan.tokenCount(2));
        assertThrows(IllegalStateException.class, () -> plan.subscribe(new long[]{ 1 }, TickMode.LTP));
    }

    @Test
    void shouldSendSubscribeThenModeAndOnlyModeForKnownInstruments()
    {
        final SubscriptionPlan plan = new SubscriptionPlan(1, 10);

        final Map<Integer, List<String>> first = plan.subscribe(new long[]{ 408065 }, TickMode.FULL);
        final Map<Integer, List<String>> second = plan.subscribe(new long[]{ 408065 }, TickMode.LTP);

        assertEquals(List.of("{\"a\":\"subscribe\",\"v\":[408065]}", "{\"a\":\"mode\",\"v\":[\"full\",[408065]]}"),
            first.get(0));
        assertEquals(List.of("{\"a\":\"mode\",\"v\":[\"ltp\",[408065]]}"), second.get(0));
        assertEquals(TickMode.LTP, plan.modeOf(408065));
    }

    @Test
    void shouldRefuseTokensOutsideUint32AndUnknownModesWithoutChangingAnything()
    {
        final SubscriptionPlan plan = new SubscriptionPlan(1, 10);

        assertThrows(IllegalArgumentException.class, () -> plan.subscribe(new long[]{ 1, -5 }, TickMode.LTP));
        assertThrows(IllegalArgumentException.class, () -> plan.subscribe(new long[]{ 1L << 32 }, TickMode.LTP));
        assertThrows(IllegalArgumentException.class, () -> plan.subscribe(new long[]{ 1 }, TickMode.NULL_VAL));

        assertEquals(0, plan.tokenCount(0));
    }

    @Test
    void shouldUnsubscribeAndForgetTheMode()
    {
        final SubscriptionPlan plan = new SubscriptionPlan(2, 10);
        plan.subscribe(new long[]{ 1, 2 }, TickMode.QUOTE);

        final Map<Integer, List<String>> frames = plan.unsubscribe(new long[]{ 1, 99 });

        assertEquals(List.of("{\"a\":\"unsubscribe\",\"v\":[1]}"), frames.get(0));
        assertNull(plan.modeOf(1));
        assertEquals(-1, plan.connectionOf(1));
    }

    @Test
    void shouldSplitLargeSubscriptionsIntoSeveralFrames()
    {
        final SubscriptionPlan plan = new SubscriptionPlan(1, 3000);
        final long[] tokens = new long[2500];
        for (int i = 0; i < tokens.length; i++)
        {
            tokens[i] = i + 1;
        }
        plan.subscribe(tokens, TickMode.FULL);

        final List<String> frames = plan.resubscribeFrames(0);

        assertEquals(6, frames.size());
        assertEquals(0, frames.get(0).indexOf("{\"a\":\"subscribe\""));
        assertEquals(0, frames.get(3).indexOf("{\"a\":\"mode\",\"v\":[\"full\""));
    }
}
