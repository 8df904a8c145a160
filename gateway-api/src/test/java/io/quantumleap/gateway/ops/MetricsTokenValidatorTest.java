package io.quantumleap.gateway.ops;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MetricsTokenValidatorTest
{
    @Test
    void shouldRefuseAScrapeTokenShorterThan32CharactersNamingTheSetting()
    {
        final ConfigurationException refused =
            assertThrows(ConfigurationException.class, () -> new MetricsTokenValidator("short-token"));

        assertEquals("QLEAP_METRICS_TOKEN: give at least 32 characters (for example `openssl rand -hex 32`), not 11",
            refused.getMessage());
    }
}
