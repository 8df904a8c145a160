package io.quantumleap.gateway.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

/**
 * Prometheus metrics in the text exposition format, for ops: read with an ops or admin session's token, or with the
 * scrape token {@code QLEAP_METRICS_TOKEN} ({@link MetricsTokenValidator}).
 */
@Controller("/metrics")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"ops", "admin", MetricsTokenValidator.ROLE})
class PrometheusController
{
    private final PrometheusMeterRegistry registry;

    PrometheusController(final PrometheusMeterRegistry registry)
    {
        this.registry = registry;
    }

    @Get(produces = "text/plain; version=0.0.4; charset=utf-8")
    String scrape()
    {
        return registry.scrape();
    }
}
