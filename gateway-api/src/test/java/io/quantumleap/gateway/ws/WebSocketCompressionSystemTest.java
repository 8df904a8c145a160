package io.quantumleap.gateway.ws;

import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebSocketCompressionSystemTest
{
    private static final int RSV1 = 0x40;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldSendPlainFramesToABrowserOfferingDeflateUnlessCompressionIsOnAndReadItsCompressedMessages(
        final boolean compression)
        throws Exception
    {
        try (GatewayFixture app = new GatewayFixture(Map.of("quantumleap.ws.compression", compression)))
        {
            final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
            app.connectBroker(admin, null);
            try (Socket socket = new Socket("127.0.0.1", app.server().getPort()))
            {
                socket.setSoTimeout(20_000);
                final OutputStream out = socket.getOutputStream();
                final DataInputStream in = new DataInputStream(socket.getInputStream());
                out.write(("GET /ws?token=" + admin + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n" +
                    "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
                    "Sec-WebSocket-Version: 13\r\n" +
                    "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
                final String head = readHead(in);
                assertTrue(head.startsWith("HTTP/1.1 101"), head);
                assertEquals(compression, head.toLowerCase(Locale.ROOT).contains("permessage-deflate"), head);

                sendText(out, "{\"a\":\"mode\",\"v\":[\"full\",[408065]]}");
                final Inflater inflater = new Inflater(true);
                final List<String> texts = new ArrayList<>();
                final int first = readDataFrame(in, inflater, texts::add);

                assertEquals(compression, (first & RSV1) != 0, "the first text frame's RSV1 (compressed) bit");
                assertTrue(texts.get(0).startsWith("{\"type\":"), texts.get(0));
                if (compression)
                {
                    sendCompressedText(out, "{\"a\":\"mode\",\"v\":[\"ltp\",[99999]]}");
                    while (texts.stream().noneMatch(text -> text.contains("99999")))
                    {
                        readDataFrame(in, inflater, texts::add);
                    }
                    assertTrue(texts.stream().anyMatch(text -> text.contains("\"type\":\"error\"")), texts.toString());
                }
            }
        }
    }

    private static int readDataFrame(final DataInputStream in, final Inflater inflater, final Consumer<String> text)
        throws IOException, DataFormatException
    {
        while (true)
        {
            final int first = in.readUnsignedByte();
            final int second = in.readUnsignedByte() & 0x7F;
            final int length = second == 126 ? in.readUnsignedShort() : second == 127 ? (int)in.readLong() : second;
            final byte[] payload = in.readNBytes(length);
            assertNotEquals(8, first & 0x0F, "the server closed the connection");
            if ((first & 0x0F) == 1)
            {
                if ((first & RSV1) == 0)
                {
                    text.accept(new String(payload, StandardCharsets.UTF_8));
                }
                else
                {
                    inflater.setInput(ByteBuffer.allocate(length + 4).put(payload).putInt(0xFFFF).flip());
                    final byte[] inflated = new byte[65_536];
                    final int inflatedLength = inflater.inflate(inflated);
                    text.accept(new String(inflated, 0, inflatedLength, StandardCharsets.UTF_8));
                }
                return first;
            }
        }
    }

    private static void sendCompressedText(final OutputStream out, final String text) throws IOException
    {
        final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        final byte[] deflated = new byte[1024];
        final int length = deflater.deflate(deflated, 0, deflated.length, Deflater.SYNC_FLUSH) - 4;
        deflater.end();
        final byte[] frame = new byte[6 + length];
        frame[0] = (byte)(0x80 | RSV1 | 0x01);
        frame[1] = (byte)(0x80 | length);
        System.arraycopy(deflated, 0, frame, 6, length);
        out.write(frame);
        out.flush();
    }

    private static String readHead(final DataInputStream in) throws IOException
    {
        final StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n"))
        {
            head.append((char)in.readUnsignedByte());
        }
        return head.toString();
    }

    private static void sendText(final OutputStream out, final String text) throws IOException
    {
        final byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        final byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte)0x81;
        frame[1] = (byte)(0x80 | payload.length);
        System.arraycopy(payload, 0, frame, 6, payload.length);
        out.write(frame);
        out.flush();
    }
}
