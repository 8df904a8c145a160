package io.quantumleap.gateway.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

import java.io.File;

/**
 * The data folder's file system as {@code disk_free_bytes} and {@code disk_total_bytes} (tag {@code path}): the journal
 * and the embedded PostgreSQL grow there every trading day, so an alert on it comes before the journal cannot grow.
 * {@code /health} says the same as its {@code diskSpace} check, DOWN below {@code QLEAP_DISK_MIN_FREE}.
 */
@Singleton
final class DataDiskMetrics
{
    private final MeterRegistry registry;
    private final File dataDir;

    DataDiskMetrics(final MeterRegistry registry, @Value("${quantumleap.data-dir}") final String dataDir)
    {
        this.registry = registry;
        this.dataDir = new File(dataDir).getAbsoluteFile();
    }

    @EventListener
    void register(final StartupEvent event)
    {
        new DiskSpaceMetrics(dataDir).bindTo(registry);
    }
}
