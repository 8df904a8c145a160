package io.quantumleap.engine.kite.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.agrona.concurrent.SystemNanoClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

public final class FakeKiteServer implements AutoCloseable
{
    public record Reply(int status, String contentType, byte[] body, boolean hangs)
    {
        public static Reply json(final int status, final String body)
        {
            return new Reply(status, "application/json", body.getBytes(StandardCharsets.UTF_8), false);
        }

        public static Reply mock(final String name)
        {
            final String contentType = name.endsWith(".csv") ? "text/csv" : "application/json";
            return new Reply(200, contentType, KiteMocks.bytes(name), false);
        }

        public static Reply hanging()
        {
            return new Reply(0, null, null, true);
        }
    }

    public record Request(
        String method, String path, String query, String body, Map<String, List<String>> headers,
        InetAddress remoteAddress)
    {
        public String header(final String name)
        {
            for (final Map.Entry<String, List<String>> entry : headers.entrySet())
            {
                if (entry.getKey().equalsIgnoreCase(name))
                {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool((runnable) ->
    {
        final Thread thread = new Thread(runnable, "fake-kite");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Reply> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    public FakeKiteServer()
    {
        try
        {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri()
    {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public KiteRestContext clientContext()
    {
        return new KiteRestContext()
            .apiKey("k")
            .apiUrl(uri())
            .requestTimeout(Duration.ofMillis(1500))
            .rateLimiter(new RateLimiter(SystemNanoClock.INSTANCE, 1000, 1000, 1000, 60_000, 1000));
    }

    public FakeKiteServer route(final String methodAndPath, final Reply reply)
    {
        routes.put(methodAndPath, reply);
        return this;
    }

    public List<Request> requests()
    {
        return requests;
    }

    @Override
    public void close()
    {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        final String method = exchange.getRequestMethod();
        final String path = exchange.getRequestURI().getPath();
        final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(method, path, exchange.getRequestURI().getRawQuery(), body,
            Map.copyOf(exchange.getRequestHeaders()), exchange.getRemoteAddress().getAddress()));
        final Reply reply = routes.getOrDefault(method + " " + path,
            Reply.json(404, "{\"status\":\"error\",\"message\":\"no route " + method + " " + path +
                "\",\"error_type\":\"GeneralException\"}"));
        if (reply.hangs())
        {
            try
            {
                release.await(10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        exchange.getResponseBody().write(reply.body());
        exchange.close();
    }
}
