package io.quantumleap.gateway.http;

import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecurityHeadersSystemTest
{
    private static final List<String> HEADERS = List.of("x-content-type-options: nosniff", "x-frame-options: deny",
        "referrer-policy: no-referrer", "cross-origin-opener-policy: same-origin",
        "permissions-policy: camera=(), microphone=(), geolocation=()", "content-security-policy: default-src 'self'");

    private static GatewayFixture app;

    @BeforeAll
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of(
            "quantumleap.rate-limit.address-rate", 1,
            "quantumleap.rate-limit.address-burst", 30));
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    @Test
    void shouldSendTheSecurityHeadersOnEveryAnswerAFilterOrTheServerMakesBeforeAnyRoute() throws Exception
    {
        String rateLimited = null;
        for (int i = 0; i < 80 && rateLimited == null; i++)
        {
            final String answer = answer("127.0.0.5", "GET /api/openapi.yml HTTP/1.1\r\n");
            if (answer.startsWith("HTTP/1.1 429"))
            {
                rateLimited = answer;
            }
        }
        final Map<String, String> answers = new LinkedHashMap<>();
        answers.put("malformed URI", answer("127.0.0.1", "GET /api/or\\ders HTTP/1.1\r\n"));
        answers.put("NUL in the path", answer("127.0.0.1", "GET /api/orders%00 HTTP/1.1\r\n"));
        answers.put("NUL in the query", answer("127.0.0.1", "GET /api/orders?x=%00 HTTP/1.1\r\n"));
        answers.put("address rate limit", rateLimited);
        answers.put("no route", answer("127.0.0.1", "GET /api/nowhere HTTP/1.1\r\n"));
        answers.put("a method the path does not take", answer("127.0.0.1", "PATCH /api/orders HTTP/1.1\r\n"));
        answers.put("a body no route takes", answer("127.0.0.1", "POST /api/orders HTTP/1.1\r\n" +
            "Content-Type: text/plain\r\nContent-Length: 1\r\n\r\nx"));
        answers.put("no token", answer("127.0.0.1", "GET /api/me HTTP/1.1\r\n"));
        answers.put("a query parameter the route does not take", answer("127.0.0.1",
            "GET /api/me?x=1 HTTP/1.1\r\nAuthorization: Bearer " + app.login("admin", GatewayFixture.ADMIN_PASSWORD) +
            "\r\n"));
        answers.put("the request line too long", answer("127.0.0.1",
            "GET /api/instruments?q=" + "a".repeat(5000) + " HTTP/1.1\r\n"));
        answers.put("headers too large", answer("127.0.0.1", "GET /api/me HTTP/1.1\r\nX-Note: " + "n".repeat(9000) +
            "\r\n"));
        answers.put("the dashboard", answer("127.0.0.1", "GET / HTTP/1.1\r\n"));
        final String preflight = answer("127.0.0.1", "OPTIONS /api/orders HTTP/1.1\r\n" +
            "Origin: http://localhost:5173\r\nAccess-Control-Request-Method: POST\r\n");
        final String refusedPreflight = answer("127.0.0.1", "OPTIONS /api/orders HTTP/1.1\r\n" +
            "Origin: https://elsewhere.example\r\nAccess-Control-Request-Method: POST\r\n");
        answers.put("a CORS preflight from an allowed origin", preflight);
        answers.put("a CORS preflight from an origin not allowed", refusedPreflight);

        final Map<String, String> missing = new LinkedHashMap<>();
        answers.forEach((what, answer) ->
        {
            final String head = answer == null ? "" : answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")))
                .toLowerCase(Locale.ROOT);
            final List<String> absent = HEADERS.stream().filter(header -> !head.contains("\r\n" + header)).toList();
            if (answer == null || !absent.isEmpty())
            {
                missing.put(what, answer == null ? "no answer" : head);
            }
        });
        assertEquals(Map.of(), missing);
        assertTrue(rateLimited.contains("address 127.0.0.5"), rateLimited);
        assertTrue(preflight.startsWith("HTTP/1.1 200"), preflight);
        assertTrue(preflight.toLowerCase(Locale.ROOT).contains(
            "\r\naccess-control-allow-origin: http://localhost:5173"), preflight);
        assertTrue(refusedPreflight.startsWith("HTTP/1.1 403"), refusedPreflight);
    }

    private static String answer(final String localAddress, final String request) throws IOException
    {
        try (Socket socket = new Socket())
        {
            socket.setSoTimeout(10_000);
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", app.server().getPort()), 5_000);
            final OutputStream out = socket.getOutputStream();
            final int headEnd = request.indexOf("\r\n\r\n");
            out.write((headEnd < 0 ? request + "Host: localhost\r\nConnection: close\r\n\r\n" :
                request.substring(0, headEnd + 2) + "Host: localhost\r\nConnection: close\r\n" +
                request.substring(headEnd + 2)).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            final InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
