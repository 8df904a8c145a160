package io.quantumleap.engine.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kite's REST endpoints over the simulated broker: routing, authentication, rate limits, parameter checks and
 * the JSON and CSV shapes of the Kite mocks. Runs on the simulator thread.
 */
final class RestApi
{
    static final List<String> VARIETIES = Arrays.asList("regular", "amo", "co", "iceberg", "auction");
    static final List<String> EXCHANGES = Arrays.asList("NSE", "BSE", "NFO", "BFO", "CDS", "BCD", "MCX");
    static final List<String> TRANSACTION_TYPES = Arrays.asList("BUY", "SELL");
    static final List<String> ORDER_TYPES = Arrays.asList("MARKET", "LIMIT", "SL", "SL-M");
    static final List<String> PRODUCTS = Arrays.asList("CNC", "NRML", "MIS", "MTF", "CO");
    static final List<String> VALIDITIES = Arrays.asList("DAY", "IOC", "TTL");
    /** How far back the simulator's historical candles go. */
    static final int HISTORY_YEARS = 10;
    private static final int MAX_QUOTE_INSTRUMENTS = 500;
    private static final int MAX_OHLC_LTP_INSTRUMENTS = 1000;
    private static final Pattern MARKET_PROTECTION = Pattern.compile("(-?[0-9]+)(\\.0*)?");

    private final SimAgent sim;
    private final ObjectMapper mapper;
    private final Margins margins;
    private final GttApi gtt;

    RestApi(final SimAgent sim, final ObjectMapper mapper)
    {
        this.sim = sim;
        this.mapper = mapper;
        this.margins = new Margins(sim, mapper);
        this.gtt = new GttApi(sim, mapper);
    }

    RestReply handle(final RestRequest request)
    {
        try
        {
            return route(request);
        }
        catch (final KiteError error)
        {
            sim.countError();
            return error(error);
        }
    }

    private RestReply route(final RestRequest r)
    {
        final String[] parts = segments(r.path);
        final String first = parts.length > 0 ? parts[0] : "";
        if ("__sim".equals(first))
        {
            return admin(r, parts);
        }
        if ("connect".equals(first) && parts.length == 2 && "login".equals(parts[1]) && "GET".equals(r.method))
        {
            return login(r);
        }
        final int injected = sim.faults().takeFailure();
        if (injected != 0)
        {
            throw KiteError.forStatus(injected);
        }
        if (!"3".equals(r.kiteVersion))
        {
            throw KiteError.token("Missing or unsupported `X-Kite-Version` header; send `X-Kite-Version: 3`.");
        }
        final long nowMs = sim.clock().epochMillis();
        final RateLimiter.Bucket bucket = "quote".equals(first) ? RateLimiter.Bucket.QUOTE :
            "orders".equals(first) && "POST".equals(r.method) ? RateLimiter.Bucket.ORDERS :
            "instruments".equals(first) && parts.length > 1 && "historical".equals(parts[1]) ?
            RateLimiter.Bucket.HISTORICAL : RateLimiter.Bucket.OTHER;
        final boolean session = "session".equals(first) && parts.length == 2;
        if (session && "token".equals(parts[1]))
        {
            takeRequest(r, sim.rateLimiter(), bucket, nowMs);
            return session(r, nowMs);
        }
        if (session && "refresh_token".equals(parts[1]))
        {
            takeRequest(r, sim.rateLimiter(), bucket, nowMs);
            requireMethod(r, true, "POST");
            final String apiKey = required(r, "api_key");
            final Sessions.Session renewed = sim.sessions().renew(apiKey, required(r, "refresh_token"),
                required(r, "checksum"));
            return ok(sessionData(apiKey, renewed));
        }
        if ("instruments".equals(first) && "GET".equals(r.method) && parts.length <= 2)
        {
            takeRequest(r, sim.rateLimiter(), bucket, nowMs);
            return instruments(parts.length == 2 ? parts[1] : null);
        }
        // A request without a valid session is refused before it is counted, so a client retrying with a stale
        // token does not use up the requests of the users whose sessions are valid. Each user has limits of its own.
        final PaperUser user = sim.user(sim.sessions().authorize(r.authorization, nowMs).userId);
        takeRequest(r, user.rateLimiter, bucket, nowMs);
        if ("instruments".equals(first) && parts.length > 1 && "historical".equals(parts[1]))
        {
            requireMethod(r, parts.length == 4, "GET");
            if (!sim.hasHistoricalData(user.userId))
            {
                throw KiteError.permission("Insufficient permission for that call.");
            }
            return historical(r, parts[2], parts[3], nowMs);
        }
        if ("instruments".equals(first) && parts.length == 3 && "trigger_range".equals(parts[1]))
        {
            requireMethod(r, true, "GET");
            return triggerRange(r, oneOf(parts[2].toUpperCase(java.util.Locale.ROOT), "transaction_type",
                TRANSACTION_TYPES));
        }
        switch (first)
        {
            case "user":
                return user(r, parts, user);
            case "orders":
                return orders(r, parts, user.broker);
            case "trades":
                requireMethod(r, parts.length == 1, "GET");
                return ok(trades(user.broker, null));
            case "portfolio":
                return portfolio(r, parts, user.broker);
            case "quote":
                return quote(r, parts, nowMs);
            case "margins":
            case "charges":
                return ok(margins.answer(r, parts, nowMs, user.broker));
            case "gtt":
                return ok(gtt.handle(r, parts, user.gtts));
            default:
                throw routeNotFound(r);
        }
    }

