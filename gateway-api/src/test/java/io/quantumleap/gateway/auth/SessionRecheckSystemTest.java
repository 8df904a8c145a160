package io.quantumleap.gateway.auth;

import io.quantumleap.gateway.support.GatewayFixture;
import io.quantumleap.persistence.Storage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionRecheckSystemTest
{
    @Test
    void shouldAnswerAStaleSessionFromMemoryAndRefuseItOnceTheDatabaseSaysItWasRevokedElsewhere() throws Exception
    {
        try (GatewayFixture app = new GatewayFixture(Map.of("quantumleap.auth.session-recheck", "300ms")))
        {
            final String token = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
            assertEquals(200, app.send("GET", "/api/me", token, null).statusCode());

            assertTrue(app.bean(Storage.class).sessions().revoke(sessionId(token), Instant.now()));
            Thread.sleep(400);

            assertEquals(200, app.send("GET", "/api/me", token, null).statusCode());
            GatewayFixture.await("the revocation seen", Duration.ofSeconds(10), () -> status(app, token) == 401);
            assertEquals(401, app.send("GET", "/api/me", token, null).statusCode());
        }
    }

    private static int status(final GatewayFixture app, final String token)
    {
        try
        {
            return app.send("GET", "/api/me", token, null).statusCode();
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static String sessionId(final String jwt)
    {
        final String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        final Matcher sid = Pattern.compile("\"" + SessionTokenValidator.SESSION_CLAIM + "\":\"([^\"]+)\"")
            .matcher(payload);
        assertTrue(sid.find(), payload);
        return sid.group(1);
    }
}
