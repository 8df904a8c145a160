package io.quantumleap.gateway.http;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.simple.SimpleHttpRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RequestTargetFilterTest
{
    private static final RequestTargetFilter FILTER = new RequestTargetFilter();

    @Test
    void shouldRefuseATargetMalformedUriMarkedOnAnyPathWithItsFault()
    {
        final SimpleHttpRequest<Object> request = new SimpleHttpRequest<>(HttpMethod.GET, "/", null);
        request.getHeaders().add(MalformedUri.HEADER, "URI '/a|b': the character '|' at index 2 must be " +
            "percent-encoded (%7C)");

        assertEquals("400 URI '/a|b': the character '|' at index 2 must be percent-encoded (%7C)",
            answer(request));
    }

    @Test
    void shouldRefuseANulInAnApiPath()
    {
        assertEquals("400 the path: the NUL character (%00) is not allowed", answer(get("/api/orders%00")));
        assertEquals("400 the path: the NUL character (%00) is not allowed", answer(get("/api/%00")));
    }

    @Test
    void shouldLeaveATargetWithoutANulAndANulOutsideTheApiToTheFiltersAfterIt()
    {
        assertNull(FILTER.filter(get("/api/orders?status=OPEN&x=%2500")));
        assertNull(FILTER.filter(get("/")));
        assertNull(FILTER.filter(get("/assets/app%00.js?x=%00")));
        assertNull(FILTER.filter(get("/apiary?x=%00")));
        assertNull(FILTER.filter(get("/api%00")));
    }

    private static SimpleHttpRequest<Object> get(final String target)
    {
        return new SimpleHttpRequest<>(HttpMethod.GET, target, null);
    }

    private static String answer(final SimpleHttpRequest<Object> request)
    {
        final MutableHttpResponse<?> response = FILTER.filter(request);
        return response.code() + " " + ((ApiError)response.getBody().orElseThrow()).message();
    }
}
