package io.quantumleap.gateway.runtime;

import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.netty.channel.EventLoopGroup;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.gateway.live.EngineCommands;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpOnCoreThreadSystemTest
{
    private static final long INFY = 408_065;
    private static final int SCHED_OTHER = SchedulingPolicy.OTHER;
    private static final int SCHED_DEADLINE = SchedulingPolicy.DEADLINE;

    @ParameterizedTest
    @ValueSource(strings = {"core", "own"})
    void shouldServeRestWebSocketTicksAndOrdersThenRestartWithTheServerOnEitherThread(final String httpThread)
        throws Exception
    {
        try (GatewayFixture app = new GatewayFixture(Map.of(
            HttpOnCoreThread.PROPERTY, httpThread,
            "quantumleap.engine.journal-thread", "core",
            "quantumleap.engine.feed-thread", "core")))
        {
            assertLayout(app, httpThread);
            final String admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
            assertCoreReservation(app, admin);
            app.connectBroker(admin, null);
            assertTicksAndOrders(app, admin);
            app.restart();
            assertLayout(app, httpThread);
            final String again = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
            assertCoreReservation(app, again);
            assertTicksAndOrders(app, again);
        }
    }

    private static void assertLayout(final GatewayFixture app, final String httpThread) throws Exception
    {
        final EventLoopGroup serverLoops = app.bean(EventLoopGroupRegistry.class).getDefaultEventLoopGroup();
        final HttpOnCoreThread onCore = app.bean(HttpOnCoreThread.class);
        final String serverThread = serverLoops.next().submit(() -> Thread.currentThread().getName())
            .get(10, TimeUnit.SECONDS);
        if (httpThread.equals("core"))
        {
            assertSame(onCore.loop(), serverLoops);
            assertEquals("qleap-core", serverThread);
        }
        else
        {
            assertNull(onCore.loop());
            assertNotSame("qleap-core", serverThread);
            assertFalse(serverThread.startsWith("qleap-core"), serverThread);
        }
    }

    private static void assertCoreReservation(final GatewayFixture app, final String token) throws Exception
    {
        final CoreReservation reservation = app.bean(EngineRuntime.class).coreReservation();
        assertEquals(CoreReservation.AUTO_PERCENT, reservation.percent());
        GatewayFixture.await("the core thread's reservation made or refused", Duration.ofSeconds(10),
            () -> reservation.state() != CoreReservation.State.PENDING);
        assertEquals("qleap-core", Files.readString(Path.of("/proc/self/task", Long.toString(reservation.tid()),
            "comm")).trim());
        GatewayFixture.await("the core thread's scheduling class as its reservation says", Duration.ofSeconds(10),
            () -> schedulingPolicy(reservation.tid()) == (reservation.state() == CoreReservation.State.RESERVED ?
                SCHED_DEADLINE : SCHED_OTHER));
        final String metrics = get(app, token, "/metrics").body();
        assertTrue(metrics.contains("qleap_core_reserved "), metrics);
        assertTrue(metrics.contains("qleap_core_reservation_releases_total "), metrics);
        assertTrue(metrics.contains("qleap_core_reservation_refused " +
            (reservation.state() == CoreReservation.State.REFUSED ? "1.0" : "0.0")), metrics);
        final Matcher coreCpu = Pattern.compile("qleap_thread_cpu_seconds_total\\{thread=\"qleap-core\",?} (\\S+)")
            .matcher(metrics);
        assertTrue(coreCpu.find(), metrics);
        assertTrue(Double.parseDouble(coreCpu.group(1)) > 0, coreCpu.group());
        assertTrue(Pattern.compile("qleap_thread_wait_seconds_total\\{thread=\"qleap-core\",?} ")
            .matcher(metrics).find(), metrics);
        if (reservation.state() == CoreReservation.State.REFUSED)
        {
            assertNotNull(reservation.refusal());
        }
    }

    private static int schedulingPolicy(final long tid)
    {
        try
        {
            return SchedulingPolicy.of(Long.toString(tid));
        }
        catch (final IOException ex)
        {
            throw new AssertionError("the core thread's stat", ex);
        }
    }

    private static void assertTicksAndOrders(final GatewayFixture app, final String token) throws Exception
    {
        final AtomicInteger ticks = new AtomicInteger();
        final AtomicInteger orderUpdates = new AtomicInteger();
        final WebSocket socket = app.webSocket(token, text ->
        {
            if (text.contains("\"instrument_token\":" + INFY))
            {
                ticks.incrementAndGet();
            }
            if (text.startsWith("{\"type\":\"order\""))
            {
                orderUpdates.incrementAndGet();
            }
        });
        try
        {
            GatewayFixture.await("a live INFY quote", Duration.ofSeconds(30), () ->
                get(app, token, "/api/quotes?i=NSE:INFY").body().contains("\"last_price\""));
            socket.sendText("{\"a\":\"subscribe\",\"v\":[" + INFY + "]}", true).get(5, TimeUnit.SECONDS);
            GatewayFixture.await("live INFY ticks on the WebSocket", Duration.ofSeconds(30), () -> ticks.get() >= 3);
            final HttpResponse<String> placed = app.send("POST", "/api/orders", token,
                "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
                    "\"order_type\":\"MARKET\",\"quantity\":1,\"product\":\"MIS\",\"market_protection\":2}");
            assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());
            GatewayFixture.await("the broker's order id on the order", Duration.ofSeconds(30), () ->
                get(app, token, "/api/orders").body().matches("(?s).*\"order_id\":\"[^\"]+\".*"));
            GatewayFixture.await("the order's updates on the WebSocket", Duration.ofSeconds(30), () ->
                orderUpdates.get() >= 1);
        }
        finally
        {
            socket.abort();
        }
    }

    private static HttpResponse<String> get(final GatewayFixture app, final String token, final String path)
    {
        try
        {
            return app.send("GET", path, token, null);
        }
        catch (final Exception ex)
        {
            throw new AssertionError("GET " + path + " failed", ex);
        }
    }

    @Test
    void shouldKeepTheCoreThreadFreeWhileTheDatabaseIsAskedAboutASessionThisProcessHasNotSeen() throws Exception
    {
        try (GatewayFixture app = new GatewayFixture(Map.of(
            HttpOnCoreThread.PROPERTY, "core",
            "quantumleap.engine.journal-thread", "core",
            "quantumleap.engine.feed-thread", "core")))
        {
            final String seen = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
            final String unseen = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
            final String unseenOnWebSocket = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
            app.restart();
            assertLayout(app, "core");
            assertEquals(200, app.send("GET", "/api/me", seen, null).statusCode());
            final EventLoopGroup serverLoops = app.bean(EventLoopGroupRegistry.class).getDefaultEventLoopGroup();
            final ExecutorService client = Executors.newSingleThreadExecutor();
            try (Connection lock = app.bean(EngineRuntime.class).database().dataSource().getConnection())
            {
                lock.setAutoCommit(false);
                try (Statement s = lock.createStatement())
                {
                    s.execute("LOCK TABLE user_sessions IN ACCESS EXCLUSIVE MODE");
                }
                final Future<HttpResponse<String>> waiting = client.submit(() -> app.send("GET", "/api/me", unseen,
                    null));
                Thread.sleep(500);
                assertFalse(waiting.isDone());
                assertEquals("qleap-core", serverLoops.next().submit(() -> Thread.currentThread().getName())
                    .get(2, TimeUnit.SECONDS));
                assertEquals(200, app.send("GET", "/api/me", seen, null).statusCode());
                lock.rollback();
                assertEquals(200, waiting.get(10, TimeUnit.SECONDS).statusCode());
            }
            finally
            {
                client.shutdownNow();
            }
            assertFirstMessageServed(app, unseenOnWebSocket);
        }
    }

    private static void assertFirstMessageServed(final GatewayFixture app, final String token) throws Exception
    {
        final List<String> received = new CopyOnWriteArrayList<>();
        final WebSocket socket = app.webSocket(token, received::add);
        try
        {
            socket.sendText("{\"a\":\"mode\",\"v\":[\"full\",[" + INFY + "]]}", true).get(5, TimeUnit.SECONDS);
            final Commands commands = new Commands();
            final EngineCommands engine = app.bean(EngineCommands.class);
            final long now = System.currentTimeMillis() * 1_000_000L;
            engine.publish(commands.buffer(), 0, commands.equity(now, INFY, "INFY"));
            engine.publish(commands.buffer(), 0, commands.fullTick(now, INFY, 152_500, 10, 152_000, 5));
            GatewayFixture.await("the tick the first message asked for", Duration.ofSeconds(10),
                () -> received.stream().anyMatch(m -> m.contains("\"last_price\":1525.00") && m.contains("\"depth\"")));
        }
        finally
        {
            socket.abort();
        }
    }

    @Test
    void shouldPutTheServerOnTheCoreThreadOnlyWhereTheCoreThreadServesALoop()
    {
        assertTrue(HttpOnCoreThread.onCoreThread("auto", true, true, 1));
        assertFalse(HttpOnCoreThread.onCoreThread("auto", true, true, 2));
        assertFalse(HttpOnCoreThread.onCoreThread("auto", true, false, 1));
        assertFalse(HttpOnCoreThread.onCoreThread("auto", false, false, 1));
        assertFalse(HttpOnCoreThread.onCoreThread("own", true, true, 1));
        assertTrue(HttpOnCoreThread.onCoreThread("core", true, true, 4));
        final IllegalArgumentException noLoop = assertThrows(IllegalArgumentException.class,
            () -> HttpOnCoreThread.onCoreThread("core", true, false, 1));
        assertTrue(noLoop.getMessage().contains("serves no event loop"), noLoop.getMessage());
        final IllegalArgumentException gateway = assertThrows(IllegalArgumentException.class,
            () -> HttpOnCoreThread.onCoreThread("core", false, false, 1));
        assertTrue(gateway.getMessage().contains("this process is a gateway"), gateway.getMessage());
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> HttpOnCoreThread.onCoreThread("gpu", true, true, 1));
        assertTrue(unknown.getMessage().contains(HttpOnCoreThread.PROPERTY), unknown.getMessage());
    }
}
