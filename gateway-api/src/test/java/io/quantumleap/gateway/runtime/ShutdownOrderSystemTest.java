package io.quantumleap.gateway.runtime;

import io.micronaut.scheduling.TaskScheduler;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShutdownOrderSystemTest
{
    @Test
    void shouldStopScheduledTasksBeforeTheDatabaseTheyReadCloses() throws Exception
    {
        final List<String> failures = new CopyOnWriteArrayList<>();
        final AtomicInteger reads = new AtomicInteger();
        final GatewayFixture app = new GatewayFixture(Map.of());
        final EngineLink engine = app.bean(EngineLink.class);
        app.bean(TaskScheduler.class).scheduleWithFixedDelay(Duration.ZERO, Duration.ofMillis(1), () ->
        {
            try
            {
                engine.storage().alerts().active();
                reads.incrementAndGet();
            }
            catch (final RuntimeException ex)
            {
                failures.add(ex.toString());
            }
        });
        GatewayFixture.await("the scheduled task reading", Duration.ofSeconds(10), () -> reads.get() > 10);

        app.close();

        assertEquals(0, failures.size(), () -> failures.size() + " reads failed, the first: " + failures.get(0));
        assertTrue(reads.get() > 10);
    }
}