    private static void takeRequest(
        final RestRequest r, final RateLimiter limits, final RateLimiter.Bucket bucket, final long nowMs)
    {
        if (!limits.tryAcquire(bucket, nowMs))
        {
            throw KiteError.tooManyRequests();
        }
        if (r.formError != null)
        {
            throw KiteError.input(r.formError);
        }
    }

    private RestReply login(final RestRequest r)
    {
        final String apiKey = r.queryParam("api_key");
        if (apiKey == null || !apiKey.equals(sim.sessions().apiKey()))
        {
            return new RestReply(400, RestReply.HTML, ("<html><body><h1>Invalid `api_key`</h1><p>The login URL " +
                "needs ?v=3&amp;api_key=&lt;your api_key&gt;.</p></body></html>").getBytes(StandardCharsets.UTF_8),
                null);
        }
        final String userIdParam = r.queryParam("user_id");
        final String userId = userIdParam == null || userIdParam.isBlank() ? sim.userId() :
            PaperUser.userId(userIdParam);
        if (userId == null)
        {
            return new RestReply(400, RestReply.HTML, ("<html><body><h1>Invalid `user_id`</h1><p>A paper user's id " +
                "is letters and digits, starting with a letter (like QL0002); without one the login is of " +
                sim.userId() + ".</p></body></html>").getBytes(StandardCharsets.UTF_8), null);
        }
        final String requestToken = sim.sessions().newRequestToken(userId, sim.clock().epochMillis());
        final String redirect = sim.redirectUrl();
        final StringBuilder location = new StringBuilder(redirect)
            .append(redirect.indexOf('?') >= 0 ? '&' : '?')
            .append("action=login&type=login&status=success&request_token=").append(requestToken);
        final String redirectParams = r.queryParam("redirect_params");
        if (redirectParams != null && !redirectParams.isEmpty())
        {
            location.append('&').append(redirectParams);
        }
        return new RestReply(302, RestReply.HTML, new byte[0], location.toString());
    }

    private RestReply session(final RestRequest r, final long nowMs)
    {
        if ("POST".equals(r.method))
        {
            final String apiKey = required(r, "api_key");
            final String requestToken = required(r, "request_token");
            final String checksum = required(r, "checksum");
            final Sessions.Session session = sim.sessions().exchange(apiKey, requestToken, checksum, nowMs);
            return ok(sessionData(apiKey, session));
        }
        if ("DELETE".equals(r.method))
        {
            final String apiKey = required(r, "api_key");
            if (!apiKey.equals(sim.sessions().apiKey()))
            {
                throw KiteError.input("Invalid `api_key`.");
            }
            final String accessToken = r.param("access_token");
            if (accessToken == null && r.param("refresh_token") != null)
            {
                // The simulator issues no refresh tokens: there is none to invalidate, and Kite answers true.
                return ok(mapper.getNodeFactory().booleanNode(true));
            }
            if (accessToken == null)
            {
                throw KiteError.input("Missing `access_token`; it is required.");
            }
            sim.sessions().invalidate(accessToken);
            sim.closeTickers(accessToken);
            return ok(mapper.getNodeFactory().booleanNode(true));
        }
        throw methodNotAllowed(r);
    }

    /** The generate_session shape of {@code POST /session/token} and {@code POST /session/refresh_token}. */
    private ObjectNode sessionData(final String apiKey, final Sessions.Session session)
    {
        final ObjectNode data = KiteJson.profile(mapper, session.userId);
        data.put("api_key", apiKey);
        data.put("access_token", session.accessToken);
        data.put("public_token", session.publicToken);
        data.put("enctoken", session.publicToken);
        data.put("refresh_token", "");
        data.put("silo", "");
        data.put("login_time", KiteTime.dateTime(session.loginTimeMs));
        return data;
    }

    private RestReply instruments(final String exchange)
    {
        if (exchange != null && !EXCHANGES.contains(exchange))
        {
            throw KiteError.input("Invalid `exchange` " + exchange + "; accepted: " + String.join(", ", EXCHANGES) +
                ".");
        }
        return new RestReply(200, RestReply.CSV, sim.universe().csv(exchange).getBytes(StandardCharsets.UTF_8), null);
    }

    private RestReply user(final RestRequest r, final String[] parts, final PaperUser user)
    {
        requireMethod(r, parts.length >= 2, "GET");
        if (parts.length == 2 && "profile".equals(parts[1]))
        {
            return ok(KiteJson.profile(mapper, user.userId));
        }
        if (parts.length == 3 && "profile".equals(parts[1]) && "full".equals(parts[2]))
        {
            return ok(KiteJson.fullProfile(mapper, user.userId));
        }
        if ("margins".equals(parts[1]) && parts.length <= 3)
        {
            final Broker broker = user.broker;
            final ObjectNode equity = KiteJson.margin(mapper, broker.openingBalancePaise(false),
                broker.usedMarginPaise(false, null), broker.m2mPaise(false));
            final ObjectNode commodity = KiteJson.margin(mapper, broker.openingBalancePaise(true),
                broker.usedMarginPaise(true, null), broker.m2mPaise(true));
            if (parts.length == 3)
            {
                if ("equity".equals(parts[2]))
                {
                    return ok(equity);
                }
                if ("commodity".equals(parts[2]))
                {
                    return ok(commodity);
                }
                throw KiteError.input("Invalid segment `" + parts[2] + "`; accepted: equity, commodity.");
            }
            final ObjectNode data = mapper.createObjectNode();
            data.set("equity", equity);
            data.set("commodity", commodity);
            return ok(data);
        }
        throw routeNotFound(r);
    }

