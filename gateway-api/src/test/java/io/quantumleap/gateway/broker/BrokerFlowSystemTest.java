package io.quantumleap.gateway.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.engine.kite.feed.KiteTickerFrameDecoder;
import io.quantumleap.gateway.support.GatewayFixture;
import io.quantumleap.journal.JournalContext;
import io.quantumleap.journal.capture.CaptureContext;
import io.quantumleap.journal.capture.CaptureReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrokerFlowSystemTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static GatewayFixture app;
    private static String admin;

    @BeforeAll
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of());
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
        app.connectBroker(admin, null);
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    @Test
    void shouldReportTheBrokerConnectedWithAStreamingFeed() throws Exception
    {
        GatewayFixture.await("the feed to stream frames", Duration.ofSeconds(30), () ->
        {
            try
            {
                final String body = app.send("GET", "/api/broker/status", admin, null).body();
                return body.contains("\"connected\":true") && !body.contains("\"feed_frames\":0") &&
                    body.contains("\"user_id\":\"");
            }
            catch (final Exception ex)
            {
                return false;
            }
        });
    }

    @Test
    void shouldSayHowManyInstrumentsEachFeedConnectionCarries() throws Exception
    {
        final AtomicReference<JsonNode> connections = new AtomicReference<>();
        GatewayFixture.await("the simulator's instruments on the feed", Duration.ofSeconds(30), () ->
        {
            try
            {
                connections.set(JSON.readTree(app.send("GET", "/api/broker/status", admin, null).body())
                    .get("feed_connections"));
                return connections.get().size() == 3 && connections.get().get(0).get("instruments").asInt() > 0;
            }
            catch (final Exception ex)
            {
                return false;
            }
        });

        final int[] carried = new int[3];
        for (int i = 0; i < 3; i++)
        {
            assertEquals(i, connections.get().get(i).get("id").asInt());
            assertTrue(connections.get().get(i).get("instruments").isInt(), connections.get().toString());
            carried[i] = connections.get().get(i).get("instruments").asInt();
        }
        final int total = carried[0] + carried[1] + carried[2];
        assertTrue(total > 60, "the simulator's 60 NSE equities, its other exchanges and indices: " + total);
        final int spread = Math.max(carried[0], Math.max(carried[1], carried[2])) -
            Math.min(carried[0], Math.min(carried[1], carried[2]));
        assertTrue(spread <= 1, "spread evenly: " + connections.get());
    }

    @Test
    void shouldCaptureTheRawFeedFramesInTheJournalForReDecoding() throws Exception
    {
        final CaptureContext capture =
            CaptureContext.of(new JournalContext().journalDir(app.dataDir().resolve("journal")));
        final long[] seen = new long[3];
        final KiteTickerFrameDecoder decoder = new KiteTickerFrameDecoder((buffer, offset, length) -> true);

        GatewayFixture.await("captured frames that decode into packets", Duration.ofSeconds(30), () ->
        {
            if (!java.nio.file.Files.isDirectory(capture.dir()))
            {
                return false;
            }
            try (CaptureReader reader = CaptureReader.open(capture))
            {
                reader.poll((index, connection, receiveNs, binary, buffer, offset, length) ->
                {
                    seen[0]++;
                    if (binary && length > 1)
                    {
                        final int packets = decoder.onBinaryFrame(buffer, offset, length, connection, receiveNs);
                        seen[packets > 0 ? 1 : 2]++;
                    }
                }, 10_000);
            }
            catch (final RuntimeException ex)
            {
                return false;
            }
            return seen[1] >= 5;
        });
        assertEquals(0, seen[2], "captured binary frames that did not decode");
        final String metrics = app.send("GET", "/metrics", admin, null).body();
        assertTrue(metrics.contains("# TYPE qleap_capture_frames_total counter"), metrics);
        assertTrue(metrics.contains("# TYPE qleap_persister_failures_total counter"), metrics);
    }

    @Test
    void shouldReadHoldingsFromTheBroker() throws Exception
    {
        final HttpResponse<String> holdings = app.send("GET", "/api/holdings", admin, null);

        assertEquals(200, holdings.statusCode(), holdings.body());
        assertTrue(holdings.body().startsWith("["), holdings.body());
    }

    @Test
    void shouldReadCircuitLimitsFromTheBrokersQuoteLeavingOutAnIndex() throws Exception
    {
        app.lastPrice(admin, "NSE:INFY");
        final JsonNode close = JSON.readTree(app.send("GET", "/api/quotes?i=NSE:INFY", admin, null).body())
            .path("NSE:INFY").path("ohlc").path("close");
        final HttpResponse<String> read = app.send("GET",
            "/api/quotes/limits?i=NSE:INFY&i=NSE:NIFTY%2050&i=NSE:NOSUCH&account_id=1", admin, null);
        final HttpResponse<String> again = app.send("GET", "/api/quotes/limits?i=NSE:INFY", admin, null);
        final HttpResponse<String> badKey = app.send("GET", "/api/quotes/limits?i=NSE:", admin, null);
        final HttpResponse<String> notMine = app.send("GET", "/api/quotes/limits?i=NSE:INFY&account_id=99", admin,
            null);
        final HttpResponse<String> anonymous = app.send("GET", "/api/quotes/limits?i=NSE:INFY", null, null);

        assertEquals(200, read.statusCode(), read.body());
        final JsonNode limits = JSON.readTree(read.body());
        assertEquals(List.of("NSE:INFY"), iterableNames(limits), read.body());
        final double lower = limits.path("NSE:INFY").path("lower_circuit_limit").asDouble();
        final double upper = limits.path("NSE:INFY").path("upper_circuit_limit").asDouble();
        assertTrue(close.isNumber() && lower < close.asDouble() && close.asDouble() < upper, read.body() + close);
        assertEquals(close.asDouble() - lower, upper - close.asDouble(), 0.05, read.body() + close);
        final double band = (upper - close.asDouble()) / close.asDouble() * 100;
        assertTrue(List.of(2L, 5L, 10L, 20L).contains(Math.round(band)), band + "% " + read.body());
        assertEquals(0, Math.round(lower * 100) % 5, read.body());
        assertEquals(0, Math.round(upper * 100) % 5, read.body());
        assertEquals(limits, JSON.readTree(again.body()), again.body());
        assertEquals(400, badKey.statusCode(), badKey.body());
        assertTrue(badKey.body().contains("i: 'NSE:'"), badKey.body());
        assertEquals(403, notMine.statusCode(), notMine.body());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
    }

    private static List<String> iterableNames(final JsonNode node)
    {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void shouldSendTheBrowserBackToTheHostTheDashboardConnectedFrom() throws Exception
    {
        final String served = app.server().getURL().toString();
        final String other = served.contains("127.0.0.1") ?
            served.replace("127.0.0.1", "localhost") : served.replace("localhost", "127.0.0.1");

        final String back = app.connectBroker(admin, null, other);
        final String again = app.connectBroker(admin, null, served);

        assertNotEquals(served, other);
        assertTrue(back.startsWith(other + "/broker?connected=QL0001"), back);
        assertTrue(again.startsWith(served + "/broker?connected=QL0001"), again);
    }

    @Test
    void shouldKeepAWorkingSessionWhenAnotherLoginsTokenExchangeFails() throws Exception
    {
        final HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        final String login = noRedirects.send(HttpRequest.newBuilder(URI.create(app.server().getURL() +
            "/api/broker/kite/connect")).header("Authorization", "Bearer " + admin).build(),
            HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow();
        final String callback = noRedirects.send(HttpRequest.newBuilder(URI.create(login)).build(),
            HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow();

        final HttpResponse<String> failed = noRedirects.send(HttpRequest.newBuilder(URI.create(
            callback.replaceAll("request_token=[A-Za-z0-9]+", "request_token=bogus"))).build(),
            HttpResponse.BodyHandlers.ofString());

        assertEquals(303, failed.statusCode());
        assertTrue(failed.headers().firstValue("Location").orElseThrow().contains("/broker?error="),
            failed.headers().toString());
        final String status = app.send("GET", "/api/broker/status", admin, null).body();
        assertTrue(status.contains("\"connected\":true") && !status.contains("token_expired"), status);
        assertEquals(200, app.send("GET", "/api/margins", admin, null).statusCode());
    }

    @Test
    void shouldRefuseACallbackWithAnUnknownState() throws Exception
    {
        final HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

        final HttpResponse<String> forged = noRedirects.send(HttpRequest.newBuilder(URI.create(app.server().getURL() +
            "/api/broker/kite/callback?request_token=abc&status=success&state=forged")).build(),
            HttpResponse.BodyHandlers.ofString());

        assertEquals(303, forged.statusCode());
        assertTrue(forged.headers().firstValue("Location").orElseThrow().startsWith("/broker?error="));
    }

    @Test
    void shouldReadTheFundsFromTheBrokerAndSeeAnOpenOrderBlockItsMargin() throws Exception
    {
        final JsonNode before = equityFunds();
        final double lastPrice = app.lastPrice(admin, "NSE:INFY");
        final long belowPaise = Math.round(lastPrice * 97) / 5 * 5;
        final String id = buyInfyLimit(50, belowPaise, "");
        awaitOrder(id, "OPEN", 50, belowPaise);
        final JsonNode during = equityFunds();
        assertEquals(200, app.send("DELETE", "/api/orders/" + id, admin, null).statusCode());
        final JsonNode all = JSON.readTree(app.send("GET", "/api/margins", admin, null).body());

        final double blocked = 50 * belowPaise / 100.0;
        final double used = during.path("debits").asDouble() - before.path("debits").asDouble();
        assertTrue(Math.abs(used - blocked) < blocked * 0.05, "blocked " + used + " for " + blocked + ": " + during);
        assertTrue(before.path("net").asDouble() - during.path("net").asDouble() > blocked * 0.95, during.toString());
        assertTrue(before.path("enabled").asBoolean(), before.toString());
        assertEquals(during.path("net").asDouble(), during.path("live_balance").asDouble(), 0.001, during.toString());
        assertTrue(before.path("opening_balance").asDouble() > 0, before.toString());
        assertEquals(List.of("equity", "commodity"), List.of(all.get(0).path("segment").asText(),
            all.get(1).path("segment").asText()), all.toString());
        assertEquals(1, all.get(1).path("account_id").asLong(), all.toString());
    }

    @Test
    void shouldQuoteTheMarginAnOrderWouldBlockWithoutPlacingIt() throws Exception
    {
        final double lastPrice = app.lastPrice(admin, "NSE:INFY");
        final long belowPaise = Math.round(lastPrice * 97) / 5 * 5;
        final String order = "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
            "\"order_type\":\"LIMIT\",\"quantity\":50,\"price\":" + belowPaise / 100.0 + ",\"product\":\"%s\"}";
        final int ordersBefore = JSON.readTree(app.send("GET", "/api/orders", admin, null).body()).size();

        final HttpResponse<String> cnc = app.send("POST", "/api/margins/orders", admin, order.formatted("CNC"));
        final HttpResponse<String> mis = app.send("POST", "/api/margins/orders", admin, order.formatted("MIS"));
        final HttpResponse<String> nrml = app.send("POST", "/api/margins/orders", admin, order.formatted("NRML"));
        final HttpResponse<String> noPrice = app.send("POST", "/api/margins/orders", admin,
            order.formatted("CNC").replace(",\"price\":" + belowPaise / 100.0, ""));
        final HttpResponse<String> index = app.send("POST", "/api/margins/orders", admin,
            order.formatted("CNC").replace("INFY", "NIFTY 50"));
        final HttpResponse<String> anonymous = app.send("POST", "/api/margins/orders", null, order.formatted("CNC"));
        final HttpResponse<String> offTick = app.send("POST", "/api/margins/orders", admin,
            order.formatted("CNC").replace(",\"price\":" + belowPaise / 100.0, ",\"price\":1400.03"));

        assertEquals(200, cnc.statusCode(), cnc.body());
        final JsonNode delivery = JSON.readTree(cnc.body());
        final JsonNode intraday = JSON.readTree(mis.body());
        assertEquals(1, delivery.path("account_id").asLong(), cnc.body());
        assertEquals("INFY", delivery.path("tradingsymbol").asText(), cnc.body());
        assertEquals("equity", delivery.path("segment").asText(), cnc.body());
        assertEquals(50 * belowPaise / 100.0, delivery.path("total").asDouble(), 0.001, cnc.body());
        assertEquals(delivery.path("total").asDouble(), delivery.path("var").asDouble(), 0.001, cnc.body());
        assertTrue(delivery.path("charges").asDouble() > 0, cnc.body());
        assertEquals(200, mis.statusCode(), mis.body());
        assertEquals(delivery.path("total").asDouble() / 5, intraday.path("total").asDouble(), 0.001, mis.body());
        assertEquals(5, intraday.path("leverage").asInt(), mis.body());
        assertEquals(400, nrml.statusCode(), nrml.body());
        assertTrue(nrml.body().contains("\"bad_request\"") && nrml.body().contains("product: NRML is not taken " +
            "for NSE:INFY, an equity: CNC, MIS or MTF"), nrml.body());
        assertEquals(400, noPrice.statusCode(), noPrice.body());
        assertTrue(noPrice.body().contains("price: needed for a LIMIT or SL order"), noPrice.body());
        assertEquals(400, index.statusCode(), index.body());
        assertTrue(index.body().contains("NSE:NIFTY 50 is an index"), index.body());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        assertEquals(400, offTick.statusCode(), offTick.body());
        assertTrue(offTick.body().contains("price: 1400.03 is not a multiple of the tick size 0.05 of NSE:INFY"),
            offTick.body());
        assertEquals(ordersBefore, JSON.readTree(app.send("GET", "/api/orders", admin, null).body()).size());
    }

    @Test
    void shouldAnswerAFloodOfMarginReadsAtOnceAndKeepTheBrokersLimitForACancel() throws Exception
    {
        final double lastPrice = app.lastPrice(admin, "NSE:INFY");
        final long belowPaise = Math.round(lastPrice * 95) / 5 * 5;
        final String id = buyInfyLimit(1, belowPaise, "");
        awaitOrder(id, "OPEN", 1, belowPaise);
        final HttpRequest margin = HttpRequest.newBuilder(URI.create(app.server().getURL() + "/api/margins/orders"))
            .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(
                "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
                    "\"order_type\":\"LIMIT\",\"quantity\":1,\"product\":\"CNC\",\"price\":" +
                    belowPaise / 100.0 + "}")).build();

        final List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        for (int i = 0; i < 40; i++)
        {
            flood.add(app.http().sendAsync(margin, HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(300);
        final long cancelNs = System.nanoTime();
        assertEquals(200, app.send("DELETE", "/api/orders/" + id, admin, null).statusCode());
        app.awaitOrder(admin, id, "CANCELLED", Duration.ofSeconds(30),
            (latest) -> "CANCELLED".equals(latest.path("status").asText()));
        final long cancelMs = (System.nanoTime() - cancelNs) / 1_000_000;

        int answered = 0;
        int refused = 0;
        for (final CompletableFuture<HttpResponse<String>> read : flood)
        {
            final HttpResponse<String> response = read.get(30, TimeUnit.SECONDS);
            if (response.statusCode() == 200)
            {
                answered++;
                continue;
            }
            assertEquals(429, response.statusCode(), response.body());
            assertTrue(response.body().contains("\"broker_rate_limited\""), response.body());
            assertEquals("1", response.headers().firstValue("Retry-After").orElse(""), response.headers().toString());
            refused++;
        }
        assertTrue(cancelMs < 1_500, "the cancel took " + cancelMs + " ms behind " + answered + " margin reads");
        assertTrue(answered >= 7 && refused >= 1, answered + " answered, " + refused + " refused");
    }

    @Test
    void shouldShareAFundsReadAmongManyAskersAndAskTheBrokerAgainOnceAnOrderIsSeen() throws Exception
    {
        final HttpRequest funds = HttpRequest.newBuilder(URI.create(app.server().getURL() + "/api/margins"))
            .header("Authorization", "Bearer " + admin).timeout(Duration.ofSeconds(30)).build();
        final double askedBefore = brokerReads("broker");
        final double sharedBefore = brokerReads("shared");

        final List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        for (int i = 0; i < 40; i++)
        {
            flood.add(app.http().sendAsync(funds, HttpResponse.BodyHandlers.ofString()));
        }
        for (final CompletableFuture<HttpResponse<String>> read : flood)
        {
            final HttpResponse<String> response = read.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
        }
        final double asked = brokerReads("broker") - askedBefore;
        final double shared = brokerReads("shared") - sharedBefore;
        final JsonNode before = equityFunds();
        final long belowPaise = Math.round(app.lastPrice(admin, "NSE:INFY") * 95) / 5 * 5;
        final String id = buyInfyLimit(10, belowPaise, "");
        awaitOrder(id, "OPEN", 10, belowPaise);
        final JsonNode during = equityFunds();
        assertEquals(200, app.send("DELETE", "/api/orders/" + id, admin, null).statusCode());

        assertTrue(asked >= 1 && asked < 10 && asked + shared == 40,
            asked + " asked the broker, " + shared + " shared");
        final double blocked = 10 * belowPaise / 100.0;
        final double used = during.path("debits").asDouble() - before.path("debits").asDouble();
        assertTrue(Math.abs(used - blocked) < blocked * 0.05, "blocked " + used + " for " + blocked + ": " + during);
    }

    private static double brokerReads(final String answer) throws Exception
    {
        final String metrics = app.send("GET", "/metrics", admin, null).body();
        final Matcher m = Pattern.compile(
            "(?m)^qleap_broker_reads_total\\{[^}]*answer=\"" + answer + "\"[^}]*} ([0-9.E]+)$").matcher(metrics);
        assertTrue(m.find(), metrics);
        return Double.parseDouble(m.group(1));
    }

    private static JsonNode equityFunds() throws Exception
    {
        final HttpResponse<String> funds = app.send("GET", "/api/margins?account_id=1", admin, null);
        assertEquals(200, funds.statusCode(), funds.body());
        for (final JsonNode segment : JSON.readTree(funds.body()))
        {
            if ("equity".equals(segment.path("segment").asText()))
            {
                return segment;
            }
        }
        throw new AssertionError("no equity segment in " + funds.body());
    }

    @Test
    void shouldModifyOnlyThePriceOrOnlyTheQuantityOfAnOpenOrder() throws Exception
    {
        final double lastPrice = app.lastPrice(admin, "NSE:INFY");
        final long belowPaise = Math.round(lastPrice * 97) / 100 * 100;
        final String id = buyInfyLimit(2, belowPaise, "");
        awaitOrder(id, "OPEN", 2, belowPaise);

        final HttpResponse<String> priceOnly = app.send("PUT", "/api/orders/" + id, admin,
            "{\"price\":" + (belowPaise - 10) / 100.0 + "}");
        assertTrue(priceOnly.statusCode() == 200 || priceOnly.statusCode() == 202, priceOnly.body());
        awaitOrder(id, "OPEN", 2, belowPaise - 10);
        final HttpResponse<String> quantityOnly = app.send("PUT", "/api/orders/" + id, admin, "{\"quantity\":5}");
        assertTrue(quantityOnly.statusCode() == 200 || quantityOnly.statusCode() == 202, quantityOnly.body());
        awaitOrder(id, "OPEN", 5, belowPaise - 10);
        final JsonNode history = JSON.readTree(app.send("GET", "/api/orders/" + id, admin, null).body());
        for (final JsonNode state : history)
        {
            assertEquals(history.get(0).path("updated_at").asText(), state.path("placed_at").asText(),
                state.toString());
        }
        assertEquals(200, app.send("DELETE", "/api/orders/" + id, admin, null).statusCode());
        final String orderId = history.get(history.size() - 1).path("order_id").asText();
        final Map<String, JsonNode> audited = new java.util.HashMap<>();
        for (final JsonNode entry : JSON.readTree(app.send("GET", "/api/audit?limit=500", admin, null).body()))
        {
            final JsonNode detail = entry.path("detail");
            if (id.equals(detail.path("client_order_id").asText()))
            {
                audited.put(entry.path("event_type").asText() + (detail.has("changes") ?
                    detail.path("changes").fieldNames().next() : ""), detail);
            }
        }
        final JsonNode place = audited.get("order_place");
        final JsonNode price = audited.get("order_modifyprice");
        final JsonNode quantity = audited.get("order_modifyquantity");
        final JsonNode cancel = audited.get("order_cancel");

        assertEquals("INFY", place.path("tradingsymbol").asText(), place.toString());
        assertEquals("NSE", place.path("exchange").asText(), place.toString());
        assertEquals("BUY", place.path("transaction_type").asText(), place.toString());
        assertEquals("LIMIT", place.path("order_type").asText(), place.toString());
        assertEquals("CNC", place.path("product").asText(), place.toString());
        assertEquals("regular", place.path("variety").asText(), place.toString());
        assertEquals(2, place.path("quantity").asLong(), place.toString());
        assertEquals(belowPaise, Math.round(place.path("price").asDouble() * 100), place.toString());
        assertEquals(belowPaise, Math.round(price.path("changes").path("price").path("from").asDouble() * 100));
        assertEquals(belowPaise - 10, Math.round(price.path("changes").path("price").path("to").asDouble() * 100));
        assertEquals(java.math.BigDecimal.valueOf(belowPaise, 2).stripTrailingZeros().toPlainString(),
            price.path("changes").path("price").path("from").toString(), price.toString());
        assertEquals(java.math.BigDecimal.valueOf(belowPaise - 10, 2).stripTrailingZeros().toPlainString(),
            price.path("changes").path("price").path("to").toString(), price.toString());
        assertEquals(408_065, place.path("instrument_token").asLong(), place.toString());
        assertEquals(orderId, price.path("order_id").asText(), price.toString());
        assertEquals(1, quantity.path("changes").size(), quantity.toString());
        assertEquals(2, quantity.path("changes").path("quantity").path("from").asLong(), quantity.toString());
        assertEquals(5, quantity.path("changes").path("quantity").path("to").asLong(), quantity.toString());
        assertEquals(orderId, cancel.path("order_id").asText(), cancel.toString());
        assertEquals("OPEN", cancel.path("status").asText(), cancel.toString());
        assertEquals(5, cancel.path("quantity").asLong(), cancel.toString());
        assertEquals(200, cancel.path("http_status").asInt(), cancel.toString());
    }

    @Test
    void shouldSayWhyTheBrokerRejectedAnOrder() throws Exception
    {
        final double lastPrice = app.lastPrice(admin, "NSE:INFY");
        final long belowCircuitPaise = Math.round(lastPrice * 85) / 5 * 5;
        final String id = buyInfyLimit(1, belowCircuitPaise, ",\"tag\":\"circuit\"");
        final JsonNode latest = app.awaitOrder(admin, id, "rejected", Duration.ofSeconds(30),
            (state) -> "REJECTED".equals(state.path("status").asText()));

        assertTrue(latest.path("status_message").asText().contains("circuit limits"), latest.toString());
        assertEquals("circuit", latest.path("tag").asText());
    }

    @Test
    void shouldRefuseAnOrderForAnIndexAndShowTheDefaultRiskLimitsInForce() throws Exception
    {
        app.lastPrice(admin, "NSE:INFY");
        final HttpResponse<String> index = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"NIFTY 50\",\"transaction_type\":\"BUY\"," +
                "\"order_type\":\"MARKET\",\"quantity\":1,\"product\":\"MIS\",\"market_protection\":2}");
        assertEquals(400, index.statusCode(), index.body());
        assertTrue(index.body().contains("NSE:NIFTY 50 is an index"), index.body());

        final JsonNode limits = JSON.readTree(app.send("GET", "/api/risk", admin, null).body()).path("limits");
        assertEquals(0, limits.get(0).path("account_id").asLong(), limits.toString());
        assertEquals(10_000_000, limits.get(0).path("max_order_value").asLong(), limits.toString());
        assertEquals(2_000, limits.get(0).path("price_band_bps").asLong(), limits.toString());
    }

    @Test
    void shouldFindTheUnderlyingThenItsFuturesThenItsOptionsAndEveryWordOfTheQuery() throws Exception
    {
        app.lastPrice(admin, "NSE:INFY");

        final JsonNode nifty = JSON.readTree(app.send("GET", "/api/instruments?q=nifty&limit=20", admin, null).body());
        final JsonNode futures = JSON.readTree(app.send("GET", "/api/instruments?q=NIFTY%20FUT", admin, null).body());

        assertEquals("NIFTY 50", nifty.get(0).path("tradingsymbol").asText(), nifty.toString());
        final java.util.List<String> order = java.util.List.of("INDEX", "FUT", "CE");
        int last = 0;
        for (final JsonNode instrument : nifty)
        {
            final String type = instrument.path("instrument_type").asText().replace("PE", "CE");
            assertTrue(order.indexOf(type) >= last, nifty.toString());
            last = order.indexOf(type);
        }
        assertEquals(2, last, nifty.toString());
        assertTrue(nifty.toString().contains("\"instrument_type\":\"FUT\""), nifty.toString());
        assertTrue(futures.size() > 0, futures.toString());
        for (final JsonNode instrument : futures)
        {
            assertTrue(instrument.path("tradingsymbol").asText().contains("NIFTY"), instrument.toString());
            assertTrue(instrument.path("tradingsymbol").asText().endsWith("FUT"), instrument.toString());
            assertEquals("NFO-FUT", instrument.path("segment").asText(), instrument.toString());
        }
        for (final JsonNode instrument : nifty)
        {
            final String expected = switch (instrument.path("instrument_type").asText())
            {
                case "INDEX" -> "INDICES";
                case "FUT" -> "NFO-FUT";
                default -> "NFO-OPT";
            };
            assertEquals(expected, instrument.path("segment").asText(), instrument.toString());
        }
    }

    private static String buyInfyLimit(final int quantity, final long pricePaise, final String moreFields)
        throws Exception
    {
        final HttpResponse<String> placed = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":\"LIMIT\"," +
                "\"quantity\":" + quantity + ",\"product\":\"CNC\"" + moreFields + ",\"price\":" + pricePaise / 100.0 +
                "}");
        assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());
        return JSON.readTree(placed.body()).path("client_order_id").asText();
    }

    private static void awaitOrder(final String id, final String status, final long quantity, final long pricePaise)
        throws InterruptedException
    {
        app.awaitOrder(admin, id, status + " " + quantity + " at " + pricePaise + " paise", Duration.ofSeconds(30),
            (latest) -> status.equals(latest.path("status").asText()) &&
                quantity == latest.path("quantity").asLong() &&
                pricePaise == Math.round(latest.path("price").asDouble() * 100));
    }

    @Test
    void shouldPlaceACoverOrderFollowItsStopLossLegAndExitThroughIt() throws Exception
    {
        final long ltpPaise = Math.round(app.lastPrice(admin, "NSE:SBIN") * 100);
        final long triggerPaise = ltpPaise * 98 / 100 / 5 * 5;
        final HttpResponse<String> placed = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"SBIN\",\"transaction_type\":\"BUY\",\"order_type\":\"MARKET\"," +
                "\"quantity\":2,\"product\":\"MIS\",\"variety\":\"co\",\"market_protection\":2," +
                "\"trigger_price\":" + triggerPaise / 100.0 + "}");
        assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());
        final String entryId = JSON.readTree(placed.body()).path("client_order_id").asText();

        final JsonNode entry = app.awaitOrder(admin, entryId, "to fill", Duration.ofSeconds(30),
            (latest) -> "COMPLETE".equals(latest.path("status").asText()));
        assertEquals("CO", entry.path("product").asText());
        assertEquals(triggerPaise, Math.round(entry.path("trigger_price").asDouble() * 100));
        final JsonNode[] leg = {null};
        GatewayFixture.await("the stop-loss leg to be followed as an order of its own", Duration.ofSeconds(30), () ->
        {
            leg[0] = coverLeg(entry.path("order_id").asText());
            return leg[0] != null && "TRIGGER PENDING".equals(leg[0].path("status").asText());
        });
        assertTrue(entry.path("parent_order_id").isNull(), entry.toString());
        assertTrue(leg[0].path("client_order_id").asLong() < 0, leg[0].toString());
        assertEquals("SELL", leg[0].path("transaction_type").asText());
        assertEquals(2, leg[0].path("quantity").asLong());
        assertEquals(triggerPaise, Math.round(leg[0].path("trigger_price").asDouble() * 100));
        awaitPosition("SBIN", "CO", 2);
        final String legPath = "/api/orders/" + leg[0].path("client_order_id").asLong();
        final HttpResponse<String> resized = app.send("PUT", legPath, admin, "{\"quantity\":4}");
        assertEquals(400, resized.statusCode(), resized.body());
        assertTrue(resized.body().contains("quantity: only the trigger_price of a cover order's stop-loss leg can " +
            "be modified"), resized.body());
        final HttpResponse<String> retyped = app.send("PUT", legPath, admin,
            "{\"order_type\":\"SL\",\"price\":" + triggerPaise / 100.0 + "}");
        assertEquals(400, retyped.statusCode(), retyped.body());
        assertTrue(retyped.body().contains("order_type: only the trigger_price of a cover order's stop-loss leg can " +
            "be modified"), retyped.body());
        final long trailedPaise = triggerPaise + 5;
        final HttpResponse<String> trail = app.send("PUT", "/api/orders/" + leg[0].path("client_order_id").asLong(),
            admin, "{\"trigger_price\":" + trailedPaise / 100.0 + "}");
        assertEquals(200, trail.statusCode(), trail.body());
        app.awaitOrder(admin, leg[0].path("client_order_id").asText(), "to trail its stop", Duration.ofSeconds(30),
            (latest) -> "TRIGGER PENDING".equals(latest.path("status").asText()) &&
                trailedPaise == Math.round(latest.path("trigger_price").asDouble() * 100));

        final HttpResponse<String> exit = app.send("DELETE", "/api/orders/" + leg[0].path("client_order_id").asLong(),
            admin, null);
        assertTrue(exit.statusCode() == 200 || exit.statusCode() == 202, exit.body());
        app.awaitOrder(admin, leg[0].path("client_order_id").asText(), "to exit at market", Duration.ofSeconds(30),
            (latest) -> "COMPLETE".equals(latest.path("status").asText()));
        awaitPosition("SBIN", "CO", 0);
        JsonNode trailAudit = null;
        for (final JsonNode audited : JSON.readTree(app.send("GET", "/api/audit?limit=500", admin, null).body()))
        {
            final JsonNode detail = audited.path("detail");
            if ("order_modify".equals(audited.path("event_type").asText()) &&
                leg[0].path("order_id").asText().equals(detail.path("order_id").asText()))
            {
                trailAudit = detail;
            }
        }
        assertTrue(trailAudit != null && trailAudit.path("client_order_id").asLong() < 0, String.valueOf(trailAudit));
        assertEquals(entry.path("order_id").asText(), trailAudit.path("parent_order_id").asText());
        assertEquals("SBIN", trailAudit.path("tradingsymbol").asText());
        assertEquals(triggerPaise, Math.round(trailAudit.path("changes").path("trigger_price").path("from")
            .asDouble() * 100), trailAudit.toString());
        assertEquals(trailedPaise, Math.round(trailAudit.path("changes").path("trigger_price").path("to")
            .asDouble() * 100), trailAudit.toString());
    }

    private static JsonNode coverLeg(final String entryOrderId)
    {
        try
        {
            for (final JsonNode order : JSON.readTree(app.send("GET", "/api/orders", admin, null).body()))
            {
                if ("SBIN".equals(order.path("tradingsymbol").asText()) && "co".equals(order.path("variety").asText())
                    && entryOrderId.equals(order.path("parent_order_id").asText()))
                {
                    return order;
                }
            }
            return null;
        }
        catch (final Exception ex)
        {
            return null;
        }
    }

    @Test
    void shouldRefuseAnIocOrderOrModifyOrADisclosedQuantityOnMcxAsKiteDoes() throws Exception
    {
        final io.quantumleap.gateway.live.LiveState live = app.bean(io.quantumleap.gateway.live.LiveState.class);
        final String[] future = {null};
        GatewayFixture.await("an MCX future", Duration.ofSeconds(30), () ->
        {
            future[0] = live.instruments().stream()
                .filter(i -> "MCX".equals(i.exchange()) && "FUT".equals(i.instrumentType()))
                .map(io.quantumleap.gateway.live.InstrumentView::tradingsymbol).findFirst().orElse(null);
            return future[0] != null;
        });

        final HttpResponse<String> ioc = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"MCX\",\"tradingsymbol\":\"" + future[0] + "\",\"transaction_type\":\"BUY\"," +
                "\"order_type\":\"LIMIT\",\"quantity\":1,\"product\":\"NRML\",\"price\":5000,\"validity\":\"IOC\"}");

        assertEquals(400, ioc.statusCode(), ioc.body());
        assertTrue(ioc.body().contains("validity: IOC is not allowed on MCX for orders placed through an API"),
            ioc.body());
        final HttpResponse<String> disclosed = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"MCX\",\"tradingsymbol\":\"" + future[0] + "\",\"transaction_type\":\"BUY\"," +
                "\"order_type\":\"LIMIT\",\"quantity\":2,\"product\":\"NRML\",\"price\":5000," +
                "\"disclosed_quantity\":1}");
        assertEquals(400, disclosed.statusCode(), disclosed.body());
        assertTrue(disclosed.body().contains("disclosed_quantity: only equity orders (NSE, BSE) may disclose part " +
            "of their quantity, not MCX ones"), disclosed.body());
        final HttpResponse<String> delivery = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"MCX\",\"tradingsymbol\":\"" + future[0] + "\",\"transaction_type\":\"BUY\"," +
                "\"order_type\":\"LIMIT\",\"quantity\":1,\"product\":\"cnc\",\"price\":5000}");
        assertEquals(400, delivery.statusCode(), delivery.body());
        assertTrue(delivery.body().contains("product: CNC is not taken for MCX:" + future[0] + ", a derivative: " +
            "NRML or MIS"), delivery.body());
        final java.math.BigDecimal tick = live.instruments().stream()
            .filter(i -> "MCX".equals(i.exchange()) && future[0].equals(i.tradingsymbol())).findFirst().orElseThrow()
            .tickSize();
        final java.math.BigDecimal below = java.math.BigDecimal.valueOf(app.lastPrice(admin, "MCX:" + future[0]) * 0.99)
            .divideToIntegralValue(tick).multiply(tick);
        final HttpResponse<String> day = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"MCX\",\"tradingsymbol\":\"" + future[0] + "\",\"transaction_type\":\"BUY\"," +
                "\"order_type\":\"LIMIT\",\"quantity\":1,\"product\":\"NRML\",\"price\":" +
                below.toPlainString() + "}");
        assertTrue(day.statusCode() == 201 || day.statusCode() == 202, day.body());
        final String id = JSON.readTree(day.body()).path("client_order_id").asText();
        app.awaitOrder(admin, id, "to rest", Duration.ofSeconds(30), order -> "OPEN".equals(order.path("status")
            .asText()));
        final HttpResponse<String> toIoc = app.send("PUT", "/api/orders/" + id, admin, "{\"validity\":\"ioc\"}");
        assertEquals(400, toIoc.statusCode(), toIoc.body());
        assertTrue(toIoc.body().contains("validity: IOC is not allowed on MCX for orders placed through an API"),
            toIoc.body());
    }

    @Test
    void shouldListTheHoldingsAnOpenAuctionMayBuyAndSellIntoItWithItsNumber() throws Exception
    {
        app.bean(io.quantumleap.gateway.runtime.EngineRuntime.class).broker().simulator()
            .openAuction("31", "NSE", "INFY", 30);
        final HttpResponse<String> auctions = app.send("GET", "/api/holdings/auctions", admin, null);
        assertEquals(200, auctions.statusCode(), auctions.body());
        final JsonNode listed = JSON.readTree(auctions.body());
        assertEquals(1, listed.size(), auctions.body());
        assertEquals("INFY", listed.get(0).path("tradingsymbol").asText());
        assertEquals("31", listed.get(0).path("auction_number").asText());

        final long pricePaise = Math.round(app.lastPrice(admin, "NSE:INFY") * 100) / 5 * 5;
        final HttpResponse<String> placed = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"SELL\",\"order_type\":\"LIMIT\"," +
                "\"quantity\":1,\"product\":\"CNC\",\"price\":" + pricePaise / 100.0 + ",\"variety\":\"auction\"," +
                "\"auction_number\":\"31\"}");
        assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());
        final JsonNode order = app.awaitOrder(admin, JSON.readTree(placed.body()).path("client_order_id").asText(),
            "to rest in the auction", Duration.ofSeconds(30),
            (latest) -> "OPEN".equals(latest.path("status").asText()));
        assertEquals("auction", order.path("variety").asText());
        final HttpResponse<String> stop = app.send("PUT", "/api/orders/" + order.path("client_order_id").asLong(),
            admin, "{\"order_type\":\"SL\",\"trigger_price\":" + pricePaise / 100.0 + "}");
        assertEquals(400, stop.statusCode(), stop.body());
        assertTrue(stop.body().contains("order_type: an auction order is a LIMIT order, not SL"), stop.body());
    }

    @Test
    void shouldRefuseToModifyACoverOrdersEntryToAStopOrAnIcebergLegsQuantity() throws Exception
    {
        final long ltpPaise = Math.round(app.lastPrice(admin, "NSE:SBIN") * 100);
        final long belowPaise = ltpPaise * 97 / 100 / 5 * 5;
        final HttpResponse<String> cover = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"SBIN\",\"transaction_type\":\"BUY\",\"order_type\":\"LIMIT\"," +
                "\"quantity\":1,\"product\":\"MIS\",\"variety\":\"co\",\"price\":" + belowPaise / 100.0 +
                ",\"trigger_price\":" + ltpPaise * 98 / 100 / 5 * 5 / 100.0 + "}");
        assertTrue(cover.statusCode() == 201 || cover.statusCode() == 202, cover.body());
        final String coverId = JSON.readTree(cover.body()).path("client_order_id").asText();
        app.awaitOrder(admin, coverId, "to rest", Duration.ofSeconds(30),
            (latest) -> "OPEN".equals(latest.path("status").asText()));
        final HttpResponse<String> toStop = app.send("PUT", "/api/orders/" + coverId, admin,
            "{\"order_type\":\"SL\",\"trigger_price\":" + belowPaise / 100.0 + "}");
        assertEquals(400, toStop.statusCode(), toStop.body());
        assertTrue(toStop.body().contains("order_type: a cover order's entry is MARKET or LIMIT, not SL"),
            toStop.body());

        final HttpResponse<String> iceberg = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"SBIN\",\"transaction_type\":\"BUY\",\"order_type\":\"LIMIT\"," +
                "\"quantity\":10,\"product\":\"CNC\",\"variety\":\"iceberg\",\"iceberg_legs\":2," +
                "\"iceberg_quantity\":5,\"price\":" + belowPaise / 100.0 + "}");
        assertTrue(iceberg.statusCode() == 201 || iceberg.statusCode() == 202, iceberg.body());
        final String icebergId = JSON.readTree(iceberg.body()).path("client_order_id").asText();
        app.awaitOrder(admin, icebergId, "to rest", Duration.ofSeconds(30),
            (latest) -> "OPEN".equals(latest.path("status").asText()));
        final HttpResponse<String> resized = app.send("PUT", "/api/orders/" + icebergId, admin, "{\"quantity\":6}");
        assertEquals(400, resized.statusCode(), resized.body());
        assertTrue(resized.body().contains("quantity: an iceberg leg's quantity (5) cannot be modified"),
            resized.body());
        for (final String id : new String[] {coverId, icebergId})
        {
            final HttpResponse<String> cancelled = app.send("DELETE", "/api/orders/" + id, admin, null);
            assertTrue(cancelled.statusCode() == 200 || cancelled.statusCode() == 202, cancelled.body());
        }
    }

    private static void awaitPosition(final String symbol, final String product, final long quantity)
        throws InterruptedException
    {
        GatewayFixture.await(symbol + " " + product + " position of " + quantity, Duration.ofSeconds(30), () ->
        {
            try
            {
                for (final JsonNode position : JSON.readTree(app.send("GET", "/api/positions", admin, null).body()))
                {
                    if (symbol.equals(position.path("tradingsymbol").asText()) &&
                        product.equals(position.path("product").asText()))
                    {
                        return position.path("quantity").asLong() == quantity;
                    }
                }
                return false;
            }
            catch (final Exception ex)
            {
                return false;
            }
        });
    }

    @Test
    void shouldLoadInstrumentsStreamQuotesAndFillAMarketOrderIntoAPosition() throws Exception
    {
        GatewayFixture.await("instruments and a live INFY quote", Duration.ofSeconds(30), () ->
        {
            try
            {
                return app.send("GET", "/api/quotes?i=NSE:INFY", admin, null).body().contains("\"last_price\"");
            }
            catch (final Exception ex)
            {
                return false;
            }
        });

        final java.time.Instant beforeOrder = java.time.Instant.now();
        final HttpResponse<String> placed = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":\"MARKET\"," +
                "\"quantity\":3,\"product\":\"MIS\",\"market_protection\":2}");
        assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());

        GatewayFixture.await("the order to complete and a position of 3", Duration.ofSeconds(30), () ->
        {
            try
            {
                final String orders = app.send("GET", "/api/orders", admin, null).body();
                final String positions = app.send("GET", "/api/positions", admin, null).body();
                return orders.contains("\"status\":\"COMPLETE\"") && positions.contains("\"quantity\":3");
            }
            catch (final Exception ex)
            {
                return false;
            }
        });
        final HttpResponse<String> trades = app.send("GET", "/api/trades", admin, null);
        assertTrue(trades.body().contains("\"tradingsymbol\":\"INFY\""), trades.body());
        final String placedId = JSON.readTree(placed.body()).path("client_order_id").asText();
        JsonNode order = null;
        for (final JsonNode candidate : JSON.readTree(app.send("GET", "/api/orders", admin, null).body()))
        {
            order = placedId.equals(candidate.path("client_order_id").asText()) ? candidate : order;
        }
        assertNotNull(order);
        assertEquals(2, order.path("market_protection").asInt(), order.toString());
        assertEquals(0, order.path("disclosed_quantity").asInt(-1), order.toString());
        assertEquals(0, order.path("iceberg_legs").asInt(-1), order.toString());
        assertTrue(order.path("auction_number").isNull(), order.toString());
        final JsonNode positions = JSON.readTree(app.send("GET", "/api/positions", admin, null).body());
        assertTrue(positions.size() > 0, positions.toString());
        for (final JsonNode position : positions)
        {
            for (final String side : List.of("buy", "sell", "day_buy", "day_sell"))
            {
                final long units = position.path(side + "_quantity").asLong() * position.path("multiplier").asLong();
                final java.math.BigDecimal price = position.path(side + "_price").decimalValue();
                final java.math.BigDecimal off = position.path(side + "_value").decimalValue()
                    .subtract(price.multiply(java.math.BigDecimal.valueOf(units))).abs();
                assertTrue((units == 0) == (price.signum() == 0) &&
                    off.compareTo(new java.math.BigDecimal("0.005").multiply(java.math.BigDecimal.valueOf(units))) <= 0,
                    side + " " + position);
            }
        }

        final HttpResponse<String> past =
            app.send("GET", "/api/replay/state?at=" + java.time.Instant.now(), admin, null);
        assertEquals(200, past.statusCode(), past.body());
        assertTrue(past.body().contains("\"quantity\":3"), past.body());
        final String today = java.time.LocalDate.now(java.time.ZoneOffset.ofHoursMinutes(5, 30)).toString();
        final HttpResponse<String> endOfToday = app.send("GET", "/api/replay/state?at=" + today, admin, null);
        assertEquals(200, endOfToday.statusCode(), endOfToday.body());
        assertTrue(endOfToday.body().contains("\"quantity\":3"), endOfToday.body());
        final HttpResponse<String> beforeTheJournal =
            app.send("GET", "/api/replay/state?at=2020-01-01T00:00:00Z", admin, null);
        assertEquals(400, beforeTheJournal.statusCode(), beforeTheJournal.body());
        assertTrue(beforeTheJournal.body().contains("at: 2020-01-01T00:00:00Z is before the journal's first entry: " +
            "the journal covers "), beforeTheJournal.body());
        final HttpResponse<String> noMoment = app.send("GET", "/api/replay/state?at=", admin, null);
        assertEquals(400, noMoment.statusCode(), noMoment.body());
        assertTrue(noMoment.body().contains("at: required"), noMoment.body());
        assertEquals(201, app.send("POST", "/api/users", admin, "{\"username\":\"quanty\",\"password\":" +
            "\"quant-password-1\",\"roles\":[\"quant\"],\"account_ids\":[]}").statusCode());
        final String quant = app.login("quanty", "quant-password-1");
        final HttpResponse<String> quantsView =
            app.send("GET", "/api/replay/state?at=" + java.time.Instant.now(), quant, null);
        assertEquals(200, quantsView.statusCode(), quantsView.body());
        assertTrue(quantsView.body().contains("\"quantity\":3"), quantsView.body());
        assertTrue(app.send("GET", "/api/replay/state?account_id=99&at=" + java.time.Instant.now(), quant, null).body()
            .contains("\"orders\":[]"));
        final HttpResponse<String> fills = app.send("POST", "/api/replay/export", admin, "{\"table\":\"fills\"}");
        assertEquals(200, fills.statusCode(), fills.body());
        assertTrue(fills.body().contains("408065"), fills.body());
        final HttpResponse<String> badTable = app.send("POST", "/api/replay/export", admin, "{\"table\":\"trees\"}");
        assertEquals(400, badTable.statusCode());
        assertTrue(badTable.body().contains("table: 'trees'"), badTable.body());
        final HttpResponse<String> badAt = app.send("GET", "/api/replay/state?at=garbage", admin, null);
        assertEquals(400, badAt.statusCode(), badAt.body());
        assertTrue(badAt.body().contains("\"message\":\"at: 'garbage' is not a time"), badAt.body());
        assertTrue(badAt.body().contains("or a date like 2026-11-30, or a journal index like 89279485182754 (in " +
            "the digits 0-9, as /api/replay/state's last_index and qleap replay give it)\""), badAt.body());
        final HttpResponse<String> backwards = app.send("POST", "/api/replay/export", admin,
            "{\"table\":\"ticks\",\"from\":\"2026-12-04T04:25:00Z\",\"to\":\"2026-12-04T04:20:00Z\"}");
        assertEquals(400, backwards.statusCode(), backwards.body());
        assertTrue(backwards.body().contains(
            "from: 2026-12-04T04:25:00Z is after to 2026-12-04T04:20:00Z; swap them"), backwards.body());
        final HttpResponse<String> hugeIndex = app.send("POST", "/api/replay/export", admin,
            "{\"table\":\"ticks\",\"from\":\"99999999999999999999999\"}");
        assertEquals(400, hugeIndex.statusCode(), hugeIndex.body());
        assertTrue(hugeIndex.body().contains("from: journal index 99999999999999999999999 is too large"),
            hugeIndex.body());
        final HttpResponse<String> infyLines = app.send("POST", "/api/replay/export", admin,
            "{\"table\":\"fills\",\"format\":\"jsonl\",\"instruments\":[\"NSE:INFY\"]}");
        final HttpResponse<String> byToken = app.send("POST", "/api/replay/export", admin,
            "{\"table\":\"fills\",\"format\":\"csv\",\"instruments\":[\"408065\"]}");
        final HttpResponse<String> fillsSinceOrder = app.send("POST", "/api/replay/export", admin,
            "{\"table\":\"fills\",\"format\":\"csv\",\"from\":\"" + beforeOrder + "\"}");
        final HttpResponse<String> otherInstrument = app.send("POST", "/api/replay/export", admin,
            "{\"table\":\"fills\",\"format\":\"jsonl\",\"instruments\":[\"NSE:RELIANCE\"]}");
        final HttpResponse<byte[]> parquet = app.http().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(app.server().getURL() + "/api/replay/export"))
            .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"table\":\"fills\",\"format\":\"parquet\"}"))
            .build(), HttpResponse.BodyHandlers.ofByteArray());
        final HttpResponse<String> unknown = app.send("POST", "/api/replay/export", admin,
            "{\"table\":\"fills\",\"instruments\":[\"NSE:NOPE\"]}");
        final HttpResponse<String> badFormat = app.send("POST", "/api/replay/export", admin,
            "{\"table\":\"fills\",\"format\":\"xml\"}");

        assertEquals(200, infyLines.statusCode(), infyLines.body());
        assertEquals("application/x-ndjson", infyLines.headers().firstValue("Content-Type").orElse(""));
        assertTrue(infyLines.headers().firstValue("Content-Disposition").orElse("").contains("fills.jsonl"));
        assertTrue(infyLines.body().startsWith("{\"index\":"), infyLines.body());
        assertTrue(infyLines.body().lines().allMatch(l -> l.contains("\"instrumentToken\":408065,")), infyLines.body());
        assertTrue(infyLines.body().lines()
            .allMatch(l -> l.contains("\"instrumentToken\":408065,\"symbol\":\"NSE:INFY\",")), infyLines.body());
        assertEquals(200, fillsSinceOrder.statusCode(), fillsSinceOrder.body());
        assertTrue(fillsSinceOrder.body().lines().findFirst().orElse("").contains(",instrumentToken,symbol,side,"),
            fillsSinceOrder.body());
        assertTrue(fillsSinceOrder.body().lines().anyMatch(l -> l.contains(",408065,NSE:INFY,BUY,")),
            fillsSinceOrder.body());
        assertTrue(fillsSinceOrder.body().lines().skip(1).noneMatch(l -> l.contains(",408065,,")),
            fillsSinceOrder.body());
        assertEquals(fills.body().lines().findFirst(), byToken.body().lines().findFirst());
        assertTrue(byToken.body().lines().skip(1).allMatch(l -> l.contains(",408065,")), byToken.body());
        assertTrue(byToken.body().lines().count() > 1, byToken.body());
        assertEquals(200, otherInstrument.statusCode());
        assertEquals("", otherInstrument.body());
        assertEquals(200, parquet.statusCode());
        assertEquals("PAR1", new String(parquet.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("instruments: NSE:NOPE: the journal defines no such instrument (it " +
            "defines "), unknown.body());
        assertEquals(400, badFormat.statusCode());
        assertTrue(badFormat.body().contains("format: 'xml' is not one of csv, jsonl, parquet"), badFormat.body());
    }
}
