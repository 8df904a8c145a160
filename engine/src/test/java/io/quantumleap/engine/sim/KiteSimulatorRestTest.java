package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.quantumleap.engine.sim.SimHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteSimulatorRestTest
{
    private final ManualClock clock = new ManualClock(ManualClock.MONDAY_10_00_IST);
    private KiteSimulator sim;
    private SimHttp http;

    @BeforeEach
    void start()
    {
        sim = new KiteSimulator(SimHttp.context(clock).redirectUrl("http://127.0.0.1:1/callback?app=x")).start();
        http = new SimHttp(sim);
    }

    @AfterEach
    void stop()
    {
        sim.close();
    }

    @Test
    void shouldRedirectTheLoginPageToTheRedirectUrlWithARequestToken() throws Exception
    {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create(sim.loginUrl() + "&redirect_params=" + "some%3DX%26more%3DY")).GET());

        assertEquals(302, response.statusCode());
        final String location = response.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("http://127.0.0.1:1/callback?app=x&"), location);
        final Map<String, String> query = SimHttp.query(location);
        assertEquals("success", query.get("status"));
        assertEquals("login", query.get("action"));
        assertEquals("login", query.get("type"));
        assertEquals("X", query.get("some"));
        assertEquals("Y", query.get("more"));
        assertEquals(32, query.get("request_token").length());
    }

    @Test
    void shouldExchangeARequestTokenForASessionShapedLikeGenerateSession() throws Exception
    {
        final String requestToken = http.requestToken();
        final HttpResponse<String> response = http.post("/session/token", "api_key", sim.apiKey(),
            "request_token", requestToken, "checksum", Sessions.sha256Hex(sim.apiKey() + requestToken +
            sim.apiSecret()));

        assertEquals(200, response.statusCode(), response.body());
        final JsonNode data = json(response).get("data");
        for (final String field : new String[] { "user_type", "email", "user_name", "user_shortname", "broker",
            "exchanges", "products", "order_types", "avatar_url", "user_id", "api_key", "access_token",
            "public_token", "enctoken", "refresh_token", "silo", "login_time", "meta" })
        {
            assertTrue(data.has(field), field);
        }
        assertEquals("2026-11-30 10:00:00", data.get("login_time").asText());
        assertEquals("physical", data.get("meta").get("demat_consent").asText());
    }

    @Test
    void shouldRejectAWrongChecksumWithTokenExceptionAndLeaveTheRequestTokenToBeUsed() throws Exception
    {
        final String requestToken = http.requestToken();
        final HttpResponse<String> response = http.post("/session/token", "api_key", sim.apiKey(),
            "request_token", requestToken, "checksum", "00");

        assertEquals(403, response.statusCode());
        assertEquals("TokenException", json(response).get("error_type").asText());
        assertEquals("error", json(response).get("status").asText());
        assertEquals("Invalid `checksum`.", json(response).get("message").asText());
        assertEquals(200, http.post("/session/token", "api_key", sim.apiKey(), "request_token", requestToken,
            "checksum", Sessions.sha256Hex(sim.apiKey() + requestToken + sim.apiSecret())).statusCode());
    }

    @Test
    void shouldNotAcceptARequestTokenTwice() throws Exception
    {
        final String requestToken = http.requestToken();
        final String checksum = Sessions.sha256Hex(sim.apiKey() + requestToken + sim.apiSecret());
        assertEquals(200, http.post("/session/token", "api_key", sim.apiKey(), "request_token", requestToken,
            "checksum", checksum).statusCode());

        final HttpResponse<String> again = http.post("/session/token", "api_key", sim.apiKey(), "request_token",
            requestToken, "checksum", checksum);

        assertEquals(403, again.statusCode());
        assertEquals("TokenException", json(again).get("error_type").asText());
    }

    @Test
    void shouldNotAcceptAnAccessTokenOfAnEarlierRunWithTheSameSeed() throws Exception
    {
        http.login();
        final String earlier = http.accessToken;
        sim.close();
        sim = new KiteSimulator(SimHttp.context(clock).redirectUrl("http://127.0.0.1:1/callback?app=x")).start();
        http = new SimHttp(sim);
        http.login();
        final String later = http.accessToken;

        http.accessToken = earlier;
        final HttpResponse<String> stale = http.get("/user/profile");

        assertNotEquals(earlier, later);
        assertEquals(403, stale.statusCode());
        assertEquals("TokenException", json(stale).get("error_type").asText());
    }

    @Test
    void shouldRejectCallsWithoutAValidTokenOrVersionHeader() throws Exception
    {
        final HttpResponse<String> anonymous = http.get("/user/profile");
        assertEquals(403, anonymous.statusCode());
        assertEquals("TokenException", json(anonymous).get("error_type").asText());

        http.login();
        final HttpResponse<String> noVersion = http.send(HttpRequest.newBuilder(
            URI.create(sim.restBaseUrl() + "/user/profile"))
            .header("Authorization", "token " + sim.apiKey() + ":" + http.accessToken).GET());
        assertEquals(403, noVersion.statusCode());
        assertTrue(json(noVersion).get("message").asText().contains("X-Kite-Version"));

        http.accessToken = "bogus";
        final HttpResponse<String> badToken = http.get("/user/profile");
        assertEquals(403, badToken.statusCode());
        assertEquals("Incorrect `api_key` or `access_token`.", json(badToken).get("message").asText());
    }

    @Test
    void shouldExpireAccessTokensAtSixInTheMorningIst() throws Exception
    {
        http.login();
        assertEquals(200, http.get("/user/profile").statusCode());

        clock.advanceMs(20L * 60 * 60 * 1000);

        final HttpResponse<String> expired = http.get("/user/profile");
        assertEquals(403, expired.statusCode());
        assertEquals("TokenException", json(expired).get("error_type").asText());
    }

    @Test
    void shouldInvalidateTheTokenOnLogout() throws Exception
    {
        final String token = http.login();

        final HttpResponse<String> logout = http.delete("/session/token?api_key=" + sim.apiKey() +
            "&access_token=" + token);

        assertEquals(200, logout.statusCode());
        assertTrue(json(logout).get("data").asBoolean());
        assertEquals(403, http.get("/user/profile").statusCode());
    }

    @Test
    void shouldAnswerALogoutOfARefreshTokenWithTrueAndStillNeedOneOfTheTokens() throws Exception
    {
        http.login();

        final HttpResponse<String> logout = http.delete("/session/token?api_key=" + sim.apiKey() +
            "&refresh_token=r3fr3sh");

        assertEquals(200, logout.statusCode(), logout.body());
        assertEquals("success", json(logout).get("status").asText());
        assertTrue(json(logout).get("data").asBoolean());
        assertEquals(200, http.get("/user/profile").statusCode());
        assertInputError(http.delete("/session/token?api_key=" + sim.apiKey()), "`access_token`");
    }

    @Test
    void shouldRefuseARefreshTokenRenewalWithTokenExceptionWithoutAnAuthorizationHeader() throws Exception
    {
        final HttpResponse<String> renewal = http.post("/session/refresh_token", "api_key", sim.apiKey(),
            "refresh_token", "r3fr3sh", "checksum", Sessions.sha256Hex(sim.apiKey() + "r3fr3sh" + sim.apiSecret()));

        assertEquals(403, renewal.statusCode());
        assertEquals("TokenException", json(renewal).get("error_type").asText());
        assertEquals("Token is invalid or has expired.", json(renewal).get("message").asText());
        assertTrue(json(renewal).get("data").isNull());
        assertInputError(http.post("/session/refresh_token", "api_key", sim.apiKey(), "checksum", "00"),
            "`refresh_token`");
        assertInputError(http.post("/session/refresh_token", "api_key", "other", "refresh_token", "r3fr3sh",
            "checksum", "00"), "`api_key`");
        assertEquals(405, http.get("/session/refresh_token").statusCode());
    }

    @Test
    void shouldServeTheInstrumentDumpWithKitesTwelveColumnsAndTokenArithmetic() throws Exception
    {
        final HttpResponse<String> response = http.get("/instruments");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        final String[] lines = response.body().split("\n");
        assertEquals(InstrumentUniverse.CSV_HEADER, lines[0]);
        boolean nifty = false;
        boolean bank = false;
        boolean infy = false;
        boolean option = false;
        final java.util.Set<String> exchanges = new java.util.TreeSet<>();
        final List<String> segmentCodes = List.of("", "NSE", "NFO", "CDS", "BSE", "BFO", "BCD", "MCX");
        for (int i = 1; i < lines.length; i++)
        {
            final String[] f = lines[i].split(",", -1);
            assertEquals(12, f.length, lines[i]);
            final long token = Long.parseLong(f[0]);
            final long segment = "INDICES".equals(f[10]) ? 9 : segmentCodes.indexOf(f[11]);
            exchanges.add(f[11]);
            assertEquals(Long.parseLong(f[1]) * 256 + segment, token, lines[i]);
            nifty |= token == 256265 && "NIFTY 50".equals(f[2]);
            bank |= token == 260105 && "NIFTY BANK".equals(f[2]);
            infy |= token == 408065 && "INFY".equals(f[2]);
            option |= "NFO-OPT".equals(f[10]) && f[2].startsWith("NIFTY") && "65".equals(f[8]);
        }
        assertTrue(nifty && bank && infy && option);
        assertEquals("[BFO, BSE, CDS, MCX, NFO, NSE]", exchanges.toString());
        final String[] nfo = http.get("/instruments/NFO").body().split("\n");
        for (int i = 1; i < nfo.length; i++)
        {
            assertTrue(nfo[i].endsWith(",NFO"), nfo[i]);
        }
    }

    @Test
    void shouldFillAMarketOrderAgainstDepthThroughKitesStatuses() throws Exception
    {
        http.login();
        final String orderId = http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type",
            "BUY", "order_type", "MARKET", "quantity", "10", "product", "CNC");

        final JsonNode history = json(http.get("/orders/" + orderId)).get("data");
        assertEquals(List.of("PUT ORDER REQ RECEIVED", "VALIDATION PENDING", "OPEN PENDING", "OPEN", "COMPLETE"),
            statuses(history));
        final JsonNode done = history.get(history.size() - 1);
        assertEquals(10, done.get("filled_quantity").asLong());
        assertEquals(0, done.get("pending_quantity").asLong());
        assertTrue(done.get("average_price").asDouble() > 0);
        assertEquals(408065, done.get("instrument_token").asLong());

        final JsonNode trades = json(http.get("/orders/" + orderId + "/trades")).get("data");
        long qty = 0;
        for (final JsonNode trade : trades)
        {
            qty += trade.get("quantity").asLong();
            assertEquals(8, trade.get("order_timestamp").asText().length());
        }
        assertEquals(10, qty);
        assertEquals(trades.size(), json(http.get("/trades")).get("data").size());
    }

    @Test
    void shouldRestALimitOrderModifyItThroughTheModifyPathAndCancelIt() throws Exception
    {
        http.login();
        final double ltp = ltp("NSE:INFY");
        final String price = String.format(Locale.ROOT, "%.2f", Math.floor(ltp * 0.95 * 20) / 20);
        final String orderId = http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type",
            "BUY", "order_type", "LIMIT", "quantity", "5", "price", price, "product", "CNC");
        assertEquals("OPEN", http.latest(orderId).get("status").asText());

        final HttpResponse<String> modify = http.put("/orders/regular/" + orderId, "quantity", "7");
        assertEquals(200, modify.statusCode(), modify.body());
        final HttpResponse<String> cancel = http.delete("/orders/regular/" + orderId);
        assertEquals(200, cancel.statusCode(), cancel.body());

        final JsonNode history = json(http.get("/orders/" + orderId)).get("data");
        assertEquals(List.of("PUT ORDER REQ RECEIVED", "VALIDATION PENDING", "OPEN PENDING", "OPEN",
            "MODIFY VALIDATION PENDING", "MODIFY PENDING", "MODIFIED", "OPEN", "CANCEL PENDING", "CANCELLED"),
            statuses(history));
        final JsonNode last = history.get(history.size() - 1);
        assertEquals(7, last.get("quantity").asLong());
        assertEquals(7, last.get("cancelled_quantity").asLong());
        assertEquals(400, http.delete("/orders/regular/" + orderId).statusCode());
        for (int step = 4; step <= 6; step++)
        {
            assertEquals(5, history.get(step).get("quantity").asLong(), history.get(step).toString());
        }
        assertEquals(7, history.get(7).get("quantity").asLong());
        assertEquals(history.get(3).get("exchange_timestamp"), history.get(5).get("exchange_timestamp"));
        assertEquals(history.get(6).get("order_timestamp"), history.get(6).get("exchange_timestamp"));
    }

    @Test
    void shouldRejectOrdersThatBreakKitesRmsRules() throws Exception
    {
        http.login();
        final double ltp = ltp("NSE:INFY");

        assertRejected(http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type", "BUY",
            "order_type", "LIMIT", "quantity", "1", "price", String.valueOf(Math.floor(ltp) + 0.03), "product",
            "CNC"), "Tick size");
        assertRejected(http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type", "BUY",
            "order_type", "MARKET", "quantity", "99000", "product", "CNC"), "Insufficient funds");
        assertRejected(http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type", "SELL",
            "order_type", "MARKET", "quantity", "500", "product", "CNC"), "Insufficient holdings");
        final String future = nfoSymbol("NIFTY", "FUT");
        assertRejected(http.placeOrder("exchange", "NFO", "tradingsymbol", future, "transaction_type", "BUY",
            "order_type", "MARKET", "quantity", "10", "product", "NRML"), "multiple of the lot size 65");
        final HttpResponse<String> disclosed = http.post("/orders/regular", "exchange", "NFO", "tradingsymbol", future,
            "transaction_type", "BUY", "order_type", "LIMIT", "quantity", "65", "price", "1", "product", "NRML",
            "disclosed_quantity", "13");
        assertEquals(400, disclosed.statusCode());
        assertTrue(disclosed.body().contains("`disclosed_quantity` is allowed only for equity (NSE, BSE) orders."),
            disclosed.body());
    }

    @Test
    void shouldRefuseAtOnceAndKeepOutOfTheBookWhatKitesRmsPreChecksRefuse() throws Exception
    {
        http.login();
        final double ltp = ltp("NSE:INFY");
        final String future = nfoSymbol("NIFTY", "FUT");
        final int booked = json(http.get("/orders")).get("data").size();

        assertInputError(http.post("/orders/regular", "exchange", "NSE", "tradingsymbol", "INFY", "transaction_type",
            "BUY", "order_type", "LIMIT", "quantity", "1", "price", String.valueOf(Math.floor(ltp * 2)), "product",
            "CNC"), "is outside the circuit limits");
        assertInputError(http.post("/orders/regular", "exchange", "NFO", "tradingsymbol", future, "transaction_type",
            "BUY", "order_type", "MARKET", "quantity", "1820", "product", "NRML", "market_protection", "-1"),
            "exceeds the freeze limit");
        assertInputError(http.post("/orders/regular", "exchange", "NSE", "tradingsymbol", "INFY", "transaction_type",
            "BUY", "order_type", "SL", "quantity", "1", "price", String.valueOf(Math.floor(ltp) - 5), "trigger_price",
            String.valueOf(Math.floor(ltp) - 5), "product", "CNC"), "should be higher than the last traded price");
        assertInputError(http.post("/orders/co", "exchange", "NSE", "tradingsymbol", "INFY", "transaction_type",
            "BUY", "order_type", "LIMIT", "quantity", "1", "price", String.valueOf(Math.floor(ltp * 2)),
            "trigger_price", String.valueOf(Math.floor(ltp) - 5), "product", "MIS"), "is outside the circuit limits");

        assertEquals(booked, json(http.get("/orders")).get("data").size(), "orders in the book");
    }

    @Test
    void shouldAutosliceAnOrderAboveTheFreezeQuantity() throws Exception
    {
        http.login();
        final String option = nfoSymbol("NIFTY", "PE");

        final HttpResponse<String> response = http.post("/orders/regular", "exchange", "NFO", "tradingsymbol", option,
            "transaction_type", "BUY", "order_type", "MARKET", "quantity", "1950", "product", "NRML", "autoslice",
            "true");

        assertEquals(200, response.statusCode(), response.body());
        final JsonNode data = json(response).get("data");
        final String parent = data.get("order_id").asText();
        assertEquals(2, data.get("children").size());
        final JsonNode first = http.latest(data.get("children").get(0).get("order_id").asText());
        final JsonNode second = http.latest(data.get("children").get(1).get("order_id").asText());
        assertEquals(1755, first.get("quantity").asLong());
        assertEquals(195, second.get("quantity").asLong());
        assertEquals("autoslice:" + parent, first.get("tags").get(1).asText());
        assertInputError(http.post("/orders/regular", "exchange", "NFO", "tradingsymbol", option,
            "transaction_type", "BUY", "order_type", "MARKET", "quantity", "19500", "product", "NRML", "autoslice",
            "true"), "at most 10");
    }

    @Test
    void shouldAnswerAnAutosliceChildTheRmsRefusesWithAnErrorAndKeepItOutOfTheBook() throws Exception
    {
        http.login();
        final String option = nfoSymbol("NIFTY", "CE");
        final Instrument instrument = sim.agent().universe().byKey("NFO", option);
        final long ltpPaise = sim.agent().call(() -> sim.agent().market().ltpPaise[instrument.index]);
        sim.close();
        sim = new KiteSimulator(SimHttp.context(clock).openingBalancePaise(ltpPaise * 1755 * 3 / 2)
            .redirectUrl("http://127.0.0.1:1/callback?app=x")).start();
        http = new SimHttp(sim);
        http.login();

        final HttpResponse<String> response = http.post("/orders/regular", "exchange", "NFO", "tradingsymbol", option,
            "transaction_type", "BUY", "order_type", "LIMIT", "price", java.math.BigDecimal.valueOf(ltpPaise, 2)
                .toPlainString(), "quantity", "3510", "product", "NRML", "autoslice", "true");

        assertEquals(200, response.statusCode(), response.body());
        final JsonNode children = json(response).get("data").get("children");
        assertEquals(2, children.size(), response.body());
        final String placed = children.get(0).get("order_id").asText();
        assertEquals(1755, http.latest(placed).get("quantity").asLong());
        assertFalse(children.get(1).has("order_id"), response.body());
        assertEquals("MarginException", children.get(1).get("error").get("error_type").asText(), response.body());
        assertTrue(children.get(1).get("error").get("message").asText().startsWith("Insufficient funds"),
            response.body());
        final JsonNode book = json(http.get("/orders")).get("data");
        assertEquals(1, book.size(), book.toString());
        assertEquals(placed, book.get(0).get("order_id").asText());
    }

    @Test
    void shouldTriggerAStopLossWhenThePriceCrossesItsTrigger() throws Exception
    {
        http.login();
        final Instrument infy = sim.agent().universe().byKey("NSE", "INFY");
        final long ltpPaise = sim.agent().call(() -> sim.agent().market().ltpPaise[infy.index]);
        final long triggerPaise = ltpPaise + 100;
        final String orderId = http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type",
            "BUY", "order_type", "SL-M", "quantity", "3", "trigger_price",
            KiteJson.rupees(triggerPaise) + "", "product", "MIS");
        assertEquals("TRIGGER PENDING", http.latest(orderId).get("status").asText());

        sim.agent().call(() ->
        {
            sim.agent().market().trade(infy.index, triggerPaise + 5, 1, clock.epochMillis() / 1000);
            sim.agent().market().rebuildDepth(infy.index);
            sim.agent().broker().onMarketStep();
            return null;
        });

        final List<String> statuses = statuses(json(http.get("/orders/" + orderId)).get("data"));
        assertEquals(List.of("TRIGGER PENDING", "OPEN", "COMPLETE"), statuses.subList(3, 6));
    }

    @Test
    void shouldComputePositionsWithKitesArithmetic() throws Exception
    {
        http.login();
        http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type", "BUY", "order_type",
            "MARKET", "quantity", "10", "product", "MIS");
        http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type", "SELL", "order_type",
            "MARKET", "quantity", "4", "product", "MIS");

        final JsonNode data = json(http.get("/portfolio/positions")).get("data");
        final JsonNode p = data.get("net").get(0);
        assertEquals(data.get("net"), data.get("day"));
        assertEquals(6, p.get("quantity").asLong());
        assertEquals(10, p.get("buy_quantity").asLong());
        assertEquals(4, p.get("sell_quantity").asLong());
        assertEquals(p.get("sell_value").asDouble() - p.get("buy_value").asDouble(), p.get("value").asDouble(),
            1e-6);
        assertEquals(p.get("buy_quantity").asDouble() * p.get("buy_price").asDouble(), p.get("buy_value").asDouble(),
            1e-6);
        assertEquals(p.get("value").asDouble() + 6 * p.get("last_price").asDouble(), p.get("pnl").asDouble(), 1e-6);
        assertEquals(p.get("pnl").asDouble(), p.get("unrealised").asDouble(), 1e-6);
        assertEquals(0, p.get("realised").asDouble());
        assertTrue(p.get("pnl").asDouble() != 0, "a day whose P&L is 0 tells realised from unrealised apart no better");
        for (final String field : new String[] { "pnl", "m2m", "realised", "unrealised", "value" })
        {
            final double paise = p.get(field).asDouble() * 100;
            assertEquals(Math.round(paise), paise, 1e-6, field);
        }
    }

    @Test
    void shouldConvertAPositionFromOneProductToAnother() throws Exception
    {
        http.login();
        http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type", "BUY", "order_type",
            "MARKET", "quantity", "10", "product", "MIS");

        final HttpResponse<String> convert = http.put("/portfolio/positions", "exchange", "NSE", "tradingsymbol",
            "INFY", "transaction_type", "BUY", "position_type", "day", "quantity", "4", "old_product", "MIS",
            "new_product", "CNC");

        assertEquals(200, convert.statusCode(), convert.body());
        final JsonNode net = json(http.get("/portfolio/positions")).get("data").get("net");
        assertEquals(6, net.get(0).get("quantity").asLong());
        assertEquals("CNC", net.get(1).get("product").asText());
        assertEquals(4, net.get(1).get("quantity").asLong());
        final HttpResponse<String> overnight = http.put("/portfolio/positions", "exchange", "NSE", "tradingsymbol",
            "INFY", "transaction_type", "BUY", "position_type", "overnight", "quantity", "1", "old_product", "MIS",
            "new_product", "CNC");
        assertEquals(400, overnight.statusCode(), overnight.body());
        assertTrue(overnight.body().contains("exceeds the convertible overnight bought quantity 0. 6 bought today " +
            "convert with `position_type` day."), overnight.body());
        final HttpResponse<String> same = http.put("/portfolio/positions", "exchange", "NSE", "tradingsymbol",
            "INFY", "transaction_type", "BUY", "position_type", "day", "quantity", "1", "old_product", "MIS",
            "new_product", "MIS");
        assertEquals(400, same.statusCode(), same.body());
        assertTrue(same.body().contains("InputException"), same.body());
        assertEquals(6, json(http.get("/portfolio/positions")).get("data").get("net").get(0).get("quantity")
            .asLong());
    }

    @Test
    void shouldRefuseAConversionThatNeedsHoldingsWholeLotsOrMarginTheAccountLacks() throws Exception
    {
        http.login();
        http.placeOrder("exchange", "NSE", "tradingsymbol", "TCS", "transaction_type", "SELL", "order_type",
            "MARKET", "quantity", "3", "product", "MIS");
        http.placeOrder("exchange", "NSE", "tradingsymbol", "RELIANCE", "transaction_type", "BUY", "order_type",
            "MARKET", "quantity", "2500", "product", "MIS");
        final String future = nfoSymbol("NIFTY", "FUT");
        http.placeOrder("exchange", "NFO", "tradingsymbol", future, "transaction_type", "BUY", "order_type",
            "MARKET", "quantity", "130", "product", "MIS");
        long reliance = 0;
        for (final JsonNode p : json(http.get("/portfolio/positions")).get("data").get("net"))
        {
            reliance += "RELIANCE".equals(p.get("tradingsymbol").asText()) ? p.get("quantity").asLong() : 0;
        }
        assertTrue(reliance * 1_000 > 10_00_000, "a position worth more than the opening balance: " + reliance);

        final HttpResponse<String> shortToDelivery = http.put("/portfolio/positions", "exchange", "NSE",
            "tradingsymbol", "TCS", "transaction_type", "SELL", "position_type", "day", "quantity", "3",
            "old_product", "MIS", "new_product", "CNC");
        final HttpResponse<String> beyondFunds = http.put("/portfolio/positions", "exchange", "NSE",
            "tradingsymbol", "RELIANCE", "transaction_type", "BUY", "position_type", "day", "quantity",
            Long.toString(reliance),
            "old_product", "MIS", "new_product", "CNC");
        final HttpResponse<String> partOfALot = http.put("/portfolio/positions", "exchange", "NFO",
            "tradingsymbol", future, "transaction_type", "BUY", "position_type", "day", "quantity", "100",
            "old_product", "MIS", "new_product", "NRML");
        final HttpResponse<String> wholeLots = http.put("/portfolio/positions", "exchange", "NFO",
            "tradingsymbol", future, "transaction_type", "BUY", "position_type", "day", "quantity", "65",
            "old_product", "MIS", "new_product", "NRML");

        assertEquals(400, shortToDelivery.statusCode(), shortToDelivery.body());
        assertTrue(shortToDelivery.body().contains("Insufficient holdings to convert: 0 of TCS"),
            shortToDelivery.body());
        assertEquals(400, beyondFunds.statusCode(), beyondFunds.body());
        assertTrue(beyondFunds.body().contains("\"error_type\":\"MarginException\""), beyondFunds.body());
        assertTrue(beyondFunds.body().contains("Insufficient funds to convert"), beyondFunds.body());
        assertEquals(400, partOfALot.statusCode(), partOfALot.body());
        assertTrue(partOfALot.body().contains("multiple of the lot size 65"), partOfALot.body());
        assertEquals(200, wholeLots.statusCode(), wholeLots.body());
        final JsonNode net = json(http.get("/portfolio/positions")).get("data").get("net");
        final java.util.Map<String, Long> quantities = new java.util.TreeMap<>();
        net.forEach(p -> quantities.put(p.get("tradingsymbol").asText() + " " + p.get("product").asText(),
            p.get("quantity").asLong()));
        assertEquals(java.util.Map.of("TCS MIS", -3L, "RELIANCE MIS", reliance, future + " MIS", 65L,
            future + " NRML", 65L), quantities);
    }

    @Test
    void shouldServeQuotesKeyedByTheRequestedStringAndOmitUnknownInstruments() throws Exception
    {
        http.login();

        final JsonNode quote = json(http.get("/quote?i=NSE:INFY&i=NSE:NIFTY+50&i=NSE:NOSUCH&i=408065")).get("data");

        assertEquals(3, quote.size());
        assertEquals(408065, quote.get("NSE:INFY").get("instrument_token").asLong());
        assertEquals(5, quote.get("NSE:INFY").get("depth").get("buy").size());
        assertTrue(quote.get("NSE:INFY").has("upper_circuit_limit"));
        assertFalse(quote.get("NSE:NIFTY 50").has("depth"));
        assertEquals(256265, quote.get("NSE:NIFTY 50").get("instrument_token").asLong());
        assertTrue(quote.has("408065"));
        final JsonNode ltp = json(http.get("/quote/ltp?i=NSE:INFY")).get("data").get("NSE:INFY");
        assertEquals(2, ltp.size());
        final JsonNode ohlc = json(http.get("/quote/ohlc?i=NSE:INFY")).get("data").get("NSE:INFY");
        assertEquals(4, ohlc.get("ohlc").size());
    }

    @Test
    void shouldServeProfileMarginsAndHoldings() throws Exception
    {
        http.login();

        assertEquals("QL0001", json(http.get("/user/profile")).get("data").get("user_id").asText());
        final JsonNode margins = json(http.get("/user/margins")).get("data");
        assertEquals(1_000_000.0, margins.get("equity").get("net").asDouble(), 1e-6);
        assertTrue(margins.get("commodity").get("enabled").asBoolean());
        assertEquals(margins.get("equity"), json(http.get("/user/margins/equity")).get("data"));
        final JsonNode holdings = json(http.get("/portfolio/holdings")).get("data");
        assertEquals("INFY", holdings.get(0).get("tradingsymbol").asText());
        assertTrue(holdings.get(0).has("mtf"));

        http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type", "BUY", "order_type",
            "MARKET", "quantity", "100", "product", "CNC");
        assertTrue(json(http.get("/user/margins/equity")).get("data").get("net").asDouble() < 1_000_000.0 - 100_000);
    }

    @Test
    void shouldKeepAnUnrealisedProfitOutOfTheAvailableMarginAndTakeALossFromIt()
    {
        final com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();

        final JsonNode profit = KiteJson.margin(mapper, 100_000_000, 604_460, 70);
        final JsonNode loss = KiteJson.margin(mapper, 100_000_000, 604_460, -5_000);

        assertEquals(993_955.40, profit.get("net").asDouble(), 1e-6);
        assertEquals(6_044.60, profit.get("utilised").get("debits").asDouble(), 1e-6);
        assertEquals(0.70, profit.get("utilised").get("m2m_unrealised").asDouble(), 1e-6);
        assertEquals(993_905.40, loss.get("net").asDouble(), 1e-6);
        assertEquals(6_094.60, loss.get("utilised").get("debits").asDouble(), 1e-6);
        assertEquals(loss.get("net").asDouble(), loss.get("available").get("live_balance").asDouble(), 1e-6);
    }

    @Test
    void shouldServeTheFullProfileAsTheProfileWithTheAccountsDetails() throws Exception
    {
        http.login();

        final JsonNode profile = json(http.get("/user/profile")).get("data");
        final JsonNode full = json(http.get("/user/profile/full")).get("data");

        for (final Map.Entry<String, JsonNode> field : profile.properties())
        {
            if (!"meta".equals(field.getKey()))
            {
                assertEquals(field.getValue(), full.get(field.getKey()), field.getKey());
            }
        }
        assertEquals("physical", full.get("meta").get("demat_consent").asText());
        assertEquals("totp", full.get("twofa_type").asText());
        assertEquals("*0001", full.get("bank_accounts").get(0).get("account").asText());
        assertTrue(full.get("meta").get("account_blocks").isArray());
        http.accessToken = null;
        assertEquals(403, http.get("/user/profile/full").statusCode());
    }

    @Test
    void shouldServeCompactHoldingsAndASummaryComputedFromTheHoldings() throws Exception
    {
        http.login();

        final JsonNode holdings = json(http.get("/portfolio/holdings")).get("data");
        final JsonNode compact = json(http.get("/portfolio/holdings/compact")).get("data");
        final JsonNode summary = json(http.get("/portfolio/holdings/summary")).get("data");

        assertEquals(holdings.size(), compact.size());
        assertTrue(holdings.size() >= 2);
        double invested = 0;
        double current = 0;
        double today = 0;
        for (int i = 0; i < holdings.size(); i++)
        {
            final JsonNode holding = holdings.get(i);
            final JsonNode item = compact.get(i);
            assertEquals(List.of("exchange", "tradingsymbol", "instrument_token", "t1_quantity", "quantity"),
                fieldNames(item));
            for (final String field : fieldNames(item))
            {
                assertEquals(holding.get(field), item.get(field), field);
            }
            final long qty = holding.get("quantity").asLong();
            invested += holding.get("average_price").asDouble() * qty;
            current += holding.get("last_price").asDouble() * qty;
            today += holding.get("day_change").asDouble() * qty;
        }
        assertEquals(List.of("total_pnl", "total_pnl_percent", "today_pnl", "today_pnl_percent", "invested_amount",
            "current_value"), fieldNames(summary));
        assertEquals(invested, summary.get("invested_amount").asDouble(), 1e-6);
        assertEquals(current, summary.get("current_value").asDouble(), 1e-6);
        assertEquals(current - invested, summary.get("total_pnl").asDouble(), 1e-6);
        assertEquals((current - invested) * 100 / invested, summary.get("total_pnl_percent").asDouble(), 1e-9);
        assertEquals(today, summary.get("today_pnl").asDouble(), 1e-6);
        assertEquals(today * 100 / (current - today), summary.get("today_pnl_percent").asDouble(), 1e-9);
    }

    @Test
    void shouldAuthoriseHoldingsWithARandomRequestId() throws Exception
    {
        http.login();

        final HttpResponse<String> first = http.post("/portfolio/holdings/authorise");
        final HttpResponse<String> second = http.post("/portfolio/holdings/authorise", "isin", "INE009A01021",
            "quantity", "1");

        assertEquals(200, first.statusCode(), first.body());
        assertEquals("success", json(first).get("status").asText());
        final JsonNode data = json(first).get("data");
        assertEquals(List.of("request_id"), fieldNames(data));
        assertTrue(data.get("request_id").asText().matches("[A-Za-z0-9]{32}"), data.toString());
        assertNotEquals(data, json(second).get("data"));
        assertEquals(405, http.get("/portfolio/holdings/authorise").statusCode());
        http.accessToken = null;
        assertEquals(403, http.post("/portfolio/holdings/authorise").statusCode());
    }

    @Test
    void shouldCountTheHoldingSoldTodayAsUsed() throws Exception
    {
        http.login();
        final JsonNode before = json(http.get("/portfolio/holdings")).get("data").get(0);
        assertEquals(0, before.get("used_quantity").asLong());
        final long held = before.get("quantity").asLong();

        http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type", "SELL", "order_type",
            "MARKET", "quantity", "3", "product", "CNC");
        final long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        JsonNode after = before;
        while (after.get("used_quantity").asLong() == 0 && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
            after = json(http.get("/portfolio/holdings")).get("data").get(0);
        }
        assertEquals(3, after.get("used_quantity").asLong());
        assertEquals(held, after.get("quantity").asLong());

        http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type", "BUY", "order_type",
            "MARKET", "quantity", "1", "product", "CNC");
        final long again = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (after.get("used_quantity").asLong() == 3 && System.nanoTime() < again)
        {
            Thread.sleep(20);
            after = json(http.get("/portfolio/holdings")).get("data").get(0);
        }
        assertEquals(2, after.get("used_quantity").asLong(), "a buy back of the day nets against the sells");
    }

    @Test
    void shouldAnswerBadInputWithKiteErrorEnvelopesNamingTheField() throws Exception
    {
        http.login();

        assertInputError(http.post("/orders/regular", "exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "order_type", "MARKET", "quantity", "ten", "product", "CNC"), "`quantity`");
        assertInputError(http.post("/orders/regular", "exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "order_type", "MARKET", "quantity", "99999999999999999", "product", "CNC"),
            "`quantity`");
        assertInputError(http.post("/orders/regular", "exchange", "XNSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "order_type", "MARKET", "quantity", "1", "product", "CNC"), "`exchange`");
        assertInputError(http.post("/orders/regular", "exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "order_type", "LIMIT", "quantity", "1", "product", "CNC"), "`price`");
        assertInputError(http.post("/orders/regular", "exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "order_type", "LIMIT", "quantity", "1", "price", "1.2.3", "product", "CNC"),
            "`price`");
        assertInputError(http.rawPost("/orders/regular", "application/json", "{\"exchange\":\"NSE\"}"),
            "form fields");
        assertInputError(http.post("/orders/regular", "exchange", "NSE", "transaction_type", "BUY"),
            "`tradingsymbol`");
        assertInputError(http.post("/orders/weird", "exchange", "NSE"), "`variety`");
        assertInputError(http.post("/orders/regular", "exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "order_type", "MARKET", "quantity", "1", "product", "CNC", "autoslice", "yes"),
            "`autoslice`");
        assertInputError(http.rawPost("/orders/regular", "application/x-www-form-urlencoded", "quantity=%zz&x"),
            "Malformed form body");
        assertInputError(http.post("/orders/regular", "exchange", "NSE", "tradingsymbol", "NIFTY 50",
            "transaction_type", "BUY", "order_type", "MARKET", "quantity", "1", "product", "CNC"), "index");
        assertInputError(http.get("/quote"), "`i`");
        assertInputError(http.get("/quote?i=NSE:INFY" + "&i=NSE:INFY".repeat(500)), "at most 500");
        assertInputError(http.rawPost("/__sim/faults", "application/json", "{not json"), "Malformed JSON");
        assertInputError(http.rawPost("/__sim/faults", "application/json", "{\"failStatus\":\"x\"}"), "`failStatus`");
        assertInputError(http.rawPost("/__sim/faults", "application/json", "{\"bogus\":true}"), "`bogus`");
        assertInputError(http.rawPost("/__sim/faults", "application/json", "{\"failStatus\":4294967699}"),
            "`failStatus` must be 0 or an HTTP error status 400..599: 4294967699");
        assertInputError(http.rawPost("/__sim/faults", "application/json", "{\"failStatus\":500,\"failCount\":0}"),
            "`failCount`");

        final HttpResponse<String> tooLarge = http.rawPost("/orders/regular", "application/x-www-form-urlencoded",
            "tag=" + "x".repeat(1_500_000));
        assertEquals(413, tooLarge.statusCode());
        assertEquals("InputException", json(tooLarge).get("error_type").asText());
        assertTrue(json(tooLarge).get("message").asText().contains("larger than 1024 KB"), tooLarge.body());

        final HttpResponse<String> unknown = http.get("/no/such/route");
        assertEquals(404, unknown.statusCode());
        assertEquals("GeneralException", json(unknown).get("error_type").asText());
        final HttpResponse<String> unknownOrder = http.get("/orders/123");
        assertEquals(400, unknownOrder.statusCode());
        assertTrue(json(unknownOrder).get("message").asText().contains("`order_id`"));
        assertEquals(200, http.get("/user/profile").statusCode());
        assertTrue(sim.errorCount() >= 14);
    }

    @Test
    void shouldRateLimitQuotesToOnePerSecondWithNetworkException() throws Exception
    {
        sim.close();
        sim = new KiteSimulator(SimHttp.context(clock).quoteRequestsPerSecond(1).ordersPerSecond(2)).start();
        http = new SimHttp(sim);
        http.login();

        assertEquals(200, http.get("/quote/ltp?i=NSE:INFY").statusCode());
        final HttpResponse<String> limited = http.get("/quote/ltp?i=NSE:INFY");
        assertEquals(429, limited.statusCode());
        assertEquals("NetworkException", json(limited).get("error_type").asText());
        assertEquals("Too many requests", json(limited).get("message").asText());
        clock.advanceMs(1000);
        assertEquals(200, http.get("/quote/ltp?i=NSE:INFY").statusCode());

        final String[] order = { "exchange", "NSE", "tradingsymbol", "INFY", "transaction_type", "BUY",
            "order_type", "MARKET", "quantity", "1", "product", "CNC" };
        assertEquals(200, http.post("/orders/regular", order).statusCode());
        assertEquals(200, http.post("/orders/regular", order).statusCode());
        assertEquals(429, http.post("/orders/regular", order).statusCode());
        assertEquals(2, sim.restReplies(429));
        assertEquals(0, sim.restReplies(403));
    }

    @Test
    void shouldNotCountRequestsWithoutAValidSessionAgainstTheRateLimit() throws Exception
    {
        sim.close();
        sim = new KiteSimulator(SimHttp.context(clock).quoteRequestsPerSecond(1)).start();
        http = new SimHttp(sim);
        http.login();

        for (int i = 0; i < 20; i++)
        {
            final HttpResponse<String> stale = http.send(http.request("/quote/ltp?i=NSE:INFY")
                .setHeader("Authorization", "token qleap_sim_key:stale" + i).GET());
            assertEquals(403, stale.statusCode());
            assertEquals("TokenException", json(stale).get("error_type").asText());
        }
        for (int i = 0; i < 20; i++)
        {
            assertEquals(403, http.send(http.request("/user/profile")
                .setHeader("Authorization", "token qleap_sim_key:stale").GET()).statusCode());
        }

        assertEquals(200, http.get("/quote/ltp?i=NSE:INFY").statusCode());
        assertEquals(200, http.get("/user/profile").statusCode());
        assertEquals(0, sim.restReplies(429));
    }

    @Test
    void shouldInjectARefusalOfTheInputAsKitesInputExceptionFor400() throws Exception
    {
        http.login();

        sim.faults().failRequests(400, 1);
        final HttpResponse<String> refused = http.get("/user/profile");

        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("InputException", json(refused).get("error_type").asText());
        assertEquals(200, http.get("/user/profile").statusCode());
    }

    @Test
    void shouldInjectFailuresDelaysAndTokenExpiryFromTheAdminEndpoint() throws Exception
    {
        http.login();

        assertEquals(200, http.rawPost("/__sim/faults", "application/json",
            "{\"failStatus\":503,\"failCount\":1}").statusCode());
        final HttpResponse<String> failed = http.get("/user/profile");
        assertEquals(503, failed.statusCode());
        assertEquals("NetworkException", json(failed).get("error_type").asText());
        assertEquals(200, http.get("/user/profile").statusCode());

        assertEquals(200, http.rawPost("/__sim/faults", "application/json", "{\"failStatus\":429}").statusCode());
        assertEquals(429, http.get("/user/profile").statusCode());
        assertEquals(429, http.get("/user/profile").statusCode());
        assertEquals(200, http.delete("/__sim/faults").statusCode());
        assertEquals(200, http.get("/user/profile").statusCode());

        http.rawPost("/__sim/faults", "application/json", "{\"delayMs\":150}");
        final long start = System.nanoTime();
        assertEquals(200, http.get("/user/profile").statusCode());
        assertTrue(System.nanoTime() - start >= 150_000_000L);
        http.rawPost("/__sim/faults", "application/json", "{\"clear\":true}");

        http.rawPost("/__sim/faults", "application/json", "{\"expireTokens\":true}");
        assertEquals(403, http.get("/user/profile").statusCode());
    }

    @Test
    void shouldRefuseTheAdminEndpointOffLoopback() throws Exception
    {
        final RestReply reply = sim.agent().handle(new RestRequest("GET", "/__sim/faults", Map.of(), Map.of(), null,
            "3", null, null, new byte[0], false));

        assertEquals(403, reply.status);
        assertEquals("PermissionException",
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(reply.body).get("error_type").asText());
    }

    private void assertInputError(final HttpResponse<String> response, final String mention) throws Exception
    {
        assertEquals(400, response.statusCode(), response.body());
        final JsonNode body = json(response);
        assertEquals("error", body.get("status").asText());
        assertEquals("InputException", body.get("error_type").asText());
        assertTrue(body.get("message").asText().contains(mention), body.get("message").asText());
    }

    private void assertRejected(final String orderId, final String mention) throws Exception
    {
        final JsonNode order = http.latest(orderId);
        assertEquals("REJECTED", order.get("status").asText());
        assertTrue(order.get("status_message").asText().contains(mention), order.get("status_message").asText());
    }

    private double ltp(final String key) throws Exception
    {
        return json(http.get("/quote/ltp?i=" + key)).get("data").get(key).get("last_price").asDouble();
    }

    private String nfoSymbol(final String prefix, final String type) throws Exception
    {
        for (final String line : http.get("/instruments/NFO").body().split("\n"))
        {
            final String[] f = line.split(",");
            if (f[2].startsWith(prefix) && type.equals(f[9]))
            {
                return f[2];
            }
        }
        throw new AssertionError("no " + prefix + " " + type);
    }

    private static List<String> fieldNames(final JsonNode node)
    {
        final List<String> names = new ArrayList<>();
        for (final Map.Entry<String, JsonNode> field : node.properties())
        {
            names.add(field.getKey());
        }
        return names;
    }

    private static List<String> statuses(final JsonNode history)
    {
        final List<String> statuses = new ArrayList<>();
        for (final JsonNode snapshot : history)
        {
            statuses.add(snapshot.get("status").asText());
        }
        return statuses;
    }
}
