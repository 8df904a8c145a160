package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

final class SimHttp
{
    static final ObjectMapper MAPPER = new ObjectMapper();

    final KiteSimulator sim;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String accessToken;

    SimHttp(final KiteSimulator sim)
    {
        this.sim = sim;
    }

    static KiteSimulator.Context context(final ManualClock clock)
    {
        return new KiteSimulator.Context()
            .clock(clock)
            .tickRatePerSecond(0)
            .instrumentCount(60)
            .noRateLimits()
            .seed(7);
    }

    String requestToken() throws IOException, InterruptedException
    {
        return requestToken(sim.loginUrl());
    }

    private String requestToken(final String loginUrl) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(loginUrl)).GET());
        final String location = response.headers().firstValue("Location").orElseThrow();
        return query(location).get("request_token");
    }

    String login() throws IOException, InterruptedException
    {
        return sessionFor(requestToken());
    }

    /** Logs in as the paper user {@code userId}. */
    String login(final String userId) throws IOException, InterruptedException
    {
        return sessionFor(requestToken(sim.loginUrl() + "&user_id=" + userId));
    }

    private String sessionFor(final String requestToken) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = post("/session/token", "api_key", sim.apiKey(), "request_token",
            requestToken, "checksum", Sessions.sha256Hex(sim.apiKey() + requestToken + sim.apiSecret()));
        accessToken = json(response).get("data").get("access_token").asText();
        return accessToken;
    }

    HttpResponse<String> get(final String pathAndQuery) throws IOException, InterruptedException
    {
        return send(request(pathAndQuery).GET());
    }

    HttpResponse<String> delete(final String pathAndQuery) throws IOException, InterruptedException
    {
        return send(request(pathAndQuery).DELETE());
    }

    HttpResponse<String> post(final String path, final String... form) throws IOException, InterruptedException
    {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(form))));
    }

    HttpResponse<String> put(final String path, final String... form) throws IOException, InterruptedException
    {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
            .PUT(HttpRequest.BodyPublishers.ofString(form(form))));
    }

    HttpResponse<String> rawPost(final String path, final String contentType, final String body)
        throws IOException, InterruptedException
    {
        return send(request(path).header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpRequest.Builder request(final String pathAndQuery)
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(sim.restBaseUrl() + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .header("X-Kite-Version", "3");
        if (accessToken != null)
        {
            builder.header("Authorization", "token " + sim.apiKey() + ":" + accessToken);
        }
        return builder;
    }

    HttpResponse<String> send(final HttpRequest.Builder builder)
        throws IOException, InterruptedException
    {
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return a percentage of the instrument's last price, on its tick, in rupees as a form field takes it. */
    static String price(final KiteSimulator sim, final String exchange, final String symbol, final int percent)
    {
        final Instrument i = sim.agent().universe().byKey(exchange, symbol);
        final long ltp = sim.agent().call(() -> sim.agent().market().ltpPaise[i.index]);
        return Double.toString(i.rupees(Instrument.roundToTick(ltp * percent / 100, i.tickPaise)));
    }

    static JsonNode json(final HttpResponse<String> response) throws IOException
    {
        return MAPPER.readTree(response.body());
    }

    static String form(final String... pairs)
    {
        final StringJoiner joiner = new StringJoiner("&");
        for (int i = 0; i < pairs.length; i += 2)
        {
            joiner.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "=" +
                URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return joiner.toString();
    }

    static Map<String, String> query(final String url)
    {
        final Map<String, String> params = new HashMap<>();
        final String query = url.substring(url.indexOf('?') + 1);
        for (final String pair : query.split("&"))
        {
            final int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    String placeOrder(final String... fields) throws IOException, InterruptedException
    {
        final HttpResponse<String> response = post("/orders/regular", fields);
        if (response.statusCode() != 200)
        {
            throw new AssertionError("place failed: " + response.body());
        }
        return json(response).get("data").get("order_id").asText();
    }

    JsonNode latest(final String orderId) throws IOException, InterruptedException
    {
        final JsonNode history = json(get("/orders/" + orderId)).get("data");
        return history.get(history.size() - 1);
    }
}
