package io.quantumleap.gateway.ws;

import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.engine.latency.LatencyStage;
import io.quantumleap.engine.latency.StageRecorder;
import org.agrona.concurrent.EpochNanoClock;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the WebSocket fan-out measures, shared by every {@link ClientChannel}: the {@code ws_write} and
 * {@code tick_to_ws} stages of timed ticks (recorded when the socket has written them) and the counts: messages
 * written, ticks conflated (replaced by a newer one of the same instrument before a backlogged client could take
 * them), clients disconnected for being too slow, and client messages refused with an error.
 */
final class FanOutMetrics
{
    final EpochNanoClock clock;
    final StageRecorder wsWrite;
    final StageRecorder tickToWs;
    final LongAdder sent = new LongAdder();
    final LongAdder conflated = new LongAdder();
    final LongAdder disconnected = new LongAdder();
    final LongAdder refused = new LongAdder();

    FanOutMetrics(final LatencyRecorders latency)
    {
        clock = latency.clock();
        wsWrite = latency.stage(LatencyStage.WS_WRITE);
        tickToWs = latency.stage(LatencyStage.TICK_TO_WS);
    }
}