    private RestReply orders(final RestRequest r, final String[] parts, final Broker broker)
    {
        if (parts.length == 1)
        {
            requireMethod(r, true, "GET");
            final ArrayNode list = mapper.createArrayNode();
            for (final Order order : broker.orders())
            {
                list.add(order.latest());
            }
            return ok(list);
        }
        if (parts.length == 2)
        {
            if ("POST".equals(r.method))
            {
                final OrderRequest request = placeRequest(r, variety(parts[1]));
                final Instrument instrument = sim.universe().byKey(request.exchange, request.tradingsymbol);
                if (instrument == null)
                {
                    throw KiteError.input("Invalid `tradingsymbol` " + request.tradingsymbol + " on `exchange` " +
                        request.exchange + ": no such instrument.");
                }
                resolvePrices(request, instrument);
                checkOrderFields(request);
                if (request.autoslice)
                {
                    return ok(slices(broker.placeSliced(request, instrument)));
                }
                final Order order = broker.place(request, instrument);
                return ok(mapper.createObjectNode().put("order_id", order.orderId));
            }
            if ("GET".equals(r.method))
            {
                final ArrayNode list = mapper.createArrayNode();
                for (final ObjectNode snapshot : broker.order(parts[1]).history)
                {
                    list.add(snapshot);
                }
                return ok(list);
            }
            throw methodNotAllowed(r);
        }
        if (parts.length == 3)
        {
            if ("GET".equals(r.method) && "trades".equals(parts[2]))
            {
                return ok(trades(broker, broker.order(parts[1])));
            }
            if ("PUT".equals(r.method))
            {
                final String variety = variety(parts[1]);
                final OrderRequest request = modifyRequest(r);
                resolvePrices(request, broker.order(parts[2]).instrument);
                final Order order = broker.modify(variety, parts[2], request);
                return ok(mapper.createObjectNode().put("order_id", order.orderId));
            }
            if ("DELETE".equals(r.method))
            {
                final Order order = broker.cancel(variety(parts[1]), parts[2], optional(r, "parent_order_id"));
                return ok(mapper.createObjectNode().put("order_id", order.orderId));
            }
            throw methodNotAllowed(r);
        }
        throw routeNotFound(r);
    }

    private ObjectNode slices(final Broker.Slices slices)
    {
        final ObjectNode data = mapper.createObjectNode();
        data.put("order_id", slices.parentOrderId);
        final ArrayNode children = data.putArray("children");
        for (final Broker.Slice child : slices.children)
        {
            if (child.refusal() != null)
            {
                final ObjectNode error = children.addObject().putObject("error");
                error.put("code", 400);
                error.put("error_type", child.refusal().startsWith("Insufficient funds") ? "MarginException" :
                    child.refusal().startsWith("Insufficient holdings") ? "HoldingException" : "OrderException");
                error.put("message", child.refusal());
                error.putNull("data");
            }
            else
            {
                children.addObject().put("order_id", child.order().orderId);
            }
        }
        return data;
    }

    private ArrayNode trades(final Broker broker, final Order only)
    {
        final ArrayNode list = mapper.createArrayNode();
        for (final Trade trade : broker.trades())
        {
            if (only == null || trade.order == only)
            {
                list.add(KiteJson.trade(mapper, trade));
            }
        }
        return list;
    }

