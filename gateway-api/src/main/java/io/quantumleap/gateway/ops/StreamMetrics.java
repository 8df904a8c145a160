package io.quantumleap.gateway.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.quantumleap.engine.transport.EventStreamClient;
import io.quantumleap.engine.transport.EventStreamServer;
import io.quantumleap.gateway.runtime.EngineLink;
import io.quantumleap.gateway.runtime.EngineRuntime;
import io.quantumleap.gateway.runtime.RemoteEngine;
import jakarta.inject.Singleton;

/**
 * The engine's Aeron stream in {@code /metrics}: what the engine serves (commands from gateways, catch-up sessions)
 * or, in a gateway of a split deployment, what it follows (events applied, gaps, catch-ups). The counters are read
 * from other threads, so a scrape may be a moment behind.
 */
@Singleton
final class StreamMetrics
{
    private final MeterRegistry registry;
    private final EngineLink engine;

    StreamMetrics(final MeterRegistry registry, final EngineLink engine)
    {
        this.registry = registry;
        this.engine = engine;
    }

    @EventListener
    void register(final StartupEvent event)
    {
        final EngineRuntime local = engine.local();
        if (local != null)
        {
            final EventStreamServer server = local.streamServer();
            FunctionCounter.builder("qleap.stream.commands.in", server, EventStreamServer::commandsIn)
                .description("Commands gateways put into the engine's ring over the stream").register(registry);
            FunctionCounter.builder("qleap.stream.catchup.sessions", server, EventStreamServer::catchUpSessions)
                .description("Catch-up sessions served to followers from the out journal").register(registry);
            FunctionCounter.builder("qleap.stream.catchup.events", server, EventStreamServer::catchUpEvents)
                .description("Events sent by catch-up sessions").register(registry);
            FunctionCounter.builder("qleap.stream.control.malformed", server, EventStreamServer::malformedRequests)
                .description("Control requests refused as malformed").register(registry);
            Gauge.builder("qleap.stream.followers.connected", server, s -> s.followersConnected() ? 1 : 0)
                .description("1 while at least one follower receives the live events").register(registry);
        }
        else if (engine instanceof RemoteEngine remote)
        {
            final EventStreamClient client = remote.stream();
            FunctionCounter.builder("qleap.stream.events.applied", client, EventStreamClient::applied)
                .description("Engine events this gateway applied, each once and in order").register(registry);
            FunctionCounter.builder("qleap.stream.gaps", client, EventStreamClient::gaps)
                .description("Gaps seen on the live stream (each answered by a catch-up)").register(registry);
            FunctionCounter.builder("qleap.stream.catchups", client, EventStreamClient::catchUps)
                .description("Catch-up sessions this gateway requested").register(registry);
            Gauge.builder("qleap.stream.live", client, c -> c.live() ? 1 : 0)
                .description("1 while this gateway applies the live stream (0 while catching up)").register(registry);
        }
    }
}
