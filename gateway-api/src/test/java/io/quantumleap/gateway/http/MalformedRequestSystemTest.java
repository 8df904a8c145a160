package io.quantumleap.gateway.http;

import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MalformedRequestSystemTest
{
    private static final String ORDER = "\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
        "\"order_type\":\"LIMIT\",\"quantity\":1,\"product\":\"CNC\"";

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
    void shouldAnswerAJsonLikeContentTypeNoRouteTakes415() throws Exception
    {
        for (final String type : List.of("text/json", "application/json-patch+json"))
        {
            final HttpResponse<String> orders = sendTyped("POST", "/api/orders", admin, type, "{" + ORDER + "}");
            final HttpResponse<String> risk = sendTyped("PUT", "/api/risk", admin, type, "{}");
            final HttpResponse<String> login = sendTyped("POST", "/api/auth/login", null, type, "{}");

            assertEquals(415, orders.statusCode(), type + " " + orders.body());
            assertEquals("{\"error\":\"unsupported_media_type\",\"message\":\"the body must be JSON " +
                "(Content-Type: application/json), got " + type + "\"}", orders.body());
            assertEquals(415, risk.statusCode(), type + " " + risk.body());
            assertEquals(415, login.statusCode(), type + " " + login.body());
        }
    }

    private static HttpResponse<String> sendTyped(final String method, final String path, final String token,
        final String type, final String body) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.server().getURL() + path))
            .header("Content-Type", type)
            .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        return app.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
