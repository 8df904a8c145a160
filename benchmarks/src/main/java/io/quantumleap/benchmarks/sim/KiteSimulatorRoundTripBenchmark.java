package io.quantumleap.benchmarks.sim;

import io.quantumleap.engine.sim.KiteSimulator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * How long does one paper order take through the Kite simulator over loopback HTTP (POST /orders/regular, a
 * MARKET order matched against the simulated depth, alternately buying and selling so margin never runs out),
 * against a read-only call on the same connection (GET /user/profile) as the baseline for HTTP and the
 * simulator thread's hand-off. One client thread, keep-alive, rate limits off, no market steps.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class KiteSimulatorRoundTripBenchmark
{
    private KiteSimulator simulator;
    private HttpClient client;
    private HttpRequest profile;
    private HttpRequest buy;
    private HttpRequest sell;
    private long orders;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException, NoSuchAlgorithmException
    {
        simulator = new KiteSimulator(new KiteSimulator.Context().tickRatePerSecond(0).noRateLimits()
            .instrumentCount(100)).start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        final HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(simulator.loginUrl()))
            .build(), HttpResponse.BodyHandlers.ofString());
        final String location = login.headers().firstValue("Location").orElseThrow();
        final String requestToken = location.substring(location.indexOf("request_token=") + 14);
        final String checksum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
            (simulator.apiKey() + requestToken + simulator.apiSecret()).getBytes(StandardCharsets.UTF_8)));
        final HttpResponse<String> session = client.send(HttpRequest.newBuilder(
            URI.create(simulator.restBaseUrl() + "/session/token"))
            .header("X-Kite-Version", "3")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("api_key=" + simulator.apiKey() + "&request_token=" +
                requestToken + "&checksum=" + checksum))
            .build(), HttpResponse.BodyHandlers.ofString());
        final String body = session.body();
        final int at = body.indexOf("\"access_token\":\"") + 16;
        final String authorization = "token " + simulator.apiKey() + ":" + body.substring(at, body.indexOf('"', at));
        profile = HttpRequest.newBuilder(URI.create(simulator.restBaseUrl() + "/user/profile"))
            .header("X-Kite-Version", "3").header("Authorization", authorization).GET().build();
        buy = order(authorization, "BUY");
        sell = order(authorization, "SELL");
    }

    private HttpRequest order(final String authorization, final String side)
    {
        return HttpRequest.newBuilder(URI.create(simulator.restBaseUrl() + "/orders/regular"))
            .header("X-Kite-Version", "3")
            .header("Authorization", authorization)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("exchange=NSE&tradingsymbol=INFY&transaction_type=" + side +
                "&order_type=MARKET&quantity=1&product=MIS"))
            .build();
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        simulator.close();
    }

    @Benchmark
    public int readProfileBaseline() throws IOException, InterruptedException
    {
        return client.send(profile, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Benchmark
    public int placeMarketOrder() throws IOException, InterruptedException
    {
        return client.send((orders++ & 1) == 0 ? buy : sell, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
