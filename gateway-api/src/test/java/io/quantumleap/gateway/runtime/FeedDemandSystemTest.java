package io.quantumleap.gateway.runtime;

import io.quantumleap.gateway.live.InstrumentView;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedDemandSystemTest
{
    private static GatewayFixture app;
    private static String admin;
    private static BrokerRuntime broker;

    @BeforeAll
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of("quantumleap.ws.release-after", "1s", "quantumleap.ws.release-check", "200ms"));
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        app.connectBroker(admin, null);
        broker = app.bean(EngineRuntime.class).broker();
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    @Test
    void shouldKeepAnInstrumentWatchedWhileAClientSubscribesAndReleaseItOnceNoneHasForAWhile() throws Exception
    {
        final long token = token("NSE", "TCS");
        GatewayFixture.await("the simulator's whole list on the feed", Duration.ofSeconds(30),
            () -> broker.watches(token) == 1);
        assertEquals(0, broker.fullWatches(token));
        awaitStreamed(token, "quote");

        final WebSocket first = app.webSocket(admin, text -> { });
        final WebSocket second = app.webSocket(admin, text -> { });
        first.sendText("{\"a\":\"subscribe\",\"v\":[" + token + "]}", true).join();
        second.sendText("{\"a\":\"subscribe\",\"v\":[" + token + "]}", true).join();
        GatewayFixture.await("the gateway's watch", Duration.ofSeconds(10), () -> broker.watches(token) == 2);
        assertEquals(1, broker.fullWatches(token));
        awaitStreamed(token, "full");

        first.sendText("{\"a\":\"unsubscribe\",\"v\":[" + token + "]}", true).join();
        Thread.sleep(2_000);
        assertEquals(2, broker.watches(token), "the second client still subscribes");

        second.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        GatewayFixture.await("the gateway's watch released", Duration.ofSeconds(10), () -> broker.watches(token) == 1);
        assertEquals(0, broker.fullWatches(token));
        awaitStreamed(token, "quote");

        final WebSocket third = app.webSocket(admin, text -> { });
        third.sendText("{\"a\":\"subscribe\",\"v\":[" + token + "]}", true).join();
        GatewayFixture.await("the gateway's watch again", Duration.ofSeconds(10), () -> broker.watches(token) == 2);
        third.sendText("{\"a\":\"unsubscribe\",\"v\":[" + token + "]}", true).join();
        third.sendText("{\"a\":\"subscribe\",\"v\":[" + token + "]}", true).join();
        Thread.sleep(2_000);
        assertEquals(2, broker.watches(token), "subscribed again within the grace period: one watch, kept");
        third.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        GatewayFixture.await("released after the last client left", Duration.ofSeconds(10),
            () -> broker.watches(token) == 1);
    }

    @Test
    void shouldWatchAnInstrumentWhileAnAccountHoldsAPositionInIt() throws Exception
    {
        final long token = token("NSE", "HDFCBANK");
        GatewayFixture.await("the simulator's whole list on the feed", Duration.ofSeconds(30),
            () -> broker.watches(token) == 1);

        app.lastPrice(admin, "NSE:HDFCBANK");
        order("BUY");
        GatewayFixture.await("the position's watch", Duration.ofSeconds(30), () -> broker.watches(token) == 2);
        order("SELL");
        GatewayFixture.await("the flat position's watch released", Duration.ofSeconds(30),
            () -> broker.watches(token) == 1);
    }

    /** Waits for the latest tick of the instrument to have come in the mode the feed now streams it in. */
    private static void awaitStreamed(final long token, final String mode) throws InterruptedException
    {
        final LiveState live = app.bean(LiveState.class);
        final long after = live.quote(token).map(q -> q.timestamp().toEpochMilli()).orElse(0L);
        GatewayFixture.await("ticks of " + token + " in " + mode + " mode", Duration.ofSeconds(15), () ->
            live.quote(token).filter(q -> q.timestamp().toEpochMilli() > after && mode.equals(q.mode())).isPresent());
    }

    private static void order(final String side) throws Exception
    {
        final HttpResponse<String> placed = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"HDFCBANK\",\"transaction_type\":\"" + side + "\"," +
                "\"order_type\":\"MARKET\",\"quantity\":3,\"product\":\"MIS\",\"market_protection\":2}");
        assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());
    }

    private static long token(final String exchange, final String symbol) throws InterruptedException
    {
        final LiveState live = app.bean(LiveState.class);
        final InstrumentView[] found = {null};
        GatewayFixture.await("the instrument " + exchange + ":" + symbol, Duration.ofSeconds(30), () ->
        {
            found[0] = live.instrument(exchange, symbol).orElse(null);
            return found[0] != null;
        });
        return found[0].instrumentToken();
    }
}
