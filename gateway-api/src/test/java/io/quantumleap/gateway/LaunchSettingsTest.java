package io.quantumleap.gateway;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LaunchSettingsTest
{
    @Test
    void shouldRefuseATokenLifetimeItCannotReadOrThatIsNotLongerThanZero()
    {
        assertEquals("QLEAP_TOKEN_TTL 'banana' is not a duration: a whole number and a unit (s, m, h or d), " +
            "e.g. 8h, 30m or 1d", QuantumLeap.tokenTtlRefused("banana"));
        assertEquals("QLEAP_TOKEN_TTL '8 h' is not a duration: a whole number and a unit (s, m, h or d), " +
            "e.g. 8h, 30m or 1d", QuantumLeap.tokenTtlRefused("8 h"));
        assertEquals("QLEAP_TOKEN_TTL '0s' must be longer than zero, e.g. 8h", QuantumLeap.tokenTtlRefused("0s"));
        assertEquals("QLEAP_TOKEN_TTL '-1h' must be longer than zero, e.g. 8h", QuantumLeap.tokenTtlRefused("-1h"));
    }

    @Test
    void shouldTakeEveryDurationTheConfigurationReads()
    {
        for (final String ttl : new String[] {"8h", "30m", "1d", "90s", "PT8H"})
        {
            assertNull(QuantumLeap.tokenTtlRefused(ttl), ttl);
        }
        assertNull(QuantumLeap.tokenTtlRefused(null));
        assertNull(QuantumLeap.tokenTtlRefused(""));
    }

    @Test
    void shouldTakeTheRoleOffTheCommandLineAndLeaveTheRestToMicronaut()
    {
        final Map<String, Object> settings = new HashMap<>();
        final List<String> rest = new ArrayList<>();

        assertNull(QuantumLeap.arguments(new String[] {"run", "--role", "Engine", "--x=y"}, settings, rest));

        assertEquals(Map.of("quantumleap.role", "engine"), settings);
        assertEquals(List.of("run", "--x=y"), rest);
        assertNull(QuantumLeap.arguments(new String[] {"run", "--role=gateway"}, settings, rest));
        assertEquals(Map.of("quantumleap.role", "gateway"), settings);
    }

    @Test
    void shouldRefuseAnUnknownOrMissingRoleInOneLine()
    {
        final Map<String, Object> settings = new HashMap<>();
        final List<String> rest = new ArrayList<>();
        assertEquals("--role 'bogus': expected all, engine or gateway",
            QuantumLeap.arguments(new String[] {"run", "--role", "bogus"}, settings, rest));
        assertEquals("--role needs a value: all, engine or gateway",
            QuantumLeap.arguments(new String[] {"run", "--role"}, settings, rest));
        assertEquals("--role needs a value: all, engine or gateway",
            QuantumLeap.arguments(new String[] {"run", "--role="}, settings, rest));
        assertEquals("--role needs a value: all, engine or gateway",
            QuantumLeap.arguments(new String[] {"run", "--role", "--x=y"}, settings, rest));
        assertEquals(Map.of(), settings);
        assertEquals("QLEAP_ROLE 'bogus': expected all, engine or gateway",
            QuantumLeap.roleRefused("QLEAP_ROLE", "bogus"));
        assertNull(QuantumLeap.roleRefused("QLEAP_ROLE", "all"));
    }
}
