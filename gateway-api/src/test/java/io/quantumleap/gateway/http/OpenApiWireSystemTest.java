package io.quantumleap.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.gateway.support.GatewayFixture;
import io.quantumleap.gateway.support.OpenApiDocuments;
import io.quantumleap.gateway.support.OpenApiDocuments.Operation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.quantumleap.gateway.support.OpenApiDocuments.METHODS;
import static io.quantumleap.gateway.support.OpenApiDocuments.at;
import static io.quantumleap.gateway.support.OpenApiDocuments.operations;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiWireSystemTest
{
    private static final Set<String> NOT_JSON_OR_A_REDIRECT = Set.of("/api/broker/kite/callback",
        "/api/broker/kite/connect");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient UNREAD = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static GatewayFixture app;
    private static String admin;
    private static Map<String, Object> document;
    private static HttpResponse<String> login;
    private static HttpResponse<String> placed;
    private static String orderId;
    private static long gttId;
    private static long basketId;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of());
        login = app.send("POST", "/api/auth/login", null,
            "{\"username\":\"admin\",\"password\":\"" + GatewayFixture.ADMIN_PASSWORD + "\"}");
        admin = JSON.readTree(login.body()).get("token").asText();
        app.connectBroker(admin, null);
        GatewayFixture.await("a live INFY quote", Duration.ofSeconds(30),
            () -> body("/api/quotes?i=NSE:INFY").contains("\"last_price\""));
        placed = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":\"MARKET\"," +
                "\"quantity\":2,\"product\":\"MIS\",\"market_protection\":2}");
        GatewayFixture.await("a fill and a position", Duration.ofSeconds(30),
            () -> body("/api/positions").contains("\"quantity\":2") && body("/api/trades").contains("INFY"));
        orderId = JSON.readTree(placed.body()).get("client_order_id").asText();
        final BigDecimal below = BigDecimal.valueOf(app.lastPrice(admin, "NSE:INFY")).multiply(new BigDecimal("18"))
            .setScale(0, RoundingMode.DOWN).divide(new BigDecimal("20"), 2, RoundingMode.UNNECESSARY);
        final HttpResponse<String> gtt = app.send("POST", "/api/gtt", admin, "{\"type\":\"single\"," +
            "\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"trigger_values\":[" + below + "],\"orders\":[" +
            "{\"transaction_type\":\"SELL\",\"quantity\":1,\"product\":\"CNC\",\"price\":" + below + "}]}");
        assertEquals(201, gtt.statusCode(), gtt.body());
        gttId = JSON.readTree(gtt.body()).get("id").asLong();
        assertEquals(201, app.send("POST", "/api/alerts", admin, "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\"," +
            "\"direction\":\"above\",\"price\":1}").statusCode());
        assertEquals(201, app.send("POST", "/api/alerts", admin, "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\"," +
            "\"direction\":\"below\",\"price\":1,\"note\":\"far\"}").statusCode());
        GatewayFixture.await("an alert fired", Duration.ofSeconds(30),
            () -> body("/api/alerts").contains("\"status\":\"triggered\""));
        final HttpResponse<String> basket = app.send("POST", "/api/baskets", admin, "{\"name\":\"wire\",\"items\":[" +
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":\"MARKET\"," +
            "\"quantity\":1,\"product\":\"CNC\"},{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\"," +
            "\"transaction_type\":\"SELL\",\"order_type\":\"SL\",\"quantity\":1,\"product\":\"MIS\",\"price\":" +
            below + ",\"trigger_price\":" + below + "}]}");
        assertEquals(201, basket.statusCode(), basket.body());
        basketId = JSON.readTree(basket.body()).get("id").asLong();
        final HttpResponse<String> yaml = app.send("GET", "/api/openapi.yml", null, null);
        assertEquals(200, yaml.statusCode());
        document = new Yaml().load(yaml.body());
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    private static String body(final String path)
    {
        try
        {
            return app.send("GET", path, admin, null).body();
        }
        catch (final Exception ex)
        {
            return "";
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldDescribeEveryJsonGetResponseWithTheFieldNamesAndNullsSentOnTheWire() throws Exception
    {
        final List<String> problems = new ArrayList<>();
        int checked = 0;
        for (final Map.Entry<String, Object> path : at(document, "paths").entrySet())
        {
            final Map<String, Object> get = at((Map<String, Object>)path.getValue(), "get");
            if (get == null || NOT_JSON_OR_A_REDIRECT.contains(path.getKey()))
            {
                continue;
            }
            final Map<String, Object> schema = responseSchema(get, "200");
            if (schema == null)
            {
                continue;
            }
            for (final String url : sampleRequests(path.getKey()))
            {
                final HttpResponse<String> response = app.send("GET", url, admin, null);
                assertEquals(200, response.statusCode(), url + ": " + response.body());
                check("GET " + url, JSON.readTree(response.body()), schema, problems);
                checked++;
            }
        }

        assertTrue(checked >= 15, "only " + checked + " responses checked");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldDescribeTheLoginAndOrderAnswersAndErrorsAsSent() throws Exception
    {
        final Map<String, Object> loginOp = at(document, "paths", "/api/auth/login", "post");
        final Map<String, Object> placeOp = at(document, "paths", "/api/orders", "post");
        final HttpResponse<String> wrongPassword = app.send("POST", "/api/auth/login", null,
            "{\"username\":\"admin\",\"password\":\"wrong\"}");
        final HttpResponse<String> offTick = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":\"LIMIT\"," +
                "\"quantity\":1,\"product\":\"CNC\",\"price\":1.03}");
        final List<String> problems = new ArrayList<>();

        check("POST /api/auth/login", JSON.readTree(login.body()), responseSchema(loginOp, "200"), problems);
        check("POST /api/auth/login (401)", JSON.readTree(wrongPassword.body()), responseSchema(loginOp, "401"),
            problems);
        check("POST /api/orders", JSON.readTree(placed.body()),
            responseSchema(placeOp, Integer.toString(placed.statusCode())), problems);
        check("POST /api/orders (422)", JSON.readTree(offTick.body()), responseSchema(placeOp, "422"), problems);

        assertEquals(401, wrongPassword.statusCode());
        assertEquals(422, offTick.statusCode(), offTick.body());
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void shouldDescribeTheExportsErrorsAsTheJsonSentNotAsItsRowsMediaTypes() throws Exception
    {
        final Map<String, Object> exportOp = at(document, "paths", "/api/replay/export", "post");
        final HttpResponse<String> badTable = app.send("POST", "/api/replay/export", admin, "{\"table\":\"trees\"}");
        final List<String> problems = new ArrayList<>();

        assertEquals(Set.of("application/json"), at(exportOp, "responses", "400", "content").keySet());
        assertEquals(Set.of("200", "400", "401", "403", "413", "414", "415", "429", "431"),
            at(exportOp, "responses").keySet());
        assertEquals(Set.of("application/json"), at(exportOp, "responses", "429", "content").keySet());
        assertEquals(Set.of("text/csv", "application/x-ndjson", "application/vnd.apache.parquet"),
            at(exportOp, "responses", "200", "content").keySet());
        assertEquals(400, badTable.statusCode(), badTable.body());
        assertEquals("application/json", badTable.headers().firstValue("Content-Type").orElse(""));
        check("POST /api/replay/export (400)", JSON.readTree(badTable.body()), responseSchema(exportOp, "400"),
            problems);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void shouldNameEveryPropertyAndParameterInTheDocumentAsOnTheWire()
    {
        final Map<String, String> javaToWire = new TreeMap<>();
        collectWireNames(document, javaToWire);
        final List<String> problems = new ArrayList<>();

        findJavaNames("", document, javaToWire, problems);

        assertTrue(javaToWire.containsKey("statusMessage") && javaToWire.containsKey("accountId"),
            "snake_case names found: " + javaToWire.values());
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldNameEveryWholeNumberQueryParameterAsOnTheWireWhenItIsNotANumber() throws Exception
    {
        final List<String> problems = new ArrayList<>();
        int checked = 0;
        for (final Operation operation : operations(document))
        {
            final Map<String, Object> op = operation.operation();
            final List<Map<String, Object>> parameters =
                (List<Map<String, Object>>)op.getOrDefault("parameters", List.of());
            for (final Map<String, Object> parameter : parameters)
            {
                if (!"query".equals(parameter.get("in")) ||
                    !"integer".equals(at(parameter, "schema").get("type")))
                {
                    continue;
                }
                final String name = parameter.get("name").toString();
                final String url = operation.path().replace("{id}", orderId) + "?" +
                    requiredQuery(parameters, name) + name + "=abc";
                final String method = operation.method();
                final HttpResponse<String> response = app.send(method, url, admin, operation.emptyBody());
                final String expected = name + ": expected a whole number, got 'abc'";
                if (response.statusCode() != 400 ||
                    !expected.equals(JSON.readTree(response.body()).path("message").asText()))
                {
                    problems.add(method + " " + url + ": " + response.statusCode() + " " + response.body());
                }
                checked++;
            }
        }

        assertTrue(checked >= 10, "only " + checked + " query parameters checked");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldListEveryQueryParameterAnOperationTakesAndNoOther() throws Exception
    {
        final Pattern refusal = Pattern.compile("not_a_parameter: [A-Z]+ \\S+ takes (?:no query parameters|" +
            "no such parameter; it takes (.+))");
        final List<String> problems = new ArrayList<>();
        final List<String> takingAny = new ArrayList<>();
        int checked = 0;
        for (final Operation operation : operations(document))
        {
            if (!operation.path().startsWith("/api/"))
            {
                continue;
            }
            final Map<String, Object> op = operation.operation();
            final Set<String> listed = new TreeSet<>();
            for (final Map<String, Object> parameter :
                (List<Map<String, Object>>)op.getOrDefault("parameters", List.of()))
            {
                if ("query".equals(parameter.get("in")))
                {
                    listed.add(parameter.get("name").toString());
                }
            }
            final String method = operation.method();
            final String where = operation.where();
            final HttpResponse<String> response =
                app.send(method, operation.url("1") + "?not_a_parameter=1", admin, operation.emptyBody());
            final Matcher takes = refusal.matcher(response.statusCode() == 400 ?
                JSON.readTree(response.body()).path("message").asText() : "");
            if (!takes.matches())
            {
                takingAny.add(where);
                continue;
            }
            final Set<String> taken = takes.group(1) == null ? Set.of() :
                new TreeSet<>(List.of(takes.group(1).split(", ")));
            if (!taken.equals(listed))
            {
                problems.add(where + ": takes " + taken + ", the document lists " + listed);
            }
            checked++;
        }

        final Map<String, Object> callback = at(document, "paths", "/api/broker/kite/callback", "get");
        final HttpResponse<String> twice = app.send("GET", "/api/broker/kite/callback?state=a&state=b&action=login",
            null, null);
        listed("GET /api/broker/kite/callback?state=a&state=b", callback, twice, problems);
        final String callbackFaults = at(callback, "responses", "400").get("description").toString();

        assertEquals(List.of("GET /api/broker/kite/callback"), takingAny);
        assertEquals(400, twice.statusCode(), twice.body());
        assertTrue(callbackFaults.contains("state given more than once"), callbackFaults);
        assertFalse(callbackFaults.contains("a query parameter the operation does not take"), callbackFaults);
        assertTrue(checked >= 40, "only " + checked + " operations checked");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldListEveryErrorTheWireAnswersAsAnApiError() throws Exception
    {
        final Map<String, String> limited = new TreeMap<>();
        limited.put("wire-trader", app.newTrader(admin, "wire-trader"));
        assertEquals(201, app.send("POST", "/api/users", admin, "{\"username\":\"wire-quant\",\"password\":" +
            "\"a-long-password-1\",\"roles\":[\"quant\"]}").statusCode());
        limited.put("wire-quant", app.login("wire-quant", "a-long-password-1"));
        final List<String> problems = new ArrayList<>();
        final Set<String> unauthorized = new TreeSet<>();
        final Set<String> forbidden = new TreeSet<>();
        int checked = 0;
        for (final Operation operation : operations(document))
        {
            final Map<String, Object> op = operation.operation();
            final String method = operation.method();
            final String where = operation.where();
            final String url = operation.url("0");
            final String body = operation.emptyBody();
            final Map<String, Object> responses = at(op, "responses");
            for (final Map.Entry<String, Object> response : responses.entrySet())
            {
                final Map<String, Object> content = at((Map<String, Object>)response.getValue(), "content");
                if (response.getKey().matches("[45]\\d\\d") && (content == null ||
                    !content.keySet().equals(Set.of("application/json")) ||
                    !Map.of("$ref", "#/components/schemas/ApiError").equals(at(content, "application/json",
                        "schema"))))
                {
                    problems.add(where + ": its " + response.getKey() + " is not listed as an application/json " +
                        "ApiError: " + content);
                }
            }
            if (operation.path().startsWith("/api/"))
            {
                if (!responses.containsKey("429"))
                {
                    problems.add(where + ": lists no 429, which the rate limits answer on every /api route");
                }
                final HttpResponse<String> unknown = app.send(method, url + "?not_a_parameter=1", admin, body);
                if (unknown.statusCode() == 400)
                {
                    listed(where + "?not_a_parameter=1", op, unknown, problems);
                }
            }
            final HttpResponse<String> anonymous = app.send(method, url, null, body);
            if (anonymous.statusCode() == 401)
            {
                unauthorized.add(where);
                listed(where + " without a token", op, anonymous, problems);
            }
            for (final Map.Entry<String, String> user : limited.entrySet())
            {
                final HttpResponse<String> refused = app.send(method, url, user.getValue(), body);
                if (refused.statusCode() == 403)
                {
                    forbidden.add(where);
                    listed(where + " as " + user.getKey(), op, refused, problems);
                }
                if (app.send("GET", "/api/me", user.getValue(), null).statusCode() == 401)
                {
                    user.setValue(app.login(user.getKey(), "a-long-password-1"));
                }
            }
            checked++;
        }

        assertTrue(checked >= 50, "only " + checked + " operations checked");
        assertTrue(unauthorized.size() >= 40, "only " + unauthorized.size() + " operations answered 401");
        assertTrue(forbidden.size() >= 25, "only " + forbidden.size() + " operations answered 403: " + forbidden);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void shouldListARequestLineOrHeadersTooLongOnEveryOperationAsTheApiErrorSent() throws Exception
    {
        final List<String> problems = new ArrayList<>();
        int checked = 0;
        for (final Operation operation : operations(document))
        {
            final Map<String, Object> op = operation.operation();
            final String method = operation.method();
            final String where = operation.where();
            final String url = operation.url("0");
            final String body = operation.emptyBody();

            expect(414, where + " with a request line too long", op,
                send(method, url + "?pad=" + "a".repeat(5000), admin, body, "X-Note", "n"), problems);
            expect(431, where + " with headers too large", op,
                send(method, url, admin, body, "X-Note", "n".repeat(9000)), problems);
            checked++;
        }

        assertTrue(checked >= 50, "only " + checked + " operations checked");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldListWhatTheWireAnswersForAnUnknownIdAMethodABodyAndAnUnconnectedAccountAsAnApiError() throws Exception
    {
        assertEquals(201, app.send("POST", "/api/users", admin, "{\"username\":\"wire-unconnected\",\"password\":" +
            "\"a-long-password-1\",\"roles\":[\"trader\"],\"account_ids\":[2]}").statusCode());
        final String unconnected = app.login("wire-unconnected", "a-long-password-1");
        final List<String> problems = new ArrayList<>();
        final Map<Integer, Set<String>> answered = new TreeMap<>();
        final Map<String, Set<String>> methods = new TreeMap<>();
        for (final Operation operation : operations(document))
        {
            methods.computeIfAbsent(operation.path(), k -> new TreeSet<>())
                .add(operation.method().toLowerCase(Locale.ROOT));
        }
        for (final Map.Entry<String, Set<String>> path : methods.entrySet())
        {
            if (path.getKey().startsWith("/api/"))
            {
                notAllowed(path.getKey(), path.getKey().replaceAll("\\{[^}]+}", "999999"), path.getValue(),
                    answered, problems);
            }
        }
        for (final Operation operation : operations(document))
        {
            final Map<String, Object> op = operation.operation();
            final String url = operation.url("999999");
            final String method = operation.method();
            final String where = operation.where();
            final String query = "?" + requiredQuery(
                (List<Map<String, Object>>)op.getOrDefault("parameters", List.of()), "");
            if (op.containsKey("requestBody"))
            {
                expect(413, where + " with a body of more than 1 MB", op, app.send(method, url + query, admin,
                    "{\"note\":\"" + "n".repeat(1_100_000) + "\"}"), problems);
                expect(415, where + " with a body of text/plain", op,
                    send(method, url + query, admin, "{}", "Content-Type", "text/plain"), problems);
                answered.computeIfAbsent(413, k -> new TreeSet<>()).add(where);
                answered.computeIfAbsent(415, k -> new TreeSet<>()).add(where);
            }
            else if (operation.path().contains("{"))
            {
                final HttpResponse<String> unknown = app.send(method, url + query, admin, null);
                if (unknown.statusCode() == 404)
                {
                    answered.computeIfAbsent(404, k -> new TreeSet<>()).add(where);
                    listed(where + " of an id that is not there", op, unknown, problems);
                }
            }
            if ("GET".equals(method))
            {
                final HttpResponse<String> notConnected = app.send(method, url + query, unconnected, null);
                if (notConnected.statusCode() == 409)
                {
                    answered.computeIfAbsent(409, k -> new TreeSet<>()).add(where);
                    listed(where + " of an account not connected", op, notConnected, problems);
                    assertEquals("broker_not_connected", JSON.readTree(notConnected.body()).path("error").asText(),
                        where);
                }
            }
        }

        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(answered.get(404).containsAll(Set.of("GET /api/orders/{id}", "GET /api/baskets/{id}",
            "DELETE /api/alerts/{id}", "DELETE /api/baskets/{id}")), "404: " + answered.get(404));
        assertTrue(answered.get(409).containsAll(Set.of("GET /api/candles", "GET /api/gtt/{id}",
            "GET /api/quotes/limits")), "409: " + answered.get(409));
        assertTrue(answered.get(405).size() >= 30, "405: " + answered.get(405));
        assertTrue(answered.get(413).size() >= 15, "413: " + answered.get(413));
    }

    private static void notAllowed(final String path, final String url, final Set<String> listed,
        final Map<Integer, Set<String>> answered, final List<String> problems) throws Exception
    {
        final String absent = METHODS.stream().filter(m -> !listed.contains(m)).sorted().findFirst().orElseThrow()
            .toUpperCase(Locale.ROOT);
        final HttpResponse<String> response = app.send(absent, url, admin, null);
        final Set<String> allowed = new TreeSet<>(List.of(response.headers().firstValue("Allow").orElse("")
            .toLowerCase(Locale.ROOT).split(",\\s*")));
        allowed.retainAll(METHODS);
        if (response.statusCode() != 405 || !allowed.equals(new TreeSet<>(listed)))
        {
            problems.add(absent + " " + path + ": answered " + response.statusCode() + " Allow " + allowed +
                ", the document lists " + listed);
            return;
        }
        if (!"application/json".equals(response.headers().firstValue("Content-Type").orElse("")))
        {
            problems.add(absent + " " + path + ": answered 405 as " + response.headers().firstValue("Content-Type"));
        }
        answered.computeIfAbsent(405, k -> new TreeSet<>()).add(absent + " " + path);
        check(absent + " " + path, JSON.readTree(response.body()), Map.of("$ref", "#/components/schemas/ApiError"),
            problems);
    }

    private static HttpResponse<String> send(final String method, final String url, final String token,
        final String body, final String header, final String value) throws Exception
    {
        final HttpRequest.Builder request = app.request(method, url, token, body).setHeader(header, value);
        try
        {
            return UNREAD.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (final IOException closed)
        {
            return UNREAD.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void expect(final int status, final String where, final Map<String, Object> operation,
        final HttpResponse<String> response, final List<String> problems) throws Exception
    {
        if (response.statusCode() != status)
        {
            problems.add(where + ": answered " + response.statusCode() + " " + response.body() + ", not " + status);
            return;
        }
        listed(where, operation, response, problems);
    }

    private static void listed(final String where, final Map<String, Object> operation,
        final HttpResponse<String> response, final List<String> problems) throws Exception
    {
        final String status = Integer.toString(response.statusCode());
        if (at(operation, "responses", status) == null)
        {
            problems.add(where + ": answered " + status + " " + response.body() + ", which the document does not list");
            return;
        }
        if (!"application/json".equals(response.headers().firstValue("Content-Type").orElse("")))
        {
            problems.add(where + ": answered " + status + " as " + response.headers().firstValue("Content-Type"));
        }
        final Map<String, Object> schema = responseSchema(operation, status);
        if (schema == null)
        {
            problems.add(where + ": the document lists its " + status + " without an application/json schema");
            return;
        }
        check(where, JSON.readTree(response.body()), schema, problems);
    }

    private static String requiredQuery(final List<Map<String, Object>> parameters, final String except)
    {
        final StringBuilder query = new StringBuilder();
        for (final Map<String, Object> parameter : parameters)
        {
            final Object name = parameter.get("name");
            if ("query".equals(parameter.get("in")) && Boolean.TRUE.equals(parameter.get("required")) &&
                !except.equals(name))
            {
                final String value = switch (name.toString())
                {
                    case "at" -> Instant.now().toString();
                    case "i" -> "NSE:INFY";
                    default -> throw new AssertionError("query parameter " + name + " needs a sample in this test");
                };
                query.append(name).append('=').append(value).append('&');
            }
        }
        return query.toString();
    }

    @SuppressWarnings("unchecked")
    private static void collectWireNames(final Object node, final Map<String, String> javaToWire)
    {
        if (node instanceof Map<?, ?> map)
        {
            final List<String> names = new ArrayList<>();
            if (map.get("properties") instanceof Map<?, ?> properties)
            {
                properties.keySet().forEach(name -> names.add(name.toString()));
            }
            if (map.get("in") instanceof String && map.get("name") instanceof String name)
            {
                names.add(name);
            }
            for (final String name : names)
            {
                final String java = javaName(name);
                if (!java.equals(name))
                {
                    javaToWire.put(java, name);
                }
            }
            map.values().forEach(value -> collectWireNames(value, javaToWire));
        }
        else if (node instanceof List<?> list)
        {
            list.forEach(value -> collectWireNames(value, javaToWire));
        }
    }

    private static String javaName(final String wire)
    {
        final StringBuilder java = new StringBuilder();
        boolean hump = false;
        for (final char c : wire.toCharArray())
        {
            if (c == '_')
            {
                hump = java.length() > 0;
                continue;
            }
            java.append(hump ? Character.toUpperCase(c) : c);
            hump = false;
        }
        return java.toString();
    }

    private static void findJavaNames(
        final String where, final Object node, final Map<String, String> javaToWire, final List<String> problems)
    {
        if (node instanceof Map<?, ?> map)
        {
            for (final Map.Entry<?, ?> entry : map.entrySet())
            {
                final String key = entry.getKey().toString();
                findJavaNames(where, key, javaToWire, problems);
                if (!"operationId".equals(key) && !"$ref".equals(key))
                {
                    findJavaNames(where + "/" + key, entry.getValue(), javaToWire, problems);
                }
            }
        }
        else if (node instanceof List<?> list)
        {
            for (int i = 0; i < list.size(); i++)
            {
                findJavaNames(where + "[" + i + "]", list.get(i), javaToWire, problems);
            }
        }
        else if (node instanceof String text)
        {
            for (final String word : text.split("[^A-Za-z0-9]+"))
            {
                if (javaToWire.containsKey(word))
                {
                    problems.add(where + ": says '" + word + "', a Java name; on the wire it is '" +
                        javaToWire.get(word) + "'");
                }
            }
        }
    }

    private static List<String> sampleRequests(final String path)
    {
        return switch (path)
        {
            case "/api/audit" -> List.of("/api/audit?user=admin");
            case "/api/quotes" -> List.of("/api/quotes?i=NSE:INFY&i=NSE:TCS");
            case "/api/quotes/limits" -> List.of("/api/quotes/limits?i=NSE:INFY&i=NSE:TCS");
            case "/api/instruments" -> List.of("/api/instruments?q=INF");
            case "/api/orders/{id}" -> List.of("/api/orders/" + orderId);
            case "/api/gtt/{id}" -> List.of("/api/gtt/" + gttId);
            case "/api/baskets/{id}" -> List.of("/api/baskets/" + basketId);
            case "/api/replay/state" -> List.of("/api/replay/state?at=" + Instant.now());
            case "/api/ticks" -> List.of("/api/ticks?i=NSE:INFY", "/api/ticks?i=NSE:INFY&interval=1s");
            case "/api/candles" -> List.of("/api/candles?i=NSE:INFY", "/api/candles?i=NSE:INFY&from=" +
                LocalDate.now(ZoneOffset.ofHoursMinutes(5, 30)).minusDays(3) + "&to=" +
                LocalDate.now(ZoneOffset.ofHoursMinutes(5, 30)).minusDays(1));
            default ->
            {
                if (path.contains("{"))
                {
                    throw new AssertionError("GET " + path + " needs a sample request in this test");
                }
                yield List.of(path);
            }
        };
    }

    private static Map<String, Object> responseSchema(final Map<String, Object> operation, final String status)
    {
        final Map<String, Object> response = at(operation, "responses", status);
        if (response == null)
        {
            throw new AssertionError("the document has no " + status + " response for " + operation.get("operationId"));
        }
        return at(response, "content", "application/json", "schema");
    }

    private static void check(
        final String where, final JsonNode value, final Map<String, Object> raw, final List<String> problems)
    {
        OpenApiDocuments.check(document, where, value, raw, problems);
    }
}
