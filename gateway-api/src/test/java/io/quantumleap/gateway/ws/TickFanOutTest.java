package io.quantumleap.gateway.ws;

import io.netty.channel.embedded.EmbeddedChannel;
import io.quantumleap.engine.latency.LatencyRecorders;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickFanOutTest
{
    private final FanOutMetrics metrics = new FanOutMetrics(new LatencyRecorders());
    private final TickFanOut fanOut = new TickFanOut();
    private final ClientChannel first = client("a");
    private final ClientChannel second = client("b");

    @Test
    void shouldSayWhenTheLastSubscriberLeavesAndForgetTheTokenOnlyWhileNobodySubscribes()
    {
        assertTrue(fanOut.add(408_065, first, 2));
        assertFalse(fanOut.add(408_065, second, 3));
        assertFalse(fanOut.remove(408_065, first));
        assertFalse(fanOut.dropIfUnwatched(408_065));

        assertTrue(fanOut.remove(408_065, second));
        assertFalse(fanOut.remove(408_065, second));
        assertEquals(1, fanOut.tokens());
        assertFalse(fanOut.add(408_065, first, 2), "still known: the feed keeps streaming it");
        assertTrue(fanOut.remove(408_065, first));

        assertTrue(fanOut.dropIfUnwatched(408_065));
        assertFalse(fanOut.dropIfUnwatched(408_065));
        assertEquals(0, fanOut.tokens());
        assertTrue(fanOut.add(408_065, second, 1), "forgotten: the feed must be asked again");
    }

    @Test
    void shouldNotSayATokenNobodySubscribedLostItsLastSubscriber()
    {
        assertFalse(fanOut.remove(256_265, first));
        assertFalse(fanOut.dropIfUnwatched(256_265));
    }

    private ClientChannel client(final String id)
    {
        return new ClientChannel(new EmbeddedChannel(), id, Set.of(), 16, 16, 16, Long.MAX_VALUE, metrics, t -> null);
    }
}
