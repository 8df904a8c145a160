package io.quantumleap.gateway.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumleap.engine.testing.Commands;
import io.quantumleap.gateway.audit.Audit;
import io.quantumleap.gateway.audit.AuditEvent;
import io.quantumleap.gateway.live.EngineCommands;
import io.quantumleap.gateway.live.LiveState;
import io.quantumleap.engine.protocol.BrokerSessionState;
import io.quantumleap.gateway.support.GatewayFixture;
import io.quantumleap.persistence.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrdersApiSystemTest
{
    private static final java.time.ZoneOffset IST = java.time.ZoneOffset.ofHoursMinutes(5, 30);
    private static final long INFY = 408065;
    private static final long TCS = 2953217;

    private static GatewayFixture app;
    private static String admin;

    @BeforeAll
    static void start() throws Exception
    {
        app = new GatewayFixture(Map.of());
        app.quotedEquity(INFY, "INFY", 150_000, 1000, 149_000);
        app.quotedEquity(TCS, "TCS", 350_025, 500, 349_000);
        app.brokerSession(1, BrokerSessionState.CONNECTED);
        admin = app.login("admin", GatewayFixture.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop()
    {
        app.close();
    }

    @Test
    void shouldFindInstrumentsAndQuoteThem() throws Exception
    {
        final HttpResponse<String> instruments = app.send("GET", "/api/instruments?q=inf", admin, null);
        final HttpResponse<String> quotes = app.send("GET", "/api/quotes?i=NSE:TCS&i=NSE:NOPE", admin, null);

        assertEquals(200, instruments.statusCode());
        assertTrue(instruments.body().contains("\"tradingsymbol\":\"INFY\""), instruments.body());
        assertTrue(!instruments.body().contains("TCS"), instruments.body());
        assertEquals(200, quotes.statusCode());
        assertTrue(quotes.body().contains("\"NSE:TCS\":{"), quotes.body());
        assertTrue(quotes.body().contains("\"last_price\":3500.25"), quotes.body());
        assertTrue(!quotes.body().contains("NOPE"), quotes.body());
        final HttpResponse<String> lowerCase = app.send("GET", "/api/quotes?i=nse:tcs", admin, null);
        assertEquals(200, lowerCase.statusCode(), lowerCase.body());
        assertTrue(lowerCase.body().contains("\"nse:tcs\":{"), lowerCase.body());
        final HttpResponse<String> noInstruments = app.send("GET", "/api/quotes", admin, null);
        assertEquals(400, noInstruments.statusCode(), noInstruments.body());
        assertTrue(noInstruments.body().contains("\"i: the query parameter is required\""), noInstruments.body());
        for (final String malformed : new String[] {"NSE:", ":INFY", "INFY"})
        {
            final HttpResponse<String> refused = app.send("GET", "/api/quotes?i=NSE:TCS&i=" + malformed, admin, null);
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("\"i: '" + malformed + "' is neither EXCHANGE:SYMBOL nor an " +
                "instrument token\""), refused.body());
        }
        final HttpResponse<String> wide = app.send("GET", "/api/quotes?i=NSE:TCS&i=4294967296", admin, null);
        assertEquals(400, wide.statusCode(), wide.body());
        assertTrue(wide.body().contains("\"i: '4294967296' is not an instrument token: a token is 1 to 4294967295 " +
            "(Kite's are 32-bit)\""), wide.body());
    }

    @Test
    void shouldRefuseAnEmptyOrUnknownExchangeNamingTheExchangesAndTakeOneInAnyCase() throws Exception
    {
        final HttpResponse<String> empty = app.send("GET", "/api/instruments?exchange=", admin, null);
        final HttpResponse<String> unknown = app.send("GET", "/api/instruments?q=inf&exchange=NOPE", admin, null);
        final HttpResponse<String> lowerCase = app.send("GET", "/api/instruments?q=inf&exchange=nse", admin, null);
        final HttpResponse<String> other = app.send("GET", "/api/instruments?q=inf&exchange=BSE", admin, null);
        final HttpResponse<String> noOrders = app.send("GET", "/api/instruments?q=inf&exchange=mcxsx", admin, null);

        assertEquals(400, empty.statusCode(), empty.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"exchange: empty; give a value or leave exchange " +
            "out\"}", empty.body());
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"exchange: 'NOPE' is not one of NSE, NFO, CDS, BSE, " +
            "BFO, BCD, MCX, MCXSX\"}", unknown.body());
        assertEquals(200, lowerCase.statusCode(), lowerCase.body());
        assertTrue(lowerCase.body().contains("\"tradingsymbol\":\"INFY\""), lowerCase.body());
        assertEquals(200, other.statusCode(), other.body());
        assertEquals("[]", other.body());
        assertEquals(200, noOrders.statusCode(), noOrders.body());
        assertEquals("[]", noOrders.body());
    }

    @Test
    void shouldAcceptAValidOrderThroughTheEngineAndListIt() throws Exception
    {
        final HttpResponse<String> placed = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":\"LIMIT\"," +
                "\"quantity\":1,\"product\":\"CNC\",\"price\":1500.05,\"client_order_id\":42}");

        assertEquals(201, placed.statusCode(), placed.body());
        assertTrue(placed.body().contains("\"client_order_id\":42"), placed.body());
        final HttpResponse<String> orders = app.send("GET", "/api/orders", admin, null);
        assertTrue(orders.body().contains("\"client_order_id\":42"), orders.body());
        final HttpResponse<String> history = app.send("GET", "/api/orders/42", admin, null);
        assertEquals(200, history.statusCode(), history.body());
    }

    @Test
    void shouldReturnTheRiskReasonWhenTheEngineRejects() throws Exception
    {
        final HttpResponse<String> offTick = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":\"LIMIT\"," +
                "\"quantity\":1,\"product\":\"CNC\",\"price\":1500.03}");
        final HttpResponse<String> duplicate = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":\"LIMIT\"," +
                "\"quantity\":1,\"product\":\"CNC\",\"price\":1500.10,\"client_order_id\":77}");
        final HttpResponse<String> again = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":\"LIMIT\"," +
                "\"quantity\":1,\"product\":\"CNC\",\"price\":1500.10,\"client_order_id\":77}");

        assertEquals(422, offTick.statusCode(), offTick.body());
        assertTrue(offTick.body().contains("price_off_tick"), offTick.body());
        assertTrue(offTick.body().contains("price 1500.03 is not a multiple of the tick size 0.05"), offTick.body());
        assertEquals(201, duplicate.statusCode(), duplicate.body());
        assertEquals(422, again.statusCode(), again.body());
        assertTrue(again.body().contains("duplicate_client_order_id"), again.body());
        assertTrue(again.body().contains("client_order_id 77 is already taken by another order of this account"),
            again.body());
    }

    @Test
    void shouldNameTheFieldOfABadOrder() throws Exception
    {
        final HttpResponse<String> badSide = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"HOLD\",\"order_type\":\"LIMIT\"," +
                "\"quantity\":1,\"product\":\"CNC\",\"price\":1500.05}");
        final HttpResponse<String> unknown = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"NOPE\",\"transaction_type\":\"BUY\",\"order_type\":\"LIMIT\"," +
                "\"quantity\":1,\"product\":\"CNC\",\"price\":1500.05}");
        final HttpResponse<String> noQty = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":\"LIMIT\"," +
                "\"product\":\"CNC\",\"price\":1500.05}");
        final HttpResponse<String> floatingPoint = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":\"LIMIT\"," +
                "\"quantity\":1,\"product\":\"CNC\",\"price\":1496.3500000000001}");

        assertEquals(400, badSide.statusCode());
        assertTrue(badSide.body().contains("transaction_type: 'HOLD' is not one of BUY, SELL"), badSide.body());
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("tradingsymbol"), unknown.body());
        assertEquals(400, noQty.statusCode());
        assertTrue(noQty.body().contains("quantity"), noQty.body());
        assertEquals(400, floatingPoint.statusCode());
        assertTrue(floatingPoint.body().contains("price: 1496.3500000000001 has more than 2 decimals"),
            floatingPoint.body());
    }

    @Test
    void shouldNameAnAccountIdThatIsNotANumberAsTheClientWroteIt() throws Exception
    {
        final HttpResponse<String> text = app.send("GET", "/api/orders?account_id=abc", admin, null);
        final HttpResponse<String> fraction = app.send("DELETE", "/api/orders/42?account_id=1.5", admin, null);
        final HttpResponse<String> huge = app.send("GET", "/api/positions?account_id=99999999999999999999", admin,
            null);

        assertEquals(400, text.statusCode(), text.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"account_id: expected a whole number, got 'abc'\"}",
            text.body());
        assertEquals(400, fraction.statusCode(), fraction.body());
        assertTrue(fraction.body().contains("\"account_id: expected a whole number, got '1.5'\""), fraction.body());
        assertEquals(400, huge.statusCode(), huge.body());
        assertTrue(huge.body().contains("\"account_id: expected a whole number from -9223372036854775808 to " +
            "9223372036854775807, got '99999999999999999999'\""), huge.body());
    }

    @Test
    void shouldAnswerABodyThatIsNotJson415WhateverItsType() throws Exception
    {
        final String order = "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
            "\"order_type\":\"LIMIT\",\"quantity\":1,\"product\":\"CNC\",\"price\":1400}";
        for (final String type : List.of("application/x-www-form-urlencoded", "text/plain", "application/xml"))
        {
            final HttpResponse<String> orders = sendTyped("POST", "/api/orders", type, order);
            final HttpResponse<String> risk = sendTyped("PUT", "/api/risk", type, "{}");

            assertEquals(415, orders.statusCode(), type + " " + orders.body());
            assertEquals("{\"error\":\"unsupported_media_type\",\"message\":\"the body must be JSON " +
                "(Content-Type: application/json), got " + type + "\"}", orders.body());
            assertEquals(415, risk.statusCode(), type + " " + risk.body());
        }
        final HttpResponse<String> json = sendTyped("POST", "/api/orders", "application/json; charset=utf-8", order);
        assertTrue(json.statusCode() != 415 && json.statusCode() != 403, json.body());
    }

    private HttpResponse<String> sendTyped(final String method, final String path, final String type,
        final String body) throws Exception
    {
        return app.http().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(app.server().getURL() + path))
            .header("Authorization", "Bearer " + admin)
            .header("Content-Type", type)
            .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldNameThePriceAStopOrATtlOrderLacks() throws Exception
    {
        final String order = "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
            "\"quantity\":1,\"product\":\"CNC\",";

        final HttpResponse<String> noTrigger = app.send("POST", "/api/orders", admin,
            order + "\"order_type\":\"SL\",\"price\":1600}");
        final HttpResponse<String> noPrice = app.send("POST", "/api/orders", admin,
            order + "\"order_type\":\"SL\",\"trigger_price\":1600}");
        final HttpResponse<String> noMinutes = app.send("POST", "/api/orders", admin,
            order + "\"order_type\":\"LIMIT\",\"price\":1400,\"validity\":\"TTL\"}");
        final HttpResponse<String> huge = app.send("POST", "/api/orders", admin,
            order + "\"order_type\":\"LIMIT\",\"price\":1e300}");

        assertEquals(400, noTrigger.statusCode(), noTrigger.body());
        assertTrue(noTrigger.body().contains("trigger_price: needed for an SL or SL-M order"), noTrigger.body());
        assertEquals(400, noPrice.statusCode(), noPrice.body());
        assertTrue(noPrice.body().contains("\"price: needed for a LIMIT or SL order\""), noPrice.body());
        assertEquals(400, noMinutes.statusCode(), noMinutes.body());
        assertTrue(noMinutes.body().contains("validity_ttl: a TTL order needs its life in minutes"), noMinutes.body());
        assertEquals(400, huge.statusCode(), huge.body());
        assertTrue(huge.body().contains("price: 1E+300 has more than 14 digits before the decimal point"),
            huge.body());
    }

    @Test
    void shouldSayWhatIsWrongWithAPriceOrAClientOrderIdAsTheClientWroteIt() throws Exception
    {
        final String order = "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
            "\"quantity\":1,\"product\":\"CNC\",\"order_type\":\"LIMIT\",";

        final HttpResponse<String> tiny = app.send("POST", "/api/orders", admin, order + "\"price\":1e-9}");
        final HttpResponse<String> minusZero = app.send("POST", "/api/orders", admin, order + "\"price\":-0}");
        final HttpResponse<String> clientOrderId = app.send("POST", "/api/orders", admin,
            order + "\"price\":1500,\"client_order_id\":9223372036854775807}");
        final HttpResponse<String> alert = app.send("POST", "/api/alerts", admin, "{\"exchange\":\"NSE\"," +
            "\"tradingsymbol\":\"INFY\",\"direction\":\"above\",\"price\":1e-9}");

        assertEquals("{\"error\":\"bad_request\",\"message\":\"price: 0.000000001 has more than 2 decimals\"}",
            tiny.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"price: must be more than 0 for a LIMIT or SL order, " +
            "got 0\"}", minusZero.body());
        assertEquals("{\"error\":\"bad_request\",\"message\":\"client_order_id: must be less than or equal to " +
            "999999999999999999\"}", clientOrderId.body());
        assertEquals(400, alert.statusCode(), alert.body());
        assertTrue(alert.body().contains("\"price: 0.000000001 has more than "), alert.body());
    }

    @Test
    void shouldNameTheFieldOfAProtectionLegsOrLifetimeOutOfRange() throws Exception
    {
        final String order = "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
            "\"quantity\":10,\"product\":\"CNC\",";
        final Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("\"order_type\":\"MARKET\",\"market_protection\":500}",
            "market_protection: 1 to 100 (a percent) or -1 (the exchange's default), not 500");
        refusals.put("\"order_type\":\"MARKET\",\"market_protection\":0}",
            "market_protection: 1 to 100 (a percent) or -1 (the exchange's default), not 0 (SEBI's rule for API " +
            "orders)");
        refusals.put("\"order_type\":\"SL-M\",\"trigger_price\":1600,\"market_protection\":-7}",
            "market_protection: 1 to 100 (a percent) or -1 (the exchange's default), not -7");
        refusals.put("\"order_type\":\"LIMIT\",\"price\":1400,\"market_protection\":12345}",
            "market_protection: 1 to 100 (a percent) or -1 (the exchange's default), not 12345");
        refusals.put("\"order_type\":\"LIMIT\",\"price\":1400,\"tag\":\"\u0928\u092e\"}",
            "tag: letters, digits, spaces and ASCII punctuation only, as Kite takes a tag");
        refusals.put("\"order_type\":\"LIMIT\",\"price\":1400,\"variety\":\"iceberg\",\"iceberg_legs\":1," +
            "\"iceberg_quantity\":5}", "iceberg_legs: an iceberg order has 2 to 10 legs, not 1");
        refusals.put("\"order_type\":\"LIMIT\",\"price\":1400,\"variety\":\"iceberg\"}",
            "iceberg_legs: an iceberg order has 2 to 10 legs\"");
        refusals.put("\"order_type\":\"LIMIT\",\"price\":1400,\"variety\":\"iceberg\",\"iceberg_legs\":2," +
            "\"iceberg_quantity\":11}", "iceberg_quantity: the quantity of each leg, 1 to the order's 10, not 11");
        refusals.put("\"order_type\":\"LIMIT\",\"price\":1400,\"iceberg_legs\":3}",
            "iceberg_legs: only an iceberg order (variety iceberg) has legs");
        refusals.put("\"order_type\":\"LIMIT\",\"price\":1400,\"validity\":\"TTL\",\"validity_ttl\":1441}",
            "validity_ttl: a TTL order needs its life in minutes, 1 to 1440, not 1441");
        refusals.put("\"order_type\":\"LIMIT\",\"price\":1400,\"validity_ttl\":5}",
            "validity_ttl: only a TTL order has one; this one is DAY");
        refusals.put("\"order_type\":\"SL\",\"price\":1400,\"trigger_price\":1400.5}",
            "trigger_price: a BUY SL order's trigger cannot be above its price (1400.5 > 1400)");

        for (final Map.Entry<String, String> refusal : refusals.entrySet())
        {
            final HttpResponse<String> refused = app.send("POST", "/api/orders", admin, order + refusal.getKey());
            assertEquals(400, refused.statusCode(), refusal.getKey() + " " + refused.body());
            assertTrue(refused.body().contains(refusal.getValue()), refused.body());
        }
    }

    @Test
    void shouldAnswerTheOrderRateLimitWith429AndWhenToRetry() throws Exception
    {
        final String limits = "{\"limits\":{\"account_id\":1,\"max_order_value\":10000000," +
            "\"max_position_qty\":100000,\"price_band_bps\":2000,\"orders_per_second\":%d," +
            "\"orders_per_minute\":400,\"orders_per_day\":3000}}";
        assertEquals(200, app.send("PUT", "/api/risk", admin, limits.formatted(1)).statusCode());
        try
        {
            final List<HttpResponse<String>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                answers.add(app.send("POST", "/api/orders", admin, "{\"exchange\":\"NSE\",\"tradingsymbol\":" +
                    "\"INFY\",\"transaction_type\":\"BUY\",\"quantity\":1,\"product\":\"CNC\"," +
                    "\"order_type\":\"LIMIT\",\"price\":1400.05,\"client_order_id\":" + (81 + i) + "}"));
            }
            final HttpResponse<String> limited = answers.stream().filter(a -> a.statusCode() == 429).findFirst()
                .orElseThrow(() -> new AssertionError(answers.stream().map(HttpResponse::body).toList()));
            assertEquals("1", limited.headers().firstValue("Retry-After").orElse(null), limited.body());
            assertTrue(limited.body().contains("\"error\":\"rate_limit_second\""), limited.body());
            assertTrue(limited.body().contains("the limit is 1 (risk limit orders_per_second)"), limited.body());
        }
        finally
        {
            assertEquals(200, app.send("PUT", "/api/risk", admin, limits.formatted(10)).statusCode());
        }
    }

    @Test
    void shouldRefuseAModifyLeavingAnOrderKiteWouldNotTakeNamingTheField() throws Exception
    {
        final HttpResponse<String> placed = app.send("POST", "/api/orders", admin, "{\"exchange\":\"NSE\"," +
            "\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"quantity\":1,\"product\":\"CNC\"," +
            "\"order_type\":\"LIMIT\",\"price\":1500.05,\"client_order_id\":71}");
        assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());
        final Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("{\"order_type\":\"MARKET\"}", "order_type: a MARKET order needs market_protection (SEBI's " +
            "rule for API orders) and a modify cannot give it; cancel the order and place a MARKET one");
        refusals.put("{\"order_type\":\"sl-m\",\"trigger_price\":1499}", "order_type: a SL-M order needs " +
            "market_protection");
        refusals.put("{\"order_type\":\"SL\"}", "trigger_price: needed for an SL or SL-M order");
        refusals.put("{\"validity\":\"ttl\"}", "validity: a TTL order needs its life in minutes (validity_ttl), " +
            "which a modify cannot give");
        refusals.put("{\"disclosed_quantity\":12345}", "disclosed_quantity: from 0 to the order's quantity (1), " +
            "got 12345");
        refusals.put("{\"quantity\":4,\"disclosed_quantity\":-1}", "disclosed_quantity: from 0 to the order's " +
            "quantity (4), got -1");

        for (final Map.Entry<String, String> refusal : refusals.entrySet())
        {
            final HttpResponse<String> refused = app.send("PUT", "/api/orders/71", admin, refusal.getKey());
            assertEquals(400, refused.statusCode(), refusal.getKey() + " " + refused.body());
            assertTrue(refused.body().contains(refusal.getValue()), refused.body());
        }
        final HttpResponse<String> stopLoss =
            app.send("PUT", "/api/orders/71", admin, "{\"order_type\":\"SL\",\"trigger_price\":1499}");
        assertTrue(stopLoss.statusCode() != 400 && !stopLoss.body().contains("bad_request"), stopLoss.body());

        final HttpResponse<String> protectedLimit = app.send("POST", "/api/orders", admin, "{\"exchange\":\"NSE\"," +
            "\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"quantity\":1,\"product\":\"CNC\"," +
            "\"order_type\":\"LIMIT\",\"price\":1500.05,\"market_protection\":-1,\"client_order_id\":72}");
        assertTrue(protectedLimit.statusCode() == 201 || protectedLimit.statusCode() == 202, protectedLimit.body());
        final HttpResponse<String> toMarket =
            app.send("PUT", "/api/orders/72", admin, "{\"order_type\":\"MARKET\"}");
        assertEquals(400, toMarket.statusCode(), toMarket.body());
        assertTrue(toMarket.body().contains("cancel the order and place a MARKET one (a LIMIT order's " +
            "market_protection is not sent to the broker)"), toMarket.body());
    }

    @Test
    void shouldRefuseOrdersWhileTheAccountsBrokerSessionNeedsALogin() throws Exception
    {
        final String order = "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
            "\"quantity\":1,\"product\":\"CNC\",\"order_type\":\"LIMIT\",\"price\":1500.05,\"client_order_id\":";
        final HttpResponse<String> placed = app.send("POST", "/api/orders", admin, order + "61}");
        assertTrue(placed.statusCode() == 201 || placed.statusCode() == 202, placed.body());

        app.brokerSession(1, BrokerSessionState.TOKEN_EXPIRED);
        try
        {
            final HttpResponse<String> refused = app.send("POST", "/api/orders", admin, order + "62}");
            final HttpResponse<String> cancel = app.send("DELETE", "/api/orders/61", admin, null);

            assertEquals(409, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("\"error\":\"broker_not_connected\""), refused.body());
            assertTrue(refused.body().contains("account 1 is not connected to the broker (token_expired)"),
                refused.body());
            assertEquals(409, cancel.statusCode(), cancel.body());
            assertEquals(404, app.send("GET", "/api/orders/62", admin, null).statusCode());
        }
        finally
        {
            app.brokerSession(1, BrokerSessionState.CONNECTED);
        }
        final HttpResponse<String> again = app.send("POST", "/api/orders", admin, order + "62}");
        assertTrue(again.statusCode() == 201 || again.statusCode() == 202, again.body());
        final HttpResponse<String> nothing = app.send("PUT", "/api/orders/62", admin, "{}");
        assertEquals(400, nothing.statusCode(), nothing.body());
        assertTrue(nothing.body().contains("a modify names what to change"), nothing.body());
    }

    @Test
    void shouldSayWhatACoverOrderNeeds() throws Exception
    {
        final String order = "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
            "\"quantity\":1,\"order_type\":\"MARKET\",\"market_protection\":2,";

        final HttpResponse<String> noTrigger = app.send("POST", "/api/orders", admin,
            order + "\"product\":\"MIS\",\"variety\":\"co\"}");
        final HttpResponse<String> delivery = app.send("POST", "/api/orders", admin,
            order + "\"product\":\"CNC\",\"variety\":\"co\",\"trigger_price\":1400}");
        final HttpResponse<String> coAlone = app.send("POST", "/api/orders", admin,
            order + "\"product\":\"CO\",\"trigger_price\":1400}");

        assertEquals(400, noTrigger.statusCode(), noTrigger.body());
        assertTrue(noTrigger.body().contains("trigger_price: a cover order needs the trigger of its stop-loss leg"),
            noTrigger.body());
        assertEquals(400, delivery.statusCode(), delivery.body());
        assertTrue(delivery.body().contains("product: a cover order is intraday, CO (or MIS), not CNC"),
            delivery.body());
        assertEquals(400, coAlone.statusCode(), coAlone.body());
        assertTrue(coAlone.body().contains("product: CO goes with variety co"), coAlone.body());
    }

    @Test
    void shouldRefuseAProductTheInstrumentDoesNotTakeBeforeTheBrokerSeesIt() throws Exception
    {
        final int before = new ObjectMapper().readTree(app.send("GET", "/api/orders", admin, null).body()).size();

        final HttpResponse<String> carry = app.send("POST", "/api/orders", admin, "{\"exchange\":\"NSE\"," +
            "\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"quantity\":1,\"order_type\":\"LIMIT\"," +
            "\"price\":1500,\"product\":\"NRML\"}");

        assertEquals(400, carry.statusCode(), carry.body());
        assertTrue(carry.body().contains("product: NRML is not taken for NSE:INFY, an equity: CNC, MIS or MTF"),
            carry.body());
        assertEquals(before, new ObjectMapper().readTree(app.send("GET", "/api/orders", admin, null).body()).size());
    }

    @Test
    void shouldRefuseAnAuctionOrderWithoutItsAuctionNumberAndAnyOtherOrderWithOne() throws Exception
    {
        final String sell = "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"SELL\"," +
            "\"quantity\":1,\"order_type\":\"LIMIT\",\"price\":1500,\"product\":\"CNC\"";
        final HttpResponse<String> none = app.send("POST", "/api/orders", admin, sell + ",\"variety\":\"auction\"}");
        final HttpResponse<String> letters = app.send("POST", "/api/orders", admin,
            sell + ",\"variety\":\"auction\",\"auction_number\":\"A7\"}");
        final HttpResponse<String> regular = app.send("POST", "/api/orders", admin,
            sell + ",\"auction_number\":\"22\"}");

        assertEquals(400, none.statusCode(), none.body());
        assertTrue(none.body().contains("auction_number: an auction order sells holdings into the auction of this " +
            "number (1 to 8 digits; GET /api/holdings/auctions lists the auctions open now), got ''"), none.body());
        assertEquals(400, letters.statusCode(), letters.body());
        assertTrue(letters.body().contains("got 'A7'"), letters.body());
        assertEquals(400, regular.statusCode(), regular.body());
        assertTrue(regular.body().contains("auction_number: only an auction order (variety auction) has one"),
            regular.body());
    }

    @Test
    void shouldNameTheDisclosedQuantityWhenItIsAboveTheOrdersQuantity() throws Exception
    {
        final HttpResponse<String> above = app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"order_type\":\"LIMIT\"," +
                "\"product\":\"CNC\",\"quantity\":2,\"price\":1450,\"disclosed_quantity\":3}");

        assertEquals(400, above.statusCode(), above.body());
        assertTrue(above.body().contains("disclosed_quantity: from 0 to the order's quantity (2), got 3"),
            above.body());
    }

    @Test
    void shouldRefuseAValueOfTheWrongKindNamingItsFieldAsOnTheWireRatherThanCoerceIt() throws Exception
    {
        final String order = "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
            "\"order_type\":\"LIMIT\",\"product\":\"CNC\",\"quantity\":1,";
        final Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put(order + "\"price\":true}", "price: expected a number, got true");
        refused.put(order + "\"price\":\"1450\"}", "price: expected a number, got the text '1450'");
        refused.put(order + "\"price\":[1450.5]}", "price: expected a number, got an array");
        refused.put(order + "\"price\":1450,\"tag\":5}", "tag: expected text, got 5");
        refused.put(order + "\"price\":1450,\"disclosed_quantity\":0.5}",
            "disclosed_quantity: expected a whole number, got 0.5");
        refused.put(order + "\"price\":1450,\"market_protection\":\"-1\"}",
            "market_protection: expected a whole number, got the text '-1'");

        for (final Map.Entry<String, String> body : refused.entrySet())
        {
            final HttpResponse<String> response = app.send("POST", "/api/orders", admin, body.getKey());
            assertEquals(400, response.statusCode(), body.getKey() + " -> " + response.body());
            assertTrue(response.body().contains("\"" + body.getValue() + "\""),
                body.getKey() + " -> " + response.body());
        }
        final HttpResponse<String> created = app.send("POST", "/api/users", admin, "{\"username\":\"kinds\"," +
            "\"password\":\"kinds-password-1\",\"roles\":[\"trader\"],\"account_ids\":[1]}");
        assertEquals(201, created.statusCode(), created.body());
        final String id = created.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        final HttpResponse<String> enabled = app.send("PUT", "/api/users/" + id, admin, "{\"enabled\":\"yes\"}");
        final HttpResponse<String> accounts = app.send("PUT", "/api/users/" + id, admin, "{\"account_ids\":[1,1.5]}");
        final HttpResponse<String> limit = app.send("PUT", "/api/risk", admin, "{\"limits\":{\"account_id\":1," +
            "\"max_order_value\":true,\"max_position_qty\":100000,\"price_band_bps\":2000,\"orders_per_second\":10," +
            "\"orders_per_minute\":400,\"orders_per_day\":3000}}");

        assertEquals(400, enabled.statusCode(), enabled.body());
        assertTrue(enabled.body().contains("enabled: expected true or false, got the text 'yes'"), enabled.body());
        assertTrue(app.send("GET", "/api/users", admin, null).body().contains("\"username\":\"kinds\"," +
            "\"roles\":[\"trader\"],\"enabled\":true"));
        assertEquals(400, accounts.statusCode(), accounts.body());
        assertTrue(accounts.body().contains("account_ids[1]: expected a whole number, got 1.5"), accounts.body());
        assertEquals(400, limit.statusCode(), limit.body());
        assertTrue(limit.body().contains("max_order_value: expected a number, got true"), limit.body());
    }

    @Test
    void shouldRefuseAQuantityThatIsNotAWholeNumberRatherThanRoundIt() throws Exception
    {
        final String order = "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
            "\"order_type\":\"LIMIT\",\"product\":\"CNC\",\"price\":1400.05,\"quantity\":";

        final HttpResponse<String> fraction = app.send("POST", "/api/orders", admin, order + "10.5}");
        final HttpResponse<String> flag = app.send("POST", "/api/orders", admin, order + "true}");
        final HttpResponse<String> text = app.send("POST", "/api/orders", admin, order + "\"ten\"}");
        final HttpResponse<String> exponent = app.send("POST", "/api/orders", admin, order + "1e0}");
        final HttpResponse<String> huge = app.send("POST", "/api/orders", admin, order + "99999999999999999999}");

        assertEquals(400, fraction.statusCode(), fraction.body());
        assertTrue(fraction.body().contains("\"quantity: expected a whole number, got 10.5\""), fraction.body());
        assertEquals(400, flag.statusCode(), flag.body());
        assertTrue(flag.body().contains("quantity: expected a whole number, got true"), flag.body());
        assertEquals(400, text.statusCode(), text.body());
        assertTrue(text.body().contains("quantity: expected a whole number, got the text 'ten'"), text.body());
        assertEquals(201, exponent.statusCode(), exponent.body());
        assertTrue(exponent.body().contains("\"client_order_id\""), exponent.body());
        assertEquals(400, huge.statusCode(), huge.body());
        assertTrue(huge.body().contains("quantity: expected a whole number from "), huge.body());
        assertTrue(huge.body().contains(", got 99999999999999999999"), huge.body());
    }

    @Test
    void shouldRefuseOrdersWhileTheKillSwitchHaltsTheAccount() throws Exception
    {
        final HttpResponse<String> halt = app.send("PUT", "/api/risk", admin,
            "{\"kill_switch\":{\"account_id\":1,\"mode\":\"halt\",\"reason\":\"test\"}}");
        try
        {
            assertEquals(200, halt.statusCode(), halt.body());
            assertTrue(halt.body().contains("{\"account_id\":1,\"mode\":\"halt\"}"), halt.body());

            final HttpResponse<String> refused = app.send("POST", "/api/orders", admin,
                "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\"," +
                    "\"order_type\":\"LIMIT\",\"quantity\":1,\"product\":\"CNC\",\"price\":1500.05}");

            assertEquals(422, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("kill_switch_halt"), refused.body());
            final List<String> received = new CopyOnWriteArrayList<>();
            final WebSocket opened = app.webSocket(admin, received::add);
            GatewayFixture.await("the kill switch in force told to a client that connects", Duration.ofSeconds(10),
                () -> received.contains("{\"type\":\"kill_switch\",\"data\":{\"account_id\":1,\"mode\":\"halt\"}}"));
            opened.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
        finally
        {
            app.send("PUT", "/api/risk", admin, "{\"kill_switch\":{\"account_id\":1,\"mode\":\"off\"}}");
            GatewayFixture.await("the kill switch to be off", Duration.ofSeconds(10), () ->
                app.bean(LiveState.class).risk().killSwitches().stream()
                    .anyMatch(k -> k.accountId() == 1 && k.mode().equals("off")));
        }
    }

    @Test
    void shouldValidateRiskChangesAndKeepThemForAdmins() throws Exception
    {
        final HttpResponse<String> badMode = app.send("PUT", "/api/risk", admin,
            "{\"kill_switch\":{\"account_id\":1,\"mode\":\"panic\"}}");
        final HttpResponse<String> tooFast = app.send("PUT", "/api/risk", admin,
            "{\"limits\":{\"account_id\":0,\"max_order_value\":100000,\"max_position_qty\":1000," +
                "\"price_band_bps\":500,\"orders_per_second\":50,\"orders_per_minute\":400,\"orders_per_day\":3000}}");

        final HttpResponse<String> unknownAccount = app.send("PUT", "/api/risk", admin,
            "{\"kill_switch\":{\"account_id\":999,\"mode\":\"halt\"}}");
        final HttpResponse<String> zeroValue = app.send("PUT", "/api/risk", admin,
            "{\"limits\":{\"account_id\":0,\"max_order_value\":0,\"max_position_qty\":1000," +
                "\"price_band_bps\":500,\"orders_per_second\":5,\"orders_per_minute\":400,\"orders_per_day\":3000}}");

        assertEquals(422, unknownAccount.statusCode(), unknownAccount.body());
        assertTrue(unknownAccount.body().contains("account 999 is not known to the engine"), unknownAccount.body());
        assertEquals(400, zeroValue.statusCode(), zeroValue.body());
        assertTrue(zeroValue.body().contains("max_order_value") || zeroValue.body().contains("maxOrderValue"),
            zeroValue.body());
        assertEquals(400, badMode.statusCode());
        assertTrue(badMode.body().contains("kill_switch.mode: 'panic'"), badMode.body());
        assertEquals(400, tooFast.statusCode());
        assertTrue(tooFast.body().contains("limits.orders_per_second: "), tooFast.body());
    }

    @Test
    void shouldAuditLoginsAndOrders() throws Exception
    {
        app.send("POST", "/api/orders", admin,
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"SELL\",\"order_type\":\"LIMIT\"," +
                "\"quantity\":1,\"product\":\"CNC\",\"price\":1600.00}");

        final HttpResponse<String> audit = app.send("GET", "/api/audit?user=admin", admin, null);

        assertEquals(200, audit.statusCode(), audit.body());
        assertTrue(audit.body().contains("\"event_type\":\"login\""), audit.body());
        assertTrue(audit.body().contains("\"username\":\"admin\""), audit.body());
        assertTrue(audit.body().contains("\"event_type\":\"order_place\""), audit.body());
        assertTrue(!audit.body().contains(GatewayFixture.ADMIN_PASSWORD), audit.body());
        assertTrue(GatewayFixture.auditDetails(audit.body()).stream().anyMatch(d ->
            "INFY".equals(d.path("tradingsymbol").asText()) && "SELL".equals(d.path("transaction_type").asText()) &&
            d.path("price").isNumber() && d.path("quantity").asLong() == 1), audit.body());
        final String today = java.time.LocalDate.now(app.bean(Clock.class).withZone(IST)).toString();
        final HttpResponse<String> ofToday =
            app.send("GET", "/api/audit?from=" + today + "&to=" + today, admin, null);
        assertEquals(200, ofToday.statusCode(), ofToday.body());
        assertTrue(ofToday.body().contains("\"event_type\":\"order_place\""), ofToday.body());
        final HttpResponse<String> backwards =
            app.send("GET", "/api/audit?from=2026-11-30T10:00:00Z&to=2026-11-30T09:00:00Z", admin, null);
        assertEquals(400, backwards.statusCode(), backwards.body());
        assertTrue(backwards.body().contains(
            "from: 2026-11-30T10:00:00Z is after to 2026-11-30T09:00:00Z; swap them"), backwards.body());
        final HttpResponse<String> unknownUser = app.send("GET", "/api/audit?user=nobody", admin, null);
        assertEquals(404, unknownUser.statusCode(), unknownUser.body());
        assertTrue(unknownUser.body().contains(
            "user: no user named 'nobody'; leave user out for everyone's trail"), unknownUser.body());
        final HttpResponse<String> unknownType = app.send("GET", "/api/audit?type=NOPE", admin, null);
        assertEquals(400, unknownType.statusCode(), unknownType.body());
        assertTrue(unknownType.body().contains("type: 'NOPE' is not an audit event type; the types are login, "),
            unknownType.body());
        assertTrue(unknownType.body().contains("order_place") && unknownType.body().contains("BROKER_CONVERSION"),
            unknownType.body());
        final JsonNode placed =
            new ObjectMapper().readTree(app.send("GET", "/api/audit?type=%20Order_Place%20", admin, null).body());
        assertTrue(placed.size() > 0, placed.toString());
        for (final JsonNode entry : placed)
        {
            assertEquals("order_place", entry.path("event_type").asText(), placed.toString());
        }
        final JsonNode logins =
            new ObjectMapper().readTree(app.send("GET", "/api/audit?type=LOGIN", admin, null).body());
        assertTrue(logins.size() > 0, logins.toString());
        for (final JsonNode entry : logins)
        {
            assertEquals("login", entry.path("event_type").asText(), logins.toString());
        }
    }

    @Test
    void shouldAuditOrderRequestsRefusedBeforeTheEngineWithTheirReasonAsWellAsTheEnginesRejects() throws Exception
    {
        final String order = "\"transaction_type\":\"BUY\",\"product\":\"CNC\",\"quantity\":";
        final int unknown = app.send("POST", "/api/orders", admin, "{\"exchange\":\"NSE\",\"tradingsymbol\":" +
            "\"NOSUCHSTOCK\",\"order_type\":\"LIMIT\",\"price\":10," + order + "1}").statusCode();
        final int unprotected = app.send("POST", "/api/orders", admin, "{\"exchange\":\"NSE\",\"tradingsymbol\":" +
            "\"INFY\",\"order_type\":\"MARKET\",\"market_protection\":0," + order + "731}").statusCode();
        final int notMine = app.send("POST", "/api/orders", admin, "{\"account_id\":999,\"exchange\":\"NSE\"," +
            "\"tradingsymbol\":\"TCS\",\"order_type\":\"LIMIT\",\"price\":3500," + order + "1}").statusCode();
        final HttpResponse<String> exchange = app.send("POST", "/api/orders", admin, "{\"exchange\":\"100\"," +
            "\"tradingsymbol\":\"INFY\",\"order_type\":\"LIMIT\",\"price\":10," + order + "1}");
        final int offTick = app.send("POST", "/api/orders", admin, "{\"exchange\":\"NSE\",\"tradingsymbol\":" +
            "\"INFY\",\"order_type\":\"LIMIT\",\"price\":1500.02," + order + "733}").statusCode();
        final int modify = app.send("PUT", "/api/orders/no-such-order-1", admin, "{\"quantity\":2}").statusCode();
        final int cancel = app.send("DELETE", "/api/orders/no-such-order-2", admin, null).statusCode();

        assertEquals(List.of(400, 400, 403, 422, 404, 404), List.of(unknown, unprotected, notMine, offTick, modify,
            cancel));
        assertEquals("{\"error\":\"bad_request\",\"message\":\"exchange: '100' is not one of NSE, BSE, NFO, BFO, " +
            "CDS, BCD, MCX\"}", exchange.body());
        final List<JsonNode> places = GatewayFixture.auditDetails(
            app.send("GET", "/api/audit?type=order_place&limit=10000", admin, null).body());
        assertAudited(places, "tradingsymbol", "NOSUCHSTOCK", 400, "bad_request",
            "tradingsymbol: no instrument NSE:NOSUCHSTOCK is known");
        assertAudited(places, "quantity", "731", 400, "bad_request", "SEBI's rule for API orders");
        assertAudited(places, "account_id", "999", 403, "forbidden", "account_id: 999 is not one of yours");
        assertAudited(places, "quantity", "733", 422, "price_off_tick",
            "price 1500.02 is not a multiple of the tick size 0.05");
        assertAudited(GatewayFixture.auditDetails(app.send("GET", "/api/audit?type=order_modify&limit=10000", admin,
            null).body()), "order_id", "no-such-order-1", 404, "not_found", "no order 'no-such-order-1' in account 1");
        assertAudited(GatewayFixture.auditDetails(app.send("GET", "/api/audit?type=order_cancel&limit=10000", admin,
            null).body()), "order_id", "no-such-order-2", 404, "not_found", "no order 'no-such-order-2' in account 1");
    }

    private static void assertAudited(
        final List<JsonNode> details, final String field, final String value, final int status, final String error,
        final String message)
    {
        final List<JsonNode> matching = details.stream().filter(d -> value.equals(d.path(field).asText())).toList();
        assertEquals(1, matching.size(), field + " " + value + " in " + details);
        final JsonNode detail = matching.get(0);
        assertEquals(status, detail.path("http_status").asInt(), detail.toString());
        assertEquals(error, detail.path("error").asText(), detail.toString());
        assertTrue(detail.path("message").asText().contains(message), detail.toString());
    }

    @Test
    void shouldAnswerAStoredAuditDetailAsAnObjectWithItsNumbersAsStoredAndOtherJsonAsItsText() throws Exception
    {
        final Instant then = Instant.parse("2001-02-03T04:05:06Z");
        final Storage storage = app.bean(Storage.class);
        storage.audit(null, "export", "{\"price\": 1600.00, \"notional\": 123456789012345678.125}", then);
        storage.audit(null, "export", "\"a note\"", then);
        storage.audit(null, "export", "[1, 2]", then);

        final HttpResponse<String> audit = app.send("GET",
            "/api/audit?type=export&from=2001-02-03T00:00:00Z&to=2001-02-04T00:00:00Z", admin, null);

        assertEquals(200, audit.statusCode(), audit.body());
        assertTrue(audit.body().contains("\"detail\":{\"price\":1600.00,\"notional\":123456789012345678.125}"),
            audit.body());
        assertEquals(List.of("{\"text\":\"\\\"a note\\\"\"}", "{\"text\":\"[1, 2]\"}"),
            GatewayFixture.auditDetails(audit.body()).stream().skip(1).map(JsonNode::toString).toList());
    }

    @Test
    void shouldKeepAnAuditEntryWhoseTextHasALoneSurrogateAndCountOneThatCannotBeWritten() throws Exception
    {
        final Audit audit = app.bean(Audit.class);
        final long failuresBefore = audit.failures();
        final Instant from = app.bean(Clock.class).instant().minusSeconds(1);

        audit.record(null, AuditEvent.EXPORT, Map.of("table", "IN\ud800FY"));
        audit.record(null, AuditEvent.EXPORT, Map.of("table", new Object()));

        final HttpResponse<String> exports =
            app.send("GET", "/api/audit?type=export&from=" + from, admin, null);
        assertEquals(200, exports.statusCode(), exports.body());
        assertTrue(GatewayFixture.auditDetails(exports.body()).stream()
            .anyMatch(d -> "IN\uFFFDFY".equals(d.path("table").asText())), exports.body());
        assertEquals(failuresBefore + 1, audit.failures());
        final String metrics = app.send("GET", "/metrics", admin, null).body();
        assertTrue(metrics.contains("qleap_audit_write_failures_total " + (failuresBefore + 1) + ".0"), metrics);
    }

    @Test
    void shouldServeMetricsToOpsAndTheOpenApiDocumentToAnyone() throws Exception
    {
        final HttpResponse<String> metrics = app.send("GET", "/metrics", admin, null);
        final HttpResponse<String> anonymousMetrics = app.send("GET", "/metrics", null, null);
        final HttpResponse<String> openApi = app.send("GET", "/api/openapi.yml", null, null);

        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("qleap_persister_lag_events"), metrics.body());
        assertEquals(401, anonymousMetrics.statusCode());
        assertEquals(200, openApi.statusCode());
        assertTrue(openApi.body().contains("/api/orders"), openApi.body());
    }

    @Test
    void shouldServeTickHistoryFromPostgres() throws Exception
    {
        final String[] body = new String[1];
        GatewayFixture.await("ticks of TCS in PostgreSQL", Duration.ofSeconds(20), () ->
        {
            try
            {
                body[0] = app.send("GET", "/api/ticks?i=NSE:TCS", admin, null).body();
                return body[0].contains("\"last_price\":3500.25");
            }
            catch (final Exception ex)
            {
                return false;
            }
        });
        final String today = java.time.LocalDate.now(app.bean(Clock.class).withZone(IST)).toString();
        final HttpResponse<String> ofToday =
            app.send("GET", "/api/ticks?i=NSE:TCS&from=" + today + "&to=" + today, admin, null);
        assertEquals(200, ofToday.statusCode(), ofToday.body());
        assertTrue(ofToday.body().contains("\"last_price\":3500.25"), ofToday.body());
        final HttpResponse<String> lowerCase = app.send("GET", "/api/ticks?i=nse:tcs", admin, null);
        assertEquals(200, lowerCase.statusCode(), lowerCase.body());
        assertTrue(lowerCase.body().contains("\"last_price\":3500.25"), lowerCase.body());
        final HttpResponse<String> beyondToken = app.send("GET", "/api/ticks?i=99999999999", admin, null);
        assertEquals(400, beyondToken.statusCode(), beyondToken.body());
        assertTrue(beyondToken.body().contains("i: '99999999999' is not an instrument token: a token is 1 to "),
            beyondToken.body());
        final HttpResponse<String> bars = app.send("GET", "/api/ticks?i=NSE:TCS&interval=1m", admin, null);
        final HttpResponse<String> badInterval = app.send("GET", "/api/ticks?i=NSE:TCS&interval=2m", admin, null);

        assertEquals(200, bars.statusCode(), bars.body());
        assertTrue(bars.body().contains("\"close\":3500.25"), bars.body());
        assertEquals(400, badInterval.statusCode());
        assertTrue(badInterval.body().contains("interval: '2m'"), badInterval.body());
        final HttpResponse<String> two = app.send("GET", "/api/ticks?i=NSE:TCS,NSE:INFY", admin, null);
        assertEquals(400, two.statusCode());
        assertTrue(two.body().contains("i: one instrument per request, got 2 (NSE:TCS,NSE:INFY)"), two.body());
        final HttpResponse<String> twice = app.send("GET", "/api/ticks?i=NSE:TCS&i=NSE:INFY", admin, null);
        assertEquals(400, twice.statusCode());
        assertTrue(twice.body().contains("\"i: given twice; give it once\""), twice.body());
        final HttpResponse<String> backwards = app.send("GET",
            "/api/ticks?i=NSE:TCS&from=2026-11-30T10:00:00Z&to=2026-11-30T09:00:00Z", admin, null);
        assertEquals(400, backwards.statusCode(), backwards.body());
        assertTrue(backwards.body().contains(
            "from: 2026-11-30T10:00:00Z is after to 2026-11-30T09:00:00Z; swap them"), backwards.body());
        final HttpResponse<String> empty = app.send("GET",
            "/api/ticks?i=NSE:TCS&from=2026-11-30T10:00:00Z&to=2026-11-30T10:00:00Z", admin, null);
        assertEquals(400, empty.statusCode(), empty.body());
        assertTrue(empty.body().contains("from: must be before to; both are 2026-11-30T10:00:00Z"), empty.body());
    }

    @Test
    void shouldStreamTicksToAWebSocketSubscriber() throws Exception
    {
        final List<String> received = new CopyOnWriteArrayList<>();
        final WebSocket socket = app.webSocket(admin, received::add);
        socket.sendText("{\"a\":\"mode\",\"v\":[\"full\",[" + INFY + "]]}", true).join();
        final Commands commands = new Commands();
        final long now = System.currentTimeMillis() * 1_000_000L;
        app.bean(EngineCommands.class).publish(commands.buffer(), 0,
            commands.fullTick(now, INFY, 151_000, 2000, 149_000, 5));

        GatewayFixture.await("a full tick at 1510.00", Duration.ofSeconds(10),
            () -> received.stream().anyMatch(m -> m.contains("\"last_price\":1510.00") && m.contains("\"depth\"")));
        socket.sendText("{\"a\":\"jump\",\"v\":[]}", true).join();
        GatewayFixture.await("an error naming the field", Duration.ofSeconds(10),
            () -> received.stream().anyMatch(m -> m.contains("\"type\":\"error\"") && m.contains("a: 'jump'")));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void shouldRefuseAWebSocketWithoutAValidToken()
    {
        final var attempt = app.http().newWebSocketBuilder().buildAsync(
            URI.create(app.server().getURL().toString().replace("http", "ws") + "/ws?token=forged"),
            new WebSocket.Listener()
            {
            });

        assertTrue(attempt.handle((ws, error) -> error != null).join());
    }
}
