package io.quantumleap.gateway.runtime;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;

/**
 * Closes the engine runtime (or a gateway's link to a remote engine) as the application stops (journal flushed,
 * persister checkpointed, PostgreSQL stopped). The factory's {@code preDestroy} hook is not enough on its own: after
 * requests had used the runtime, Micronaut 4.10 was seen to destroy it under another bean's injection point without
 * calling the hook, leaving the engine, the simulator and PostgreSQL running after a stop. Closing twice is harmless.
 */
@Context
final class EngineShutdown
{
    private final EngineLink engine;

    EngineShutdown(final EngineLink engine)
    {
        this.engine = engine;
    }

    @EventListener
    void onShutdown(final ShutdownEvent event)
    {
        engine.close();
    }
}
