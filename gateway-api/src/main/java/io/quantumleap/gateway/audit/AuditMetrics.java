package io.quantumleap.gateway.audit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/** The audit entries that could not be written, in {@code /metrics}: each is also a WARN in the log. */
@Singleton
final class AuditMetrics
{
    private final MeterRegistry registry;
    private final Audit audit;

    AuditMetrics(final MeterRegistry registry, final Audit audit)
    {
        this.registry = registry;
        this.audit = audit;
    }

    @EventListener
    void register(final StartupEvent event)
    {
        FunctionCounter.builder("qleap.audit.write.failures", audit, Audit::failures)
            .description("Audit entries that could not be written (each logged at WARN with its type)")
            .register(registry);
    }
}
