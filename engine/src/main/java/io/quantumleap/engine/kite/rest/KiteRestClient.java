package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * Asynchronous Kite Connect v3 REST client for one account, on {@link HttpClient}: every call returns a
 * future that completes with the parsed reply or fails with a {@link KiteException}, never hangs past the
 * request timeout, and counts against Kite's rate limits before it is sent.
 *
 * <p>Thread safe. The access token may be replaced at any time ({@link #accessToken(String)}), which is how
 * a new login re-binds the client without a restart.
 *
 * <p>Reads made for a person (funds, holdings, the margin calculator) never book ahead in the rate limiter nor take
 * the last {@link #HEADROOM_FOR_ORDERS} slots of a second: they wait, up to {@link #READ_PATIENCE}, until a slot is
 * free with that many to spare and no other call queued, then fail with {@link KiteErrorType#RATE_LIMITED}. So
 * dashboards asking often never delay a modify or a cancel by more than what is already sent in the second.
 */
public final class KiteRestClient implements AutoCloseable
{
    private static final System.Logger LOGGER = System.getLogger(KiteRestClient.class.getName());
    private static final int MAX_BODY_IN_MESSAGE = 200;
    private static final String FORM = "application/x-www-form-urlencoded";
    /** The body of the margin and charges calculators (PROTOCOL.md section A); every other call sends form fields. */
    private static final String JSON = "application/json";
    /** How Kite takes the bounds of a historical data call: Indian time, no zone. */
    private static final DateTimeFormatter KITE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    /**
     * Slots of a rate-limit window a read on someone's behalf leaves to calls that must go out (order changes, the
     * engine's own reconciliation): 3 of Kite's 10 a second.
     */
    public static final int HEADROOM_FOR_ORDERS = 3;
    /** How long a read on someone's behalf waits for a slot it may take before it fails as rate limited. */
    public static final Duration READ_PATIENCE = Duration.ofSeconds(2);

    private final KiteRestContext context;
    private final HttpClient httpClient;
    private final LocalBindEgressProxy egressProxy;
    private final String baseUrl;
    private final Map<KiteErrorType, AtomicLong> errorCounts = new EnumMap<>(KiteErrorType.class);
    private volatile String accessToken = "";

    /**
     * @param context settings; concluded here.
     */
    public KiteRestClient(final KiteRestContext context)
    {
        this.context = context.conclude();
        final HttpClient.Builder builder = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(context.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER);
        if (null != context.egressProxy())
        {
            builder.proxy(ProxySelector.of(context.egressProxy()));
        }
        if (null != context.egressBindAddress())
        {
            egressProxy = new LocalBindEgressProxy(context.egressBindAddress(),
                (int)Math.min(Integer.MAX_VALUE, context.connectTimeout().toMillis()));
            builder.proxy(ProxySelector.of(egressProxy.address()));
        }
        else
        {
            egressProxy = null;
        }
        httpClient = builder.build();
        final String url = context.apiUrl().toString();
        baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        for (final KiteErrorType type : KiteErrorType.values())
        {
            errorCounts.put(type, new AtomicLong());
        }
    }

    /**
     * Stops the local egress proxy, if any; calls in flight may fail.
     */
    @Override
    public void close()
    {
        if (null != egressProxy)
        {
            egressProxy.close();
        }
    }

    /**
     * @param accessToken the token every later call sends; replaces the current one.
     */
    public void accessToken(final String accessToken)
    {
        this.accessToken = null == accessToken ? "" : accessToken;
    }

    /**
     * @return the current access token, empty before a login.
     */
    public String accessToken()
    {
        return accessToken;
    }

    /**
     * @param type of failure.
     * @return how many calls failed with it so far.
     */
    public long errorCount(final KiteErrorType type)
    {
        return errorCounts.get(type).get();
    }

    /**
     * @return the page to send the user's browser to for a login.
     */
    public String loginUrl()
    {
        return context.loginUrl() + "?v=3&api_key=" + encode(context.apiKey());
    }

    /**
     * Exchanges a request token for an access token, and on success uses it for every later call.
     *
     * @param requestToken from the login redirect.
     * @return the session.
     */
    public CompletableFuture<KiteSession> generateSession(final String requestToken)
    {
        final String form = form(Map.of(
            "api_key", context.apiKey(),
            "request_token", requestToken,
            "checksum", KiteChecksums.session(context.apiKey(), requestToken, context.apiSecret())));
        return send("POST", "/session/token", form, RateLimitBucket.OTHER, KiteSession::from)
            .thenApply((session) ->
            {
                accessToken(session.accessToken());
                return session;
            });
    }

    /**
     * Logs the current access token out.
     *
     * @return true when Kite confirmed.
     */
    public CompletableFuture<Boolean> invalidateSession()
    {
        final String query = form(Map.of("api_key", context.apiKey(), "access_token", accessToken));
        return send("DELETE", "/session/token", query, RateLimitBucket.OTHER, JsonNode::asBoolean);
    }

    /**
     * @return the user's profile.
     */
    public CompletableFuture<KiteProfile> profile()
    {
        return send("GET", "/user/profile", "", RateLimitBucket.OTHER, KiteProfile::from);
    }

    /**
     * A read for a person: yields to order changes in the rate limiter (see the class comment).
     *
     * @return margins keyed by segment ({@code equity}, {@code commodity}).
     */
    public CompletableFuture<Map<String, KiteSegmentMargins>> margins()
    {
        return read("GET", "/user/margins", "", FORM, KiteSegmentMargins::mapFrom);
    }

    /**
     * What orders would need of the account's margin if placed now, each on its own ({@code POST /margins/orders},
     * Kite's margin calculator; nothing is placed or blocked). A read for a person: yields to order changes in the
     * rate limiter (see the class comment).
     *
     * @param variety of every order, e.g. {@code regular}.
     * @param orders  the orders: exchange, symbol, side, product, order type, quantity and prices are sent.
     * @return one row per order, in their order.
     */
    public CompletableFuture<List<KiteOrderMargin>> orderMargins(
        final String variety, final List<KiteOrderParams> orders)
    {
        final String body;
        try
        {
            body = KiteJson.MAPPER.writeValueAsString(orders.stream().map((o) -> o.marginJson(variety)).toList());
        }
        catch (final JsonProcessingException | IllegalArgumentException ex)
        {
            return CompletableFuture.failedFuture(fail(new KiteException(
                KiteErrorType.INPUT, 0, "POST /margins/orders", "cannot write the orders: " + ex.getMessage(), ex)));
        }
        return read("POST", "/margins/orders", body, JSON, KiteOrderMargin::listFrom);
    }

    /**
     * What orders would need of the account's margin if placed together now ({@code POST /margins/basket}, Kite's
     * basket calculator; nothing is placed or blocked): hedged legs need less than their sum. A read for a person:
     * yields to order changes in the rate limiter (see the class comment).
     *
     * @param orders            the basket's orders, each with its own variety.
     * @param considerPositions whether the account's open positions may hedge the basket too.
     */
    public CompletableFuture<KiteBasketMargin> basketMargins(
        final List<KiteMarginOrder> orders, final boolean considerPositions)
    {
        final String body;
        try
        {
            body = KiteJson.MAPPER.writeValueAsString(
                orders.stream().map((o) -> o.order().marginJson(o.variety())).toList());
        }
        catch (final JsonProcessingException | IllegalArgumentException ex)
        {
            return CompletableFuture.failedFuture(fail(new KiteException(
                KiteErrorType.INPUT, 0, "POST /margins/basket", "cannot write the orders: " + ex.getMessage(), ex)));
        }
        return read("POST", "/margins/basket?consider_positions=" + considerPositions, body, JSON,
            KiteBasketMargin::from);
    }

    /**
     * @param variety {@code regular}, {@code amo}, {@code co}, {@code iceberg} or {@code auction}.
     * @param params  the order.
     * @return the order id (and autoslice children).
     */
    public CompletableFuture<PlaceOrderResult> placeOrder(final String variety, final KiteOrderParams params)
    {
        final String endpoint = "/orders/" + variety;
        return send("POST", endpoint, form(params.placeForm()), RateLimitBucket.ORDER,
            (data) -> PlaceOrderResult.from(data, "POST " + endpoint));
    }

    /**
     * @param variety must match the order's variety.
     * @param orderId the order.
     * @param params  new values.
     * @return the order id.
     */
    public CompletableFuture<PlaceOrderResult> modifyOrder(
        final String variety, final String orderId, final KiteOrderParams params)
    {
        final String endpoint = "/orders/" + variety + "/" + orderId;
        return send("PUT", endpoint, form(params.modifyForm()), RateLimitBucket.OTHER,
            (data) -> PlaceOrderResult.from(data, "PUT " + endpoint));
    }

    /**
     * @param variety       must match the order's variety.
     * @param orderId       the order.
     * @param parentOrderId parent of a CO leg, null otherwise.
     * @return the order id.
     */
    public CompletableFuture<PlaceOrderResult> cancelOrder(
        final String variety, final String orderId, final String parentOrderId)
    {
        final String endpoint = "/orders/" + variety + "/" + orderId;
        final String query = null == parentOrderId ? "" : form(Map.of("parent_order_id", parentOrderId));
        return send("DELETE", endpoint, query, RateLimitBucket.OTHER,
            (data) -> PlaceOrderResult.from(data, "DELETE " + endpoint));
    }

    /**
     * @return today's order book.
     */
    public CompletableFuture<List<KiteOrder>> orders()
    {
        return send("GET", "/orders", "", RateLimitBucket.OTHER, KiteOrder::listFrom);
    }

    /**
     * @param orderId the order.
     * @return one snapshot per state change, oldest first.
     */
    public CompletableFuture<List<KiteOrder>> orderHistory(final String orderId)
    {
        return send("GET", "/orders/" + orderId, "", RateLimitBucket.OTHER, KiteOrder::listFrom);
    }

    /**
     * @return today's trades.
     */
    public CompletableFuture<List<KiteTrade>> trades()
    {
        return send("GET", "/trades", "", RateLimitBucket.OTHER, KiteTrade::listFrom);
    }

    /**
     * @param orderId the order.
     * @return its trades.
     */
    public CompletableFuture<List<KiteTrade>> orderTrades(final String orderId)
    {
        return send("GET", "/orders/" + orderId + "/trades", "", RateLimitBucket.OTHER, KiteTrade::listFrom);
    }

    /**
     * @return net and day positions.
     */
    public CompletableFuture<KitePositions> positions()
    {
        return send("GET", "/portfolio/positions", "", RateLimitBucket.OTHER, KitePositions::from);
    }

    /**
     * Converts a position's product.
     *
     * @param exchange        e.g. {@code NSE}.
     * @param tradingsymbol   exchange symbol.
     * @param transactionType {@code BUY} or {@code SELL}.
     * @param positionType    {@code overnight} or {@code day}.
     * @param quantity        quantity to convert.
     * @param oldProduct      current product.
     * @param newProduct      target product.
     * @return true when Kite confirmed.
     */
    public CompletableFuture<Boolean> convertPosition(
        final String exchange,
        final String tradingsymbol,
        final String transactionType,
        final String positionType,
        final long quantity,
        final String oldProduct,
        final String newProduct)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("exchange", exchange);
        fields.put("tradingsymbol", tradingsymbol);
        fields.put("transaction_type", transactionType);
        fields.put("position_type", positionType);
        fields.put("quantity", Long.toString(quantity));
        fields.put("old_product", oldProduct);
        fields.put("new_product", newProduct);
        return send("PUT", "/portfolio/positions", form(fields), RateLimitBucket.OTHER, JsonNode::asBoolean);
    }

    /**
     * A read for a person: yields to order changes in the rate limiter (see the class comment).
     *
     * @return long-term holdings.
     */
    public CompletableFuture<List<KiteHolding>> holdings()
    {
        return read("GET", "/portfolio/holdings", "", FORM, KiteHolding::listFrom);
    }

    /**
     * A read for a person: yields to order changes in the rate limiter (see the class comment).
     *
     * @return the holdings that can be sold in an auction the exchange runs now, each with its
     * {@link KiteHolding#auctionNumber} (what an auction order is placed with).
     */
    public CompletableFuture<List<KiteHolding>> holdingsAuctions()
    {
        return read("GET", "/portfolio/holdings/auctions", "", FORM, KiteHolding::listFrom);
    }

    /**
     * A read for a person: yields to order changes in the rate limiter (see the class comment).
     *
     * @return the GTT triggers, newest first, except deleted ones.
     */
    public CompletableFuture<List<KiteGtt>> gtts()
    {
        return read("GET", "/gtt/triggers", "", FORM, KiteGtt::listFrom);
    }

    /**
     * A read for a person: yields to order changes in the rate limiter (see the class comment).
     *
     * @param id the trigger.
     * @return the trigger, with what its orders became once it fired.
     */
    public CompletableFuture<KiteGtt> gtt(final long id)
    {
        return read("GET", "/gtt/triggers/" + id, "", FORM, KiteGtt::from);
    }

    /**
     * @param params the trigger.
     * @return the id of the trigger placed.
     */
    public CompletableFuture<Long> placeGtt(final KiteGttParams params)
    {
        return sendGtt("POST", "/gtt/triggers", params);
    }

    /**
     * Puts a new type, condition and orders in place of an active trigger's; its instrument cannot change.
     *
     * @param id     the trigger.
     * @param params what it becomes.
     * @return the trigger's id.
     */
    public CompletableFuture<Long> modifyGtt(final long id, final KiteGttParams params)
    {
        return sendGtt("PUT", "/gtt/triggers/" + id, params);
    }

    /**
     * @param id the trigger.
     * @return the id of the trigger deleted.
     */
    public CompletableFuture<Long> deleteGtt(final long id)
    {
        return send("DELETE", "/gtt/triggers/" + id, "", RateLimitBucket.OTHER,
            (data) -> KiteJson.longValue(KiteJson.requireObject(data, "data"), "trigger_id"));
    }

    private CompletableFuture<Long> sendGtt(final String method, final String path, final KiteGttParams params)
    {
        final String body;
        try
        {
            body = form(params.form());
        }
        catch (final JsonProcessingException | IllegalArgumentException ex)
        {
            return CompletableFuture.failedFuture(fail(new KiteException(
                KiteErrorType.INPUT, 0, method + " " + path, "cannot write the trigger: " + ex.getMessage(), ex)));
        }
        return send(method, path, body, RateLimitBucket.OTHER,
            (data) -> KiteJson.longValue(KiteJson.requireObject(data, "data"), "trigger_id"));
    }

    /**
     * @param instruments {@code EXCHANGE:TRADINGSYMBOL} (up to 500).
     * @return full quotes keyed by the requested string; instruments without data are absent.
     */
    public CompletableFuture<Map<String, KiteQuote>> quote(final List<String> instruments)
    {
        return send("GET", "/quote", instrumentsQuery(instruments), RateLimitBucket.QUOTE, KiteQuote::mapFrom);
    }

    /**
     * @param instruments {@code EXCHANGE:TRADINGSYMBOL} (up to 1000).
     * @return last price and OHLC keyed by the requested string.
     */
    public CompletableFuture<Map<String, KiteQuote>> ohlc(final List<String> instruments)
    {
        return send("GET", "/quote/ohlc", instrumentsQuery(instruments), RateLimitBucket.QUOTE, KiteQuote::mapFrom);
    }

    /**
     * @param instruments {@code EXCHANGE:TRADINGSYMBOL} (up to 1000).
     * @return last price keyed by the requested string.
     */
    public CompletableFuture<Map<String, KiteQuote>> ltp(final List<String> instruments)
    {
        return send("GET", "/quote/ltp", instrumentsQuery(instruments), RateLimitBucket.QUOTE, KiteQuote::mapFrom);
    }

    /**
     * Candles of one instrument from Kite's historical data ({@code GET /instruments/historical/{token}/{interval}}),
     * for minutes the engine did not see itself. Kite counts these calls in their own bucket (3 a second) that no
     * order change uses; like a read for a person the call never books ahead in it, it waits up to
     * {@link #READ_PATIENCE} for a free slot and then fails with {@link KiteErrorType#RATE_LIMITED}. Accounts
     * without Kite's historical data add-on are refused by Kite (a {@code PermissionException} or
     * {@code InputException}), which fails the future with that type and Kite's message.
     *
     * @param instrumentToken the instrument.
     * @param interval        {@code minute}, {@code 3minute}, ..., {@code 60minute} or {@code day}.
     * @param from            the first candle's earliest start, Indian time.
     * @param to              the last candle's latest start, Indian time.
     * @param continuous      a futures contract's day candles joined across expiries.
     * @param openInterest    whether each candle carries its open interest.
     * @return the candles, oldest first; a row Kite wrote badly fails it as {@link KiteErrorType#MALFORMED_RESPONSE}
     * naming the row and what was wrong.
     */
    public CompletableFuture<List<KiteCandle>> historicalCandles(
        final long instrumentToken, final String interval, final LocalDateTime from, final LocalDateTime to,
        final boolean continuous, final boolean openInterest)
    {
        final String path = "/instruments/historical/" + instrumentToken + "/" + encode(interval);
        final Map<String, String> query = new LinkedHashMap<>();
        query.put("from", KITE_TIME.format(from));
        query.put("to", KITE_TIME.format(to));
        query.put("continuous", continuous ? "1" : "0");
        query.put("oi", openInterest ? "1" : "0");
        final String endpoint = "GET " + path;
        return parsed(deferrable("GET", path, form(query), FORM, endpoint, RateLimitBucket.HISTORICAL, 0,
            System.nanoTime() + READ_PATIENCE.toNanos()), endpoint, KiteCandle::listFrom);
    }

    /**
     * Any GET endpoint this client has no typed method for (holdings summary, auctions, historical...).
     *
     * @param path   e.g. {@code /portfolio/holdings/summary}.
     * @param bucket rate-limit bucket of the endpoint.
     * @return the envelope's {@code data}.
     */
    public CompletableFuture<JsonNode> getJson(final String path, final RateLimitBucket bucket)
    {
        return send("GET", path, "", bucket, Function.identity());
    }

    /**
     * Downloads the instruments dump (gzip or plain CSV).
     *
     * @param exchange one exchange, or null for all.
     * @return the CSV text.
     */
    public CompletableFuture<String> instrumentsCsv(final String exchange)
    {
        final String path = null == exchange ? "/instruments" : "/instruments/" + exchange;
        final String endpoint = "GET " + path;
        return dispatch("GET", path, "", RateLimitBucket.OTHER, endpoint)
            .thenApply((response) -> tokenChecked(response, () ->
            {
                final byte[] body = gunzipIfNeeded(response.body(), endpoint);
                if (200 != response.statusCode())
                {
                    throw fail(toError(response.statusCode(), body, endpoint));
                }
                return new String(body, StandardCharsets.UTF_8);
            }));
    }

    /** A call for a person, in the OTHER bucket, that yields to the calls that wait ({@link #HEADROOM_FOR_ORDERS}). */
    private <T> CompletableFuture<T> read(
        final String method, final String path, final String parameters, final String contentType,
        final Function<JsonNode, T> parser)
    {
        final String endpoint = method + " " + path;
        return parsed(deferrable(method, path, parameters, contentType, endpoint, RateLimitBucket.OTHER,
            HEADROOM_FOR_ORDERS, System.nanoTime() + READ_PATIENCE.toNanos()), endpoint, parser);
    }

    /**
     * Sends when the limiter has a slot of the bucket to spare for a read (headroom slots left free), asking again
     * as slots free up, until the deadline.
     */
    private CompletableFuture<HttpResponse<byte[]>> deferrable(
        final String method, final String path, final String parameters, final String contentType,
        final String endpoint, final RateLimitBucket bucket, final int headroom, final long deadlineNs)
    {
        final long waitNs = context.rateLimiter().bookIfFree(bucket, headroom);
        if (0 == waitNs)
        {
            return transmit(method, path, parameters, contentType, 0, endpoint);
        }
        if (waitNs > deadlineNs - System.nanoTime())
        {
            return CompletableFuture.failedFuture(fail(new KiteException(KiteErrorType.RATE_LIMITED, 0, endpoint,
                headroom > 0 ? "Kite's limit of calls a second is taken up by other calls; a read leaves the last " +
                headroom + " to order changes and waits at most " + READ_PATIENCE.toMillis() +
                " ms for one of the rest: ask again in a second" : "Kite's limit of " + bucketName(bucket) +
                " calls a second is taken up by other calls, and a read waits at most " + READ_PATIENCE.toMillis() +
                " ms for a free one: ask again in a second", null)));
        }
        return CompletableFuture.supplyAsync(() -> endpoint,
            CompletableFuture.delayedExecutor(waitNs, TimeUnit.NANOSECONDS))
            .thenCompose((again) -> deferrable(method, path, parameters, contentType, endpoint, bucket, headroom,
                deadlineNs));
    }

    private static String bucketName(final RateLimitBucket bucket)
    {
        return bucket.name().toLowerCase(Locale.ROOT);
    }

    private <T> CompletableFuture<T> send(
        final String method,
        final String path,
        final String parameters,
        final RateLimitBucket bucket,
        final Function<JsonNode, T> parser)
    {
        final String endpoint = method + " " + path;
        return parsed(dispatch(method, path, parameters, bucket, endpoint), endpoint, parser);
    }

    private <T> CompletableFuture<T> parsed(
        final CompletableFuture<HttpResponse<byte[]>> sent, final String endpoint, final Function<JsonNode, T> parser)
    {
        return sent.thenApply((response) ->
            tokenChecked(response, () -> parse(response.statusCode(), response.body(), endpoint, parser)));
    }

    private CompletableFuture<HttpResponse<byte[]>> dispatch(
        final String method,
        final String path,
        final String parameters,
        final RateLimitBucket bucket,
        final String endpoint)
    {
        final long delayNs = context.rateLimiter().reserve(bucket);
        if (RateLimitBucket.ORDER == bucket && delayNs > context.maxOrderQueueDelay().toNanos())
        {
            return CompletableFuture.failedFuture(fail(new KiteException(KiteErrorType.RATE_LIMITED, 0, endpoint,
                "order rate limit reached: Kite's next free order slot is " + delayNs / 1_000_000 + " ms away, " +
                "past the " + context.maxOrderQueueDelay().toMillis() + " ms an order may wait; nothing was sent, " +
                "place the order again", null)));
        }
        return transmit(method, path, parameters, FORM, delayNs, endpoint);
    }

    private CompletableFuture<HttpResponse<byte[]>> transmit(
        final String method, final String path, final String parameters, final String contentType, final long delayNs,
        final String endpoint)
    {
        final HttpRequest request;
        try
        {
            request = request(method, path, parameters, contentType);
        }
        catch (final IllegalArgumentException ex)
        {
            return CompletableFuture.failedFuture(fail(new KiteException(
                KiteErrorType.INPUT, 0, endpoint, "cannot build the request: " + ex.getMessage(), ex)));
        }
        final CompletableFuture<HttpResponse<byte[]>> sent;
        if (delayNs > 0)
        {
            sent = CompletableFuture.supplyAsync(() -> request,
                CompletableFuture.delayedExecutor(delayNs, TimeUnit.NANOSECONDS))
                .thenCompose((delayed) -> httpClient.sendAsync(delayed, HttpResponse.BodyHandlers.ofByteArray()));
        }
        else
        {
            sent = httpClient.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        return sent.exceptionally((error) ->
        {
            throw fail(transportError(unwrap(error), endpoint));
        });
    }

    private HttpRequest request(
        final String method, final String path, final String parameters, final String contentType)
    {
        final boolean hasBody = "POST".equals(method) || "PUT".equals(method);
        final String uri = baseUrl + path + (!hasBody && !parameters.isEmpty() ? "?" + parameters : "");
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri))
            .timeout(context.requestTimeout())
            .header("X-Kite-Version", "3");
        if (!accessToken.isEmpty())
        {
            builder.header("Authorization", "token " + context.apiKey() + ":" + accessToken);
        }
        if (hasBody)
        {
            builder.header("Content-Type", contentType);
            builder.method(method, HttpRequest.BodyPublishers.ofString(parameters));
        }
        else
        {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private <T> T parse(
        final int status, final byte[] body, final String endpoint, final Function<JsonNode, T> parser)
    {
        final JsonNode root;
        try
        {
            root = KiteJson.MAPPER.readTree(body);
        }
        catch (final IOException ex)
        {
            throw fail(new KiteException(status >= 400 ? KiteErrorType.HTTP_ERROR : KiteErrorType.MALFORMED_RESPONSE,
                status, endpoint, "body is not JSON: " + snippet(body), ex));
        }
        if (null == root || !root.isObject())
        {
            throw fail(new KiteException(status >= 400 ? KiteErrorType.HTTP_ERROR : KiteErrorType.MALFORMED_RESPONSE,
                status, endpoint, "body is not a JSON object: " + snippet(body), null));
        }
        final String replyStatus;
        try
        {
            replyStatus = KiteJson.text(root, "status");
        }
        catch (final IllegalArgumentException ex)
        {
            throw fail(new KiteException(status >= 400 ? KiteErrorType.HTTP_ERROR : KiteErrorType.MALFORMED_RESPONSE,
                status, endpoint, ex.getMessage(), ex));
        }
        if ("error".equals(replyStatus) || root.has("error_type"))
        {
            throw fail(envelopeError(root, status, endpoint));
        }
        if (status >= 400)
        {
            throw fail(new KiteException(KiteErrorType.HTTP_ERROR, status, endpoint,
                "error status without a Kite error envelope: " + snippet(body), null));
        }
        final JsonNode data = root.get("data");
        if (null == data)
        {
            throw fail(new KiteException(KiteErrorType.MALFORMED_RESPONSE, status, endpoint,
                "field data: missing from the reply", null));
        }
        try
        {
            return parser.apply(data);
        }
        catch (final IllegalArgumentException | ArithmeticException ex)
        {
            throw fail(new KiteException(KiteErrorType.MALFORMED_RESPONSE, status, endpoint, ex.getMessage(), ex));
        }
    }

    private static KiteException envelopeError(final JsonNode root, final int status, final String endpoint)
    {
        String errorType = null;
        String message = null;
        try
        {
            errorType = KiteJson.text(root, "error_type");
            message = KiteJson.text(root, "message");
        }
        catch (final IllegalArgumentException ignore)
        {
            message = root.toString();
        }
        return new KiteException(KiteErrorType.fromWire(errorType), status, endpoint,
            null == message ? "(no message)" : message, null);
    }

    private KiteException toError(final int status, final byte[] body, final String endpoint)
    {
        try
        {
            final JsonNode root = KiteJson.MAPPER.readTree(body);
            if (null != root && root.isObject() && root.has("error_type"))
            {
                return envelopeError(root, status, endpoint);
            }
        }
        catch (final IOException ignore)
        {
            // Not an envelope: reported as a plain HTTP error below.
        }
        return new KiteException(KiteErrorType.HTTP_ERROR, status, endpoint, snippet(body), null);
    }

    private static KiteException transportError(final Throwable error, final String endpoint)
    {
        if (error instanceof KiteException)
        {
            return (KiteException)error;
        }
        if (error instanceof HttpConnectTimeoutException || error instanceof ConnectException)
        {
            return new KiteException(KiteErrorType.CONNECT_FAILED, 0, endpoint, String.valueOf(error), error);
        }
        if (error instanceof HttpTimeoutException)
        {
            return new KiteException(KiteErrorType.TIMEOUT, 0, endpoint, "no reply in time", error);
        }
        if (error instanceof IOException)
        {
            return new KiteException(KiteErrorType.CONNECTION_LOST, 0, endpoint, String.valueOf(error), error);
        }
        return new KiteException(KiteErrorType.GENERAL, 0, endpoint, String.valueOf(error), error);
    }

    private KiteException fail(final KiteException exception)
    {
        if (exception.getCause() instanceof KiteException)
        {
            return (KiteException)exception.getCause();
        }
        final long count = errorCounts.get(exception.type()).incrementAndGet();
        if (1 == count || 0 == (count & (count - 1)))
        {
            LOGGER.log(System.Logger.Level.WARNING, "Kite REST call failed (" + count + " of this type so far): " +
                exception.getMessage());
        }
        return exception;
    }

    /**
     * Tells the session listener when a call failed because Kite refused its token, naming the token the call
     * carried (read back from the request sent), so that a refusal of a token a newer login has replaced since
     * is not taken for the current one's. A refused token exchange ({@code POST /session/token}) is not told: it
     * refused the login's request token, and the access token of a session that is working stays good.
     */
    private <T> T tokenChecked(final HttpResponse<byte[]> response, final Supplier<T> answer)
    {
        try
        {
            return answer.get();
        }
        catch (final KiteException ex)
        {
            if (KiteErrorType.TOKEN == ex.type() && !isTokenExchange(response.request()))
            {
                final String sent = response.request().headers().firstValue("Authorization").orElse("");
                final int colon = sent.indexOf(':');
                try
                {
                    context.sessionListener().onTokenException(ex, colon < 0 ? "" : sent.substring(colon + 1));
                }
                catch (final RuntimeException listenerFailure)
                {
                    LOGGER.log(System.Logger.Level.ERROR, "session listener failed", listenerFailure);
                }
            }
            throw ex;
        }
    }

    private static boolean isTokenExchange(final HttpRequest request)
    {
        return "POST".equals(request.method()) && request.uri().getPath().endsWith("/session/token");
    }

    /**
     * @param error what a future of this client failed with.
     * @return the failure inside its {@link CompletionException} wrappings (a {@link KiteException} for Kite's).
     */
    public static Throwable unwrap(final Throwable error)
    {
        Throwable current = error;
        while (current instanceof CompletionException && null != current.getCause())
        {
            current = current.getCause();
        }
        return current;
    }

    private byte[] gunzipIfNeeded(final byte[] body, final String endpoint)
    {
        if (body.length < 2 || (body[0] & 0xFF) != 0x1F || (body[1] & 0xFF) != 0x8B)
        {
            return body;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body)))
        {
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw fail(new KiteException(KiteErrorType.MALFORMED_RESPONSE, 200, endpoint, "bad gzip: " + ex, ex));
        }
    }

    private static String instrumentsQuery(final List<String> instruments)
    {
        final StringBuilder query = new StringBuilder();
        for (final String instrument : instruments)
        {
            if (query.length() > 0)
            {
                query.append('&');
            }
            query.append("i=").append(encode(instrument));
        }
        return query.toString();
    }

    private static String form(final Map<String, String> fields)
    {
        final StringBuilder form = new StringBuilder();
        for (final Map.Entry<String, String> field : fields.entrySet())
        {
            if (null == field.getValue())
            {
                continue;
            }
            if (form.length() > 0)
            {
                form.append('&');
            }
            form.append(encode(field.getKey())).append('=').append(encode(field.getValue()));
        }
        return form.toString();
    }

    private static String encode(final String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String snippet(final byte[] body)
    {
        final String text = new String(body, 0, Math.min(body.length, MAX_BODY_IN_MESSAGE), StandardCharsets.UTF_8);
        return body.length > MAX_BODY_IN_MESSAGE ? text + "..." : text;
    }
}
