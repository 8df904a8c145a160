package io.quantumleap.gateway.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.util.PathMatcher;
import io.micronaut.http.annotation.ServerFilter;
import io.quantumleap.gateway.support.GatewayFixture;
import io.quantumleap.gateway.support.OpenApiDocuments;
import io.quantumleap.gateway.support.OpenApiDocuments.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.quantumleap.gateway.support.OpenApiDocuments.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitSystemTest
{
    private static final Map<String, Object> API_ERROR = Map.of("application/json",
        Map.of("schema", Map.of("$ref", "#/components/schemas/ApiError")));

    private static GatewayFixture app;

    @BeforeAll
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of(
            "quantumleap.rate-limit.user-rate", 1,
            "quantumleap.rate-limit.user-burst", 5,
            "quantumleap.rate-limit.address-rate", 1,
            "quantumleap.rate-limit.address-burst", 40));
        final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        assertEquals(201, app.send("POST", "/api/users", admin,
            "{\"username\":\"loose\",\"password\":\"loose-password-12\",\"roles\":[\"trader\"]}").statusCode());
        assertEquals(201, app.send("POST", "/api/users", admin,
            "{\"username\":\"listed\",\"password\":\"listed-password-12\",\"roles\":[\"trader\"]}").statusCode());
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    @Test
    void shouldRefuseAUserOverTheLimitWith429AndLeaveOtherUsersAlone() throws Exception
    {
        final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        assertEquals(201, app.send("POST", "/api/users", admin,
            "{\"username\":\"calm\",\"password\":\"calm-password-12\",\"roles\":[\"trader\"]}").statusCode());
        final String calm = app.login("calm", "calm-password-12");

        HttpResponse<String> refused = null;
        for (int i = 0; i < 12 && refused == null; i++)
        {
            final HttpResponse<String> response = app.send("GET", "/api/me", admin, null);
            if (response.statusCode() == 429)
            {
                refused = response;
            }
        }

        assertTrue(refused != null, "no request was refused");
        assertTrue(refused.body().contains("\"error\":\"rate_limited\""), refused.body());
        assertTrue(refused.body().contains("user 'admin'"), refused.body());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertEquals(200, app.send("GET", "/api/me", calm, null).statusCode());
        assertTrue(metric(admin, "user") >= 1);
    }

    @Test
    void shouldRefuseAClientAddressOverTheLimitBeforeAuthentication() throws Exception
    {
        String refused = null;
        for (int i = 0; i < 60 && refused == null; i++)
        {
            final String response = getFrom("127.0.0.2", "/api/openapi.yml");
            if (response.startsWith("HTTP/1.1 429"))
            {
                refused = response;
            }
        }

        assertTrue(refused != null, "no request from 127.0.0.2 was refused");
        assertTrue(refused.contains("address 127.0.0.2"), refused);
        assertTrue(refused.toLowerCase(java.util.Locale.ROOT).contains("retry-after:"), refused);
        final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        assertTrue(metric(admin, "address") >= 1);
    }

    @Test
    void shouldCountARequestAgainstTheAddressBeforeLookingForItsRouteButAfterReadingItsLine() throws Exception
    {
        String refused = null;
        for (int i = 0; i < 60 && refused == null; i++)
        {
            final String response = send("127.0.0.3", "GET", "/api/nowhere", null);
            if (response.startsWith("HTTP/1.1 429"))
            {
                refused = response;
            }
        }
        final String nul = send("127.0.0.3", "GET", "/api/nowhere%00", null);

        assertTrue(refused != null, "no request from 127.0.0.3 was refused");
        assertTrue(refused.contains("address 127.0.0.3"), refused);
        assertTrue(nul.startsWith("HTTP/1.1 400"), nul);
        assertTrue(nul.contains("the path: the NUL character (%00) is not allowed"), nul);
    }

    @Test
    void shouldCountARequestAgainstTheUserBeforeReadingItsQuery() throws Exception
    {
        final String loose = app.login("loose", "loose-password-12");

        String refused = null;
        for (int i = 0; i < 12 && refused == null; i++)
        {
            final String response = send("127.0.0.4", "GET", "/api/me?verbose=1", loose);
            if (!response.startsWith("HTTP/1.1 400"))
            {
                refused = response;
            }
        }

        assertTrue(refused != null, "every request was answered 400");
        assertTrue(refused.startsWith("HTTP/1.1 429"), refused);
        assertTrue(refused.contains("user 'loose'"), refused);
    }

    @Test
    void shouldListThe429OnEveryRouteTheLimitsCoverAsTheApiErrorSent() throws Exception
    {
        final Map<String, Object> document = OpenApiDocuments.built();
        final List<String> patterns = new ArrayList<>();
        for (final Class<?> filter : List.of(AddressRateLimitFilter.class, UserRateLimitFilter.class))
        {
            patterns.addAll(List.of(filter.getAnnotation(ServerFilter.class).value()));
        }
        final List<String> problems = new ArrayList<>();
        int covered = 0;
        for (final Operation operation : OpenApiDocuments.operations(document))
        {
            if (patterns.stream().noneMatch(pattern -> PathMatcher.ANT.matches(pattern, operation.path())))
            {
                continue;
            }
            final Map<String, Object> refusal = at(operation.operation(), "responses", "429");
            if (refusal == null || !API_ERROR.equals(refusal.get("content")))
            {
                problems.add(operation.where() + ": its 429 is " + refusal);
            }
            covered++;
        }
        final String listed = app.login("listed", "listed-password-12");
        HttpResponse<String> refused = null;
        for (int i = 0; i < 12 && refused == null; i++)
        {
            final HttpResponse<String> response = app.send("GET", "/api/me", listed, null);
            if (response.statusCode() == 429)
            {
                refused = response;
            }
        }
        assertTrue(refused != null, "no request was refused");
        OpenApiDocuments.check(document, "GET /api/me (429)", new ObjectMapper().readTree(refused.body()),
            at(document, "paths", "/api/me", "get", "responses", "429", "content", "application/json", "schema"),
            problems);

        assertTrue(covered >= 50, "only " + covered + " operations covered by " + patterns);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static double metric(final String token, final String scope) throws Exception
    {
        final HttpResponse<String> metrics = app.send("GET", "/metrics", token, null);
        assertEquals(200, metrics.statusCode());
        final Matcher m = Pattern.compile("qleap_http_rate_limited_total\\{scope=\"" + scope + "\"} ([0-9.E]+)")
            .matcher(metrics.body());
        assertTrue(m.find(), metrics.body());
        return Double.parseDouble(m.group(1));
    }

    private static String getFrom(final String localAddress, final String path) throws Exception
    {
        return send(localAddress, "GET", path, null);
    }

    private static String send(final String localAddress, final String method, final String path,
        final String token) throws Exception
    {
        try (Socket socket = new Socket())
        {
            socket.setSoTimeout(10_000);
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", app.server().getPort()), 5_000);
            final OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" +
                (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
