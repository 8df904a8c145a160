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
