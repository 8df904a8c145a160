package io.quantumleap.engine.kite.rest;

import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KiteRestClientEgressTest
{
    private final FakeKiteServer server = new FakeKiteServer();

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void shouldSendOrdersFromTheConfiguredLocalAddress() throws Exception
    {
        server.route("POST /orders/regular", FakeKiteServer.Reply.mock("order_response.json"));
        final InetAddress egress = InetAddress.getByName("127.0.0.2");
        try (KiteRestClient client = new KiteRestClient(context().egressBindAddress(egress)))
        {
            final PlaceOrderResult result = KiteRestClientMocksTest.await(client.placeOrder("regular",
                new KiteOrderParams("NSE", "INFY", "BUY", "MARKET", 1, "MIS", null, null, 0, null, 0, 0, 0, 0, null)));

            assertEquals("151220000000000", result.orderId());
            assertEquals(egress, server.requests().get(0).remoteAddress());
            assertEquals("exchange=NSE&tradingsymbol=INFY&transaction_type=BUY&order_type=MARKET&quantity=1" +
                "&product=MIS", server.requests().get(0).body());
        }
    }

    @Test
    void shouldReadTheEgressSettingsFromTheEnvironment()
    {
        final KiteRestContext proxied = KiteRestContext.fromEnvironment(Map.of(
            "KITE_API_KEY", "k", "KITE_API_URL", "http://127.0.0.1:1", "KITE_ORDER_PROXY", "proxy.local:3128"));
        final KiteRestContext bound = KiteRestContext.fromEnvironment(Map.of("KITE_ORDER_BIND_ADDRESS", "127.0.0.3"));

        assertEquals(InetSocketAddress.createUnresolved("proxy.local", 3128), proxied.egressProxy());
        assertEquals("k", proxied.apiKey());
        assertEquals("http://127.0.0.1:1", proxied.apiUrl().toString());
        assertEquals("127.0.0.3", bound.egressBindAddress().getHostAddress());
        assertEquals(KiteRestContext.API_URL_DEFAULT, bound.apiUrl().toString());
    }

    @Test
    void shouldRefuseAProxyAndABindAddressTogether() throws Exception
    {
        final KiteRestContext both = context().egressBindAddress(InetAddress.getLoopbackAddress())
            .egressProxy(new InetSocketAddress("127.0.0.1", 3128));

        assertThrows(IllegalStateException.class, both::conclude);
        assertThrows(IllegalArgumentException.class,
            () -> KiteRestContext.fromEnvironment(Map.of("KITE_ORDER_PROXY", "no-port")));
    }

    private KiteRestContext context()
    {
        return new KiteRestContext()
            .apiUrl(server.uri())
            .requestTimeout(Duration.ofSeconds(5))
            .rateLimiter(new RateLimiter(SystemNanoClock.INSTANCE, 100, 100, 100, 1000, 100));
    }
}
