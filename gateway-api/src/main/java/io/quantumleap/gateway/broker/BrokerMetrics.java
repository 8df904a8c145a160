package io.quantumleap.gateway.broker;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.quantumleap.engine.kite.rest.KiteErrorType;
import io.quantumleap.gateway.runtime.BrokerRuntime;
import io.quantumleap.gateway.runtime.EngineRuntime;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * How the broker's REST side fares, for ops: failed Kite calls by why they failed, and the reconciliations that
 * bring the engine back in step with Kite after a reconnect or a login.
 */
@Requires(beans = EngineRuntime.class)
@Singleton
final class BrokerMetrics
{
    private final MeterRegistry registry;
    private final EngineRuntime engine;

    BrokerMetrics(final MeterRegistry registry, final EngineRuntime engine)
    {
        this.registry = registry;
        this.engine = engine;
    }

    @EventListener
    void register(final StartupEvent event)
    {
        final BrokerRuntime broker = engine.broker();
        for (final KiteErrorType type : KiteErrorType.values())
        {
            FunctionCounter.builder("qleap.broker.rest.errors", broker, b -> b.restErrors(type))
                .tag("type", type.name().toLowerCase(Locale.ROOT))
                .description("Kite REST calls that failed, by Kite's error type or the transport failure")
                .register(registry);
        }
        FunctionCounter.builder("qleap.broker.reconciles", broker, BrokerRuntime::reconcileRuns)
            .description("Reconciliations with Kite's order book, trades and positions, retries included")
            .register(registry);
        FunctionCounter.builder("qleap.broker.reconcile.retries", broker, BrokerRuntime::reconcileRetries)
            .description("Reconciliations retried after a failure that passes (rate limit, timeout, 5xx)")
            .register(registry);
        FunctionCounter.builder("qleap.broker.reconcile.failures", broker, BrokerRuntime::reconcileFailures)
            .description("Reconciliations that failed for good; the next reconnect or login tries again")
            .register(registry);
    }
}
