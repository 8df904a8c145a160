package io.quantumleap.gateway.http;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MalformedUriTest
{
    @Test
    void shouldLeaveEveryTargetMicronautCanReadUnmarked()
    {
        for (final String target : List.of("/", "/api/orders?x=%25", "/api/instruments?q=%E2%82%AC",
            "/api/instruments?q=\u00e9t\u00e9", "http://127.0.0.1:8080/api/orders?status=OPEN", "api/orders", "",
            "/api/orders;jsessionid=1", "/api/orders#top"))
        {
            assertNull(MalformedUri.fault(target, false), target);
        }
        assertNull(MalformedUri.fault("/api/orders?x=%zz&y=a|b", true));
    }

    @Test
    void shouldNameTheFaultAndShowOnlyPrintableAscii()
    {
        assertEquals("URI '/a?b=%2': '%2' at index 5 is not a percent-escape (% and two hex digits); a % itself is " +
            "written %25", MalformedUri.fault("/a?b=%2", false));
        assertEquals("URI '/a|b': the character '|' at index 2 must be percent-encoded (%7C)",
            MalformedUri.fault("/a|b", false));
        assertEquals("URI '/a%01b': the byte 0x01 at index 2 must be percent-encoded (%01)",
            MalformedUri.fault("/a\u0001b", false));
        assertEquals("URI '/" + "x".repeat(199) + "...': the character '{' at index 300 must be percent-encoded (%7B)",
            MalformedUri.fault("/" + "x".repeat(299) + "{", false));
    }
}
