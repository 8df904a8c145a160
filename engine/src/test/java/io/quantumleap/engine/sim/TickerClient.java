package io.quantumleap.engine.sim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

final class TickerClient implements WebSocket.Listener
{
    final BlockingQueue<byte[]> binary = new LinkedBlockingQueue<>();
    final BlockingQueue<String> text = new LinkedBlockingQueue<>();
    final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private ByteBuffer partial = ByteBuffer.allocate(0);
    private final StringBuilder partialText = new StringBuilder();
    private final Runnable onOpen;
    WebSocket socket;

    private TickerClient(final Runnable onOpen)
    {
        this.onOpen = onOpen;
    }

    static TickerClient connect(final KiteSimulator sim, final String accessToken) throws Exception
    {
        return connect(sim, accessToken, () -> { });
    }

    static TickerClient connect(final KiteSimulator sim, final String accessToken, final Runnable onOpen)
        throws Exception
    {
        final TickerClient client = new TickerClient(onOpen);
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
            .header("X-Kite-Version", "3")
            .buildAsync(URI.create(sim.tickerUrl() + "?api_key=" + sim.apiKey() + "&access_token=" + accessToken),
                client)
            .get(10, TimeUnit.SECONDS);
        return client;
    }

    void send(final String message) throws Exception
    {
        socket.sendText(message, true).get(5, TimeUnit.SECONDS);
    }

    byte[] nextBinary() throws InterruptedException
    {
        final byte[] frame = binary.poll(10, TimeUnit.SECONDS);
        if (frame == null)
        {
            throw new AssertionError("no binary frame within 10 s");
        }
        return frame;
    }

    byte[] nextTickFrame() throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline)
        {
            final byte[] frame = nextBinary();
            if (frame.length > 1)
            {
                return frame;
            }
        }
        throw new AssertionError("only heartbeats for 10 s, no tick frame");
    }

    String nextText() throws InterruptedException
    {
        final String message = text.poll(10, TimeUnit.SECONDS);
        if (message == null)
        {
            throw new AssertionError("no text frame within 10 s");
        }
        return message;
    }

    public void onOpen(final WebSocket webSocket)
    {
        onOpen.run();
        webSocket.request(1);
    }

    public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
    {
        final ByteBuffer joined = ByteBuffer.allocate(partial.remaining() + data.remaining());
        joined.put(partial).put(data).flip();
        partial = joined;
        if (last)
        {
            final byte[] frame = new byte[partial.remaining()];
            partial.get(frame);
            binary.add(frame);
            partial = ByteBuffer.allocate(0);
        }
        webSocket.request(1);
        return null;
    }

    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        partialText.append(data);
        if (last)
        {
            text.add(partialText.toString());
            partialText.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    public CompletionStage<?> onPong(final WebSocket webSocket, final ByteBuffer message)
    {
        pongs.add(message);
        webSocket.request(1);
        return null;
    }

    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
    {
        closed.complete(statusCode);
        return null;
    }

    public void onError(final WebSocket webSocket, final Throwable error)
    {
        closed.complete(-1);
    }
}
