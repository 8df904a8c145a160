package io.quantumleap.gateway.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.gateway.live.EngineCommands;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.quantumleap.gateway.support.GatewayFixture.maskedFrame;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientInputFuzzSystemTest
{
    private static final long INFY = 408065;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] WS_MESSAGES = {
        "{\"a\":\"subscribe\",\"v\":[408065]}",
        "{\"a\":\"mode\",\"v\":[\"full\",[408065]]}",
        "{\"a\":\"unsubscribe\",\"v\":[408065]}",
    };
    private static final String ORDER = "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\"," +
        "\"transaction_type\":\"BUY\"," +
        "\"order_type\":\"LIMIT\",\"quantity\":1,\"product\":\"CNC\",\"price\":1500.05,\"validity\":\"DAY\"," +
        "\"variety\":\"regular\",\"tag\":\"fuzz\"}";

    private static GatewayFixture app;
    private static String admin;

    @BeforeAll
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of());
        app.quotedEquity(INFY, "INFY", 150_000, 1000, 149_000);
        app.brokerSession(1, BrokerSessionState.CONNECTED);
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    @Test
    void shouldAnswerEveryMangledWebSocketMessageAndKeepTheConnectionServing() throws Exception
    {
        final List<String> received = new CopyOnWriteArrayList<>();
        final WebSocket socket = app.webSocket(admin, received::add);
        final long refusedBefore = refusedCount();
        final SplittableRandom random = new SplittableRandom(20261201);

        for (int i = 0; i < 400; i++)
        {
            socket.sendText(Mangler.mangle(WS_MESSAGES[random.nextInt(WS_MESSAGES.length)], random), true)
                .get(5, TimeUnit.SECONDS);
        }
        socket.sendText("{\"a\":\"subscribe\",\"v\":[-5]}", true).get(5, TimeUnit.SECONDS);
        socket.sendText("{\"a\":\"subscribe\",\"v\":[1.5]}", true).get(5, TimeUnit.SECONDS);
        socket.sendText("{\"a\":\"mode\",\"v\":[\"ltp\",[408065,-5,1.5]]}", true).get(5, TimeUnit.SECONDS);
        socket.sendText("{\"a\":\"subscribe\",\"v\":[408065],\"a\":\"unsubscribe\"}", true).get(5, TimeUnit.SECONDS);
        socket.sendText("{\"a\":\"sentinel\",\"v\":[]}", true).get(5, TimeUnit.SECONDS);
        GatewayFixture.await("the error for the last message", Duration.ofSeconds(20),
            () -> received.stream().anyMatch(m -> m.contains("a: 'sentinel'")));
        assertTrue(received.stream().anyMatch(m -> m.equals("{\"type\":\"error\",\"data\":\"a: given twice\"}")),
            "a key given twice");
        assertTrue(received.stream().anyMatch(m -> m.contains("v[0]: -5 is not an instrument token")), "-5");
        assertTrue(received.stream().anyMatch(m -> m.contains("v[0]: 1.5 is not an instrument token")), "1.5");
        assertTrue(received.stream().anyMatch(m -> m.contains("v[1][1]: -5, v[1][2]: 1.5 are not instrument tokens " +
            "(a positive 32-bit integer); nothing of this message was taken")), "-5 and 1.5");
        assertEquals(List.of(), received.stream().filter(m -> m.contains("io.micronaut")).toList());

        final List<String> errors = received.stream().filter(m -> m.contains("\"type\":\"error\"")).toList();
        assertTrue(errors.size() > 100, "mangled messages refused: " + errors.size());
        for (final String error : errors)
        {
            final JsonNode node = assertDoesNotThrow(() -> JSON.readTree(error), error);
            assertTrue(node.get("data").isTextual() && node.get("data").asText().contains(":"), error);
        }
        assertEquals(errors.size(), refusedCount() - refusedBefore);
        assertFalse(socket.isInputClosed() || socket.isOutputClosed(), "the server closed the socket");

        socket.sendText("{\"a\":\"mode\",\"v\":[\"full\",[" + INFY + "]]}", true).get(5, TimeUnit.SECONDS);
        final Commands commands = new Commands();
        app.bean(EngineCommands.class).publish(commands.buffer(), 0,
            commands.fullTick(System.currentTimeMillis() * 1_000_000L, INFY, 152_345, 2000, 149_000, 5));
        GatewayFixture.await("a tick after the fuzzing", Duration.ofSeconds(10),
            () -> received.stream().anyMatch(m -> m.contains("\"last_price\":1523.45")));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldCloseASocketWhoseFrameIsTooLongWithTheCodeThatSaysSoAndCountIt() throws Exception
    {
        assertClosedWith1009AndCounted(frame(0x81, 70_000));
    }

    @Test
    void shouldCloseASocketWhoseMessageInFragmentsIsTooLongWithTheCodeThatSaysSoAndCountIt() throws Exception
    {
        assertClosedWith1009AndCounted(frame(0x01, 40_000), frame(0x00, 40_000), frame(0x00, 40_000));

        final List<String> received = new CopyOnWriteArrayList<>();
        final WebSocket fragmented = app.webSocket(admin, received::add);
        fragmented.sendText("{\"a\":\"mode\",\"v\":[\"ltp\",", false).get(5, TimeUnit.SECONDS);
        fragmented.sendText("[99999]]" + " ".repeat(60_000) + "}", true).get(5, TimeUnit.SECONDS);
        GatewayFixture.await("a message in two fragments answered whole", Duration.ofSeconds(10),
            () -> received.stream().anyMatch(m -> m.contains("99999")));
        assertTrue(received.stream().noneMatch(m -> m.contains("not valid JSON")), received.toString());
        fragmented.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }

    private static byte[] frame(final int firstByte, final int length)
    {
        final java.nio.ByteBuffer frame = java.nio.ByteBuffer.allocate(14 + length).put((byte)firstByte);
        if (length < 65_536)
        {
            frame.put((byte)(0x80 | 126)).putShort((short)length);
        }
        else
        {
            frame.put((byte)(0x80 | 127)).putLong(length);
        }
        frame.putInt(0);
        final byte[] payload = new byte[length];
        java.util.Arrays.fill(payload, (byte)' ');
        frame.put(payload);
        return java.util.Arrays.copyOf(frame.array(), frame.position());
    }

    private void assertClosedWith1009AndCounted(final byte[]... frames) throws Exception
    {
        final long refusedBefore = refusedCount();
        final List<Integer> closeCodes = closeCodesAnswering(frames);

        assertEquals(List.of(1009), closeCodes);
        awaitRefused("the refusal counted", refusedBefore + 1);
        final List<String> received = new CopyOnWriteArrayList<>();
        final WebSocket next = app.webSocket(admin, received::add);
        next.sendText("{\"a\":\"nonsense\"}", true).get(5, TimeUnit.SECONDS);
        GatewayFixture.await("the next client served", Duration.ofSeconds(10), () -> !received.isEmpty());
        next.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldAnswerOneSubscriptionToUnknownTokensOrPastTheLimitWithOneErrorAndKeepServing() throws Exception
    {
        final Commands commands = new Commands();
        final EngineCommands engine = app.bean(EngineCommands.class);
        final long now = System.currentTimeMillis() * 1_000_000L;
        final int known = 3_001;
        for (int i = 0; i < known; i++)
        {
            engine.publish(commands.buffer(), 0, commands.equity(now, 12_800_001L + 256L * i, "EQ" + i));
        }
        final long lastKnown = 12_800_001L + 256L * (known - 1);
        GatewayFixture.await("the instruments to be known", Duration.ofSeconds(20),
            () -> app.bean(LiveState.class).instrument(lastKnown).isPresent());
        final List<String> received = new CopyOnWriteArrayList<>();
        final WebSocket socket = app.webSocket(admin, received::add);
        final long refusedBefore = refusedCount();

        final StringBuilder unknown = new StringBuilder("{\"a\":\"subscribe\",\"v\":[" + INFY);
        for (int i = 1; i <= 5_000; i++)
        {
            unknown.append(',').append(i);
        }
        socket.sendText(unknown.append("]}").toString(), true).get(5, TimeUnit.SECONDS);
        final StringBuilder all = new StringBuilder("{\"a\":\"mode\",\"v\":[\"ltp\",[");
        for (int i = 0; i < known; i++)
        {
            all.append(i == 0 ? "" : ",").append(12_800_001L + 256L * i);
        }
        socket.sendText(all.append("]]}").toString(), true).get(5, TimeUnit.SECONDS);
        socket.sendText("{\"a\":\"sentinel\",\"v\":[]}", true).get(5, TimeUnit.SECONDS);
        GatewayFixture.await("the error for the last message", Duration.ofSeconds(20),
            () -> received.stream().anyMatch(m -> m.contains("a: 'sentinel'")));

        final List<String> errors = received.stream().filter(m -> m.contains("\"type\":\"error\"")).toList();
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("v[1]: 1, v[2]: 2, v[3]: 3, v[4]: 4, v[5]: 5, v[6]: 6, v[7]: 7, v[8]: 8, " +
            "v[9]: 9, v[10]: 10, v[11]: 11, v[12]: 12, v[13]: 13, v[14]: 14, v[15]: 15, v[16]: 16, v[17]: 17, " +
            "v[18]: 18, v[19]: 19, v[20]: 20 and 4980 more are tokens no instrument has"), errors.get(0));
        assertTrue(errors.get(1).contains("v[1]: at most 3000 instruments per connection; 2 of the 3001 asked for " +
            "were not subscribed (the connection has 3000)"), errors.get(1));
        assertEquals(3, refusedCount() - refusedBefore);
        assertFalse(socket.isInputClosed() || socket.isOutputClosed(), "the server closed the socket");

        app.bean(EngineCommands.class).publish(commands.buffer(), 0,
            commands.fullTick(System.currentTimeMillis() * 1_000_000L, INFY, 152_395, 2000, 149_000, 5));
        GatewayFixture.await("a tick of the instrument subscribed beside the unknown ones", Duration.ofSeconds(10),
            () -> received.stream().anyMatch(m -> m.contains("\"last_price\":1523.95")));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }

    @Test
    void shouldAnswerEveryMangledOrderWithAClientErrorOrAnOrder() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(20261202);
        final List<String> serverErrors = new ArrayList<>();
        int refused = 0;

        for (int i = 0; i < 300; i++)
        {
            final String body = Mangler.mangle(ORDER, random);
            final HttpResponse<String> response = app.send("POST", "/api/orders", admin, body);
            if (response.statusCode() >= 500)
            {
                serverErrors.add(response.statusCode() + " for " + body + ": " + response.body());
            }
            else if (response.statusCode() >= 400)
            {
                refused++;
                final JsonNode error = JSON.readTree(response.body());
                assertTrue(error.path("error").isTextual() && error.path("message").isTextual(),
                    response.statusCode() + " for " + body + ": " + response.body());
            }
            else
            {
                assertTrue(response.statusCode() == 201 || response.statusCode() == 202,
                    response.statusCode() + " for " + body + ": " + response.body());
            }
        }

        assertEquals(List.of(), serverErrors);
        assertTrue(refused > 100, "mangled orders refused: " + refused);
        final HttpResponse<String> valid = app.send("POST", "/api/orders", admin, ORDER);
        assertEquals(201, valid.statusCode(), valid.body());
    }

    @Test
    void shouldCloseASocketWhoseFrameHasAReservedBitOrWhoseTextIsNotUtf8WithTheCodeThatSaysSoAndCountIt()
        throws Exception
    {
        final long refusedBefore = refusedCount();

        assertEquals(List.of(1002), closeCodesAnswering(maskedFrame(0xC1, '{', '}')));
        assertEquals(List.of(1002), closeCodesAnswering(maskedFrame(0x91, '{', '}')));
        assertEquals(List.of(1007), closeCodesAnswering(maskedFrame(0x81, '"', 0xC3, 0x28, '"')));
        assertEquals(List.of(1007),
            closeCodesAnswering(maskedFrame(0x01, '"', 0xE2, 0x82), maskedFrame(0x80, 0x28, '"')));
        awaitRefused("the refusals counted", refusedBefore + 4);
    }

    private List<Integer> closeCodesAnswering(final byte[]... frames) throws Exception
    {
        return app.closeFramesAnswering(admin, frames).stream().map(GatewayFixture.CloseFrame::code).toList();
    }

    private static void awaitRefused(final String what, final long count) throws InterruptedException
    {
        GatewayFixture.await(what, Duration.ofSeconds(10), () ->
        {
            try
            {
                return refusedCount() == count;
            }
            catch (final Exception ex)
            {
                return false;
            }
        });
    }

    private static long refusedCount() throws Exception
    {
        final String metrics = app.send("GET", "/metrics", admin, null).body();
        final Matcher m = Pattern.compile("(?m)^qleap_gateway_ws_refused_total(?:\\{[^}]*})? ([0-9.E+]+)$")
            .matcher(metrics);
        assertTrue(m.find(), "no qleap_gateway_ws_refused_total in /metrics");
        return (long)Double.parseDouble(m.group(1));
    }
}
