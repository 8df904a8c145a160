package io.quantumleap.gateway.ws;

import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebSocketCompressionSystemTest
{
    private static final int RSV1 = 0x40;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldSendPlainFramesToABrowserOfferingDeflateUnlessCompressionIsOn(final boolean compression)
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
                int first;
                byte[] payload;
                do
                {
                    first = in.readUnsignedByte();
                    final int second = in.readUnsignedByte() & 0x7F;
                    final int length = second == 126 ? in.readUnsignedShort() : second == 127 ?
                        (int)in.readLong() : second;
                    payload = in.readNBytes(length);
                }
                while ((first & 0x0F) != 1);

                assertEquals(compression, (first & RSV1) != 0, "the first text frame's RSV1 (compressed) bit");
                if (!compression)
                {
                    final String text = new String(payload, StandardCharsets.UTF_8);
                    assertTrue(text.startsWith("{\"type\":"), text);
                }
                else
                {
                    assertFalse(new String(payload, StandardCharsets.UTF_8).startsWith("{\"type\":"));
                }
            }
        }
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