    private RestReply portfolio(final RestRequest r, final String[] parts, final Broker broker)
    {
        final Market market = sim.market();
        if (parts.length == 2 && "positions".equals(parts[1]))
        {
            if ("GET".equals(r.method))
            {
                final ArrayNode net = mapper.createArrayNode();
                final ArrayNode day = mapper.createArrayNode();
                for (final Position position : broker.positions())
                {
                    final long ltp = market.ltpPaise[position.instrument.index];
                    final long close = market.closePaise(position.instrument);
                    net.add(KiteJson.position(mapper, position, ltp, close));
                    if (position.tradedToday())
                    {
                        day.add(KiteJson.dayPosition(mapper, position, ltp, close));
                    }
                }
                final ObjectNode data = mapper.createObjectNode();
                data.set("net", net);
                data.set("day", day);
                return ok(data);
            }
            if ("PUT".equals(r.method))
            {
                final String exchange = oneOf(required(r, "exchange"), "exchange", EXCHANGES);
                final String tradingsymbol = required(r, "tradingsymbol");
                final String transactionType = oneOf(required(r, "transaction_type"), "transaction_type",
                    TRANSACTION_TYPES);
                final String positionType =
                    oneOf(required(r, "position_type"), "position_type", Arrays.asList("day", "overnight"));
                final long quantity = positiveLong(r, "quantity");
                final String oldProduct = oneOf(required(r, "old_product"), "old_product", PRODUCTS);
                final String newProduct = oneOf(required(r, "new_product"), "new_product", PRODUCTS);
                final Instrument instrument = instrument(exchange, tradingsymbol);
                broker.convertPosition(instrument, "BUY".equals(transactionType), quantity, oldProduct, newProduct,
                    "overnight".equals(positionType));
                return ok(mapper.getNodeFactory().booleanNode(true));
            }
            throw methodNotAllowed(r);
        }
        if (parts.length == 3 && "holdings".equals(parts[1]) && "auctions".equals(parts[2]))
        {
            requireMethod(r, true, "GET");
            final ArrayNode list = mapper.createArrayNode();
            for (final Market.Auction auction : broker.openAuctions())
            {
                for (final Broker.Holding holding : broker.holdings())
                {
                    if (holding.instrument == auction.instrument())
                    {
                        list.add(KiteJson.holding(mapper, holding, broker.usedQuantity(holding), market,
                            sim.clock().epochMillis()).put("auction_number", auction.auctionNumber()));
                    }
                }
            }
            return ok(list);
        }
        if (parts.length == 3 && "holdings".equals(parts[1]) && "compact".equals(parts[2]))
        {
            requireMethod(r, true, "GET");
            final ArrayNode list = mapper.createArrayNode();
            for (final Broker.Holding holding : broker.holdings())
            {
                list.add(KiteJson.compactHolding(mapper, holding));
            }
            return ok(list);
        }
        if (parts.length == 3 && "holdings".equals(parts[1]) && "summary".equals(parts[2]))
        {
            requireMethod(r, true, "GET");
            return ok(KiteJson.holdingsSummary(mapper, broker.holdings(), market));
        }
        if (parts.length == 3 && "holdings".equals(parts[1]) && "authorise".equals(parts[2]))
        {
            requireMethod(r, true, "POST");
            return ok(mapper.createObjectNode().put("request_id", sim.sessions().newRequestId()));
        }
        if (parts.length == 2 && "holdings".equals(parts[1]))
        {
            requireMethod(r, true, "GET");
            final ArrayNode list = mapper.createArrayNode();
            for (final Broker.Holding holding : broker.holdings())
            {
                list.add(KiteJson.holding(mapper, holding, broker.usedQuantity(holding), market,
                    sim.clock().epochMillis()));
            }
            return ok(list);
        }
        throw routeNotFound(r);
    }

    /**
     * The range a cover order's stop-loss trigger may take around the last price (mocks/trigger_range.json); a BUY
     * entry's stop sits between lower and the last price, a SELL entry's between the last price and upper.
     */
    private RestReply triggerRange(final RestRequest r, final String transactionType)
    {
        final List<String> keys = r.queryParams("i");
        if (keys.isEmpty())
        {
            throw KiteError.input("Missing `i`; pass one or more instruments as i=EXCHANGE:TRADINGSYMBOL.");
        }
        final ObjectNode data = mapper.createObjectNode();
        for (final String key : keys)
        {
            final Instrument instrument = lookup(key);
            if (instrument == null || instrument.isIndex())
            {
                continue;
            }
            final long ltp = sim.market().ltpPaise[instrument.index];
            final long reach = ltp * Broker.COVER_RANGE_PERCENT / 100;
            final ObjectNode item = data.putObject(key);
            item.put("instrument_token", instrument.token);
            item.put("lower", instrument.rupees(ltp - reach));
            item.put("upper", instrument.rupees(ltp + reach));
        }
        return ok(data);
    }

