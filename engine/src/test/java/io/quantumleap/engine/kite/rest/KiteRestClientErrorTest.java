package io.quantumleap.engine.kite.rest;

import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteRestClientErrorTest
{
    private final FakeKiteServer server = new FakeKiteServer();
    private final List<KiteException> tokenExceptions = new CopyOnWriteArrayList<>();
    private final List<String> refusedTokens = new CopyOnWriteArrayList<>();
    private final KiteRestClient client = client(server.uri());

    @AfterEach
    void stop()
    {
        server.close();
    }

    @Test
    void shouldMapTokenExceptionAndTellTheSessionListener()
    {
        final String refused = "{\"status\":\"error\",\"message\":\"Incorrect `api_key` or `access_token`.\"," +
            "\"error_type\":\"TokenException\"}";
        server.route("GET /orders", FakeKiteServer.Reply.json(403, refused));
        server.route("GET /instruments/NSE", FakeKiteServer.Reply.json(403, refused));

        client.accessToken("first-token");
        final KiteException error = failure(client.orders());
        client.accessToken("second-token");
        failure(client.instrumentsCsv("NSE"));

        assertEquals(KiteErrorType.TOKEN, error.type());
        assertEquals(403, error.httpStatus());
        assertEquals("GET /orders", error.endpoint());
        assertEquals(2, tokenExceptions.size());
        assertEquals(List.of("first-token", "second-token"), refusedTokens);
        assertEquals(2, client.errorCount(KiteErrorType.TOKEN));
    }

    @Test
    void shouldNotTakeARefusedRequestTokenForARefusalOfTheSessionsAccessToken()
    {
        server.route("POST /session/token", FakeKiteServer.Reply.json(403, "{\"status\":\"error\"," +
            "\"message\":\"Token is invalid or has expired.\",\"error_type\":\"TokenException\"}"));
        client.accessToken("working-token");

        final KiteException error = failure(client.generateSession("bogus"));

        assertEquals(KiteErrorType.TOKEN, error.type());
        assertEquals(List.of(), tokenExceptions);
        assertEquals("working-token", client.accessToken());
    }

    @Test
    void shouldChooseTheErrorTypeFromTheBodyNotTheHttpStatus()
    {
        server.route("GET /orders", FakeKiteServer.Reply.json(403,
            "{\"status\":\"error\",\"message\":\"odd\",\"error_type\":\"GeneralException\",\"data\":null}"));

        assertEquals(KiteErrorType.GENERAL, failure(client.orders()).type());
        assertTrue(tokenExceptions.isEmpty());
    }

    @Test
    void shouldMapEveryDocumentedErrorType()
    {
        for (final KiteErrorType type : KiteErrorType.values())
        {
            if (null == type.wireName())
            {
                continue;
            }
            server.route("GET /trades", FakeKiteServer.Reply.json(400,
                "{\"status\":\"error\",\"message\":\"m\",\"error_type\":\"" + type.wireName() + "\"}"));
            assertEquals(type, failure(client.trades()).type());
        }
    }

    @Test
    void shouldMapAnUnknownErrorTypeToGeneral()
    {
        server.route("GET /trades", FakeKiteServer.Reply.json(500,
            "{\"status\":\"error\",\"message\":\"m\",\"error_type\":\"BrandNewException\"}"));

        assertEquals(KiteErrorType.GENERAL, failure(client.trades()).type());
    }

    @Test
    void shouldMapRateLimitingToNetworkException()
    {
        server.route("POST /orders/regular", FakeKiteServer.Reply.json(429,
            "{\"status\":\"error\",\"message\":\"Too many requests\",\"error_type\":\"NetworkException\"}"));

        final KiteException error = failure(client.placeOrder("regular", params()));

        assertEquals(KiteErrorType.NETWORK, error.type());
        assertEquals(429, error.httpStatus());
    }

    @Test
    void shouldReportAnErrorPageWithoutEnvelopeAsHttpError()
    {
        server.route("GET /orders", new FakeKiteServer.Reply(502, "text/html",
            "<html>Bad gateway</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8), false));

        final KiteException error = failure(client.orders());

        assertEquals(KiteErrorType.HTTP_ERROR, error.type());
        assertEquals(502, error.httpStatus());
        assertTrue(error.getMessage().contains("Bad gateway"));
    }

    @Test
    void shouldReportMalformedJsonAsMalformedResponseWithOutcomeUnknown()
    {
        server.route("POST /orders/regular", FakeKiteServer.Reply.json(200, "{\"status\":\"success\",\"data\":{"));

        final KiteException error = failure(client.placeOrder("regular", params()));

        assertEquals(KiteErrorType.MALFORMED_RESPONSE, error.type());
        assertTrue(error.type().outcomeUnknown());
    }

    @Test
    void shouldNameTheFieldWhenAFieldHasTheWrongType()
    {
        server.route("GET /trades", FakeKiteServer.Reply.json(200,
            "{\"status\":\"success\",\"data\":[{\"trade_id\":\"1\",\"quantity\":\"many\"}]}"));

        final KiteException error = failure(client.trades());

        assertEquals(KiteErrorType.MALFORMED_RESPONSE, error.type());
        assertTrue(error.getMessage().contains("field quantity"), error.getMessage());
    }

    @Test
    void shouldReportAMissingDataFieldAsMalformed()
    {
        server.route("GET /orders", FakeKiteServer.Reply.json(200, "{\"status\":\"success\"}"));

        assertEquals(KiteErrorType.MALFORMED_RESPONSE, failure(client.orders()).type());
    }

    @Test
    void shouldIgnoreUnexpectedFields()
    {
        server.route("GET /orders", FakeKiteServer.Reply.json(200,
            "{\"status\":\"success\",\"extra\":1,\"data\":[{\"order_id\":\"9\",\"new_field\":{\"x\":[1]}}]}"));

        assertEquals("9", KiteRestClientMocksTest.await(client.orders()).get(0).orderId());
    }

    @Test
    void shouldTimeOutAHungRequestAsOutcomeUnknown()
    {
        server.route("POST /orders/regular", FakeKiteServer.Reply.hanging());

        final KiteException error = failure(client.placeOrder("regular", params()));

        assertEquals(KiteErrorType.TIMEOUT, error.type());
        assertTrue(error.type().outcomeUnknown());
    }

    @Test
    void shouldReportARefusedConnectionAsConnectFailed() throws Exception
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            port = socket.getLocalPort();
        }
        final KiteRestClient unreachable = client(URI.create("http://127.0.0.1:" + port));

        final KiteException error = failure(unreachable.orders());

        assertEquals(KiteErrorType.CONNECT_FAILED, error.type());
        assertTrue(!error.type().outcomeUnknown());
    }

    @Test
    void shouldCountModifiesAndCancelsWithEveryOtherCallNotAgainstTheOrderLimit()
    {
        server.route("POST /orders/regular", FakeKiteServer.Reply.mock("order_response.json"))
            .route("PUT /orders/regular/151220000000000", FakeKiteServer.Reply.mock("order_modify.json"))
            .route("DELETE /orders/regular/151220000000000", FakeKiteServer.Reply.mock("order_cancel.json"));
        final KiteRestClient limited = new KiteRestClient(new KiteRestContext()
            .apiUrl(server.uri())
            .maxOrderQueueDelay(Duration.ZERO.plusMillis(1))
            .rateLimiter(new RateLimiter(SystemNanoClock.INSTANCE, 1, 1, 1, 1, 60)));

        KiteRestClientMocksTest.await(limited.placeOrder("regular", params()));
        KiteRestClientMocksTest.await(limited.modifyOrder("regular", "151220000000000", params()));
        KiteRestClientMocksTest.await(limited.cancelOrder("regular", "151220000000000", null));
        final KiteException error = failure(limited.placeOrder("regular", params()));

        assertEquals(KiteErrorType.RATE_LIMITED, error.type());
        assertEquals(List.of("POST /orders/regular", "PUT /orders/regular/151220000000000",
            "DELETE /orders/regular/151220000000000"), server.requests().stream()
            .map(request -> request.method() + " " + request.path()).toList());
    }

    @Test
    void shouldSendEveryOrderOfTwiceTheLimitAtOnceAsTheCoreAdmitsAcrossASecondBoundary()
    {
        server.route("POST /orders/regular", FakeKiteServer.Reply.mock("order_response.json"));
        final KiteRestClient client = new KiteRestClient(new KiteRestContext().apiUrl(server.uri())
            .rateLimiter(new RateLimiter(SystemNanoClock.INSTANCE, 1, 3, 10, 400, 10)));
        final List<CompletableFuture<PlaceOrderResult>> placed = new ArrayList<>();

        for (int i = 0; i < 20; i++)
        {
            placed.add(client.placeOrder("regular", params()));
        }
        placed.forEach(KiteRestClientMocksTest::await);

        assertEquals(20, server.requests().size());
    }

    @Test
    void shouldLetReadsForAPersonWaitBehindOrderChangesAndNeverTakeTheirSlots()
    {
        server.route("GET /user/margins", FakeKiteServer.Reply.mock("margins.json"))
            .route("GET /portfolio/holdings", FakeKiteServer.Reply.mock("holdings.json"))
            .route("POST /margins/orders", FakeKiteServer.Reply.mock("order_margins.json"))
            .route("PUT /orders/regular/151220000000000", FakeKiteServer.Reply.mock("order_modify.json"))
            .route("DELETE /orders/regular/151220000000000", FakeKiteServer.Reply.mock("order_cancel.json"));
        final RateLimiter limiter = new RateLimiter(SystemNanoClock.INSTANCE, 1, 1, 10, 200,
            KiteRestClient.HEADROOM_FOR_ORDERS + 2);
        final KiteRestClient limited = new KiteRestClient(new KiteRestContext().apiUrl(server.uri())
            .rateLimiter(limiter));

        KiteRestClientMocksTest.await(limited.margins());
        KiteRestClientMocksTest.await(limited.holdings());
        final long startNs = System.nanoTime();
        final CompletableFuture<List<KiteOrderMargin>> waiting = limited.orderMargins("regular", List.of(params()));
        KiteRestClientMocksTest.await(limited.modifyOrder("regular", "151220000000000", params()));
        KiteRestClientMocksTest.await(limited.cancelOrder("regular", "151220000000000", null));
        final long changesMs = (System.nanoTime() - startNs) / 1_000_000;
        KiteRestClientMocksTest.await(waiting);
        final long readMs = (System.nanoTime() - startNs) / 1_000_000;
        for (int i = 0; i < 3 * (KiteRestClient.HEADROOM_FOR_ORDERS + 2); i++)
        {
            limiter.reserve(RateLimitBucket.OTHER);
        }
        final KiteException refused = failure(limited.margins());

        assertEquals(List.of("GET /user/margins", "GET /portfolio/holdings", "PUT /orders/regular/151220000000000",
            "DELETE /orders/regular/151220000000000", "POST /margins/orders"), server.requests().stream()
            .map(request -> request.method() + " " + request.path()).toList());
        assertTrue(changesMs < 1_000, "the modify and the cancel waited " + changesMs + " ms");
        assertTrue(readMs >= 900, "the third read went out " + readMs + " ms after the first two");
        assertEquals(KiteErrorType.RATE_LIMITED, refused.type(), refused.getMessage());
        assertTrue(refused.getMessage().contains("leaves the last 3 to order changes"), refused.getMessage());
    }

    @Test
    void shouldRefuseAnOrderLocallyWhenTheOrderRateLimitIsExhausted()
    {
        server.route("POST /orders/regular", FakeKiteServer.Reply.mock("order_response.json"));
        final KiteRestClient limited = new KiteRestClient(new KiteRestContext()
            .apiUrl(server.uri())
            .maxOrderQueueDelay(Duration.ZERO.plusMillis(1))
            .rateLimiter(new RateLimiter(SystemNanoClock.INSTANCE, 1, 1, 1, 60, 1)));

        KiteRestClientMocksTest.await(limited.placeOrder("regular", params()));
        final KiteException error = failure(limited.placeOrder("regular", params()));

        assertEquals(KiteErrorType.RATE_LIMITED, error.type());
        assertEquals(1, server.requests().size());
        assertTrue(error.getMessage().matches("RATE_LIMITED POST /orders/regular: order rate limit reached: Kite's " +
            "next free order slot is \\d+ ms away, past the 1 ms an order may wait; nothing was sent, place the " +
            "order again"), error.getMessage());
    }

    private KiteRestClient client(final URI uri)
    {
        return new KiteRestClient(server.clientContext()
            .apiUrl(uri)
            .connectTimeout(Duration.ofSeconds(2))
            .sessionListener((exception, token) ->
            {
                tokenExceptions.add(exception);
                refusedTokens.add(token);
            }));
    }

    private static KiteOrderParams params()
    {
        return new KiteOrderParams("NSE", "INFY", "BUY", "MARKET", 1, "MIS", null, null, 0, null, 0, 0, 0, -1, null);
    }

    private static KiteException failure(final CompletableFuture<?> future)
    {
        final ExecutionException error = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(KiteException.class, error.getCause());
    }
}
