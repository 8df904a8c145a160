package io.quantumleap.gateway.live;

import io.quantumleap.engine.testing.CapturingEventSink;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.engine.testing.CoreHarness;

/** The engine's core driven directly and the gateway's read model fed its events, as the follower feeds it. */
final class LiveHarness
{
    final CoreHarness core = new CoreHarness();
    final Commands commands = core.commands();
    final LiveState live = new LiveState();
    private int applied;

    /** Applies to the read model every event the core made since the last call. */
    void apply()
    {
        final CapturingEventSink events = core.sink();
        for (; applied < events.count(); applied++)
        {
            live.onEvent(events.buffer(), events.offset(applied), events.length(applied));
        }
    }
}
