package io.quantumleap.gateway.runtime;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Closes the engine runtime (or a gateway's link to a remote engine) as the application stops (journal flushed,
 * persister checkpointed, PostgreSQL stopped). The factory's {@code preDestroy} hook is not enough on its own: after
 * requests had used the runtime, Micronaut 4.10 was seen to destroy it under another bean's injection point without
 * calling the hook, leaving the engine, the simulator and PostgreSQL running after a stop. Closing twice is harmless.
 *
 * <p>The scheduled tasks (the session sweep, the alerts' resync, the WebSocket pings) are stopped first, and one that
 * is running is let finish: Micronaut stops their executor only after this event, so they would otherwise go on
 * running against a closed database and log its errors on every clean stop.
 */
@Context
final class EngineShutdown
{
    private static final Logger LOG = LoggerFactory.getLogger(EngineShutdown.class);
    private static final long SCHEDULED_TASKS_WAIT_S = 5;

    private final EngineLink engine;
    private final ExecutorService scheduled;

    EngineShutdown(final EngineLink engine, @Named(TaskExecutors.SCHEDULED) final ExecutorService scheduled)
    {
        this.engine = engine;
        this.scheduled = scheduled;
    }

    @EventListener
    void onShutdown(final ShutdownEvent event)
    {
        scheduled.shutdown();
        try
        {
            if (!scheduled.awaitTermination(SCHEDULED_TASKS_WAIT_S, TimeUnit.SECONDS))
            {
                LOG.warn("a scheduled task still runs after {} s; closing the engine under it", SCHEDULED_TASKS_WAIT_S);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        engine.close();
    }
}
