package io.quantumleap.gateway.ops;

import io.quantumleap.gateway.runtime.EngineLink;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class LatencyShutdownSystemTest
{
    @Test
    void shouldStopSamplingWithoutAnErrorOnceTheEngineIsClosed() throws Exception
    {
        try (GatewayFixture app = new GatewayFixture(Map.of("quantumleap.latency.interval", "1h",
            "quantumleap.latency.log-interval", "1h", "quantumleap.latency.recent-window", "6h")))
        {
            final LatencyReporter reporter = app.bean(LatencyReporter.class);
            final LatencyReport first = reporter.report();
            reporter.sample();
            final LatencyReport open = reporter.report();
            assertNotSame(first, open);

            app.bean(EngineLink.class).close();

            assertDoesNotThrow(reporter::sample);
            assertSame(open, reporter.report());
        }
    }
}
