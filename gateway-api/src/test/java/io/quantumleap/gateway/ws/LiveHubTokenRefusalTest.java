package io.quantumleap.gateway.ws;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LiveHubTokenRefusalTest
{
    private static final String NOT_TOKENS = " (a positive 32-bit integer); nothing of this message was taken";

    @Test
    void shouldNameTheFirstTwentyElementsThatAreNotTokensAndCountTheRest()
    {
        final List<String> refused = new ArrayList<>();
        IntStream.range(0, 23).forEach(i -> refused.add(i < 20 ? "v[" + i + "]: -" + i : ""));

        final String named = IntStream.range(0, 20).mapToObj(i -> "v[" + i + "]: -" + i)
            .collect(Collectors.joining(", "));
        assertEquals(named + " and 3 more are not instrument tokens" + NOT_TOKENS, LiveHub.notTokens(refused));
        assertEquals("v[0]: -5, v[1]: 1.5 are not instrument tokens" + NOT_TOKENS,
            LiveHub.notTokens(List.of("v[0]: -5", "v[1]: 1.5")));
        assertEquals("v[1]: 1.5 is not an instrument token" + NOT_TOKENS, LiveHub.notTokens(List.of("v[1]: 1.5")));
    }

    @Test
    void shouldNameTheFirstTwentyTokensNoInstrumentHasAndCountTheRest()
    {
        final List<String> unknown = new ArrayList<>();
        IntStream.range(0, 21).forEach(i -> unknown.add(i < 20 ? "v[" + i + "]: " + (i + 1) : ""));

        final String named = IntStream.range(0, 20).mapToObj(i -> "v[" + i + "]: " + (i + 1))
            .collect(Collectors.joining(", "));
        assertEquals(named + " and 1 more are tokens no instrument has", LiveHub.unknownTokens(unknown));
        assertEquals("v[1]: 999 is a token no instrument has", LiveHub.unknownTokens(List.of("v[1]: 999")));
    }
}
