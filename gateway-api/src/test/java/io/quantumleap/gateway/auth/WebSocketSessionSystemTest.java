package io.quantumleap.gateway.auth;

import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebSocketSessionSystemTest
{
    private static GatewayFixture app;
    private static String admin;

    @BeforeAll
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of("quantumleap.auth.session-recheck", "1s"));
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    @Test
    void shouldAnswerAClientsCloseWithACloseOfItsOwn() throws Exception
    {
        final List<String> closes = new CopyOnWriteArrayList<>();
        final WebSocket socket = app.webSocket(admin, text -> { }, (code, reason) -> closes.add(code + " " + reason));
        socket.sendText("{\"a\":\"subscribe\",\"v\":[408065]}", true).get(5, TimeUnit.SECONDS);

        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);

        GatewayFixture.await("the server's close frame", Duration.ofSeconds(10), () -> !closes.isEmpty());
        assertEquals(List.of("1000 "), closes);
    }

    @Test
    void shouldCloseTheWebSocketsOfADisabledUserAndOfALoggedOutSessionButKeepTheOthers() throws Exception
    {
        final String id = create("ws-trader");
        final String first = app.login("ws-trader", "ws-trader-password");
        final String second = app.login("ws-trader", "ws-trader-password");
        final List<String> closes = new CopyOnWriteArrayList<>();
        final List<String> otherCloses = new CopyOnWriteArrayList<>();
        final WebSocket kept =
            app.webSocket(admin, text -> { }, (code, reason) -> otherCloses.add(code + " " + reason));
        app.webSocket(first, text -> { }, (code, reason) -> closes.add("first " + code + " " + reason));
        app.webSocket(second, text -> { }, (code, reason) -> closes.add("second " + code + " " + reason));

        assertEquals(204, app.send("POST", "/api/auth/logout", first, null).statusCode());
        GatewayFixture.await("the logged out session's socket to close", Duration.ofSeconds(15),
            () -> closes.size() == 1);
        assertTrue(closes.get(0).startsWith("first 1008 your session has ended"), closes.toString());

        final HttpResponse<String> disabled = app.send("PUT", "/api/users/" + id, admin, "{\"enabled\":false}");
        assertEquals(200, disabled.statusCode(), disabled.body());
        GatewayFixture.await("the disabled user's socket to close", Duration.ofSeconds(15), () -> closes.size() == 2);
        assertTrue(closes.get(1).startsWith("second 1008 "), closes.toString());

        Thread.sleep(2_500);
        assertEquals(List.of(), otherCloses);
        assertTrue(!kept.isInputClosed() && !kept.isOutputClosed(), "the admin's socket stays open");
    }

    private static String create(final String username) throws Exception
    {
        final HttpResponse<String> created = app.send("POST", "/api/users", admin, "{\"username\":\"" + username +
            "\",\"password\":\"" + username + "-password\",\"roles\":[\"trader\"],\"account_ids\":[1]}");
        assertEquals(201, created.statusCode(), created.body());
        final Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(created.body());
        assertTrue(id.find(), created.body());
        return id.group(1);
    }
}
