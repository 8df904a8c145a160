package io.quantumleap.gateway.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.gateway.support.GatewayFixture;
import io.quantumleap.gateway.support.GatewayFixture.CloseFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.quantumleap.gateway.support.GatewayFixture.maskedFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveSocketProtocolSystemTest
{
    private static final long INFY = 408065;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOT_TOKENS = " (a positive 32-bit integer); nothing of this message was taken";

    private static GatewayFixture app;
    private static String admin;

    @BeforeAll
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of());
        app.quotedEquity(INFY, "INFY", 150_000, 1000, 149_000);
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    @Test
    void shouldNameTheElementOfVAnErrorIsInByItsPath() throws Exception
    {
        final List<String> errors = errorsAnswering(
            "{\"a\":\"mode\",\"v\":[\"full\",408065]}",
            "{\"a\":\"mode\",\"v\":[\"full\",[408065,-5]]}",
            "{\"a\":\"mode\",\"v\":[\"full\",[408065,\"x\",1.5]]}",
            "{\"a\":\"mode\",\"v\":[3,[408065]]}",
            "{\"a\":\"mode\",\"v\":[\"full\",[408065,999]]}",
            "{\"a\":\"subscribe\",\"v\":[408065,-5]}",
            "{\"a\":\"subscribe\",\"v\":[408065,999,998]}",
            "{\"a\":\"unsubscribe\",\"v\":[408065,{}]}",
            "{\"a\":\"subscribe\",\"v\":{}}");

        assertEquals(List.of(
            "v[1]: expected an array of instrument tokens",
            "v[1][1]: -5 is not an instrument token" + NOT_TOKENS,
            "v[1][1]: the text 'x', v[1][2]: 1.5 are not instrument tokens" + NOT_TOKENS,
            "v[0]: 3 is not one of ltp, quote, full",
            "v[1][1]: 999 is a token no instrument has",
            "v[1]: -5 is not an instrument token" + NOT_TOKENS,
            "v[1]: 999, v[2]: 998 are tokens no instrument has",
            "v[1]: an object is not an instrument token" + NOT_TOKENS,
            "v: expected an array of instrument tokens"), errors);
    }

    @Test
    void shouldNameTheFirstTwentyElementsOfALongListItRefusesAndCountTheRest() throws Exception
    {
        final String negatives = IntStream.rangeClosed(1, 25).mapToObj(i -> "-" + i)
            .collect(Collectors.joining(","));
        final String unknown = IntStream.rangeClosed(1, 22).mapToObj(i -> Integer.toString(i))
            .collect(Collectors.joining(","));

        final List<String> errors = errorsAnswering(
            "{\"a\":\"subscribe\",\"v\":[" + negatives + "]}",
            "{\"a\":\"subscribe\",\"v\":[408065," + unknown + "]}");

        assertEquals(List.of(
            IntStream.range(0, 20).mapToObj(i -> "v[" + i + "]: -" + (i + 1)).collect(Collectors.joining(", ")) +
                " and 5 more are not instrument tokens" + NOT_TOKENS,
            IntStream.rangeClosed(1, 20).mapToObj(i -> "v[" + i + "]: " + i).collect(Collectors.joining(", ")) +
                " and 2 more are tokens no instrument has"), errors);
    }

    @Test
    void shouldSayAMessageIsNestedTooDeepAndHowDeepItMayBe() throws Exception
    {
        final long refusedBefore = refused();

        final List<String> errors = errorsAnswering(
            "{\"a\":\"subscribe\",\"v\":" + "[".repeat(3000) + "]".repeat(3000) + "}");

        assertEquals(List.of("message: nested more than 1000 deep"), errors);
        assertEquals(refusedBefore + 2, refused());
    }

    @Test
    void shouldAnswerEveryCloseFrameWithOneCloseFrameEchoingAValidCodeAndRefusingAForbiddenOneWith1002()
        throws Exception
    {
        assertEquals(List.of(new CloseFrame(-1, "")), app.closeFramesAnswering(admin, maskedFrame(0x88)));
        assertEquals(List.of(new CloseFrame(1000, "")),
            app.closeFramesAnswering(admin, maskedFrame(0x88, 0x03, 0xE8, 'b', 'y', 'e')));
        assertEquals(List.of(new CloseFrame(4000, "")), app.closeFramesAnswering(admin, maskedFrame(0x88, 0x0F, 0xA0)));
        final long refusedBefore = refused();
        final List<String> wrong = new ArrayList<>();

        for (final int code : new int[] {1005, 1006, 1015, 999, 0, 1004, 1016, 2999, 5000, 65535})
        {
            final List<CloseFrame> answer = app.closeFramesAnswering(admin, maskedFrame(0x88, code >> 8, code & 0xFF));
            if (answer.size() != 1 || answer.get(0).code() != 1002 ||
                !answer.get(0).reason().contains(Integer.toString(code)))
            {
                wrong.add(code + " answered " + answer);
            }
        }
        final List<CloseFrame> oneByte = app.closeFramesAnswering(admin, maskedFrame(0x88, 0x03));
        final List<CloseFrame> notUtf8 = app.closeFramesAnswering(admin, maskedFrame(0x88, 0x03, 0xE8, 0xC3, 0x28));

        assertEquals(List.of(), wrong);
        assertEquals(List.of(1002), oneByte.stream().map(CloseFrame::code).toList());
        assertEquals(List.of(1007), notUtf8.stream().map(CloseFrame::code).toList());
        GatewayFixture.await("the refusals counted", Duration.ofSeconds(10), () -> refused() == refusedBefore + 12);
    }

    @Test
    void shouldRefuseAForbiddenCloseCodeWith1002FromAClientOfTheDraftProtocolVersionsToo() throws Exception
    {
        for (final int version : new int[] {7, 8})
        {
            assertEquals(List.of(new CloseFrame(1000, "")),
                app.closeFramesAnswering(admin, version, maskedFrame(0x88, 0x03, 0xE8)), "version " + version);
            final List<CloseFrame> answer = app.closeFramesAnswering(admin, version, maskedFrame(0x88, 0x03, 0xED));

            assertEquals(List.of(1002), answer.stream().map(CloseFrame::code).toList(), "version " + version);
            assertTrue(answer.get(0).reason().contains("1005"), answer.toString());
        }
    }

    @Test
    void shouldCloseASocketThatSendsABinaryFrameWith1003SayingItTakesTextAndCountIt() throws Exception
    {
        final List<String> received = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final WebSocket socket = app.webSocket(admin, received::add, (code, reason) -> closed.complete(code + " " +
            reason));
        final long refusedBefore = refused();

        socket.sendBinary(ByteBuffer.wrap(("{\"a\":\"mode\",\"v\":[\"full\",[" + INFY + "]]}")
            .getBytes(StandardCharsets.UTF_8)), true).get(5, TimeUnit.SECONDS);

        assertEquals("1003 a binary frame: /ws takes text frames of JSON, such as {\"a\":\"subscribe\",\"v\":[408065]}",
            closed.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(), received);
        GatewayFixture.await("the refusal counted", Duration.ofSeconds(10), () -> refused() == refusedBefore + 1);
    }

    private static List<String> errorsAnswering(final String... messages) throws Exception
    {
        final List<String> received = new CopyOnWriteArrayList<>();
        final WebSocket socket = app.webSocket(admin, received::add);
        for (final String message : messages)
        {
            socket.sendText(message, true).get(5, TimeUnit.SECONDS);
        }
        socket.sendText("{\"a\":\"sentinel\",\"v\":[]}", true).get(5, TimeUnit.SECONDS);
        GatewayFixture.await("the error for the last message", Duration.ofSeconds(20),
            () -> received.stream().anyMatch(m -> m.contains("a: 'sentinel'")));
        assertFalse(socket.isInputClosed() || socket.isOutputClosed(), "the server closed the socket");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        final List<String> errors = new ArrayList<>();
        for (final String message : received)
        {
            assertTrue(message.startsWith("{\"type\":\"error\",\"data\":\"") || message.contains("\"type\":\"tick\""),
                message);
            if (message.startsWith("{\"type\":\"error\"") && !message.contains("a: 'sentinel'"))
            {
                errors.add(JSON.readTree(message).get("data").asText());
            }
        }
        return errors;
    }

    private static long refused()
    {
        return app.bean(LiveHub.class).messagesRefused();
    }
}
