package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantumleap.engine.kite.ticker.KiteTickerDecoder;
import io.quantumleap.engine.kite.ticker.PacketKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteSimulatorTickerTest extends SimulatorFixture
{
    private static final long INFY = 408065;
    private static final long NIFTY = 256265;
    private static final long SBIN = 779521;

    @Override
    KiteSimulator.Context context()
    {
        return SimHttp.context(clock).heartbeatIntervalMs(100).moveProbability(1.0);
    }

    @Test
    void shouldSendSubscribedTokensInQuoteModeByDefault() throws Exception
    {
        final TickerClient client = TickerClient.connect(sim, http.accessToken);

        client.send("{\"a\":\"subscribe\",\"v\":[408065,256265]}");

        final Map<Long, PacketKind> kinds = decode(client.nextTickFrame());
        assertEquals(PacketKind.QUOTE, kinds.get(INFY));
        assertEquals(PacketKind.INDEX_QUOTE, kinds.get(NIFTY));
    }

    @Test
    void shouldMixPacketLengthsOfEachModeInOneFrame() throws Exception
    {
        final TickerClient client = TickerClient.connect(sim, http.accessToken);
        client.send("{\"a\":\"mode\",\"v\":[\"full\",[408065,256265]]}");
        client.nextTickFrame();
        client.send("{\"a\":\"mode\",\"v\":[\"ltp\",[779521]]}");
        client.nextTickFrame();

        sim.step(1);

        final Map<Long, PacketKind> kinds = decode(client.nextTickFrame());
        assertEquals(PacketKind.FULL, kinds.get(INFY));
        assertEquals(PacketKind.INDEX_FULL, kinds.get(NIFTY));
        assertEquals(PacketKind.LTP, kinds.get(SBIN));
    }

    @Test
    void shouldCarryDepthOnTickInFullMode() throws Exception
    {
        final TickerClient client = TickerClient.connect(sim, http.accessToken);
        client.send("{\"a\":\"mode\",\"v\":[\"full\",[408065]]}");

        final byte[] frame = client.nextTickFrame();
        final List<long[]> depth = new ArrayList<>();
        new KiteTickerDecoder().decode(new UnsafeBuffer(frame), 0, frame.length, packet ->
        {
            for (int level = 0; level < 5; level++)
            {
                depth.add(new long[] { packet.bidPricePaise(level), packet.bidQty(level), packet.askPricePaise(level),
                    packet.askQty(level) });
            }
        });
        assertEquals(5, depth.size());
        for (final long[] level : depth)
        {
            assertEquals(0, level[0] % 5);
            assertEquals(0, level[2] % 5);
            assertTrue(level[1] > 0 && level[3] > 0);
        }
        assertTrue(depth.get(0)[0] < depth.get(0)[2]);
    }

    @Test
    void shouldStopSendingUnsubscribedTokens() throws Exception
    {
        final TickerClient client = TickerClient.connect(sim, http.accessToken);
        client.send("{\"a\":\"subscribe\",\"v\":[408065,779521]}");
        client.nextTickFrame();

        client.send("{\"a\":\"unsubscribe\",\"v\":[408065]}");
        client.send("{\"a\":\"sync\"}");
        client.nextText();
        sim.step(1);

        final Map<Long, PacketKind> kinds = decode(client.nextTickFrame());
        assertFalse(kinds.containsKey(INFY));
        assertTrue(kinds.containsKey(SBIN));
    }

    @Test
    void shouldSendOneByteHeartbeatsWhenIdle() throws Exception
    {
        final TickerClient client = TickerClient.connect(sim, http.accessToken);

        assertEquals(1, client.nextBinary().length);
        assertEquals(1, client.nextBinary().length);
    }

    @Test
    void shouldStallHeartbeatsWhileTheFaultIsSet() throws Exception
    {
        final TickerClient client = TickerClient.connect(sim, http.accessToken);
        client.nextBinary();
        sim.faults().stallTicker(true);
        sim.agent().call(() -> null);
        for (int i = 0; i < 3 && client.binary.poll(300, TimeUnit.MILLISECONDS) != null; i++)
        {
            client.binary.clear();
        }

        assertEquals(null, client.binary.poll(500, TimeUnit.MILLISECONDS));
        sim.faults().stallTicker(false);
        assertEquals(1, client.nextBinary().length);
    }

    @Test
    void shouldAnswerPings() throws Exception
    {
        final TickerClient client = TickerClient.connect(sim, http.accessToken);

        client.socket.sendPing(ByteBuffer.wrap(new byte[] { 1, 2, 3 })).get(5, TimeUnit.SECONDS);

        final ByteBuffer pong = client.pongs.poll(10, TimeUnit.SECONDS);
        assertNotNull(pong);
        assertEquals(3, pong.remaining());
    }

    @Test
    void shouldRejectTheHandshakeForABadToken()
    {
        final ExecutionException failure = assertThrows(ExecutionException.class,
            () -> TickerClient.connect(sim, "bogus"));
        assertInstanceOf(WebSocketHandshakeException.class, failure.getCause());
        assertEquals(403, ((WebSocketHandshakeException)failure.getCause()).getResponse().statusCode());
    }

    @Test
    void shouldSendOrderUpdatesShapedLikePostbacks() throws Exception
    {
        final TickerClient client = TickerClient.connect(sim, http.accessToken);

        final String orderId = http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type",
            "BUY", "order_type", "MARKET", "quantity", "2", "product", "CNC");

        final List<String> statuses = new ArrayList<>();
        JsonNode last = null;
        while (statuses.size() < 5)
        {
            final JsonNode message = SimHttp.MAPPER.readTree(client.nextText());
            assertEquals("order", message.get("type").asText());
            last = message.get("data");
            assertEquals(orderId, last.get("order_id").asText());
            statuses.add(last.get("status").asText());
        }
        assertEquals(List.of("PUT ORDER REQ RECEIVED", "VALIDATION PENDING", "OPEN PENDING", "OPEN", "COMPLETE"),
            statuses);
        for (final String field : new String[] { "user_id", "unfilled_quantity", "app_id", "checksum", "placed_by",
            "exchange_order_id", "order_timestamp", "exchange_timestamp", "variety", "instrument_token",
            "average_price", "filled_quantity", "pending_quantity", "cancelled_quantity", "market_protection", "meta",
            "guid" })
        {
            assertTrue(last.has(field), field);
        }
        assertEquals(Sessions.sha256Hex(orderId + last.get("order_timestamp").asText() + sim.apiSecret()),
            last.get("checksum").asText());
        assertEquals(0, last.get("unfilled_quantity").asLong());
    }

    @Test
    void shouldServeAConnectionFromTheMomentItsHandshakeIsAnswered() throws Exception
    {
        for (int round = 0; round < 30; round++)
        {
            final CompletableFuture<String> placed = new CompletableFuture<>();
            final TickerClient client = TickerClient.connect(sim, http.accessToken, () ->
                CompletableFuture.runAsync(() ->
                {
                    try
                    {
                        placed.complete(http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY",
                            "transaction_type", "BUY", "order_type", "MARKET", "quantity", "1", "product", "CNC"));
                    }
                    catch (final Exception ex)
                    {
                        placed.completeExceptionally(ex);
                    }
                }));
            client.send("{\"a\":\"subscribe\",\"v\":[408065]}");
            final String orderId = placed.get(10, TimeUnit.SECONDS);

            final JsonNode update = SimHttp.MAPPER.readTree(client.nextText());
            assertEquals(orderId, update.get("data").get("order_id").asText(), "round " + round);
            assertEquals("PUT ORDER REQ RECEIVED", update.get("data").get("status").asText(), "round " + round);
            assertTrue(decode(client.nextTickFrame()).containsKey(INFY), "round " + round);
            client.socket.sendClose(1000, "").get(5, TimeUnit.SECONDS);
            assertEquals(1000, client.closed.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldAnswerBadMessagesWithAnErrorAndKeepTheConnection() throws Exception
    {
        final TickerClient client = TickerClient.connect(sim, http.accessToken);

        client.send("not json");
        assertTrue(client.nextText().contains("\"type\":\"error\""));
        client.send("{\"a\":\"mode\",\"v\":[\"fast\",[408065]]}");
        assertTrue(client.nextText().contains("fast"));
        client.send("{\"a\":\"subscribe\",\"v\":[\"x\"]}");
        assertTrue(client.nextText().contains("token"));
        client.send("{\"a\":\"subscribe\",\"v\":[408065]}");

        assertTrue(decode(client.nextTickFrame()).containsKey(INFY));
    }

    @Test
    void shouldRefuseAFrameHoldingTwoMessagesWholeAndKeepTheConnection() throws Exception
    {
        final TickerClient client = TickerClient.connect(sim, http.accessToken);

        client.send("{\"a\":\"subscribe\",\"v\":[408065]}{\"a\":\"unsubscribe\",\"v\":[408065]}");

        final JsonNode error = SimHttp.MAPPER.readTree(client.nextText());
        assertEquals("error", error.get("type").asText());
        assertTrue(error.get("data").asText().contains("after the JSON value"), error.toString());
        client.send("{\"a\":\"subscribe\",\"v\":[256265]}");
        final Map<Long, PacketKind> kinds = decode(client.nextTickFrame());
        assertTrue(kinds.containsKey(NIFTY));
        assertFalse(kinds.containsKey(INFY), "the refused frame subscribed nothing");
    }

    @Test
    void shouldRefuseAMessageWithContentAfterItsJson() throws Exception
    {
        final TickerClient client = TickerClient.connect(sim, http.accessToken);

        client.send("{\"a\":\"subscribe\",\"v\":[408065]} x");

        assertTrue(client.nextText().contains("after the JSON value"));
        client.send("{\"a\":\"subscribe\",\"v\":[256265]}");
        assertFalse(decode(client.nextTickFrame()).containsKey(INFY));
    }

    @Test
    void shouldSayWhatIsWrongWithAMessageWithoutTheParsersNames() throws Exception
    {
        final TickerClient client = TickerClient.connect(sim, http.accessToken);

        client.send("[".repeat(1_500));

        final String error = client.nextText();
        assertTrue(error.contains("nested too deep"), error);
        assertFalse(error.contains("StreamReadConstraints"), error);
    }

    @Test
    void shouldCloseWith1007ATextFrameThatIsNotUtf8() throws Exception
    {
        final URI ticker = URI.create(sim.tickerUrl());
        try (Socket socket = new Socket(ticker.getHost(), ticker.getPort()))
        {
            socket.setSoTimeout(10_000);
            final OutputStream out = socket.getOutputStream();
            out.write(("GET /?api_key=" + sim.apiKey() + "&access_token=" + http.accessToken + " HTTP/1.1\r\n" +
                "Host: " + ticker.getHost() + ":" + ticker.getPort() + "\r\nUpgrade: websocket\r\n" +
                "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
                "Sec-WebSocket-Version: 13\r\nX-Kite-Version: 3\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            final InputStream in = socket.getInputStream();
            final StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n"))
            {
                head.append((char)in.read());
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
            final byte[] payload = {'"', (byte)0xC3, (byte)0x28, '"'};
            final byte[] frame = new byte[2 + 4 + payload.length];
            frame[0] = (byte)0x81;
            frame[1] = (byte)(0x80 | payload.length);
            for (int i = 0; i < payload.length; i++)
            {
                frame[6 + i] = payload[i];
            }
            out.write(frame);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            int opcode = 0;
            byte[] body = new byte[0];
            while (opcode != 0x8 && System.nanoTime() < deadline)
            {
                opcode = in.read() & 0x0F;
                final int length = in.read() & 0x7F;
                body = in.readNBytes(length == 126 ? ((in.read() << 8) | in.read()) : length);
            }
            assertEquals(0x8, opcode, "no close frame within 5 s");
            assertEquals(1007, ((body[0] & 0xFF) << 8) | (body[1] & 0xFF));
        }
    }

    @Test
    void shouldCloseTickersWhenConnectionsAreDropped() throws Exception
    {
        final TickerClient client = TickerClient.connect(sim, http.accessToken);
        client.nextBinary();

        http.rawPost("/__sim/faults", "application/json", "{\"dropConnections\":true}");

        assertNotNull(client.closed.get(10, TimeUnit.SECONDS));
        final TickerClient again = TickerClient.connect(sim, http.accessToken);
        assertEquals(1, again.nextBinary().length);
    }

    @Test
    void shouldRefuseSubscriptionsPastThreeThousandTokensPerConnection() throws Exception
    {
        final TickerClient client = TickerClient.connect(sim, http.accessToken);
        final StringBuilder tokens = new StringBuilder();
        for (final Instrument instrument : sim.agent().universe().instruments())
        {
            tokens.append(tokens.length() == 0 ? "" : ",").append(instrument.token);
        }
        for (long token = 1; token <= 3000; token++)
        {
            tokens.append(',').append(token * 256 + 7);
        }
        client.send("{\"a\":\"subscribe\",\"v\":[" + tokens + "]}");

        assertTrue(decode(client.nextTickFrame()).containsKey(INFY));
        assertTrue(client.nextText().contains("at most 3000"));
    }

    @Test
    void shouldLimitTickerConnectionsPerApiKey() throws Exception
    {
        for (int i = 0; i < 3; i++)
        {
            TickerClient.connect(sim, http.accessToken).nextBinary();
        }

        final ExecutionException failure = assertThrows(ExecutionException.class,
            () -> TickerClient.connect(sim, http.accessToken));
        assertEquals(429, ((WebSocketHandshakeException)failure.getCause()).getResponse().statusCode());
    }

    @Test
    void shouldStreamTicksFromItsOwnThreadAtTheTickRate() throws Exception
    {
        restart(SimHttp.context(clock).tickRatePerSecond(50).moveProbability(1.0));
        final TickerClient client = TickerClient.connect(sim, http.accessToken);
        client.send("{\"a\":\"mode\",\"v\":[\"ltp\",[408065]]}");

        for (int i = 0; i < 10; i++)
        {
            assertTrue(decode(client.nextTickFrame()).containsKey(INFY));
        }
        assertTrue(sim.agent().stepCount() >= 9);
    }

    @Test
    void shouldCloseTickersWhenTheirAccessTokenExpires() throws Exception
    {
        final TickerClient client = TickerClient.connect(sim, http.accessToken);
        client.nextBinary();

        clock.advanceMs(20L * 60 * 60 * 1000);

        assertEquals(1000, client.closed.get(10, TimeUnit.SECONDS));
    }

    private static Map<Long, PacketKind> decode(final byte[] frame)
    {
        final Map<Long, PacketKind> kinds = new HashMap<>();
        final KiteTickerDecoder decoder = new KiteTickerDecoder();
        decoder.decode(new UnsafeBuffer(frame), 0, frame.length, packet -> kinds.put(packet.instrumentToken(),
            packet.kind()));
        assertEquals(0, decoder.malformedFrames());
        return kinds;
    }
}
