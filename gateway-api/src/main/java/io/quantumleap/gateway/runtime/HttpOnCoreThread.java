package io.quantumleap.gateway.runtime;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.EventLoopGroupConfiguration;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ManualIoEventLoop;
import io.netty.channel.nio.NioIoHandler;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * Where the HTTP server's connections live ({@code quantumleap.engine.http-thread}, {@code QLEAP_HTTP_THREAD}): on
 * event loops of their own (Micronaut's {@code default} group, {@code QLEAP_EVENT_LOOPS} threads), or on the event
 * loop the engine core thread serves while it waits, the one the Kite feed's connections live on. {@code auto}, the
 * default, picks the core thread when the engine runs in this process, the core thread serves a loop (the feed is on
 * it: the default below 4 CPUs) and the server would have one event loop.
 *
 * <p>On the core thread a tick is read, decoded, journaled, applied and written to its WebSocket clients in one pass
 * of one thread: the gateway follower runs as a task of that loop after each batch of the core, with no thread to
 * wake. The price: what the server does on its event loop (parsing requests, security filters, the WebSocket
 * handlers, writing responses) runs between the core's batches. Every controller runs on the blocking executor
 * ({@code GatewayArchitectureTest} holds them to it), sessions are checked from memory on the loop and read from
 * the database off it ({@code SessionTokenValidator}, {@code StoredSessionRegistry}), and a WebSocket client's
 * accounts are read off it ({@code LiveHub}): nothing the server does on the loop waits for the database.
 *
 * <p>Micronaut makes its {@code default} group as usual and this listener hands out the core's loop in its place; the
 * group Micronaut made has started no thread yet and is shut down at once. The engine pipeline is given the same loop
 * ({@link io.quantumleap.engine.pipeline.PipelineContext#ioLoop}); its core thread owns it and shuts it down, closing
 * the server's connections, when the engine closes.
 */
@Singleton
public final class HttpOnCoreThread implements BeanCreatedEventListener<EventLoopGroup>
{
    static final String PROPERTY = "quantumleap.engine.http-thread";

    private final ManualIoEventLoop loop;

    HttpOnCoreThread(
        @Value("${quantumleap.role}") final String role,
        @Value("${" + PROPERTY + "}") final String httpThread,
        @Value("${quantumleap.engine.wait-strategy:}") final String waitStrategy,
        @Value("${quantumleap.engine.journal-thread:}") final String journalThread,
        @Value("${quantumleap.engine.feed-thread:}") final String feedThread,
        @Value("${micronaut.netty.event-loops.default.num-threads}") final int eventLoops)
    {
        final boolean engineHere = Deployment.Role.parse(role) != Deployment.Role.GATEWAY;
        final boolean onCore = onCoreThread(httpThread, engineHere,
            engineHere && EngineRuntime.pipelineContext(waitStrategy, journalThread, feedThread).coreThreadServesIo(),
            eventLoops);
        loop = onCore ? new ManualIoEventLoop(null, null, NioIoHandler.newFactory()) : null;
    }

    /**
     * @param setting      own, core or auto.
     * @param engineHere   whether the engine runs in this process.
     * @param coreServesIo whether its core thread serves an event loop.
     * @param eventLoops   the event loops the server would have of its own.
     * @return whether the HTTP server's connections go on the core thread's loop.
     * @throws IllegalArgumentException naming the property for an unknown setting, or for core where there is no
     *                                  loop of the core thread to go on.
     */
    static boolean onCoreThread(
        final String setting, final boolean engineHere, final boolean coreServesIo, final int eventLoops)
    {
        return switch (setting)
        {
            case "own" -> false;
            case "auto" -> engineHere && coreServesIo && eventLoops == 1;
            case "core" ->
            {
                if (!engineHere || !coreServesIo)
                {
                    throw new IllegalArgumentException(PROPERTY + "=core (QLEAP_HTTP_THREAD) needs the engine in " +
                        "this process with its core thread serving the Kite feed (QLEAP_FEED_THREAD=core or auto, " +
                        "QLEAP_JOURNAL_THREAD=core, QLEAP_WAIT_STRATEGY=parking); " +
                        (engineHere ? "the core thread serves no event loop" : "this process is a gateway"));
                }
                yield true;
            }
            default -> throw new IllegalArgumentException(
                PROPERTY + "=" + setting + " (QLEAP_HTTP_THREAD): expected own, core or auto");
        };
    }

    /** @return the core thread's loop the HTTP server runs on, or null when the server has event loops of its own. */
    public ManualIoEventLoop loop()
    {
        return loop;
    }

    @Override
    public EventLoopGroup onCreated(final BeanCreatedEvent<EventLoopGroup> event)
    {
        if (loop == null || !EventLoopGroupConfiguration.DEFAULT.equals(event.getBeanIdentifier().getName()))
        {
            return event.getBean();
        }
        event.getBean().shutdownGracefully(0, 0, TimeUnit.NANOSECONDS);
        return loop;
    }
}