    /**
     * {@code GET /instruments/historical/{token}/{interval}?from=&to=&continuous=&oi=}: candles of the
     * simulator's deterministic walk ({@link HistoricalCandles}), and of its live market's trades for the minutes of
     * today since it started ({@link LiveMinutes}), within Kite's span for the interval.
     */
    private RestReply historical(final RestRequest r, final String tokenText, final String interval, final long nowMs)
    {
        final long token = parseLong(tokenText, "instrument_token");
        final Instrument instrument = sim.universe().byToken(token);
        if (instrument == null)
        {
            throw KiteError.input("invalid token: no instrument " + tokenText + " in today's instruments.");
        }
        if (!HistoricalCandles.INTERVALS.containsKey(interval))
        {
            throw KiteError.input("invalid interval `" + interval + "`; one of minute, 3minute, 5minute, 10minute, " +
                "15minute, 30minute, 60minute, day.");
        }
        final LocalDateTime from = historicalTime(required(r, "from"), "from", false);
        final LocalDateTime now = LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(nowMs), KiteTime.IST);
        final LocalDateTime to = historicalTime(required(r, "to"), "to", true);
        if (from.isAfter(to))
        {
            throw KiteError.input("`from` " + r.queryParam("from") + " is after `to` " + r.queryParam("to") + ".");
        }
        final int maxDays = HistoricalCandles.MAX_DAYS.get(interval);
        if (java.time.temporal.ChronoUnit.DAYS.between(from.toLocalDate(), to.toLocalDate()) > maxDays)
        {
            throw KiteError.input("interval exceeds max limit: " + maxDays + " days");
        }
        final boolean continuous = flag(r, "continuous");
        if (continuous && (!instrument.isFuture() || !"day".equals(interval)))
        {
            throw KiteError.input("`continuous` data is for day candles of futures only.");
        }
        final boolean oi = flag(r, "oi");
        final ObjectNode data = mapper.createObjectNode();
        // The walk has no history older than HISTORY_YEARS, and no future: bounds the work of any request.
        final LocalDateTime earliest = now.minusYears(HISTORY_YEARS);
        data.set("candles", from.isAfter(now) || to.isBefore(earliest) ? mapper.createArrayNode() :
            new HistoricalCandles(sim.seed()).candles(instrument, interval, from.isBefore(earliest) ? earliest : from,
                to, now, previousTradingDay(sim.startDate()), oi, sim.market().live));
        return ok(data);
    }

    private static LocalDate previousTradingDay(final LocalDate date)
    {
        LocalDate day = date.minusDays(1);
        while (!MarketHours.isTradingDay(day))
        {
            day = day.minusDays(1);
        }
        return day;
    }

    /** Kite takes {@code yyyy-mm-dd hh:mm:ss} or a date, which for {@code to} means the whole day. */
    private static LocalDateTime historicalTime(final String text, final String field, final boolean endOfDay)
    {
        try
        {
            if (text.length() == 10)
            {
                final LocalDate date = LocalDate.parse(text);
                return endOfDay ? date.atTime(23, 59, 59) : date.atStartOfDay();
            }
            return LocalDateTime.parse(text.replace(' ', 'T'));
        }
        catch (final java.time.format.DateTimeParseException ex)
        {
            throw KiteError.input("invalid `" + field + "` " + text + "; use yyyy-mm-dd hh:mm:ss or yyyy-mm-dd.");
        }
    }

    private static boolean flag(final RestRequest r, final String field)
    {
        final String value = r.queryParam(field);
        if (value == null || value.isEmpty() || "0".equals(value) || "false".equals(value))
        {
            return false;
        }
        if ("1".equals(value) || "true".equals(value))
        {
            return true;
        }
        throw KiteError.input("invalid `" + field + "` " + value + "; 0 or 1.");
    }

    private RestReply quote(final RestRequest r, final String[] parts, final long nowMs)
    {
        requireMethod(r, parts.length <= 2, "GET");
        final String kind = parts.length == 2 ? parts[1] : "full";
        if (!"full".equals(kind) && !"ohlc".equals(kind) && !"ltp".equals(kind))
        {
            throw routeNotFound(r);
        }
        final List<String> keys = r.queryParams("i");
        if (keys.isEmpty())
        {
            throw KiteError.input("Missing `i`; pass one or more instruments as i=EXCHANGE:TRADINGSYMBOL.");
        }
        final int max = "full".equals(kind) ? MAX_QUOTE_INSTRUMENTS : MAX_OHLC_LTP_INSTRUMENTS;
        if (keys.size() > max)
        {
            throw KiteError.input("Too many instruments in `i`: " + keys.size() + "; at most " + max + ".");
        }
        final Market market = sim.market();
        final ObjectNode data = mapper.createObjectNode();
        for (final String key : keys)
        {
            final Instrument instrument = lookup(key);
            if (instrument == null)
            {
                continue;
            }
            if ("full".equals(kind))
            {
                data.set(key, KiteJson.quote(mapper, market, instrument, nowMs));
            }
            else
            {
                final ObjectNode item = data.putObject(key);
                item.put("instrument_token", instrument.token);
                item.put("last_price", instrument.rupees(market.ltpPaise[instrument.index]));
                if ("ohlc".equals(kind))
                {
                    item.set("ohlc", KiteJson.ohlc(mapper, market, instrument));
                }
            }
        }
        return ok(data);
    }

    private Instrument lookup(final String key)
    {
        final int colon = key.indexOf(':');
        if (colon < 0)
        {
            try
            {
                return KiteNumbers.isWhole(key) ? sim.universe().byToken(Long.parseLong(key)) : null;
            }
            catch (final NumberFormatException ex)
            {
                return null;
            }
        }
        return sim.universe().byKey(key.substring(0, colon), key.substring(colon + 1));
    }

    /** @return an admin endpoint's body, a JSON object; {@code example} shows one in the refusal. */
    private JsonNode jsonObject(final byte[] body, final String example)
    {
        final JsonNode json = JsonInput.read(mapper, body, "JSON body");
        if (json == null || !json.isObject())
        {
            throw KiteError.input("The body must be a JSON object, e.g. " + example + ".");
        }
        return json;
    }

    private RestReply admin(final RestRequest r, final String[] parts)
    {
        if (!r.loopback)
        {
            return error(new KiteError(403, "PermissionException", "The simulator admin endpoints answer only " +
                "on loopback."));
        }
        if (parts.length == 2 && "redirect".equals(parts[1]) && "GET".equals(r.method))
        {
            final ObjectNode data = mapper.createObjectNode();
            data.put("request_token", r.queryParam("request_token"));
            data.put("status", r.queryParam("status"));
            return ok(data);
        }
        if (parts.length == 2 && "faults".equals(parts[1]))
        {
            if ("POST".equals(r.method))
            {
                applyFaults(r.body);
            }
            else if ("DELETE".equals(r.method))
            {
                sim.faults().clear();
            }
            else if (!"GET".equals(r.method))
            {
                throw methodNotAllowed(r);
            }
            final Faults faults = sim.faults();
            final ObjectNode data = mapper.createObjectNode();
            data.put("stallTicker", faults.tickerStalled());
            data.put("failStatus", faults.failureStatus());
            data.put("failCount", faults.failureCount());
            data.put("delayMs", faults.responseDelayMs());
            return ok(data);
        }
        if (parts.length == 2 && "auctions".equals(parts[1]))
        {
            final long nowMs = sim.clock().epochMillis();
            if ("POST".equals(r.method))
            {
                openAuction(r.body, nowMs);
            }
            else if (!"GET".equals(r.method))
            {
                throw methodNotAllowed(r);
            }
            final ArrayNode open = mapper.createArrayNode();
            for (final Market.Auction auction : sim.market().openAuctions(nowMs))
            {
                open.addObject().put("auction_number", auction.auctionNumber())
                    .put("exchange", auction.instrument().exchange)
                    .put("tradingsymbol", auction.instrument().tradingsymbol)
                    .put("start", KiteTime.dateTime(auction.startMs()))
                    .put("end", KiteTime.dateTime(auction.endMs()));
            }
            return ok(open);
        }
        throw routeNotFound(r);
    }

    /** Opens the auction a {@code POST /__sim/auctions} body names: exchange, tradingsymbol, minutes, number. */
    private void openAuction(final byte[] body, final long nowMs)
    {
        final JsonNode json = jsonObject(body, "{\"exchange\":\"NSE\",\"tradingsymbol\":\"SBIN\",\"minutes\":30}");
        final JsonNode exchange = json.get("exchange");
        final JsonNode symbol = json.get("tradingsymbol");
        if (exchange == null || !exchange.isTextual() || symbol == null || !symbol.isTextual())
        {
            throw KiteError.input("An auction needs `exchange` and `tradingsymbol` as strings.");
        }
        final Instrument instrument = sim.universe().byKey(exchange.asText(), symbol.asText());
        if (instrument == null)
        {
            throw KiteError.input("Invalid `tradingsymbol` " + symbol.asText() + " on `exchange` " + exchange.asText() +
                ": no such instrument.");
        }
        final JsonNode minutes = json.get("minutes");
        final JsonNode number = json.get("auction_number");
        if (number != null && !(number.isTextual() && !number.asText().isBlank()))
        {
            throw KiteError.input("`auction_number` must be a string that is not blank, e.g. \"20\".");
        }
        try
        {
            sim.market().openAuction(number == null ? null : number.asText(), instrument, nowMs,
                minutes == null ? 60 : integer("minutes", minutes));
        }
        catch (final IllegalArgumentException ex)
        {
            throw KiteError.input(ex.getMessage());
        }
    }

    private void applyFaults(final byte[] body)
    {
        final JsonNode json = jsonObject(body, "{\"failStatus\":503,\"failCount\":2}");
        final Faults faults = sim.faults();
        for (final Map.Entry<String, JsonNode> field : json.properties())
        {
            final JsonNode value = field.getValue();
            switch (field.getKey())
            {
                case "stallTicker":
                    faults.stallTicker(bool(field.getKey(), value));
                    break;
                case "failStatus":
                {
                    final long status = integer(field.getKey(), value);
                    if (status != 0 && (status < 400 || status > 599))
                    {
                        throw KiteError.input("`failStatus` must be 0 or an HTTP error status 400..599: " + status);
                    }
                    final JsonNode count = json.get("failCount");
                    final long failCount = count == null ? -1 : integer("failCount", count);
                    if (failCount == 0 || failCount < -1 || failCount > Integer.MAX_VALUE)
                    {
                        throw KiteError.input("`failCount` must be -1 (until cleared) or a positive count: " +
                            failCount);
                    }
                    faults.failRequests((int)status, (int)failCount);
                    break;
                }
                case "failCount":
                    if (json.get("failStatus") == null)
                    {
                        throw KiteError.input("`failCount` needs `failStatus`.");
                    }
                    break;
                case "delayMs":
                {
                    final long delay = integer(field.getKey(), value);
                    if (delay < 0 || delay > 120_000)
                    {
                        throw KiteError.input("`delayMs` must be 0..120000: " + delay);
                    }
                    faults.responseDelayMs(delay);
                    break;
                }
                case "dropConnections":
                    if (bool(field.getKey(), value))
                    {
                        sim.dropConnections();
                    }
                    break;
                case "expireTokens":
                    if (bool(field.getKey(), value))
                    {
                        sim.expireTokens();
                    }
                    break;
                case "clear":
                    if (bool(field.getKey(), value))
                    {
                        faults.clear();
                    }
                    break;
                default:
                    throw KiteError.input("Unknown fault `" + field.getKey() + "`; accepted: stallTicker, " +
                        "failStatus, failCount, delayMs, dropConnections, expireTokens, clear.");
            }
        }
    }

    private static boolean bool(final String field, final JsonNode value)
    {
        if (!value.isBoolean())
        {
            throw KiteError.input("`" + field + "` must be true or false, not " + value + ".");
        }
        return value.booleanValue();
    }

    private static long integer(final String field, final JsonNode value)
    {
        if (!value.isIntegralNumber())
        {
            throw KiteError.input("`" + field + "` must be a whole number, not " + value + ".");
        }
        return value.longValue();
    }

    private OrderRequest placeRequest(final RestRequest r, final String variety)
    {
        final OrderRequest o = new OrderRequest();
        o.variety = variety;
        o.exchange = oneOf(required(r, "exchange"), "exchange", EXCHANGES);
        o.tradingsymbol = required(r, "tradingsymbol");
        o.transactionType = oneOf(required(r, "transaction_type"), "transaction_type", TRANSACTION_TYPES);
        o.orderType = oneOf(required(r, "order_type"), "order_type", ORDER_TYPES);
        o.quantity = positiveLong(r, "quantity");
        o.product = oneOf(required(r, "product"), "product", PRODUCTS);
        o.priceText = decimal(r, "price");
        o.triggerPriceText = decimal(r, "trigger_price");
        o.disclosedQuantity = optionalLong(r, "disclosed_quantity");
        o.validity = optional(r, "validity") == null ? "DAY" : oneOf(optional(r, "validity"), "validity", VALIDITIES);
        final Long ttl = optionalLong(r, "validity_ttl");
        o.validityTtl = ttl == null ? null : (int)Math.min(Integer.MAX_VALUE, ttl);
        o.tag = optional(r, "tag");
        o.marketProtection = marketProtection(r);
        final String autoslice = optional(r, "autoslice");
        if (autoslice != null && !"true".equals(autoslice) && !"false".equals(autoslice))
        {
            throw KiteError.input("Invalid `autoslice` '" + autoslice + "'; accepted: true, false.");
        }
        o.autoslice = "true".equals(autoslice);
        if (o.autoslice && !"regular".equals(variety))
        {
            throw KiteError.input("`autoslice` works only with the regular variety, not " + variety + ".");
        }
        if ("iceberg".equals(variety))
        {
            final long legs = positiveLong(r, "iceberg_legs");
            o.icebergLegs = (int)legs;
            o.icebergQuantity = positiveLong(r, "iceberg_quantity");
        }
        else
        {
            // Refused rather than ignored, whatever the value (0 too), as validity_ttl without TTL is: a client
            // sending legs for a regular order meant an iceberg and would otherwise place one order of it all.
            for (final String field : new String[] {"iceberg_legs", "iceberg_quantity"})
            {
                if (optional(r, field) != null)
                {
                    throw KiteError.input("`" + field + "` is only for the iceberg variety, not " + variety + ".");
                }
            }
        }
        if ("auction".equals(variety))
        {
            o.auctionNumber = required(r, "auction_number");
        }
        if ("co".equals(variety) && o.triggerPriceText == null)
        {
            throw KiteError.input("Missing `trigger_price`; a cover order needs the stop-loss trigger of its " +
                "second leg.");
        }
        if ("TTL".equals(o.validity) && (o.validityTtl == null || o.validityTtl <= 0))
        {
            throw KiteError.input("`validity_ttl` (minutes, > 0) is required for TTL validity.");
        }
        if (!"TTL".equals(o.validity) && o.validityTtl != null)
        {
            throw KiteError.input("`validity_ttl` is only for `validity` TTL, not " + o.validity + ".");
        }
        if (o.tag != null && (o.tag.length() > 20 || !o.tag.matches("[A-Za-z0-9 _:.-]*")))
        {
            throw KiteError.input("`tag` must be at most 20 alphanumeric characters: " + o.tag);
        }
        if (o.disclosedQuantity != null)
        {
            Broker.checkDisclosure(o.disclosedQuantity, o.quantity, o.exchange);
        }
        return o;
    }

    private OrderRequest modifyRequest(final RestRequest r)
    {
        final OrderRequest o = new OrderRequest();
        final String orderType = optional(r, "order_type");
        o.orderType = orderType == null ? null : oneOf(orderType, "order_type", ORDER_TYPES);
        o.quantity = optionalLong(r, "quantity");
        if (o.quantity != null && o.quantity <= 0)
        {
            throw KiteError.input("Invalid `quantity` " + o.quantity + "; it must be a positive whole number.");
        }
        o.priceText = decimal(r, "price");
        o.triggerPriceText = decimal(r, "trigger_price");
        o.disclosedQuantity = optionalLong(r, "disclosed_quantity");
        final String validity = optional(r, "validity");
        o.validity = validity == null ? null : oneOf(validity, "validity", VALIDITIES);
        o.parentOrderId = optional(r, "parent_order_id");
        return o;
    }

    private static void checkOrderFields(final OrderRequest o)
    {
        final boolean needsPrice = "LIMIT".equals(o.orderType) || "SL".equals(o.orderType);
        final boolean needsTrigger = "SL".equals(o.orderType) || "SL-M".equals(o.orderType);
        if (needsPrice && (o.pricePaise == null || o.pricePaise <= 0))
        {
            throw KiteError.input("`price` is required and must be > 0 for " + o.orderType + " orders.");
        }
        if (needsTrigger && (o.triggerPricePaise == null || o.triggerPricePaise <= 0))
        {
            throw KiteError.input("`trigger_price` is required and must be > 0 for " + o.orderType + " orders.");
        }
    }

    private static Double marketProtection(final RestRequest r)
    {
        final String value = optional(r, "market_protection");
        if (value == null)
        {
            return null;
        }
        // A whole percent, as Kite documents it; the official Java client sends its double, "0.0" or "2.0".
        final Matcher whole = MARKET_PROTECTION.matcher(value);
        final int protection = whole.matches() && whole.group(1).length() <= 3 ? Integer.parseInt(whole.group(1)) :
            Integer.MIN_VALUE;
        if (protection != -1 && (protection < 0 || protection > 100))
        {
            throw KiteError.input("Invalid `market_protection` '" + value + "'; accepted: a whole percent 1..100, " +
                "-1 (the exchange's default) or 0 (none, the default; refused for MARKET and SL-M orders).");
        }
        return (double)protection;
    }

    private static String variety(final String variety)
    {
        return oneOf(variety, "variety", VARIETIES);
    }

    private Instrument instrument(final String exchange, final String tradingsymbol)
    {
        final Instrument instrument = sim.universe().byKey(exchange, tradingsymbol);
        if (instrument == null)
        {
            throw KiteError.input("Invalid `tradingsymbol` " + tradingsymbol + " on `exchange` " + exchange + ".");
        }
        return instrument;
    }

    static String required(final RestRequest r, final String field)
    {
        final String value = optional(r, field);
        if (value == null)
        {
            throw KiteError.input("Missing `" + field + "`; it is required.");
        }
        return value;
    }

    static String optional(final RestRequest r, final String field)
    {
        final String value = r.param(field);
        return value == null || value.isEmpty() ? null : value;
    }

    static String oneOf(final String value, final String field, final List<String> accepted)
    {
        if (!accepted.contains(value))
        {
            throw KiteError.input("Invalid `" + field + "` '" + value + "'; accepted: " + String.join(", ", accepted) +
                ".");
        }
        return value;
    }

    static long positiveLong(final RestRequest r, final String field)
    {
        final long value = parseLong(required(r, field), field);
        if (value <= 0)
        {
            throw KiteError.input("Invalid `" + field + "` " + value + "; it must be a positive whole number.");
        }
        return value;
    }

    static Long optionalLong(final RestRequest r, final String field)
    {
        final String value = optional(r, field);
        return value == null ? null : parseLong(value, field);
    }

    private static long parseLong(final String value, final String field)
    {
        final long parsed;
        try
        {
            if (!KiteNumbers.isWhole(value))
            {
                throw new NumberFormatException(value);
            }
            parsed = Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw KiteError.input("Invalid `" + field + "` '" + value + "'; expected a whole number in digits 0-9.");
        }
        if (parsed > Integer.MAX_VALUE || parsed < Integer.MIN_VALUE)
        {
            throw KiteError.input("Invalid `" + field + "` " + value + "; at most " + Integer.MAX_VALUE + ".");
        }
        return parsed;
    }

    /** A non-negative decimal number as sent; null when absent. */
    static String decimal(final RestRequest r, final String field)
    {
        final String value = optional(r, field);
        if (value == null)
        {
            return null;
        }
        final BigDecimal number = KiteNumbers.decimal(value);
        if (number == null)
        {
            throw KiteError.input("Invalid `" + field + "` '" + value + "'; expected a number like 1520.05.");
        }
        if (number.signum() < 0)
        {
            throw KiteError.input("Invalid `" + field + "` " + value + "; it must not be negative.");
        }
        KiteNumbers.bounded(number, field, value);
        return value;
    }

    /** How far, in units of a double's precision, a price sent may be from one with the decimals taken. */
    private static final int FLOATING_POINT_NOISE_ULPS = 4;

    /**
     * Convert the prices sent into the instrument's unit: at most 2 decimals, 4 for currency (a double's rendering of
     * such a price, {@code 1496.3500000000001}, is taken as the price).
     */
    static void resolvePrices(final OrderRequest o, final Instrument instrument)
    {
        o.pricePaise = units(o.priceText, "price", instrument);
        o.triggerPricePaise = units(o.triggerPriceText, "trigger_price", instrument);
    }

    static Long units(final String value, final String field, final Instrument instrument)
    {
        if (value == null)
        {
            return null;
        }
        final int decimals = instrument.isCurrency() ? 4 : 2;
        BigDecimal rupees = KiteNumbers.bounded(new BigDecimal(value), field, value);
        if (rupees.scale() > decimals)
        {
            // A client computing in binary floating point sends 1496.35 as 1496.3500000000001: a value within a few
            // units of a double's precision of a price with the decimals taken is that price.
            final BigDecimal nearest = rupees.setScale(decimals, RoundingMode.HALF_UP);
            final double sent = rupees.doubleValue();
            if (Math.abs(sent - nearest.doubleValue()) > FLOATING_POINT_NOISE_ULPS * Math.ulp(sent))
            {
                throw KiteError.input("Invalid `" + field + "` " + value + "; at most " + decimals + " decimals " +
                    "are accepted for " + instrument.exchange + ".");
            }
            rupees = nearest;
        }
        final BigDecimal units = rupees.multiply(BigDecimal.valueOf(instrument.unitsPerRupee));
        if (units.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0)
        {
            throw KiteError.input("Invalid `" + field + "` " + value + "; too large.");
        }
        return units.longValueExact();
    }

    private static void requireMethod(final RestRequest r, final boolean pathMatches, final String method)
    {
        if (!pathMatches)
        {
            throw routeNotFound(r);
        }
        if (!method.equals(r.method))
        {
            throw methodNotAllowed(r);
        }
    }

    static KiteError routeNotFound(final RestRequest r)
    {
        return KiteError.notFound("Route not found: " + r.method + " " + r.path);
    }

    static KiteError methodNotAllowed(final RestRequest r)
    {
        return new KiteError(405, "InputException", "Method " + r.method + " is not allowed on " + r.path + ".");
    }

    static String[] segments(final String path)
    {
        final String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
    }

    RestReply ok(final JsonNode data)
    {
        final ObjectNode envelope = mapper.createObjectNode();
        envelope.put("status", "success");
        envelope.set("data", data);
        return json(200, envelope);
    }

    RestReply error(final KiteError error)
    {
        final ObjectNode envelope = mapper.createObjectNode();
        envelope.put("status", "error");
        envelope.put("message", error.getMessage());
        envelope.putNull("data");
        envelope.put("error_type", error.errorType);
        return json(error.httpStatus, envelope);
    }

    private RestReply json(final int status, final JsonNode body)
    {
        try
        {
            return new RestReply(status, RestReply.JSON, mapper.writeValueAsBytes(body), null);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("JSON rendering failed", ex);
        }
    }
}
