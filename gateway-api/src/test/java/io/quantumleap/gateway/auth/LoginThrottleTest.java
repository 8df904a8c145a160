package io.quantumleap.gateway.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LoginThrottleTest
{
    private static final Instant T0 = Instant.parse("2026-11-30T04:00:00Z");

    private static final class ManualClock extends Clock
    {
        Instant now = T0;

        @Override
        public ZoneOffset getZone()
        {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final java.time.ZoneId zone)
        {
            return this;
        }

        @Override
        public Instant instant()
        {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final LoginThrottle throttle = new LoginThrottle(clock, 3, 10, Duration.ofMinutes(15));

    @Test
    void shouldLockAUserOutAfterRepeatedFailuresAndReleaseLater()
    {
        throttle.onFailure("alice", "10.0.0.1");
        throttle.onFailure("Alice", "10.0.0.2");
        assertNull(throttle.lockedUntil("alice", "10.0.0.3"));

        throttle.onFailure("ALICE", "10.0.0.3");
        assertEquals(T0.plus(Duration.ofMinutes(15)), throttle.lockedUntil("alice", "10.0.0.9"));

        clock.now = T0.plus(Duration.ofMinutes(15));
        assertNull(throttle.lockedUntil("alice", "10.0.0.9"));
    }

    @Test
    void shouldLockAnAddressThatGuessesManyUsers()
    {
        for (int i = 0; i < 10; i++)
        {
            throttle.onFailure("user" + i, "10.0.0.7");
        }

        assertEquals(T0.plus(Duration.ofMinutes(15)), throttle.lockedUntil("someone-else", "10.0.0.7"));
        assertNull(throttle.lockedUntil("someone-else", "10.0.0.8"));
    }

    @Test
    void shouldForgetFailuresAfterASuccessfulLogin()
    {
        throttle.onFailure("bob", "10.0.0.1");
        throttle.onFailure("bob", "10.0.0.1");
        throttle.onSuccess("bob", "10.0.0.1");
        throttle.onFailure("bob", "10.0.0.1");
        throttle.onFailure("bob", "10.0.0.1");

        assertNull(throttle.lockedUntil("bob", "10.0.0.1"));
    }
}
