package io.quantumleap.gateway.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiErrors;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * Prometheus metrics in the text exposition format, for ops: read with an ops or admin session's token, or with the
 * scrape token {@code QLEAP_METRICS_TOKEN} ({@link MetricsTokenValidator}).
 */
@Controller("/metrics")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"ops", "admin", MetricsTokenValidator.ROLE})
@ApiErrors.AnyPath
class PrometheusController
{
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    PrometheusController(final PrometheusMeterRegistry registry)
    {
        this.registry = registry;
    }

    @Get(produces = PROMETHEUS_TEXT)
    @ApiResponse(responseCode = "200", description = "the metrics, in the text exposition format",
        content = @Content(mediaType = PROMETHEUS_TEXT, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "bad_request: a request target that is not a URI",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "401", description = ApiErrors.UNAUTHORIZED + ", or not the scrape token",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "403", description = "forbidden: a session of a user neither ops nor admin",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    String scrape()
    {
        return registry.scrape();
    }
}
