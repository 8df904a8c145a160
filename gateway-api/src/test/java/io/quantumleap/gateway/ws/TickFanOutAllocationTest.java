package io.quantumleap.gateway.ws;

import io.netty.channel.embedded.EmbeddedChannel;
import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.live.TickJson;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TickFanOutAllocationTest
{
    private static final int CLIENTS = 40;
    private static final int INSTRUMENTS = 10;
    private static final int WARM_UP = 24_000;
    private static final int MEASURED = 12_000;

    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
    private final FanOutMetrics metrics = new FanOutMetrics(new LatencyRecorders());
    private final TickFanOut fanOut = new TickFanOut();
    private final EmbeddedChannel[] sockets = new EmbeddedChannel[CLIENTS];
    private final TickJson[] ticks = new TickJson[INSTRUMENTS];

    @Test
    void shouldHandATickToEverySubscriberWithoutAllocating()
    {
        for (int c = 0; c < CLIENTS; c++)
        {
            sockets[c] = new EmbeddedChannel();
            final ClientChannel client = new ClientChannel(
                sockets[c], "s" + c, Set.of(), 1024, 16, 1024, Long.MAX_VALUE, metrics, t -> null);
            for (int i = 0; i < INSTRUMENTS; i++)
            {
                client.modes().put((long)i + 1, 2);
                fanOut.add(i + 1, client, 2);
            }
        }
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            final String json = "{\"type\":\"tick\",\"data\":{\"instrument_token\":" + (i + 1) + "}}";
            ticks[i] = new TickJson(i + 1, i, json, json, json, 0, LiveState.UNMEASURED);
        }

        run(WARM_UP);
        final long allocated = run(MEASURED);

        assertEquals(0, allocated);
    }

    private long run(final int ticksToSend)
    {
        long allocated = 0;
        for (int k = 0; k < ticksToSend; k += 64)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = k; i < k + 64; i++)
            {
                fanOut.onTick(ticks[i % INSTRUMENTS]);
            }
            allocated += threads.getCurrentThreadAllocatedBytes() - before;
            for (final EmbeddedChannel socket : sockets)
            {
                socket.runPendingTasks();
                socket.outboundMessages().clear();
            }
        }
        return allocated;
    }
}
