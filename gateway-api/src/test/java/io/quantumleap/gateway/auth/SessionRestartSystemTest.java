package io.quantumleap.gateway.auth;

import io.quantumleap.gateway.support.GatewayFixture;
import io.quantumleap.gateway.ws.LiveHub;
import io.quantumleap.persistence.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionRestartSystemTest
{
    private static GatewayFixture app;

    @BeforeAll
    static void start()
    {
        app = new GatewayFixture(Map.of());
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldKeepALiveTokenAndRefuseALoggedOutOneAfterARestartOnTheSameDataFolder() throws Exception
    {
        final String kept = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        final String loggedOut = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        assertEquals(200, app.send("GET", "/api/me", kept, null).statusCode());
        assertEquals(204, app.send("POST", "/api/auth/logout", loggedOut, null).statusCode());

        app.restart();

        final HttpResponse<String> me = app.send("GET", "/api/me", kept, null);
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().contains("\"username\":\"admin\""), me.body());
        assertEquals(401, app.send("GET", "/api/me", loggedOut, null).statusCode());
        assertEquals(204, app.send("POST", "/api/auth/logout", kept, null).statusCode());
        assertEquals(401, app.send("GET", "/api/me", kept, null).statusCode());
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldLetAConnectedWebSocketGoWithACloseFrameWhenTheApplicationStops() throws Exception
    {
        final String token = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        final CompletableFuture<String> closed = new CompletableFuture<>();
        app.webSocket(token, text -> { },
            (code, reason) -> closed.complete(code + " " + reason));
        GatewayFixture.await("the client registered", Duration.ofSeconds(10),
            () -> app.bean(LiveHub.class).clients() == 1);

        app.restart();

        assertEquals("1001 the server is stopping; reconnect once it is back", closed.get(10, TimeUnit.SECONDS));
        final HttpResponse<String> me = app.send("GET", "/api/me", token, null);
        assertEquals(200, me.statusCode(), me.body());
    }

    @Test
    void shouldLogOutEverySessionOfAUserWhoIsDisabled() throws Exception
    {
        final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        final HttpResponse<String> created = app.send("POST", "/api/users", admin,
            "{\"username\":\"leaver\",\"password\":\"leaver-password-1\",\"roles\":[\"trader\"]}");
        assertEquals(201, created.statusCode(), created.body());
        final Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(created.body());
        assertTrue(id.find(), created.body());
        final String token = app.login("leaver", "leaver-password-1");
        assertEquals(200, app.send("GET", "/api/me", token, null).statusCode());

        assertEquals(200, app.send("PUT", "/api/users/" + id.group(1), admin, "{\"enabled\":false}").statusCode());

        assertEquals(401, app.send("GET", "/api/me", token, null).statusCode());
        assertEquals(200, app.send("GET", "/api/me", admin, null).statusCode());
    }

    @Test
    void shouldDeleteExpiredSessionsWhenSwept()
    {
        final Storage storage = app.bean(Storage.class);
        final UUID admin = storage.users().findByUsername("admin").orElseThrow().id();
        final Instant past = Instant.now().minus(Duration.ofDays(1));
        storage.sessions().open("expired-session-for-the-sweep", admin, past, past.plusSeconds(60));

        final int removed = app.bean(SessionRegistry.class).purgeExpired();

        assertTrue(removed >= 1, "removed " + removed);
        assertTrue(storage.sessions().find("expired-session-for-the-sweep").isEmpty());
        assertTrue(app.bean(SessionRegistry.class).isRevoked("expired-session-for-the-sweep"));
    }
}
