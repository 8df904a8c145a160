package io.quantumleap.gateway.support;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;

@Factory
@Requires(property = PinnedClockFactory.PROPERTY, value = "true")
public class PinnedClockFactory
{
    public static final String PROPERTY = "quantumleap.test.pinned-clock";

    @Singleton
    @Replaces(Clock.class)
    PinnedClock clock()
    {
        return new PinnedClock();
    }
}
