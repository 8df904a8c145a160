package io.quantumleap.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.engine.protocol.TickMode;
import io.quantumleap.engine.sim.KiteSimulator;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.gateway.DataDirectory;
import io.quantumleap.gateway.QuantumLeap;
import io.quantumleap.gateway.live.EngineCommands;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.runtime.EngineRuntime;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class GatewayFixture implements AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    private static final double FAST_MARKET_VOLATILITY = 28.5;
    private static final double FAST_MARKET_REVERSION_MINUTES = 0.83;

    private final Map<String, Object> props;
    private final Path dataDir;
    private EmbeddedServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GatewayFixture(final Map<String, Object> extra)
    {
        try
        {
            dataDir = java.nio.file.Files.createTempDirectory("qleap-gateway-test-");
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
        props = new HashMap<>(QuantumLeap.properties(new DataDirectory(dataDir)));
        props.put("micronaut.server.port", freePort());
        props.put("quantumleap.sim.tick-rate", 20);
        props.put("quantumleap.sim.volatility", FAST_MARKET_VOLATILITY);
        props.put("quantumleap.sim.reversion-minutes", FAST_MARKET_REVERSION_MINUTES);
        props.put("quantumleap.sim.instruments", 60);
        props.put("quantumleap.admin-password", ADMIN_PASSWORD);
        props.put("quantumleap.rate-limit.user-rate", 10_000);
        props.put("quantumleap.rate-limit.user-burst", 10_000);
        props.put("quantumleap.rate-limit.address-rate", 10_000);
        props.put("quantumleap.rate-limit.address-burst", 10_000);
        props.putAll(extra);
        server = ApplicationContext.run(EmbeddedServer.class, props);
    }

    /**
     * A port free now, below Linux's ephemeral range (32768 and up): the system starts its simulator, PostgreSQL and
     * client connections on ports the kernel picks from that range, which could take a port picked there before the
     * HTTP server binds it.
     */
    private static int freePort()
    {
        final java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++)
        {
            final int port = random.nextInt(20_000, 32_768);
            try (java.net.ServerSocket socket = new java.net.ServerSocket())
            {
                socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
                return port;
            }
            catch (final java.io.IOException taken)
            {
                continue;
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32767 in 200 tries");
    }

    /** Stops the whole application and starts it again on the same data folder and port. */
    public void restart()
    {
        restart(() -> { });
    }

    /** Stops the whole application and starts it again on the same data folder and port with one setting changed. */
    public void restartWith(final String property, final Object value)
    {
        props.put(property, value);
        restart();
    }

    /** Something done to the data folder while the application is stopped. */
    @FunctionalInterface
    public interface WhileStopped
    {
        void run() throws Exception;
    }

    /** Stops the whole application, does {@code whileStopped}, and starts it again on the same data folder and port. */
    public void restart(final WhileStopped whileStopped)
    {
        stopApplication();
        try
        {
            whileStopped.run();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("while the application was stopped: " + ex, ex);
        }
        server = ApplicationContext.run(EmbeddedServer.class, props);
    }

    /** Stops the application as {@code ./qleap run} does on a signal. */
    private void stopApplication()
    {
        QuantumLeap.stop(server);
    }

    /** @return the gateway's own data folder (deleted by {@link #close()}). */
    public Path dataDir()
    {
        return dataDir;
    }

    public EmbeddedServer server()
    {
        return server;
    }

    public <T> T bean(final Class<T> type)
    {
        return server.getApplicationContext().getBean(type);
    }

    public HttpClient http()
    {
        return http;
    }

    public HttpResponse<String> send(final String method, final String path, final String token, final String body)
        throws Exception
    {
        return http.send(request(method, path, token, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The request {@link #send} sends, for a caller that adds to it or sends it with a client of its own. */
    public HttpRequest.Builder request(final String method, final String path, final String token, final String body)
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server.getURL() + path))
            .timeout(Duration.ofSeconds(10))
            .method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null)
        {
            builder.header("Content-Type", "application/json");
        }
        if (token != null)
        {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /**
     * Opens {@code /ws} with the token; every text message, whole, is handed to {@code onText} on the client's thread.
     */
    public WebSocket webSocket(final String token, final Consumer<String> onText) throws Exception
    {
        return webSocket(token, onText, (code, reason) -> { });
    }

    /** As {@link #webSocket(String, Consumer)}; {@code onClose} gets the server's close frame. */
    public WebSocket webSocket(final String token, final Consumer<String> onText,
        final BiConsumer<Integer, String> onClose) throws Exception
    {
        return http.newWebSocketBuilder().buildAsync(
            URI.create(server.getURL().toString().replace("http", "ws") + "/ws?token=" + token),
            new WebSocket.Listener()
            {
                private final StringBuilder parts = new StringBuilder();

                @Override
                public CompletionStage<?> onText(final WebSocket ws, final CharSequence data, final boolean last)
                {
                    parts.append(data);
                    if (last)
                    {
                        onText.accept(parts.toString());
                        parts.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(final WebSocket ws, final int statusCode, final String reason)
                {
                    onClose.accept(statusCode, reason);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
    }

    /** A close frame the server sent: its status code, or -1 when it had none, and its reason. */
    public record CloseFrame(int code, String reason)
    {
    }

    /**
     * Opens {@code /ws} with the token on a plain socket, writes {@code frames} as they are (what no WebSocket client
     * library would send) and reads until the server closes the connection.
     *
     * @return the close frames the server sent before it closed the connection.
     */
    public List<CloseFrame> closeFramesAnswering(final String token, final byte[]... frames) throws Exception
    {
        return closeFramesAnswering(token, 13, frames);
    }

    /** As {@link #closeFramesAnswering(String, byte[]...)}, for a client of the protocol's {@code version}. */
    public List<CloseFrame> closeFramesAnswering(final String token, final int version, final byte[]... frames)
        throws Exception
    {
        final List<CloseFrame> closeFrames = new ArrayList<>();
        try (java.net.Socket raw = new java.net.Socket("127.0.0.1", server.getPort()))
        {
            raw.setSoTimeout(10_000);
            final java.io.OutputStream out = raw.getOutputStream();
            final java.io.DataInputStream in = new java.io.DataInputStream(raw.getInputStream());
            out.write(("GET /ws?token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n" +
                "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
                "Sec-WebSocket-Version: " + version + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            final StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n"))
            {
                head.append((char)in.readUnsignedByte());
            }
            if (!head.toString().startsWith("HTTP/1.1 101"))
            {
                throw new AssertionError("the handshake was answered " + head);
            }
            for (final byte[] frame : frames)
            {
                out.write(frame);
            }
            while (true)
            {
                final int first = in.read();
                if (first < 0)
                {
                    break;
                }
                final int second = in.readUnsignedByte() & 0x7F;
                final int length = second == 126 ? in.readUnsignedShort() : second == 127 ? (int)in.readLong() : second;
                final byte[] payload = in.readNBytes(length);
                if ((first & 0x0F) == 8)
                {
                    closeFrames.add(new CloseFrame(length >= 2 ? (payload[0] & 0xFF) << 8 | payload[1] & 0xFF : -1,
                        length > 2 ? new String(payload, 2, length - 2, java.nio.charset.StandardCharsets.UTF_8) : ""));
                }
            }
        }
        return closeFrames;
    }

    /** A client's frame with a payload of at most 125 bytes, masked with a zero mask (so written as it is). */
    public static byte[] maskedFrame(final int firstByte, final int... payload)
    {
        final byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte)firstByte;
        frame[1] = (byte)(0x80 | payload.length);
        for (int i = 0; i < payload.length; i++)
        {
            frame[6 + i] = (byte)payload[i];
        }
        return frame;
    }

    public String login(final String username, final String password) throws Exception
    {
        final HttpResponse<String> response = send("POST", "/api/auth/login", null,
            "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (response.statusCode() != 200)
        {
            throw new AssertionError(
                "login of " + username + " failed: " + response.statusCode() + " " + response.body());
        }
        final Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(response.body());
        if (!m.find())
        {
            throw new AssertionError("no token in " + response.body());
        }
        return m.group(1);
    }

    /**
     * The Kite connect flow as a browser goes through it, against the in-process simulator: connect, the broker's
     * login page, the callback.
     */
    public void connectBroker(final String token, final Long accountId) throws Exception
    {
        connectBroker(token, accountId, server.getURL().toString());
    }

    /** Runs the connect flow from a dashboard at {@code origin} and returns where the callback sent the browser. */
    public String connectBroker(final String token, final Long accountId, final String origin) throws Exception
    {
        final HttpResponse<String> connect = http.send(HttpRequest.newBuilder(URI.create(origin +
                "/api/broker/kite/connect" + (accountId == null ? "" : "?account_id=" + accountId)))
            .header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
            HttpResponse.BodyHandlers.ofString());
        if (connect.statusCode() != 200)
        {
            throw new AssertionError("connect answered " + connect.statusCode() + " " + connect.body());
        }
        final Matcher url = Pattern.compile("\"url\":\"([^\"]+)\"").matcher(connect.body());
        if (!url.find())
        {
            throw new AssertionError("no login URL in " + connect.body());
        }
        final HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        final HttpResponse<String> kiteLogin = noRedirects.send(
            HttpRequest.newBuilder(URI.create(url.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        final String callback = kiteLogin.headers().firstValue("Location").orElseThrow(() ->
            new AssertionError("the broker's login page answered " + kiteLogin.statusCode() + " without a redirect"));
        final HttpResponse<String> back = noRedirects.send(HttpRequest.newBuilder(URI.create(callback)).build(),
            HttpResponse.BodyHandlers.ofString());
        final String location = back.headers().firstValue("Location").orElse("");
        if (back.statusCode() != 303 || !location.startsWith(origin + "/broker?connected="))
        {
            throw new AssertionError("the callback answered " + back.statusCode() + " to " + location);
        }
        return location;
    }

    /** Makes the engine know an NSE equity and gives it a quote, as the feed would, and waits until it is quoted. */
    public void quotedEquity(final long token, final String symbol, final long ltpPaise, final long volume,
        final long closePaise) throws InterruptedException
    {
        final Commands commands = new Commands();
        final EngineCommands engine = bean(EngineCommands.class);
        final long now = System.currentTimeMillis() * 1_000_000L;
        engine.publish(commands.buffer(), 0, commands.equity(now, token, symbol));
        engine.publish(commands.buffer(), 0, commands.tick(now, token, TickMode.QUOTE, ltpPaise, volume, closePaise));
        final LiveState live = bean(LiveState.class);
        await(symbol + " to be quoted", Duration.ofSeconds(10), () -> live.quote(token).isPresent());
    }

    /**
     * Tells the engine the broker session of {@code accountId} is {@code state}, as the broker runtime does after a
     * login or when a token expires, and waits until the gateway knows.
     */
    public void brokerSession(final long accountId, final BrokerSessionState state) throws InterruptedException
    {
        final Commands commands = new Commands();
        final long nowNs = System.currentTimeMillis() * 1_000_000L;
        final long expiryS = state == BrokerSessionState.CONNECTED ? nowNs / 1_000_000_000L + 3_600 : 0;
        bean(EngineCommands.class).publish(commands.buffer(), 0, commands.session(nowNs, accountId, state, expiryS));
        final LiveState live = bean(LiveState.class);
        await("the broker session of account " + accountId + " to be " + state, Duration.ofSeconds(10),
            () -> live.brokerSession(accountId) == state);
    }

    /**
     * Connects the broker, then steps the simulator (a fixture made with {@code quantumleap.sim.tick-rate} 0) until
     * the gateway has a live quote of {@code key} (EXCHANGE:SYMBOL).
     *
     * @return its last price in rupees.
     */
    public BigDecimal connectAndStepToQuote(final String token, final String key) throws Exception
    {
        connectBroker(token, null);
        final KiteSimulator sim = bean(EngineRuntime.class).broker().simulator();
        final BigDecimal[] ltp = {null};
        await("a live " + key + " quote", Duration.ofSeconds(30), () ->
        {
            sim.step(1);
            try
            {
                final JsonNode last = JSON.readTree(send("GET", "/api/quotes?i=" + key, token, null).body())
                    .findValue("last_price");
                ltp[0] = last != null && last.isNumber() ? last.decimalValue() : null;
            }
            catch (final Exception ex)
            {
                ltp[0] = null;
            }
            return ltp[0] != null;
        });
        return ltp[0];
    }

    /** Makes a trader of account 1 named {@code name}, as the admin whose token is given, and logs in as them. */
    public String newTrader(final String adminToken, final String name) throws Exception
    {
        final HttpResponse<String> created = send("POST", "/api/users", adminToken, "{\"username\":\"" + name +
            "\",\"password\":\"a-long-password-1\",\"roles\":[\"trader\"],\"account_ids\":[1]}");
        if (created.statusCode() != 201)
        {
            throw new AssertionError("user " + name + " not made: " + created.statusCode() + " " + created.body());
        }
        return login(name, "a-long-password-1");
    }

    /** Waits for a live quote of {@code key} (EXCHANGE:SYMBOL) and returns its last price in rupees. */
    public double lastPrice(final String token, final String key) throws InterruptedException
    {
        final double[] price = {Double.NaN};
        await("a live " + key + " quote", Duration.ofSeconds(30), () ->
        {
            try
            {
                final JsonNode last = JSON.readTree(send("GET", "/api/quotes?i=" + key, token, null).body())
                    .findValue("last_price");
                price[0] = last != null && last.isNumber() ? last.asDouble() : Double.NaN;
                return !Double.isNaN(price[0]);
            }
            catch (final Exception ex)
            {
                return false;
            }
        });
        return price[0];
    }

    /** Waits until the latest state of order {@code id} (client or broker id) passes {@code until}; returns it. */
    public JsonNode awaitOrder(final String token, final String id, final String what, final Duration timeout,
        final Predicate<JsonNode> until) throws InterruptedException
    {
        final JsonNode[] latest = {null};
        try
        {
            await("order " + id + " " + what, timeout, () ->
            {
                try
                {
                    final JsonNode history = JSON.readTree(send("GET", "/api/orders/" + id, token, null).body());
                    latest[0] = history.get(history.size() - 1);
                    return until.test(latest[0]);
                }
                catch (final Exception ex)
                {
                    return false;
                }
            });
        }
        catch (final AssertionError ex)
        {
            throw new AssertionError(ex.getMessage() + "; last seen: " + latest[0], ex);
        }
        return latest[0];
    }

    /** The {@code detail} of each entry of an answer of {@code GET /api/audit}, in order. */
    public static List<JsonNode> auditDetails(final String audit) throws Exception
    {
        final List<JsonNode> details = new ArrayList<>();
        JSON.readTree(audit).forEach(entry -> details.add(entry.path("detail")));
        return details;
    }

    public static void await(final String what, final Duration timeout, final BooleanSupplier condition)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close()
    {
        stopApplication();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dataDir))
        {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        catch (final java.io.IOException ex)
        {
            System.err.println("test data left in " + dataDir + ": " + ex.getMessage());
        }
    }
}
