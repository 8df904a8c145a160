package io.quantumleap.benchmarks.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The REST calls the rig makes on the gateway, as any client would: health, log in, the Kite connect flow
 * (connect URL, the broker's login redirect, the callback), broker status, and {@code GET /api/latency}.
 */
final class GatewayApi
{
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    private final String base;
    private String token;

    /** @param base e.g. {@code http://127.0.0.1:18080}. */
    GatewayApi(final String base)
    {
        this.base = base;
    }

    String token()
    {
        return token;
    }

    /** Waits until {@code /health} answers 200, failing early if {@code alive} turns false. */
    void awaitHealthy(final long timeoutS, final BooleanSupplier alive) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        while (System.nanoTime() < deadline)
        {
            if (!alive.getAsBoolean())
            {
                throw new IllegalStateException("the gateway process exited during start-up (see its log)");
            }
            try
            {
                if (http.send(get("/health").build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200)
                {
                    return;
                }
            }
            catch (final IOException ex)
            {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the gateway did not become healthy within " + timeoutS + " s");
    }

    void login(final String username, final String password) throws IOException, InterruptedException
    {
        final String body = json.writeValueAsString(json.createObjectNode().put("username", username)
            .put("password", password));
        final JsonNode reply = send(HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)), 200);
        token = reply.get("token").asText();
    }

    /**
     * The Kite connect flow a browser follows: the gateway's connect URL, the broker's login page (which
     * redirects at once with a request token), the gateway's callback (which exchanges it).
     */
    void connectBroker() throws IOException, InterruptedException
    {
        final String loginUrl = send(authorized("/api/broker/kite/connect").header("Accept", "application/json"),
            200).get("url").asText();
        final HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(loginUrl)).GET()
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        final String callback = login.headers().firstValue("Location").orElseThrow(() ->
            new IllegalStateException("the broker's login page answered " + login.statusCode() +
                " without a redirect: " + login.body()));
        final HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(callback)).GET()
            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        final String outcome = done.headers().firstValue("Location").orElse("");
        if (!outcome.contains("connected="))
        {
            throw new IllegalStateException("the broker callback did not connect: " + done.statusCode() + " " +
                java.net.URLDecoder.decode(outcome, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    JsonNode brokerStatus() throws IOException, InterruptedException
    {
        return send(authorized("/api/broker/status"), 200);
    }

    /** @return how many instruments the gateway knows, up to {@code limit}. */
    int instruments(final int limit) throws IOException, InterruptedException
    {
        return send(authorized("/api/instruments?limit=" + limit), 200).size();
    }

    /** @return the server-side latency report, or empty when this gateway has no such endpoint yet. */
    Optional<JsonNode> latency() throws IOException, InterruptedException
    {
        final HttpResponse<String> response = http.send(authorized("/api/latency").build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404)
        {
            return Optional.empty();
        }
        if (response.statusCode() != 200)
        {
            throw new IllegalStateException("GET /api/latency answered " + response.statusCode() + ": " +
                response.body());
        }
        return Optional.of(json.readTree(response.body()));
    }

    /** @return {@code GET /metrics}, the Prometheus text exposition. */
    String metrics() throws IOException, InterruptedException
    {
        final HttpResponse<String> response = http.send(authorized("/metrics").build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200)
        {
            throw new IllegalStateException("GET /metrics answered " + response.statusCode() + ": " +
                response.body());
        }
        return response.body();
    }

    /**
     * @param scrape what {@link #metrics()} returned.
     * @param name   a metric as Prometheus names it, e.g. {@code qleap_core_reserved}.
     * @return its value (the first series of that name), empty when the gateway has none.
     */
    static OptionalDouble metric(final String scrape, final String name)
    {
        return scrape.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst();
    }

    private HttpRequest.Builder get(final String path)
    {
        return HttpRequest.newBuilder(URI.create(base + path)).GET().timeout(Duration.ofSeconds(10));
    }

    private HttpRequest.Builder authorized(final String path)
    {
        return get(path).header("Authorization", "Bearer " + token);
    }

    private JsonNode send(final HttpRequest.Builder request, final int expected)
        throws IOException, InterruptedException
    {
        final HttpRequest built = request.build();
        final HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected)
        {
            throw new IllegalStateException(built.method() + " " + built.uri().getPath() + " answered " +
                response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }
}
