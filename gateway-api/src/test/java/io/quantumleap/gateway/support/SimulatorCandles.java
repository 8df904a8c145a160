package io.quantumleap.gateway.support;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.engine.sim.KiteSimulator;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.gateway.market.InstrumentKey;
import io.quantumleap.gateway.runtime.EngineRuntime;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

public final class SimulatorCandles
{
    private static final ObjectMapper JSON =
        new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final DateTimeFormatter KITE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter KITE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxx");

    private SimulatorCandles()
    {
    }

    public static List<String> of(
        final GatewayFixture app, final String instrument, final LocalDateTime from, final LocalDateTime to)
        throws Exception
    {
        final EngineRuntime engine = app.bean(EngineRuntime.class);
        final KiteSimulator sim = engine.broker().simulator();
        final String accessToken = engine.broker()
            .call(1, client -> CompletableFuture.completedFuture(client.accessToken())).get();
        final long token = InstrumentKey.parse(instrument).find(app.bean(LiveState.class)).orElseThrow()
            .instrumentToken();
        final HttpResponse<String> reply = app.http().send(HttpRequest.newBuilder(URI.create(sim.restBaseUrl() +
                "/instruments/historical/" + token + "/minute?from=" + encode(KITE.format(from)) + "&to=" +
                encode(KITE.format(to))))
            .header("X-Kite-Version", "3")
            .header("Authorization", "token " + sim.apiKey() + ":" + accessToken).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply.body());
        final List<String> candles = new ArrayList<>();
        for (final JsonNode row : JSON.readTree(reply.body()).get("data").get("candles"))
        {
            candles.add(OffsetDateTime.parse(row.get(0).asText(), KITE_TIME).toInstant() + " " + plain(row.get(1)) +
                " " + plain(row.get(2)) + " " + plain(row.get(3)) + " " + plain(row.get(4)) + " " +
                row.get(5).asLong());
        }
        return candles;
    }

    public static List<String> answered(final String body) throws IOException
    {
        final List<String> candles = new ArrayList<>();
        for (final JsonNode candle : JSON.readTree(body))
        {
            candles.add(Instant.parse(candle.get("time").asText()) + " " + plain(candle.get("open")) + " " +
                plain(candle.get("high")) + " " + plain(candle.get("low")) + " " + plain(candle.get("close")) + " " +
                candle.get("volume").asLong());
        }
        return candles;
    }

    private static String plain(final JsonNode number)
    {
        return number.decimalValue().stripTrailingZeros().toPlainString();
    }

    private static String encode(final String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
