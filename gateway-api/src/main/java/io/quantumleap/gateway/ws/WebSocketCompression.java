package io.quantumleap.gateway.ws;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.quantumleap.gateway.http.ConnectionPipelines;
import jakarta.inject.Singleton;

/**
 * Whether a WebSocket client that offers {@code permessage-deflate} gets it. Off by default
 * ({@code quantumleap.ws.compression}, {@code QLEAP_WS_COMPRESSION}): the HTTP server answers without the extension
 * and every client gets plain frames.
 *
 * <p>Why off: browsers offer the extension on every connection, and the server (Micronaut puts Netty's
 * {@code WebSocketServerCompressionHandler} in every HTTP pipeline) accepts it. With it, each client's frames are
 * compressed with that client's own deflate context, on the event loop that writes the ticks: the tick's bytes made
 * once for every subscriber ({@link io.quantumleap.gateway.live.TickJson#bytesForMode}) are compressed again for each,
 * and a full tick of about 700 bytes cost the loop about 11 µs more per client (20 clients on one loop, 2026-12-04,
 * benchmarks/README.md). Ticks are small and frequent; on loopback or a LAN the bytes saved are worth less than the
 * time. A dashboard on a slow remote link can have it back with {@code QLEAP_WS_COMPRESSION=true}.
 */
@Singleton
final class WebSocketCompression implements BeanCreatedEventListener<NettyServerCustomizer.Registry>
{
    /** The name Micronaut gives Netty's compression handler in the pipeline. */
    static final String HANDLER_NAME = "WebSocketServerCompressionHandler";

    private final boolean enabled;

    WebSocketCompression(@Value("${quantumleap.ws.compression:false}") final boolean enabled)
    {
        this.enabled = enabled;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(final BeanCreatedEvent<NettyServerCustomizer.Registry> event)
    {
        final NettyServerCustomizer.Registry registry = event.getBean();
        if (!enabled)
        {
            // Taken out of each connection's pipeline once Micronaut has built it.
            ConnectionPipelines.onEachBuilt(registry, pipeline ->
            {
                if (pipeline.get(HANDLER_NAME) != null)
                {
                    pipeline.remove(HANDLER_NAME);
                }
            });
        }
        return registry;
    }
}
