package io.quantumleap.engine.kite.feed;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReconnectBackoffTest
{
    @Test
    void shouldDoubleUpToTheCap()
    {
        final ReconnectBackoff backoff = new ReconnectBackoff(1000, 30_000, 0.0, () -> 0.0);

        assertEquals(1000, backoff.delayNs(0));
        assertEquals(2000, backoff.delayNs(1));
        assertEquals(16_000, backoff.delayNs(4));
        assertEquals(30_000, backoff.delayNs(5));
        assertEquals(30_000, backoff.delayNs(Integer.MAX_VALUE));
    }

    @Test
    void shouldSpreadDelaysByTheJitterButStayWithinTheCap()
    {
        assertEquals(800, new ReconnectBackoff(1000, 30_000, 0.2, () -> 0.0).delayNs(0));
        assertEquals(1199, new ReconnectBackoff(1000, 30_000, 0.2, () -> 0.9999).delayNs(0));
        assertEquals(30_000, new ReconnectBackoff(1000, 30_000, 0.2, () -> 0.9999).delayNs(10));
    }

    @Test
    void shouldRefuseNonsenseSettings()
    {
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(0, 1, 0, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(1, 2, 1.0, () -> 0));
    }
}
