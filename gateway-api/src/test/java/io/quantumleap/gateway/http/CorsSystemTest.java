package io.quantumleap.gateway.http;

import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorsSystemTest
{
    private static final Set<String> READ_BY_CLIENTS = new TreeSet<>(List.of("allow", "content-disposition",
        "retry-after", "x-unknown-instruments", "x-unknown-instruments-count"));

    private static GatewayFixture app;
    private static String admin;

    @BeforeAll
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of());
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    @Test
    void shouldLetAScriptOfAnAllowedOriginReadTheHeadersTheApiSetsForClients() throws Exception
    {
        for (final String origin : List.of("http://localhost:5173", "http://127.0.0.1:8080", "https://localhost"))
        {
            final HttpResponse<String> openApi = get("/api/openapi.yml", origin, null);
            final HttpResponse<String> me = get("/api/me", origin, admin);
            final HttpResponse<String> nowhere = get("/api/nowhere", origin, null);

            assertEquals(200, openApi.statusCode(), origin);
            assertEquals(origin, openApi.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
            assertEquals(READ_BY_CLIENTS, exposed(openApi), origin);
            assertEquals(200, me.statusCode(), origin + " " + me.body());
            assertEquals(READ_BY_CLIENTS, exposed(me), origin);
            assertEquals(404, nowhere.statusCode(), origin + " " + nowhere.body());
            assertEquals(READ_BY_CLIENTS, exposed(nowhere), origin);
        }
    }

    @Test
    void shouldExposeNoHeaderToAnOriginNotAllowed() throws Exception
    {
        for (final String origin : List.of("https://elsewhere.example", "http://localhost.example", "null"))
        {
            final HttpResponse<String> openApi = get("/api/openapi.yml", origin, null);

            assertTrue(openApi.headers().allValues("Access-Control-Expose-Headers").isEmpty(),
                origin + " " + openApi.headers());
            assertTrue(openApi.headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
                origin + " " + openApi.headers());
        }
    }

    private static HttpResponse<String> get(final String path, final String origin, final String token)
        throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.server().getURL() + path))
            .header("Origin", origin);
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        return app.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> exposed(final HttpResponse<String> response)
    {
        final Set<String> names = new TreeSet<>();
        for (final String value : response.headers().allValues("Access-Control-Expose-Headers"))
        {
            Arrays.stream(value.split(",")).map(name -> name.strip().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty()).forEach(names::add);
        }
        return names;
    }
}
