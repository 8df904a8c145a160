package io.quantumleap.gateway.http;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.simple.SimpleHttpRequest;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteMatch;
import io.quantumleap.engine.testing.Allocations;
import io.quantumleap.gateway.support.GatewayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MalformedRequestSystemTest
{
    private static final String ORDER = "\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
        "\"order_type\":\"LIMIT\",\"quantity\":1,\"product\":\"CNC\"";
    private static final List<String> JSON_BODIES = List.of("POST /api/auth/login", "POST /api/users",
        "PUT /api/users/" + UUID.randomUUID(), "POST /api/orders", "PUT /api/orders/42", "PUT /api/positions",
        "POST /api/margins/orders", "POST /api/margins/basket", "POST /api/gtt", "PUT /api/gtt/1",
        "POST /api/baskets", "PUT /api/baskets/1", "PUT /api/risk", "POST /api/replay/export", "POST /api/alerts",
        "PUT /api/alerts/1", "PUT /api/watchlist");

    private static GatewayFixture app;
    private static String admin;

    @BeforeAll
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of());
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    @Test
    void shouldAnswerAMethodAPathDoesNotTake405NamingWhatItTakes() throws Exception
    {
        final HttpResponse<String> patch = app.send("PATCH", "/api/orders/1", admin, null);
        final HttpResponse<String> put = app.send("PUT", "/api/orders", admin, "{}");
        final HttpResponse<String> delete = app.send("DELETE", "/api/orders", admin, null);
        final HttpResponse<String> post = app.send("POST", "/api/positions", admin, "{}");
        final HttpResponse<String> anonymous = app.send("PATCH", "/api/orders/1", null, null);
        final HttpResponse<String> getLogin = app.send("GET", "/api/auth/login", null, null);
        final HttpResponse<String> plainWs = app.send("GET", "/ws", admin, null);

        assertEquals(405, patch.statusCode(), patch.body());
        assertEquals("{\"error\":\"method_not_allowed\",\"message\":\"PATCH is not allowed on /api/orders/1; it " +
            "takes GET, PUT, DELETE\"}", patch.body());
        assertEquals("GET, PUT, DELETE", patch.headers().firstValue("Allow").orElse(""));
        assertEquals(405, getLogin.statusCode(), getLogin.body());
        assertEquals(426, plainWs.statusCode(), plainWs.body());
        assertTrue(plainWs.body().startsWith("{\"error\":\"upgrade_required\",\"message\":\"/ws is a WebSocket: " +
            "connect with a WebSocket client"), plainWs.body());
        assertEquals("{\"error\":\"method_not_allowed\",\"message\":\"GET is not allowed on /api/auth/login; it " +
            "takes POST\"}", getLogin.body());
        assertEquals(405, put.statusCode(), put.body());
        assertEquals("{\"error\":\"method_not_allowed\",\"message\":\"PUT is not allowed on /api/orders; it " +
            "takes GET, POST\"}", put.body());
        assertEquals("GET, POST", put.headers().firstValue("Allow").orElse(""));
        assertEquals(405, delete.statusCode(), delete.body());
        assertTrue(delete.body().contains("\"DELETE is not allowed on /api/orders; it takes GET, POST\""),
            delete.body());
        assertEquals(405, post.statusCode(), post.body());
        assertEquals("{\"error\":\"method_not_allowed\",\"message\":\"POST is not allowed on /api/positions; it " +
            "takes GET, PUT\"}", post.body());
        assertEquals("GET, PUT", post.headers().firstValue("Allow").orElse(""));
        assertEquals(405, anonymous.statusCode(), anonymous.body());
        assertEquals(patch.body(), anonymous.body());
    }

    @Test
    void shouldAnswerAMethodTheMetricsOrHealthPathDoesNotTake405AsTheApisPathsDo() throws Exception
    {
        final HttpResponse<String> deleteMetrics = app.send("DELETE", "/metrics", admin, null);
        final HttpResponse<String> postHealth = app.send("POST", "/health", null, "{}");
        final HttpResponse<String> getHealth = app.send("GET", "/health", null, null);
        final HttpResponse<String> headHealth = app.send("HEAD", "/health", null, null);

        assertEquals(405, deleteMetrics.statusCode(), deleteMetrics.body());
        assertEquals("{\"error\":\"method_not_allowed\",\"message\":\"DELETE is not allowed on /metrics; it " +
            "takes GET\"}", deleteMetrics.body());
        assertEquals("GET", deleteMetrics.headers().firstValue("Allow").orElse(""));
        assertEquals(405, postHealth.statusCode(), postHealth.body());
        assertEquals("GET", postHealth.headers().firstValue("Allow").orElse(""));
        assertEquals(200, getHealth.statusCode(), getHealth.body());
        assertEquals(200, headHealth.statusCode(), headHealth.body());
    }

    @Test
    void shouldStillRefuseARouteTheRolesDoNotAllow() throws Exception
    {
        app.send("POST", "/api/users", admin,
            "{\"username\":\"viewer1\",\"password\":\"viewer-password-1\",\"roles\":[\"trader\"]}");
        final String trader = app.login("viewer1", "viewer-password-1");

        final HttpResponse<String> users = app.send("GET", "/api/users", trader, null);
        final HttpResponse<String> anonymous = app.send("GET", "/api/orders", null, null);

        assertEquals(403, users.statusCode(), users.body());
        assertTrue(users.body().contains("\"error\":\"forbidden\""), users.body());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
    }

    @Test
    void shouldAnswerAJsonLikeContentTypeNoRouteTakes415() throws Exception
    {
        for (final String type : List.of("text/json", "application/json-patch+json"))
        {
            final HttpResponse<String> orders = sendTyped("POST", "/api/orders", admin, type, "{" + ORDER + "}");
            final HttpResponse<String> risk = sendTyped("PUT", "/api/risk", admin, type, "{}");
            final HttpResponse<String> login = sendTyped("POST", "/api/auth/login", null, type, "{}");

            assertEquals(415, orders.statusCode(), type + " " + orders.body());
            assertEquals("{\"error\":\"unsupported_media_type\",\"message\":\"the body must be JSON " +
                "(Content-Type: application/json), got " + type + "\"}", orders.body());
            assertEquals(415, risk.statusCode(), type + " " + risk.body());
            assertEquals(415, login.statusCode(), type + " " + login.body());
        }
    }

    @Test
    void shouldAnswerAContentTypeThatDoesNotReadOrAnotherCharset415() throws Exception
    {
        for (final String type : List.of("garbage", ";", "application/json; charset=utf-16",
            "application/json; charset=latin1"))
        {
            final HttpResponse<String> orders = sendTyped("POST", "/api/orders", admin, type,
                "{\"exchange\":\"NSE\"," + ORDER + ",\"price\":1400}");
            final HttpResponse<String> alerts = sendTyped("POST", "/api/alerts", admin, type, "{}");

            assertEquals(415, orders.statusCode(), type + " " + orders.body());
            assertTrue(orders.body().startsWith("{\"error\":\"unsupported_media_type\",\"message\":\"the body " +
                "must be JSON"), orders.body());
            assertEquals(415, alerts.statusCode(), type + " " + alerts.body());
        }
        final HttpResponse<String> utf8 = sendTyped("PUT", "/api/risk", admin, "application/json; charset=UTF-8",
            "{\"limits\":{\"max_order_value\":NaN}}");
        assertEquals(400, utf8.statusCode(), utf8.body());
    }

    @Test
    void shouldAnswerAnApiPathThatDoesNotExist404WithABody() throws Exception
    {
        final HttpResponse<String> get = app.send("GET", "/api/nonexistent", admin, null);
        final HttpResponse<String> deeper = app.send("GET", "/api/orders/1/legs/2", admin, null);
        final HttpResponse<String> post = app.send("POST", "/api/nonexistent", admin, "{}");
        final HttpResponse<String> patch = app.send("PATCH", "/api/nonexistent", admin, null);
        final HttpResponse<String> page = app.send("GET", "/positions", null, null);
        final HttpResponse<String> nestedPage = app.send("GET", "/orders/history", null, null);

        assertEquals(404, get.statusCode(), get.body());
        assertEquals("{\"error\":\"not_found\",\"message\":\"no such path: /api/nonexistent\"}", get.body());
        assertEquals(404, deeper.statusCode(), deeper.body());
        assertEquals("{\"error\":\"not_found\",\"message\":\"no such path: /api/orders/1/legs/2\"}", deeper.body());
        assertEquals(404, post.statusCode(), post.body());
        assertEquals(get.body(), post.body());
        assertEquals(404, patch.statusCode(), patch.body());
        assertEquals(get.body(), patch.body());
        assertEquals(200, page.statusCode(), page.body());
        assertEquals(200, nestedPage.statusCode(), nestedPage.body());
        assertEquals(page.body(), nestedPage.body());
    }

    @Test
    void shouldNameWhatIsWrongWithABodyThatIsNotAJsonObjectOnEveryEndpoint() throws Exception
    {
        final List<String> wrong = new ArrayList<>();
        for (final String route : JSON_BODIES)
        {
            final String method = route.substring(0, route.indexOf(' '));
            final String path = route.substring(route.indexOf(' ') + 1);
            expect(wrong, route, app.send(method, path, admin, "not json"),
                "body: not valid JSON at line 1, column 5");
            expect(wrong, route, app.send(method, path, admin, "{\n,}"),
                "body: not valid JSON at line 2, column 1");
            expect(wrong, route, app.send(method, path, admin, "[]"), "body: expected a JSON object");
            expect(wrong, route, app.send(method, path, admin, "\"str\""), "body: expected a JSON object");
            expect(wrong, route, app.send(method, path, admin, "42"), "body: expected a JSON object");
            expect(wrong, route, app.send(method, path, admin, "\n  [1, 2]"),
                "body: expected a JSON object at line 2, column 4");
            expect(wrong, route, app.send(method, path, admin, ""), "body: required (a JSON object)");
            expect(wrong, route, app.send(method, path, admin, "{}{\"quantity\":2}"),
                "body: unexpected content after the JSON value at line 1, column 3 (a body is one JSON object)");
            expect(wrong, route, app.send(method, path, admin, "{\"a\": [1]}\n  garbage ]]"),
                "body: unexpected content after the JSON value at line 2, column 3 (a body is one JSON object)");
            expect(wrong, route, app.send(method, path, admin, "{}]"),
                "body: unexpected content after the JSON value at line 1, column 3 (a body is one JSON object)");
            expect(wrong, route, app.send(method, path, admin, "null"), "body: required (a JSON object)");
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void shouldNameAFieldGivenTwiceOrANumberThatIsNotOne() throws Exception
    {
        final List<String> wrong = new ArrayList<>();

        expect(wrong, "twice", app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"exchange\":\"BSE\"," + ORDER + ",\"price\":1400}"), "exchange: given twice");
        expect(wrong, "NaN", app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\"," + ORDER + ",\"price\":NaN}"), "price: not a number (NaN)");
        expect(wrong, "Infinity", app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\"," + ORDER + ",\"price\":-Infinity}"), "price: not a number (-Infinity)");
        expect(wrong, "twice in a list", app.send("POST", "/api/margins/basket", admin,
            "{\"items\":[{\"exchange\":\"NSE\"," + ORDER + ",\"quantity\":2}]}"), "items[0].quantity: given twice");
        expect(wrong, "risk NaN", app.send("PUT", "/api/risk", admin, "{\"limits\":{\"max_order_value\":NaN}}"),
            "limits.max_order_value: not a number (NaN)");
        expect(wrong, "snake_case twice", app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\"," + ORDER + ",\"order_type\":\"MARKET\"}"), "order_type: given twice");
        expect(wrong, "nested twice", app.send("PUT", "/api/risk", admin,
            "{\"limits\":{\"max_order_value\":1,\"max_order_value\":2}}"), "limits.max_order_value: given twice");
        expect(wrong, "nested not an object", app.send("PUT", "/api/risk", admin, "{\"limits\":[]}"),
            "limits: expected an object ({...}), got a list");
        expect(wrong, "NaN in a list", app.send("POST", "/api/gtt", admin,
            "{\"type\":\"single\",\"trigger_values\":[1,NaN]}"), "trigger_values[1]: not a number (NaN)");
        expect(wrong, "login twice", app.send("POST", "/api/auth/login", null,
            "{\"username\":\"admin\",\"username\":\"admin\",\"password\":\"x\"}"), "username: given twice");
        assertEquals(List.of(), wrong);
    }

    @Test
    void shouldRefuseAQueryParameterThatTakesOneValueGivenMoreThanOnceNamingIt() throws Exception
    {
        final List<String> wrong = new ArrayList<>();

        expect(wrong, "number twice", app.send("GET", "/api/orders?account_id=1&account_id=2", admin, null),
            "account_id: given twice; give it once");
        expect(wrong, "same number twice", app.send("GET", "/api/positions?account_id=1&account_id=1", admin, null),
            "account_id: given twice; give it once");
        expect(wrong, "text three times", app.send("GET", "/api/audit?type=login&type=logout&type=login", admin,
            null), "type: given 3 times; give it once");
        expect(wrong, "limit twice", app.send("GET", "/api/instruments?q=a&limit=1&limit=2", admin, null),
            "limit: given twice; give it once");
        expect(wrong, "exchange twice", app.send("GET", "/api/instruments?exchange=NSE&exchange=BSE", admin, null),
            "exchange: given twice; give it once");
        expect(wrong, "beside a list", app.send("GET", "/api/quotes/limits?i=NSE:INFY&i=NSE:TCS&account_id=1&" +
            "account_id=2", admin, null), "account_id: given twice; give it once");
        expect(wrong, "unknown twice", app.send("GET", "/api/orders?x=1&x=2", admin, null),
            "x: GET /api/orders takes no such parameter; it takes account_id");
        assertEquals(List.of(), wrong);
        final HttpResponse<String> anonymous = app.send("GET", "/api/orders?account_id=1&account_id=2", null, null);
        final HttpResponse<String> list = app.send("GET", "/api/quotes?i=NSE:INFY&i=NSE:TCS", admin, null);
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals(200, list.statusCode(), list.body());
    }

    @Test
    void shouldRefuseAQueryParameterTheRouteDoesNotTakeNamingItAndThoseTheRouteTakes() throws Exception
    {
        final List<String> wrong = new ArrayList<>();

        expect(wrong, "misspelt", app.send("GET", "/api/positions?acount_id=1", admin, null),
            "acount_id: GET /api/positions takes no such parameter; it takes account_id");
        expect(wrong, "beside taken ones", app.send("GET", "/api/instruments?q=inf&exchnage=NSE&limit=5", admin,
            null), "exchnage: GET /api/instruments takes no such parameter; it takes q, exchange, limit");
        expect(wrong, "without a value", app.send("GET", "/api/audit?usr", admin, null),
            "usr: GET /api/audit takes no such parameter; it takes user, type, from, to, limit");
        expect(wrong, "letter case", app.send("GET", "/api/quotes?I=NSE:INFY", admin, null),
            "I: GET /api/quotes takes no such parameter; it takes i");
        expect(wrong, "none taken", app.send("GET", "/api/me?verbose=1", admin, null),
            "verbose: GET /api/me takes no query parameters");
        expect(wrong, "with a body", app.send("POST", "/api/orders?dry_run=true", admin,
            "{\"exchange\":\"NSE\"," + ORDER + ",\"price\":1400}"),
            "dry_run: POST /api/orders takes no such parameter; it takes account_id");
        expect(wrong, "path variable", app.send("DELETE", "/api/orders/42?id=42", admin, null),
            "id: DELETE /api/orders/42 takes no such parameter; it takes account_id");
        expect(wrong, "anonymous route", app.send("POST", "/api/auth/login?remember=1", null,
            "{\"username\":\"admin\",\"password\":\"x\"}"),
            "remember: POST /api/auth/login takes no query parameters");
        expect(wrong, "token where none is read", app.send("GET", "/api/orders?token=" + admin, admin, null),
            "token: GET /api/orders takes no such parameter; it takes account_id");
        expect(wrong, "token beside a misspelt one", app.send("GET", "/api/broker/kite/connect?token=" + admin +
            "&acount_id=1", null, null),
            "acount_id: GET /api/broker/kite/connect takes no such parameter; it takes account_id, token");
        assertEquals(List.of(), wrong);
        final HttpResponse<String> anonymous = app.send("GET", "/api/positions?acount_id=1", null, null);
        assertEquals(401, anonymous.statusCode(), anonymous.body());
    }

    @Test
    void shouldNameEveryQueryParameterTheRouteDoesNotTakeInOneRefusalInTheOrderGiven() throws Exception
    {
        final List<String> wrong = new ArrayList<>();

        expect(wrong, "two misspelt", app.send("GET", "/api/instruments?exchnage=NSE&q=inf&lmit=5", admin, null),
            "exchnage, lmit: GET /api/instruments takes no such parameters; it takes q, exchange, limit");
        expect(wrong, "in the order given", app.send("GET", "/api/audit?usr=admin&tpye=login&limit=5&frm=x", admin,
            null), "usr, tpye, frm: GET /api/audit takes no such parameters; it takes user, type, from, to, limit");
        expect(wrong, "none taken", app.send("GET", "/api/me?verbose=1&pretty", admin, null),
            "verbose, pretty: GET /api/me takes no query parameters");
        expect(wrong, "one of them twice", app.send("GET", "/api/orders?x=1&y=2&x=3", admin, null),
            "x, y: GET /api/orders takes no such parameters; it takes account_id");
        expect(wrong, "beside an empty one", app.send("GET", "/api/orders?x=1&account_id=&y=2", admin, null),
            "x, y: GET /api/orders takes no such parameters; it takes account_id");
        expect(wrong, "after one given twice", app.send("GET", "/api/orders?account_id=1&account_id=2&x=1&y=2", admin,
            null), "account_id: given twice; give it once");
        expect(wrong, "beside a token", app.send("GET", "/api/broker/kite/connect?acount_id=1&token=" + admin +
            "&lang=en", null, null),
            "acount_id, lang: GET /api/broker/kite/connect takes no such parameters; it takes account_id, token");
        assertEquals(List.of(), wrong);
    }

    @Test
    void shouldNameTheFirstTwentyUnknownQueryParametersCountTheRestAndCutALongName() throws Exception
    {
        final List<String> names = IntStream.rangeClosed(1, 25).mapToObj(i -> "p" + i).toList();
        final String query = names.stream().map(name -> name + "=1").collect(Collectors.joining("&"));
        final String sixtyFour = "x".repeat(64);
        final List<String> wrong = new ArrayList<>();

        expect(wrong, "25 unknown", app.send("GET", "/api/me?" + query, admin, null),
            String.join(", ", names.subList(0, 20)) + " and 5 more: GET /api/me takes no query parameters");
        expect(wrong, "21 unknown", app.send("GET", "/api/positions?" + query.substring(0, query.indexOf("&p22")),
            admin, null), String.join(", ", names.subList(0, 20)) + " and 1 more: GET /api/positions takes no such " +
            "parameters; it takes account_id");
        expect(wrong, "20 unknown", app.send("GET", "/api/me?" + query.substring(0, query.indexOf("&p21")), admin,
            null), String.join(", ", names.subList(0, 20)) + ": GET /api/me takes no query parameters");
        expect(wrong, "a long name", app.send("GET", "/api/positions?" + sixtyFour + "yz=1&" + sixtyFour + "=2",
            admin, null), sixtyFour + "..., " + sixtyFour + ": GET /api/positions takes no such parameters; it " +
            "takes account_id");
        expect(wrong, "a long name of pairs", app.send("GET", "/api/me?" + "%F0%9F%98%80".repeat(65), admin, null),
            "\\uD83D\\uDE00".repeat(64) + "...: GET /api/me takes no query parameters");
        assertEquals(List.of(), wrong);
    }

    @Test
    void shouldReadWhatARouteTakesAtItsFirstRequestAndKeepItForEveryOther()
    {
        final Router router = app.bean(Router.class);
        final QueryParameterFilter filter = app.bean(QueryParameterFilter.class);
        final UriRouteMatch<Object, Object> one = router.<Object, Object>route(HttpMethod.DELETE, "/api/orders/1")
            .orElseThrow();
        final UriRouteMatch<Object, Object> other = router.<Object, Object>route(HttpMethod.DELETE, "/api/orders/2")
            .orElseThrow();

        final QueryParameterFilter.Route first = filter.route(one);
        final QueryParameterFilter.Route again = filter.route(other);

        assertNotSame(one, other);
        assertSame(first, again);
        assertEquals(List.of("account_id"), List.copyOf(first.taken().keySet()));
        assertSame(filter, app.bean(QueryParameterFilter.class));
    }

    @Test
    void shouldLetARequestWithoutAQueryThroughWithoutAllocatingOnceWarm()
    {
        final QueryParameterFilter filter = app.bean(QueryParameterFilter.class);
        final SimpleHttpRequest<Object> request = new SimpleHttpRequest<>(HttpMethod.GET, "/api/orders", null);
        RouteAttributes.setRouteMatch(request, app.bean(Router.class).route(HttpMethod.GET, "/api/orders")
            .orElseThrow());

        final long bytesPerRequest = leastBytesPerRequest(filter, request);

        assertNull(filter.filter(request));
        assertEquals(0, bytesPerRequest);
    }

    private static long leastBytesPerRequest(
        final QueryParameterFilter filter, final io.micronaut.http.HttpRequest<?> request)
    {
        final int requests = 100_000;
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 20 && least > 0; round++)
        {
            final long before = Allocations.currentThread();
            for (int i = 0; i < requests; i++)
            {
                filter.filter(request);
            }
            least = Math.min(least, (Allocations.currentThread() - before) / requests);
        }
        return least;
    }

    @Test
    void shouldRefuseAnOptionalQueryParameterGivenEmptyNamingItAndLeaveARequiredOneToItsRoute() throws Exception
    {
        final List<String> wrong = new ArrayList<>();

        expect(wrong, "account", app.send("GET", "/api/orders?account_id=", admin, null),
            "account_id: empty; give a value or leave account_id out");
        expect(wrong, "without an equals sign", app.send("GET", "/api/positions?account_id", admin, null),
            "account_id: empty; give a value or leave account_id out");
        expect(wrong, "audit user", app.send("GET", "/api/audit?user=&limit=5", admin, null),
            "user: empty; give a value or leave user out");
        expect(wrong, "spaces alone", app.send("GET", "/api/audit?type=%20+", admin, null),
            "type: empty; give a value or leave type out");
        expect(wrong, "exchange", app.send("GET", "/api/instruments?q=inf&exchange=", admin, null),
            "exchange: empty; give a value or leave exchange out");
        expect(wrong, "search", app.send("GET", "/api/instruments?q=", admin, null),
            "q: empty; give a value or leave q out");
        expect(wrong, "number", app.send("GET", "/api/instruments?q=inf&limit=", admin, null),
            "limit: empty; give a value or leave limit out");
        expect(wrong, "interval", app.send("GET", "/api/ticks?i=NSE:INFY&interval=", admin, null),
            "interval: empty; give a value or leave interval out");
        expect(wrong, "delete", app.send("DELETE", "/api/gtt/1?account_id=", admin, null),
            "account_id: empty; give a value or leave account_id out");
        expect(wrong, "required instrument", app.send("GET", "/api/quotes?i=", admin, null),
            "i: '' is neither EXCHANGE:SYMBOL nor an instrument token");
        expect(wrong, "required moment", app.send("GET", "/api/replay/state?at=", admin, null),
            "at: required: a journal index, or a time like 2026-11-30T09:15:00Z, 2026-11-30T14:45 (IST) or " +
            "2026-11-30 (the end of that IST day)");
        assertEquals(List.of(), wrong);
        final HttpResponse<String> given = app.send("GET", "/api/audit?type=login&limit=5", admin, null);
        assertEquals(200, given.statusCode(), given.body());
    }

    @Test
    void shouldTakeTheParametersKiteAddsToItsLoginRedirectAndATokenInTheQueryWhereOneIsRead() throws Exception
    {
        final HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        final HttpResponse<String> forged = app.send("GET", "/api/broker/kite/callback?action=login&type=login&" +
            "status=success&request_token=abc&state=forged&lang=&v=3", null, null);
        final HttpResponse<String> connect = app.http().send(HttpRequest.newBuilder(URI.create(app.server().getURL() +
            "/api/broker/kite/connect?token=" + admin + "&account_id=1")).header("Accept", "application/json")
            .build(), HttpResponse.BodyHandlers.ofString());
        final Matcher login = Pattern.compile("\"url\":\"([^\"]+)\"").matcher(connect.body());

        assertEquals(303, forged.statusCode(), forged.body());
        assertTrue(forged.headers().firstValue("Location").orElse("").startsWith("/broker?error="),
            forged.headers().toString());
        assertEquals(200, connect.statusCode(), connect.body());
        assertTrue(login.find(), connect.body());
        final String callback = noRedirects.send(HttpRequest.newBuilder(URI.create(login.group(1))).build(),
            HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow();
        assertTrue(callback.contains("action=login") && callback.contains("type=login"), callback);
        final HttpResponse<String> back = noRedirects.send(HttpRequest.newBuilder(URI.create(callback)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(303, back.statusCode(), back.body());
        assertTrue(back.headers().firstValue("Location").orElse("").contains("/broker?connected="),
            back.headers().toString());
    }

    @Test
    void shouldCountEachRefusalInTheMetricsByStatusAndErrorCodeWhereverItIsMade() throws Exception
    {
        final double badRequests = refused("400", "bad_request");
        final double notFound = refused("404", "not_found");
        final double unauthorized = refused("401", "unauthorized");
        final double forbidden = refused("403", "forbidden");
        final double unsupported = refused("415", "unsupported_media_type");
        final double lineTooLong = refused("414", "uri_too_long");
        final double headersTooLarge = refused("431", "headers_too_large");

        app.send("GET", "/api/instruments?limit=0", admin, null);
        app.send("GET", "/api/orders?account_id=x", admin, null);
        app.send("GET", "/api/audit?user=%00", admin, null);
        app.send("GET", "/api/orders?account_id=1&account_id=2", admin, null);
        app.send("GET", "/api/positions?acount_id=1", admin, null);
        app.send("GET", "/api/orders?account_id=", admin, null);
        app.send("POST", "/api/orders", admin, "{}{}");
        app.send("GET", "/api/no-such-route", admin, null);
        app.send("GET", "/api/orders", null, null);
        app.send("GET", "/api/orders", "not-a-token", null);
        app.send("GET", "/api/audit", app.newTrader(admin, "counted"), null);
        app.http().send(HttpRequest.newBuilder(URI.create(app.server().getURL() + "/api/orders"))
            .header("Authorization", "Bearer " + admin).header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        app.http().send(HttpRequest.newBuilder(URI.create(app.server().getURL() + "/api/instruments?q=" +
            "a".repeat(5000))).header("Authorization", "Bearer " + admin).build(),
            HttpResponse.BodyHandlers.ofString());
        app.http().send(HttpRequest.newBuilder(URI.create(app.server().getURL() + "/api/instruments"))
            .header("Authorization", "Bearer " + admin).header("X-Large", "b".repeat(9000)).build(),
            HttpResponse.BodyHandlers.ofString());
        app.send("GET", "/api/instruments?limit=10", admin, null);

        assertEquals(badRequests + 7, refused("400", "bad_request"));
        assertEquals(notFound + 1, refused("404", "not_found"));
        assertEquals(unauthorized + 2, refused("401", "unauthorized"));
        assertEquals(forbidden + 1, refused("403", "forbidden"));
        assertEquals(unsupported + 1, refused("415", "unsupported_media_type"));
        assertEquals(lineTooLong + 1, refused("414", "uri_too_long"));
        assertEquals(headersTooLarge + 1, refused("431", "headers_too_large"));
        final String metrics = app.send("GET", "/metrics", admin, null).body();
        assertTrue(metrics.lines().filter(l -> l.startsWith("qleap_api_refused_requests_total{"))
            .noneMatch(l -> l.contains("limit") || l.contains("/api")), metrics);
    }

    private static double refused(final String status, final String error) throws Exception
    {
        final String metrics = app.send("GET", "/metrics", admin, null).body();
        final Matcher line = Pattern.compile("(?m)^qleap_api_refused_requests_total\\{([^}]*)} ([0-9.E+]+)$")
            .matcher(metrics);
        while (line.find())
        {
            if (line.group(1).contains("status=\"" + status + "\"") &&
                line.group(1).contains("error=\"" + error + "\""))
            {
                return Double.parseDouble(line.group(2));
            }
        }
        return 0;
    }

    @Test
    void shouldKeepNamingAFieldOfTheWrongType() throws Exception
    {
        final HttpResponse<String> price = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\"," + ORDER + ",\"price\":\"1400\"}");

        assertEquals(400, price.statusCode(), price.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"price: expected a number, got the text '1400'\"}",
            price.body());
    }

    @Test
    void shouldRefuseTextWithANulANumberOutOfRangeAndAMissingListElementNamingWhere() throws Exception
    {
        final String nul = "a\\u0000b";
        final String gtt = "{\"type\":\"single\",\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\"," +
            "\"trigger_values\":[1400],\"orders\":[{\"transaction_type\":\"BUY\",\"quantity\":1," +
            "\"product\":\"CNC\",\"price\":1e20}]}";
        final String item = "{\"exchange\":\"NSE\"," + ORDER + ",\"price\":1400}";
        final List<String> wrong = new ArrayList<>();

        expect(wrong, "login", app.send("POST", "/api/auth/login", null, "{\"username\":\"" + nul + "\"," +
            "\"password\":\"x\"}"), "username: the NUL character (U+0000, at position 1) is not allowed in text");
        expect(wrong, "alert note", app.send("POST", "/api/alerts", admin, "{\"exchange\":\"NSE\"," +
            "\"tradingsymbol\":\"INFY\",\"direction\":\"above\",\"price\":2000,\"note\":\"" + nul + "\"}"),
            "note: the NUL character (U+0000, at position 1) is not allowed in text");
        expect(wrong, "basket name", app.send("POST", "/api/baskets", admin, "{\"name\":\"" + nul + "\"," +
            "\"items\":[]}"), "name: the NUL character (U+0000, at position 1) is not allowed in text");
        expect(wrong, "audit user", app.send("GET", "/api/audit?user=%00", admin, null),
            "query parameter 'user': the NUL character (%00) is not allowed");
        expect(wrong, "a long name with a NUL", app.send("GET", "/api/audit?" + "y".repeat(70) + "%00=1", admin,
            null), "query parameter '" + "y".repeat(64) + "...': the NUL character (%00) is not allowed");
        expect(wrong, "order id", app.send("GET", "/api/orders/a%00b", admin, null),
            "the path: the NUL character (%00) is not allowed");
        expect(wrong, "gtt price", app.send("POST", "/api/gtt", admin, gtt),
            "orders[0].price: 1E+20 has more than 14 digits before the decimal point");
        expect(wrong, "order price", app.send("POST", "/api/orders", admin, "{\"exchange\":\"NSE\"," + ORDER +
            ",\"price\":123456789012345}"),
            "price: 123456789012345 has more than 14 digits before the decimal point");
        expect(wrong, "margin items", app.send("POST", "/api/margins/basket", admin, "{\"items\":[" + item +
            ",null]}"), "items[1]: must not be null");
        expect(wrong, "basket items", app.send("POST", "/api/baskets", admin, "{\"name\":\"n\",\"items\":[null]}"),
            "items[0]: must not be null");
        expect(wrong, "export instruments", app.send("POST", "/api/replay/export", admin,
            "{\"table\":\"ticks\",\"instruments\":[\"NSE:INFY\",null]}"), "instruments[1]: must not be blank");
        final String holds = " is outside the times a journal holds (1970-01-01T00:00:00Z to " +
            "2262-04-11T23:47:16.854775807Z)";
        expect(wrong, "export before 1970", app.send("POST", "/api/replay/export", admin,
            "{\"table\":\"orders\",\"to\":\"1969-12-31T23:59:59Z\"}"), "to: 1969-12-31T23:59:59Z" + holds);
        expect(wrong, "export after 2262", app.send("POST", "/api/replay/export", admin,
            "{\"table\":\"orders\",\"from\":\"2262-04-12T00:00:00Z\"}"), "from: 2262-04-12T00:00:00Z" + holds);
        expect(wrong, "state after 2262", app.send("GET", "/api/replay/state?at=2300-01-01T00:00:00Z", admin, null),
            "at: 2300-01-01T00:00:00Z" + holds);
        expect(wrong, "values not a list", app.send("POST", "/api/gtt", admin, "{\"trigger_values\":\"x\"}"),
            "trigger_values: expected a list ([...]), got text");
        expect(wrong, "items not a list", app.send("POST", "/api/margins/basket", admin, "{\"items\":5}"),
            "items: expected a list ([...]), got a number");
        expect(wrong, "roles not a list", app.send("POST", "/api/users", admin, "{\"username\":\"u\"," +
            "\"password\":\"long-enough-pass\",\"roles\":{}}"),
            "roles: expected a list ([...]), got an object");
        final HttpResponse<String> basketZero = app.send("GET", "/api/baskets/0", admin, null);

        assertEquals(List.of(), wrong);
        assertEquals(404, basketZero.statusCode(), basketZero.body());
        assertEquals(200, app.send("GET", "/health", null, null).statusCode());
    }

    @Test
    void shouldRefuseANumberItWouldNotReadAsWrittenNamingWhatItWouldRead() throws Exception
    {
        final List<String> wrong = new ArrayList<>();
        final String exact = " (a number is read exactly with at most 15 significant digits)";

        expect(wrong, "order price", app.send("POST", "/api/orders", admin, "{\"exchange\":\"NSE\"," + ORDER +
            ",\"price\":99999999999999.99}"), "price: 99999999999999.99 would be read as 99999999999999.98" + exact);
        expect(wrong, "gtt value", app.send("POST", "/api/gtt", admin,
            "{\"type\":\"single\",\"trigger_values\":[1,1400.0500000000001]}"),
            "trigger_values[1]: 1400.0500000000001 would be read as 1400.0500000000002" + exact);
        expect(wrong, "risk limit", app.send("PUT", "/api/risk", admin,
            "{\"limits\":{\"max_order_value\":1e-400}}"), "limits.max_order_value: 1e-400 would be read as 0" + exact);
        expect(wrong, "basket item", app.send("POST", "/api/margins/basket", admin,
            "{\"items\":[{\"price\":0.12345678901234567}]}"), "items[0].price: 0.12345678901234567 would be read as " +
            "0.12345678901234566" + exact);

        assertEquals(List.of(), wrong);
    }

    @Test
    void shouldRefuseALoneSurrogateInAnyTextOrFieldNameAndTakeAPairedOne() throws Exception
    {
        final List<String> wrong = new ArrayList<>();
        final String lone = " is not valid text";

        expect(wrong, "new user", app.send("POST", "/api/users", admin, "{\"username\":\"lone1\",\"password\":\"" +
            "\\ud800".repeat(12) + "\",\"roles\":[\"trader\"]}"),
            "password: a lone surrogate (\\\\uD800, at position 0)" + lone);
        expect(wrong, "login", app.send("POST", "/api/auth/login", null, "{\"username\":\"admin\",\"password\":" +
            "\"x\\udfff\"}"), "password: a lone surrogate (\\\\uDFFF, at position 1)" + lone);
        expect(wrong, "alert note", app.send("POST", "/api/alerts", admin, "{\"exchange\":\"NSE\"," +
            "\"tradingsymbol\":\"INFY\",\"direction\":\"above\",\"price\":2000,\"note\":\"ab\\ud83d!\"}"),
            "note: a lone surrogate (\\\\uD83D, at position 2)" + lone);
        expect(wrong, "basket name", app.send("POST", "/api/baskets", admin, "{\"name\":\"\\ude00\",\"items\":[]}"),
            "name: a lone surrogate (\\\\uDE00, at position 0)" + lone);
        expect(wrong, "watchlist name", app.send("PUT", "/api/watchlist", admin, "{\"lists\":[{\"name\":" +
            "\"\\udbff\",\"items\":[]}]}"), "lists[0].name: a lone surrogate (\\\\uDBFF, at position 0)" + lone);
        expect(wrong, "field name", app.send("PUT", "/api/risk", admin, "{\"limits\":{\"\\ud800\":1}}"),
            "limits: a lone surrogate (\\\\uD800, at position 0)" + lone + " in a field name");
        final HttpResponse<String> emoji = app.send("POST", "/api/baskets", admin,
            "{\"name\":\"\\ud83d\\ude00 picks\",\"items\":[]}");

        assertEquals(List.of(), wrong);
        assertEquals(201, emoji.statusCode(), emoji.body());
        assertTrue(emoji.body().contains("\"name\":\"\\uD83D\\uDE00 picks\""), emoji.body());
    }

    @Test
    void shouldWordABlankBodyAndABodyPastTheReadersLimitsWithoutTheParser() throws Exception
    {
        final List<String> wrong = new ArrayList<>();
        for (final String route : JSON_BODIES)
        {
            final String method = route.substring(0, route.indexOf(' '));
            final String path = route.substring(route.indexOf(' ') + 1);
            expect(wrong, route, app.send(method, path, admin, "   "), "body: required (a JSON object)");
        }
        expect(wrong, "deep", app.send("PUT", "/api/risk", admin, "{\"limits\":" + "[".repeat(1001) +
            "]".repeat(1001) + "}"), "body: nested more than 1000 deep");
        expect(wrong, "long number", app.send("POST", "/api/orders", admin, "{\"exchange\":\"NSE\"," + ORDER +
            ",\"price\":" + "1".repeat(1001) + "}"), "price: a number of more than 1000 digits");
        expect(wrong, "long name", app.send("POST", "/api/orders", admin, "{\"" + "k".repeat(100_000) + "\":1}"),
            "body: a field name longer than 50000 characters");
        assertEquals(List.of(), wrong);
    }

    @Test
    void shouldNameANestedFieldOfTheWrongTypeByItsPath() throws Exception
    {
        final List<String> wrong = new ArrayList<>();

        expect(wrong, "risk account", app.send("PUT", "/api/risk", admin, "{\"limits\":{\"account_id\":\"10\"," +
            "\"max_order_value\":1}}"), "limits.account_id: expected a whole number, got the text '10'");
        expect(wrong, "kill switch mode", app.send("PUT", "/api/risk", admin, "{\"kill_switch\":{\"account_id\":1," +
            "\"mode\":5}}"), "kill_switch.mode: expected text, got 5");
        for (final String number : List.of("NaN", "0x10", "007", "+5"))
        {
            expect(wrong, "watchlist " + number, app.send("PUT", "/api/watchlist", admin, "{\"lists\":[{\"name\":" +
                "\"a\",\"items\":[{\"instrument_token\":" + number + "}]}]}"),
                "lists[0].items[0].instrument_token: not a number (" + number + ")");
            expect(wrong, "order " + number, app.send("POST", "/api/orders", admin, "{\"exchange\":\"NSE\"," +
                ORDER + ",\"price\":" + number + "}"), "price: not a number (" + number + ")");
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void shouldQuoteANumberAsWrittenAndNameItsField() throws Exception
    {
        final List<String> wrong = new ArrayList<>();
        final String order = "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
            "\"order_type\":\"LIMIT\",\"product\":\"CNC\",";
        final String digits = " has more than 14 digits before the decimal point";

        expect(wrong, "huge exponent", app.send("POST", "/api/orders", admin, order + "\"price\":1400," +
            "\"quantity\":1e2147483647}"), "quantity: 1e2147483647 is beyond any number the API takes");
        expect(wrong, "long min", app.send("POST", "/api/orders", admin, order + "\"quantity\":1," +
            "\"price\":-9223372036854775808}"), "price: -9223372036854775808" + digits);
        expect(wrong, "23 digits", app.send("POST", "/api/orders", admin, order + "\"quantity\":1," +
            "\"price\":99999999999999999999999}"), "price: 99999999999999999999999" + digits);
        assertEquals(List.of(), wrong);
    }

    @Test
    void shouldTakeAQuotedUtf8Charset() throws Exception
    {
        final HttpResponse<String> quoted = sendTyped("PUT", "/api/risk", admin, "application/json; charset=\"utf-8\"",
            "{\"limits\":{\"max_order_value\":NaN}}");
        final HttpResponse<String> otherQuoted = sendTyped("PUT", "/api/risk", admin,
            "application/json; charset=\"latin1\"", "{}");

        assertEquals(400, quoted.statusCode(), quoted.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"limits.max_order_value: not a number (NaN)\"}",
            quoted.body());
        assertEquals(415, otherQuoted.statusCode(), otherQuoted.body());
        assertEquals("{\"error\":\"unsupported_media_type\",\"message\":\"the body must be JSON in UTF-8, got " +
            "charset=latin1\"}", otherQuoted.body());
    }

    @Test
    void shouldAnswerARequestThatBreaksTwoRulesWithTheRefusalOfTheFirstFilterInTheSequence() throws Exception
    {
        final String latin1 = "application/json; charset=latin1";

        final HttpResponse<String> nulNowhere = app.send("GET", "/api/nowhere%00", admin, null);
        final HttpResponse<String> latin1Nowhere = sendTyped("POST", "/api/nowhere", admin, latin1, "{}");
        final HttpResponse<String> latin1Method = sendTyped("PATCH", "/api/orders", admin, latin1, "{}");
        final HttpResponse<String> unknownTwoBodies = app.send("POST", "/api/orders?dry_run=1", admin,
            "{\"exchange\":\"NSE\"," + ORDER + ",\"price\":1400}{}");

        assertEquals("400 {\"error\":\"bad_request\",\"message\":\"the path: the NUL character (%00) is not " +
            "allowed\"}", nulNowhere.statusCode() + " " + nulNowhere.body());
        assertEquals("404 {\"error\":\"not_found\",\"message\":\"no such path: /api/nowhere\"}",
            latin1Nowhere.statusCode() + " " + latin1Nowhere.body());
        assertEquals("405 {\"error\":\"method_not_allowed\",\"message\":\"PATCH is not allowed on /api/orders; it " +
            "takes GET, POST\"}", latin1Method.statusCode() + " " + latin1Method.body());
        assertEquals("400 {\"error\":\"bad_request\",\"message\":\"dry_run: POST /api/orders takes no such " +
            "parameter; it takes account_id\"}", unknownTwoBodies.statusCode() + " " + unknownTwoBodies.body());
    }

    private static void expect(final List<String> wrong, final String what, final HttpResponse<String> answer,
        final String message)
    {
        final String expected = "{\"error\":\"bad_request\",\"message\":\"" + message + "\"}";
        if (answer.statusCode() != 400 || !answer.body().equals(expected))
        {
            wrong.add(what + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    @Test
    void shouldNameARequestLineOrHeadersTooLongForTheServerAndStillTakeALargeBodyCheck() throws Exception
    {
        final HttpResponse<String> longQuery = app.http().send(HttpRequest.newBuilder(URI.create(app.server().getURL() +
            "/api/instruments?q=" + "a".repeat(5000))).header("Authorization", "Bearer " + admin).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(414, longQuery.statusCode(), longQuery.body());
        assertEquals("{\"error\":\"uri_too_long\",\"message\":\"the request line (method, path and query) is longer " +
            "than the server reads (4096 bytes): send fewer or shorter query parameters\"}", longQuery.body());

        final HttpResponse<String> bigHeader = app.http().send(HttpRequest.newBuilder(URI.create(app.server().getURL() +
            "/api/instruments?q=INFY")).header("Authorization", "Bearer " + admin).header("X-Note", "n".repeat(9000))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(431, bigHeader.statusCode(), bigHeader.body());
        assertEquals("{\"error\":\"headers_too_large\",\"message\":\"the request's headers are larger than the " +
            "server reads (8192 bytes in all)\"}", bigHeader.body());

        final HttpResponse<String> bigBody = sendTyped("POST", "/api/auth/login", null, "application/json",
            "{\"username\":\"" + "u".repeat(1_100_000) + "\"}");
        assertEquals(413, bigBody.statusCode(), bigBody.body());
        assertTrue(bigBody.body().contains("\"error\":\"too_large\",\"message\":\"The content length [1100015] " +
            "exceeds the maximum allowed content length [1048576]\""), bigBody.body());

        final HttpResponse<String> after = app.http().send(HttpRequest.newBuilder(URI.create(app.server().getURL() +
            "/api/instruments?q=INFY")).header("Authorization", "Bearer " + admin).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, after.statusCode(), after.body());
    }

    @Test
    void shouldAnswerAnOptionsThatIsNotAPreflightWithTheMethodsAndLeavePreflightsToCors() throws Exception
    {
        final HttpResponse<String> options = app.send("OPTIONS", "/api/orders", null, null);
        final HttpResponse<String> nowhere = app.send("OPTIONS", "/api/nowhere", null, null);
        final HttpResponse<String> preflight = app.http().send(HttpRequest.newBuilder(URI.create(
            app.server().getURL() + "/api/orders")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST").build(),
            HttpResponse.BodyHandlers.ofString());
        final HttpResponse<String> foreign = app.http().send(HttpRequest.newBuilder(URI.create(
            app.server().getURL() + "/api/orders")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST").build(),
            HttpResponse.BodyHandlers.ofString());

        assertEquals(204, options.statusCode(), options.body());
        assertEquals("GET, POST, OPTIONS", options.headers().firstValue("Allow").orElse(""));
        assertEquals("", options.body());
        assertEquals(404, nowhere.statusCode(), nowhere.body());
        assertEquals("{\"error\":\"not_found\",\"message\":\"no such path: /api/nowhere\"}", nowhere.body());
        assertEquals(200, preflight.statusCode(), preflight.body());
        assertEquals("POST", preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""));
        assertEquals("http://localhost:5173", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), foreign.headers().toString());
    }

    @Test
    void shouldAnswerATargetThatIsNotAUri400NamingTheFaultAndKeepTheConnection() throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", app.server().getPort()))
        {
            final OutputStream out = socket.getOutputStream();
            final InputStream in = new BufferedInputStream(socket.getInputStream());
            final String body = "{\"username\":\"admin\"}";
            out.write(("POST /api/auth/login?x=%zz HTTP/1.1\r\nHost: q\r\nContent-Type: application/json\r\n" +
                "Content-Length: " + body.length() + "\r\n\r\n" + body +
                "GET /api/or\\ders HTTP/1.1\r\nHost: q\r\nAuthorization: Bearer " + admin + "\r\n\r\n" +
                "GET /%" + " HTTP/1.1\r\nHost: q\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write("GET /api/instruments?q=INFY&x=\u00e2\u0082 HTTP/1.1\r\nHost: q\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
            out.write(("GET /api/instruments?q=INFY HTTP/1.1\r\nHost: q\r\nAuthorization: Bearer " + admin +
                "\r\n" + MalformedUri.HEADER + ": forged\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            assertEquals("400 {\"error\":\"bad_request\",\"message\":\"URI '/api/auth/login?x=%zz': '%zz' at " +
                "index 18 is not a percent-escape (% and two hex digits); a % itself is written %25\"}", answer(in));
            assertEquals("400 {\"error\":\"bad_request\",\"message\":\"URI '/api/or\\\\ders': the character " +
                "'\\\\' at index 7 must be percent-encoded (%5C)\"}", answer(in));
            assertEquals("400 {\"error\":\"bad_request\",\"message\":\"URI '/%': '%' at index 1 is not a " +
                "percent-escape (% and two hex digits); a % itself is written %25\"}", answer(in));
            assertEquals("400 {\"error\":\"bad_request\",\"message\":\"URI '/api/instruments?q=INFY&x=%E2%82': " +
                "the byte 0x82 at index 27 must be percent-encoded (%82)\"}", answer(in));
            final String forged = answer(in);
            assertTrue(forged.startsWith("200 ["), forged);
        }
    }

    private static String answer(final InputStream in) throws IOException
    {
        final StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0)
        {
            final int next = in.read();
            if (next < 0)
            {
                throw new EOFException("the connection closed after: " + head);
            }
            head.append((char)next);
        }
        final Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        final byte[] body = in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
        return head.substring(9, 12) + " " + new String(body, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> sendTyped(final String method, final String path, final String token,
        final String type, final String body) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.server().getURL() + path))
            .header("Content-Type", type)
            .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null)
        {
            request.header("Authorization", "Bearer " + token);
        }
        return app.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
