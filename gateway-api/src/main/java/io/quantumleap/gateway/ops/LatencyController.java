package io.quantumleap.gateway.ops;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.quantumleap.gateway.http.ApiErrors;

/** Per-stage latency histograms and throughput, for the ops page and scripts. */
@Controller("/api/latency")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ApiErrors.SignedIn
class LatencyController
{
    private final LatencyReporter reporter;

    LatencyController(final LatencyReporter reporter)
    {
        this.reporter = reporter;
    }

    /** @return the report of the last completed interval (refreshed once per interval). */
    @Get
    LatencyReport latency()
    {
        return reporter.report();
    }
}
