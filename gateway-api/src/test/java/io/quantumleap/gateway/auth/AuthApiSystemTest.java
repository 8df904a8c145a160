package io.quantumleap.gateway.auth;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.token.generator.TokenGenerator;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthApiSystemTest
{
    private static final String ADMIN_PASSWORD = GatewayFixture.ADMIN_PASSWORD;

    private static GatewayFixture app;

    @BeforeAll
    static void start()
    {
        app = new GatewayFixture(Map.of("quantumleap.auth.max-failures-per-user", 3));
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    private static HttpResponse<String> send(
        final String method, final String path, final String token, final String body)
        throws Exception
    {
        return app.send(method, path, token, body);
    }

    private static String login(final String username, final String password) throws Exception
    {
        return app.login(username, password);
    }

    @Test
    void shouldLogInTheBootstrapAdminAndShowWhoIsLoggedIn() throws Exception
    {
        final String token = login("admin", ADMIN_PASSWORD);

        final HttpResponse<String> me = send("GET", "/api/me", token, null);

        assertEquals(200, me.statusCode());
        assertTrue(me.body().contains("\"username\":\"admin\""), me.body());
        assertTrue(me.body().contains("\"admin\""), me.body());
    }

    @Test
    void shouldRefuseAWrongPasswordWithAnErrorBody() throws Exception
    {
        final HttpResponse<String> response = send("POST", "/api/auth/login", null,
            "{\"username\":\"admin\",\"password\":\"wrong\"}");

        assertEquals(401, response.statusCode());
        assertTrue(response.body().contains("\"error\":\"bad_credentials\""), response.body());
    }

    @Test
    void shouldRefuseATokenAfterLogout() throws Exception
    {
        final String token = login("admin", ADMIN_PASSWORD);
        assertEquals(204, send("POST", "/api/auth/logout", token, null).statusCode());

        assertEquals(401, send("GET", "/api/me", token, null).statusCode());
    }

    @Test
    void shouldRefuseForgedAndMissingTokens() throws Exception
    {
        final String token = login("admin", ADMIN_PASSWORD);
        final String forged =
            token.substring(0, token.lastIndexOf('.') + 1) + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        assertEquals(401, send("GET", "/api/me", forged, null).statusCode());
        assertEquals(401, send("GET", "/api/me", null, null).statusCode());
    }

    @Test
    void shouldRefuseAnExpiredTokenOfAnOpenSession() throws Exception
    {
        final String token = login("admin", ADMIN_PASSWORD);
        final Map<String, Object> claims = new HashMap<>(app.bean(JsonMapper.class).readValue(
            Base64.getUrlDecoder().decode(token.split("\\.")[1]), Argument.mapOf(String.class, Object.class)));
        final TokenGenerator tokens = app.bean(TokenGenerator.class);
        final long now = System.currentTimeMillis() / 1000;

        claims.put("exp", now + 60);
        final String live = tokens.generateToken(claims).orElseThrow();
        claims.put("exp", now - 60);
        final String expired = tokens.generateToken(claims).orElseThrow();

        assertEquals(200, send("GET", "/api/me", live, null).statusCode());
        assertEquals(401, send("GET", "/api/me", expired, null).statusCode());
    }

    @Test
    void shouldLetOnlyAdminsManageUsers() throws Exception
    {
        final String admin = login("admin", ADMIN_PASSWORD);
        final HttpResponse<String> created = send("POST", "/api/users", admin,
            "{\"username\":\"trader1\",\"password\":\"trader-password-1\",\"roles\":[\"trader\"],\"account_ids\":[7]}");
        assertEquals(201, created.statusCode(), created.body());

        final String trader = login("trader1", "trader-password-1");

        final HttpResponse<String> refused = send("GET", "/api/users", trader, null);
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("your roles do not allow this"), refused.body());
        assertEquals(200, send("GET", "/api/users", admin, null).statusCode());
    }

    @Test
    void shouldNeverLeaveTheSystemWithoutAnEnabledAdmin() throws Exception
    {
        final String admin = login("admin", ADMIN_PASSWORD);
        final HttpResponse<String> second = send("POST", "/api/users", admin,
            "{\"username\":\"admin2\",\"password\":\"admin2-password-1\",\"roles\":[\"admin\"]}");
        assertEquals(201, second.statusCode(), second.body());
        final String secondId = idIn(second.body());
        final HttpResponse<String> demoted = send("PUT", "/api/users/" + secondId, admin, "{\"roles\":[\"ops\"]}");
        assertEquals(200, demoted.statusCode(), demoted.body());

        final String adminId = idIn(send("GET", "/api/users", admin, null).body()
            .replaceAll(".*(\\{[^{}]*\"username\":\"admin\"[^{}]*}).*", "$1"));
        for (final String[] change : new String[][] {
            {"PUT", "{\"roles\":[\"trader\",\"ops\"]}"}, {"PUT", "{\"enabled\":false}"}, {"DELETE", null}})
        {
            final HttpResponse<String> refused = send(change[0], "/api/users/" + adminId, admin, change[1]);
            assertEquals(409, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("\"error\":\"last_admin\""), refused.body());
            assertTrue(refused.body().contains("give another user the admin role first"), refused.body());
        }
        assertEquals(200, send("GET", "/api/users", admin, null).statusCode());
        assertEquals(200, send("PUT", "/api/users/" + adminId, admin, "{\"account_ids\":[1]}").statusCode());
        assertEquals(204, send("DELETE", "/api/users/" + secondId, login("admin", ADMIN_PASSWORD), null)
            .statusCode());
    }

    private String idIn(final String userJson) throws Exception
    {
        return app.bean(JsonMapper.class).readValue(userJson, Argument.mapOf(String.class, Object.class)).get("id")
            .toString();
    }

    @Test
    void shouldShareAnAccountWithANewUserWithoutTakingItFromItsOwner() throws Exception
    {
        final String admin = login("admin", ADMIN_PASSWORD);
        final HttpResponse<String> created = send("POST", "/api/users", admin,
            "{\"username\":\"desk2\",\"password\":\"desk-password-12\",\"roles\":[\"trader\"],\"account_ids\":[1]}");
        assertEquals(201, created.statusCode(), created.body());

        assertTrue(send("GET", "/api/me", admin, null).body().contains("\"account_ids\":[1]"),
            send("GET", "/api/me", admin, null).body());
        assertTrue(send("GET", "/api/me", login("desk2", "desk-password-12"), null).body()
            .contains("\"account_ids\":[1]"));
    }

    @Test
    void shouldNameTheFieldWhenInputIsInvalid() throws Exception
    {
        final String admin = login("admin", ADMIN_PASSWORD);

        final HttpResponse<String> shortPassword = send("POST", "/api/users", admin,
            "{\"username\":\"bob\",\"password\":\"short\",\"roles\":[\"trader\"]}");
        final HttpResponse<String> badRole = send("POST", "/api/users", admin,
            "{\"username\":\"bob\",\"password\":\"long-enough-password\",\"roles\":[\"king\"]}");

        assertEquals(400, shortPassword.statusCode());
        assertTrue(shortPassword.body().contains("password"), shortPassword.body());
        assertEquals(400, badRole.statusCode());
        assertTrue(badRole.body().contains("roles: 'king' is not a role"), badRole.body());
    }

    @Test
    void shouldRefuseAFieldItDoesNotKnowAndSpeakSnakeCase() throws Exception
    {
        final String admin = login("admin", ADMIN_PASSWORD);

        final HttpResponse<String> camel = send("POST", "/api/users", admin,
            "{\"username\":\"camel\",\"password\":\"camel-password-1\",\"roles\":[\"trader\"],\"accountIds\":[1]}");
        final HttpResponse<String> login = send("POST", "/api/auth/login", null,
            "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");

        final HttpResponse<String> negative = send("POST", "/api/users", admin,
            "{\"username\":\"uneg\",\"password\":\"uneg-password-1\",\"roles\":[\"trader\"],\"account_ids\":[-1]}");

        assertEquals(400, negative.statusCode(), negative.body());
        assertTrue(negative.body().contains("account_ids: -1 is not an account id"), negative.body());
        assertEquals(400, camel.statusCode(), camel.body());
        assertTrue(camel.body().contains("unknown field 'accountIds'"), camel.body());
        assertFalse(send("GET", "/api/users", admin, null).body().contains("\"camel\""));
        assertTrue(login.body().contains("\"expires_at\":"), login.body());
    }

    @Test
    void shouldLockOutAUserAfterRepeatedFailures() throws Exception
    {
        final String admin = login("admin", ADMIN_PASSWORD);
        send("POST", "/api/users", admin,
            "{\"username\":\"guessme\",\"password\":\"guessme-password-1\",\"roles\":[\"quant\"]}");
        for (int i = 0; i < 3; i++)
        {
            send("POST", "/api/auth/login", null, "{\"username\":\"guessme\",\"password\":\"nope\"}");
        }

        final HttpResponse<String> locked = send("POST", "/api/auth/login", null,
            "{\"username\":\"guessme\",\"password\":\"guessme-password-1\"}");

        assertEquals(429, locked.statusCode());
        assertTrue(locked.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void shouldAnswerALoginOrAChangeWhoseBodyIsNotJson415RatherThan401Or403() throws Exception
    {
        final String admin = login("admin", ADMIN_PASSWORD);
        send("POST", "/api/users", admin,
            "{\"username\":\"trader2\",\"password\":\"trader-password-2\",\"roles\":[\"trader\"]}");
        final String trader = login("trader2", "trader-password-2");
        final java.net.http.HttpRequest.Builder login = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(app.server().getURL() + "/api/auth/login"))
            .header("Content-Type", "text/plain")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"));
        final java.net.http.HttpRequest.Builder users = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(app.server().getURL() + "/api/users"))
            .header("Content-Type", "application/xml")
            .header("Authorization", "Bearer " + trader)
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("<user/>"));

        final HttpResponse<String> loginRefused = app.http().send(login.build(), HttpResponse.BodyHandlers.ofString());
        final HttpResponse<String> usersRefused = app.http().send(users.build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(415, loginRefused.statusCode(), loginRefused.body());
        assertTrue(loginRefused.body().contains("\"error\":\"unsupported_media_type\""), loginRefused.body());
        assertTrue(loginRefused.body().contains("got text/plain"), loginRefused.body());
        assertEquals(415, usersRefused.statusCode(), usersRefused.body());
        assertTrue(usersRefused.body().contains("got application/xml"), usersRefused.body());
        assertEquals(403, send("GET", "/api/users", trader, null).statusCode());
    }

    @Test
    void shouldAllowOnlyLocalOriginsAcrossOrigins() throws Exception
    {
        final java.net.http.HttpRequest.Builder login = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(app.server().getURL() + "/api/auth/login"))
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"));

        final HttpResponse<String> local = app.http().send(
            login.copy().header("Origin", "http://localhost:5173").build(), HttpResponse.BodyHandlers.ofString());
        final HttpResponse<String> foreign = app.http().send(
            login.copy().header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, local.statusCode(), local.body());
        assertEquals("http://localhost:5173", local.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), foreign.headers().toString());
    }

    @Test
    void shouldSendSecurityHeadersAndAnswerHealthWithoutAToken() throws Exception
    {
        final HttpResponse<String> health = send("GET", "/health", null, null);

        assertEquals(200, health.statusCode());
        assertEquals("nosniff", health.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("DENY", health.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("{\"status\":\"UP\"}", health.body());
        final String detailed = send("GET", "/health", login("admin", ADMIN_PASSWORD), null).body();
        assertTrue(detailed.startsWith("{\"name\":\"quantumleap\",\"status\":\"UP\",\"details\":{"), detailed);
        assertTrue(detailed.contains("\"diskSpace\":{\"name\":\"quantumleap\",\"status\":\"UP\""), detailed);
    }
}
