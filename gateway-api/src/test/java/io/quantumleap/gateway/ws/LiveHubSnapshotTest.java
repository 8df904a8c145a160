package io.quantumleap.gateway.ws;

import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.websocket.WebSocketSession;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.quantumleap.engine.latency.LatencyRecorders;
import io.quantumleap.engine.latency.LatencyStage;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.testing.CapturingEventSink;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.engine.testing.CoreHarness;
import io.quantumleap.gateway.auth.SessionRegistry;
import io.quantumleap.gateway.auth.UserStore;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.runtime.EngineLink;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveHubSnapshotTest
{
    private static final long INFY = 408_065;
    private static final long HOUR_NS = 3_600_000_000_000L;

    private final long[] nowNs = {1_796_000_000_000_000_000L};
    private final LatencyRecorders latency = new LatencyRecorders(() -> nowNs[0], 1024);
    private final CoreHarness core = new CoreHarness();
    private final Commands commands = core.commands();
    private final LiveState live = new LiveState();
    private final EmbeddedChannel socket = new EmbeddedChannel();
    private final WebSocketSession session = stub(WebSocketSession.class, Map.of("getId", "s1"));
    private final LiveHub hub = new LiveHub(live, stub(UserStore.class, Map.of("findByUsername", Optional.empty())),
        stub(SessionRegistry.class, Map.of()), JsonMapper.createDefault(),
        stub(EngineLink.class, Map.of("latency", latency)), Runnable::run, Duration.ofSeconds(60));
    private int applied;

    @Test
    void shouldRecordALiveTickButNotTheSnapshotASubscriptionStartsWith()
    {
        core.send(commands.equity(nowNs[0], INFY, "INFY"));
        core.send(commands.tick(nowNs[0], INFY, TickMode.QUOTE, 150_000, 1_000, 149_000));
        apply(nowNs[0] + 100_000);
        nowNs[0] += HOUR_NS;
        hub.open(session, socket, Authentication.build("admin"));

        hub.onClientMessage(session, "{\"a\":\"mode\",\"v\":[\"quote\",[" + INFY + "]]}");
        socket.runPendingTasks();

        assertEquals(1, ticksWritten());
        assertEquals(0, samples(LatencyStage.WS_WRITE).getTotalCount());
        assertEquals(0, samples(LatencyStage.TICK_TO_WS).getTotalCount());

        core.send(commands.tick(nowNs[0] - 300_000, INFY, TickMode.QUOTE, 150_005, 1_001, 149_000));
        apply(nowNs[0] - 100_000);
        socket.runPendingTasks();

        assertEquals(1, ticksWritten());
        final Histogram wsWrite = samples(LatencyStage.WS_WRITE);
        final Histogram tickToWs = samples(LatencyStage.TICK_TO_WS);
        assertEquals(1, wsWrite.getTotalCount());
        assertTrue(wsWrite.valuesAreEquivalent(100_000, wsWrite.getMaxValue()), wsWrite.getMaxValue() + " ns");
        assertEquals(1, tickToWs.getTotalCount());
        assertTrue(tickToWs.valuesAreEquivalent(300_000, tickToWs.getMaxValue()), tickToWs.getMaxValue() + " ns");
    }

    private void apply(final long publishedNs)
    {
        final CapturingEventSink events = core.sink();
        for (; applied < events.count(); applied++)
        {
            live.onEvent(events.buffer(), events.offset(applied), events.length(applied), publishedNs);
        }
    }

    private Histogram samples(final LatencyStage stage)
    {
        return latency.stage(stage).intervalHistogram(null).copy();
    }

    private int ticksWritten()
    {
        final List<String> ticks = new ArrayList<>();
        Object frame;
        while ((frame = socket.readOutbound()) != null)
        {
            final String text = ((TextWebSocketFrame)frame).text();
            ((TextWebSocketFrame)frame).release();
            if (text.contains("\"type\":\"tick\""))
            {
                ticks.add(text);
            }
        }
        return ticks.size();
    }

    @SuppressWarnings("unchecked")
    private static <T> T stub(final Class<T> type, final Map<String, Object> answers)
    {
        return (T)Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
        {
            if (answers.containsKey(method.getName()))
            {
                return answers.get(method.getName());
            }
            return switch (method.getName())
            {
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> type.getSimpleName();
                default ->
                {
                    if (method.getReturnType() != void.class)
                    {
                        throw new AssertionError("unexpected call: " + method);
                    }
                    yield null;
                }
            };
        });
    }
}
