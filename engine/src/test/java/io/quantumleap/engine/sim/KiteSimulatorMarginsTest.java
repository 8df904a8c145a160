package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteSimulatorMarginsTest extends SimulatorFixture
{
    @Test
    void shouldAnswerInTheExactShapesOfTheMocks() throws Exception
    {
        final List<Instrument> spread = callSpread();
        final String order = order("NSE", "INFY", "BUY", "CNC", "LIMIT", 10, 1500.0);

        assertEquals(shape(KiteMockShapeTest.mock("order_margins.json").get("data")),
            shape(ok(post("/margins/orders", "[" + order + "]"))));
        assertEquals(shape(KiteMockShapeTest.mock("basket_margins.json").get("data")),
            shape(ok(post("/margins/basket", "[" + order(spread.get(0), "SELL", "NRML", "MARKET", 65, 0) + "," +
                order(spread.get(1), "BUY", "NRML", "MARKET", 65, 0) + "]"))));
        assertEquals(shape(KiteMockShapeTest.mock("virtual_contract_note.json").get("data")),
            shape(ok(post("/charges/orders", "[" + note("NSE", "INFY", "BUY", "CNC", 1, 1500.0) + "]"))));
    }

    @Test
    void shouldAskTheWholeValueOfADeliveryBuyWithItsCharges() throws Exception
    {
        final JsonNode margin = ok(post("/margins/orders?mode=full", "[" + order("NSE", "INFY", "BUY", "CNC",
            "LIMIT", 10, 1500.0) + "]")).get(0);

        assertEquals("equity", margin.get("type").asText());
        assertEquals("INFY", margin.get("tradingsymbol").asText());
        assertEquals(15_000.0, margin.get("var").asDouble());
        assertEquals(0.0, margin.get("span").asDouble());
        assertEquals(1, margin.get("leverage").asInt());
        assertEquals(15_000.0, margin.get("total").asDouble());
        final JsonNode charges = margin.get("charges");
        assertEquals(15.0, charges.get("transaction_tax").asDouble());
        assertEquals("stt", charges.get("transaction_tax_type").asText());
        assertEquals(0.4605, charges.get("exchange_turnover_charge").asDouble(), 1e-12, "0.00307% of 15,000");
        assertEquals(0.015, charges.get("sebi_turnover_charge").asDouble(), 1e-12);
        assertEquals(0.0, charges.get("brokerage").asDouble());
        assertEquals(2.25, charges.get("stamp_duty").asDouble());
        assertEquals(0.08559, charges.get("gst").get("igst").asDouble(), 1e-12, "18% of 0.4605 + 0.015");
        assertEquals(0.08559, charges.get("gst").get("total").asDouble(), 1e-12);
        assertEquals(15.0 + 0.4605 + 0.015 + 2.25 + 0.08559, charges.get("total").asDouble(), 1e-9);
    }

    @Test
    void shouldAskAFifthForIntradayEquityAndNothingToSellHoldings() throws Exception
    {
        final JsonNode margins = ok(post("/margins/orders", "[" + order("NSE", "INFY", "BUY", "MIS", "LIMIT", 10,
            1500.0) + "," + order("NSE", "INFY", "SELL", "CNC", "LIMIT", 10, 1500.0) + "]"));

        final JsonNode intraday = margins.get(0);
        assertEquals(3_000.0, intraday.get("var").asDouble());
        assertEquals(5, intraday.get("leverage").asInt());
        assertEquals(3_000.0, intraday.get("total").asDouble());
        assertEquals(4.5, intraday.get("charges").get("brokerage").asDouble());
        assertEquals(0.0, intraday.get("charges").get("transaction_tax").asDouble());
        assertEquals(0.45, intraday.get("charges").get("stamp_duty").asDouble());
        assertEquals(4.5 + 0.4605 + 0.015 + 0.45 + 0.89559, intraday.get("charges").get("total").asDouble(), 1e-9);
        assertEquals(0.0, margins.get(1).get("total").asDouble());
        assertEquals(15.0, margins.get(1).get("charges").get("transaction_tax").asDouble());
    }

    @Test
    void shouldPriceACoverOrderAsIntradayAndRefuseItsOtherProducts() throws Exception
    {
        final String cover = order("NSE", "INFY", "BUY", "CO", "LIMIT", 10, 1500.0).replace("\"regular\"", "\"co\"");
        final String intraday = order("NSE", "INFY", "BUY", "MIS", "LIMIT", 10, 1500.0);

        final JsonNode margins = ok(post("/margins/orders", "[" + cover + "," + intraday + "]"));

        assertEquals(margins.get(1).get("total").asDouble(), margins.get(0).get("total").asDouble());
        assertEquals(3_000.0, margins.get(0).get("total").asDouble());
        refused(post("/margins/orders", "[" + cover.replace("\"CO\"", "\"CNC\"") + "]"),
            "Invalid `product` CNC for a cover order; accepted: CO, MIS.");
        refused(post("/margins/orders", "[" + intraday.replace("\"MIS\"", "\"CO\"") + "]"),
            "Invalid `product` CO for NSE");
    }

    @Test
    void shouldSplitAFuturesMarginIntoSpanAndExposureAtTheLastPriceForMarketOrders() throws Exception
    {
        final Instrument future = instrument(i -> "NFO".equals(i.exchange) && i.isFuture() &&
            "NIFTY 50".equals(i.underlying.tradingsymbol));
        final long valuePaise = future.moneyPaise(65 * ltp(future));
        final long requiredPaise = valuePaise * 12 / 100;

        final JsonNode margin = ok(post("/margins/orders", "[" + order(future, "BUY", "NRML", "MARKET", 65, 0) +
            "]")).get(0);

        assertEquals(requiredPaise * 3 / 4 / 100.0, margin.get("span").asDouble());
        assertEquals((requiredPaise - requiredPaise * 3 / 4) / 100.0, margin.get("exposure").asDouble());
        assertEquals(requiredPaise / 100.0, margin.get("total").asDouble());
        assertEquals(0.09, margin.get("span").asDouble() / (valuePaise / 100.0), 1e-4);
        assertEquals(0.03, margin.get("exposure").asDouble() / (valuePaise / 100.0), 1e-4);
        assertEquals(20.0, margin.get("charges").get("brokerage").asDouble());
        assertEquals(Math.round(valuePaise * 200 / 10_000_000.0) / 100.0,
            margin.get("charges").get("stamp_duty").asDouble());
        final JsonNode intraday = ok(post("/margins/orders", "[" + order(future, "BUY", "MIS", "MARKET", 65, 0) +
            "]")).get(0);
        assertEquals(valuePaise * 6 / 100 / 100.0, intraday.get("total").asDouble());
    }

    @Test
    void shouldAskThePremiumForABoughtOptionAndAFuturesMarginOnTheUnderlyingForASoldOne() throws Exception
    {
        final Instrument call = callSpread().get(0);
        final long spot = ltp(call.underlying);

        final JsonNode margins = ok(post("/margins/orders", "[" + order(call, "BUY", "NRML", "LIMIT", 130, 12.5) +
            "," + order(call, "SELL", "NRML", "LIMIT", 65, 12.5) + "]"));

        assertEquals(130 * 12.5, margins.get(0).get("option_premium").asDouble());
        assertEquals(130 * 12.5, margins.get(0).get("total").asDouble());
        assertEquals(0.0, margins.get(0).get("span").asDouble());
        final long required = call.moneyPaise(65 * spot) * 12 / 100;
        assertEquals(required / 100.0, margins.get(1).get("total").asDouble());
        assertEquals(required * 3 / 4 / 100.0, margins.get(1).get("span").asDouble());
        assertEquals(0.0, margins.get(1).get("option_premium").asDouble());
        assertEquals(20.0, margins.get(0).get("charges").get("brokerage").asDouble());
        assertEquals(65 * 12.5 * 0.0015, margins.get(1).get("charges").get("transaction_tax").asDouble(),
            1e-12, "STT 0.15% of the premium sold, unrounded as Kite's calculator shows it");
    }

    @Test
    void shouldKeepOnlyTheTotalInCompactMode() throws Exception
    {
        final JsonNode margin = ok(post("/margins/orders?mode=compact", "[" + order("NSE", "INFY", "BUY", "MIS",
            "LIMIT", 10, 1500.0) + "]")).get(0);

        assertEquals(3_000.0, margin.get("total").asDouble());
        assertEquals(0.0, margin.get("var").asDouble());
        assertEquals(0.0, margin.get("charges").get("total").asDouble());
        assertEquals("INFY", margin.get("tradingsymbol").asText());
    }

    @Test
    void shouldNetASoldCallCoveredByABoughtCallInTheBasketsFinalMargin() throws Exception
    {
        final List<Instrument> spread = callSpread();
        final Instrument sold = spread.get(0);
        final Instrument bought = spread.get(1);
        final long received = sold.moneyPaise(65 * ltp(sold));
        final long paid = bought.moneyPaise(65 * ltp(bought));
        final long required = sold.moneyPaise(65 * ltp(sold.underlying)) * 12 / 100;
        final long span = required * 3 / 4;
        final long exposure = required - span;
        final long spreadRisk = sold.moneyPaise(65 * (bought.strikePaise - sold.strikePaise));

        final JsonNode basket = ok(post("/margins/basket", "[" + order(sold, "SELL", "NRML", "MARKET", 65, 0) + "," +
            order(bought, "BUY", "NRML", "MARKET", 65, 0) + "]"));

        final JsonNode initial = basket.get("initial");
        assertEquals(span / 100.0, initial.get("span").asDouble());
        assertEquals(exposure / 100.0, initial.get("exposure").asDouble());
        assertEquals(paid / 100.0, initial.get("option_premium").asDouble());
        assertEquals((span + exposure + paid) / 100.0, initial.get("total").asDouble());
        final JsonNode last = basket.get("final");
        assertEquals(Math.min(span, spreadRisk) / 100.0, last.get("span").asDouble());
        assertEquals(exposure / 100.0, last.get("exposure").asDouble());
        assertEquals((paid - received) / 100.0, last.get("option_premium").asDouble());
        assertEquals(Math.max(0, Math.min(span, spreadRisk) + exposure + paid - received) / 100.0,
            last.get("total").asDouble());
        assertTrue(last.get("total").asDouble() < initial.get("total").asDouble());
        assertEquals(2, basket.get("orders").size());
        assertEquals(40.0, basket.get("charges").get("brokerage").asDouble());
        assertEquals(basket.get("orders").get(0).get("charges").get("total").asDouble() +
            basket.get("orders").get(1).get("charges").get("total").asDouble(),
            basket.get("charges").get("total").asDouble(), 1e-9);
        assertEquals("", initial.get("type").asText());
    }

    @Test
    void shouldLetABoughtOptionHeldCoverTheBasketOnlyWhenAskedToConsiderPositions() throws Exception
    {
        final List<Instrument> spread = callSpread();
        http.placeOrder("exchange", "NFO", "tradingsymbol", spread.get(1).tradingsymbol, "transaction_type", "BUY",
            "order_type", "MARKET", "quantity", "65", "product", "NRML");
        final String sell = "[" + order(spread.get(0), "SELL", "NRML", "MARKET", 65, 0) + "]";

        final JsonNode alone = ok(post("/margins/basket?consider_positions=false", sell));
        final JsonNode covered = ok(post("/margins/basket?consider_positions=true", sell));

        assertEquals(alone.get("initial").get("span").asDouble(), alone.get("final").get("span").asDouble());
        assertEquals(alone.get("initial").get("span").asDouble(), covered.get("initial").get("span").asDouble());
        assertTrue(covered.get("final").get("span").asDouble() < alone.get("final").get("span").asDouble());
    }

    @Test
    void shouldBlockOnlyTheSpreadsWorstLossInTheFundsOnceBothLegsAreHeld() throws Exception
    {
        final List<Instrument> spread = callSpread();
        final Instrument sold = spread.get(0);
        final Instrument bought = spread.get(1);
        final long before = debitsPaise();
        http.placeOrder("exchange", "NFO", "tradingsymbol", sold.tradingsymbol, "transaction_type", "SELL",
            "order_type", "MARKET", "quantity", "65", "product", "NRML", "market_protection", "-1");
        final long naked = debitsPaise() - before;
        http.placeOrder("exchange", "NFO", "tradingsymbol", bought.tradingsymbol, "transaction_type", "BUY",
            "order_type", "MARKET", "quantity", "65", "product", "NRML", "market_protection", "-1");
        final long spreadHeld = debitsPaise() - before;

        final long required = sold.moneyPaise(65 * ltp(sold.underlying)) * 12 / 100;
        final long span = required * 3 / 4;
        final long worstLoss = sold.moneyPaise(65 * (bought.strikePaise - sold.strikePaise));
        final long paid = bought.moneyPaise(65 * ltp(bought));
        assertEquals(required, naked);
        assertEquals(required - span + Math.min(span, worstLoss) + paid, spreadHeld);
        assertTrue(spreadHeld < naked + paid, spreadHeld + " vs " + (naked + paid));
    }

    @Test
    void shouldDrawMcxOrdersOnTheCommoditySegmentsFundsAndEquityOrdersOnEquitys() throws Exception
    {
        final Instrument crude = instrument(i -> "MCX".equals(i.exchange) && i.tradingsymbol.startsWith("CRUDEOIL"));
        final JsonNode before = ok(http.get("/user/margins"));
        assertEquals(5_00_000.0, before.get("commodity").get("net").asDouble());
        assertEquals(10_00_000.0, before.get("equity").get("net").asDouble());

        http.placeOrder("exchange", "MCX", "tradingsymbol", crude.tradingsymbol, "transaction_type", "BUY",
            "order_type", "LIMIT", "price", SimHttp.price(sim, "MCX", crude.tradingsymbol, 95), "quantity",
            String.valueOf(crude.lotSize), "product", "NRML");
        final long blocked = Margins.requiredPaise(crude, "NRML", true, crude.lotSize,
            Math.round(Double.parseDouble(SimHttp.price(sim, "MCX", crude.tradingsymbol, 95)) * 100), 0);
        final JsonNode after = ok(http.get("/user/margins"));
        assertTrue(blocked > 0);
        assertEquals(blocked, Math.round(after.get("commodity").get("utilised").get("debits").asDouble() * 100));
        assertEquals(5_00_000_00L - blocked, Math.round(after.get("commodity").get("net").asDouble() * 100));
        assertEquals(10_00_000.0, after.get("equity").get("net").asDouble());

        final HttpResponse<String> tooBig = http.post("/orders/regular", "exchange", "MCX", "tradingsymbol",
            crude.tradingsymbol, "transaction_type", "BUY", "order_type", "LIMIT", "price",
            SimHttp.price(sim, "MCX", crude.tradingsymbol, 95), "quantity", String.valueOf(crude.lotSize * 20),
            "product", "NRML");
        final JsonNode rejected = http.latest(SimHttp.json(tooBig).get("data").get("order_id").asText());
        assertEquals("REJECTED", rejected.get("status").asText(), rejected.toString());
        assertTrue(rejected.get("status_message").asText().contains(String.format(java.util.Locale.ROOT,
            "available margin is %.2f", (5_00_000_00L - blocked) / 100.0)), rejected.toString());
        http.placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type", "BUY", "order_type",
            "LIMIT", "price", SimHttp.price(sim, "NSE", "INFY", 95), "quantity", "400", "product", "CNC");
        assertEquals(blocked, Math.round(ok(http.get("/user/margins")).get("commodity").get("utilised")
            .get("debits").asDouble() * 100));
    }

    private long debitsPaise() throws Exception
    {
        final JsonNode equity = ok(http.get("/user/margins")).get("equity");
        return Math.round(equity.get("utilised").get("debits").asDouble() * 100);
    }

    @Test
    void shouldWriteAVirtualContractNoteWithDpChargesOnDeliverySellsAndCttOnMcx() throws Exception
    {
        final Instrument crude = instrument(i -> "MCX".equals(i.exchange) && i.tradingsymbol.startsWith("CRUDEOIL"));

        final JsonNode notes = ok(post("/charges/orders", "[" + note("NSE", "INFY", "SELL", "CNC", 10, 1500.0) +
            "," + note(crude.exchange, crude.tradingsymbol, "SELL", "NRML", 1, 6000.0) + "," +
            note("NSE", "INFY", "BUY", "CNC", 1, 0) + "]"));

        final JsonNode delivery = notes.get(0);
        assertEquals("SELL", delivery.get("transaction_type").asText());
        assertEquals(1500.0, delivery.get("price").asDouble());
        assertEquals(10, delivery.get("quantity").asInt());
        final JsonNode charges = delivery.get("charges");
        assertEquals(15.0, charges.get("transaction_tax").asDouble());
        assertEquals(0.0, charges.get("stamp_duty").asDouble());
        assertEquals(2.42559, charges.get("gst").get("total").asDouble(), 1e-12, "18% of (0.4605 + 0.015 + 13 DP)");
        assertEquals(15.0 + 0.4605 + 0.015 + 13.0 + 2.42559, charges.get("total").asDouble(), 1e-9);
        final JsonNode mcx = notes.get(1).get("charges");
        assertEquals("ctt", mcx.get("transaction_tax_type").asText());
        assertEquals(60.0, mcx.get("transaction_tax").asDouble(), "0.01% of 100 x 6000");
        assertEquals(12.6, mcx.get("exchange_turnover_charge").asDouble());
        assertEquals(20.0, mcx.get("brokerage").asDouble());
        assertEquals(5.976, mcx.get("gst").get("total").asDouble(), 1e-12, "18% of (20 + 12.6 + 0.6)");
        assertEquals(20.0 + 60.0 + 12.6 + 0.6 + 5.976, mcx.get("total").asDouble(), 1e-9);
        assertEquals(KiteJson.rupees(ltp(instrument(i -> "NSE".equals(i.exchange) && "INFY".equals(i.tradingsymbol)))),
            notes.get(2).get("price").asDouble());
    }

    @Test
    void shouldRefuseBadRequestsWithKitesInputExceptionNamingTheFault() throws Exception
    {
        final String good = order("NSE", "INFY", "BUY", "CNC", "LIMIT", 1, 1500.0);

        refused(post("/margins/orders", "not json"), "Malformed JSON");
        refused(post("/margins/orders", good), "JSON array");
        refused(post("/margins/orders", "[]"), "JSON array");
        refused(post("/margins/orders", "[1]"), "orders[0]: each order must be a JSON object");
        refused(post("/margins/orders", "[" + good.replace("INFY", "NOSUCH") + "]"), "`tradingsymbol` NOSUCH");
        refused(post("/margins/orders", "[" + good + "," + good.replace("\"quantity\":1,", "") + "]"),
            "orders[1]: Missing `quantity`");
        refused(post("/margins/orders", "[" + good.replace("\"quantity\":1", "\"quantity\":0") + "]"), "`quantity`");
        refused(post("/margins/orders", "[" + good.replace("\"quantity\":1", "\"quantity\":-5") + "]"), "`quantity`");
        refused(post("/margins/orders", "[" + good.replace("\"quantity\":1", "\"quantity\":\"1\"") + "]"),
            "`quantity`");
        refused(post("/margins/orders", "[" + good.replace("\"quantity\":1", "\"quantity\":1.5") + "]"),
            "`quantity`");
        refused(post("/margins/orders", "[" + good.replace("\"NSE\"", "7") + "]"), "`exchange` must be a string");
        refused(post("/margins/orders", "[" + good.replace("\"price\":1500.0", "\"price\":\"abc\"") + "]"),
            "`price` must be a number");
        refused(post("/margins/orders", "[" + good.replace("\"price\":1500.0", "\"price\":-1") + "]"), "`price`");
        refused(post("/margins/orders", "[" + good.replace("\"price\":1500.0", "\"price\":1500.001") + "]"),
            "decimals");
        refused(post("/margins/orders", "[" + good.replace("\"CNC\"", "\"NRML\"") + "]"), "`product` NRML");
        refused(post("/margins/orders", "[" + good.replace("\"BUY\"", "\"HOLD\"") + "]"), "`transaction_type`");
        refused(post("/margins/orders", "[" + good.replace("\"quantity\":1", "\"quantity\":2147483648") + "]"),
            "`quantity`");
        refused(post("/margins/orders", "[" + good.replace("\"quantity\":1", "\"quantity\":2147483647")
            .replace("\"price\":1500.0", "\"price\":1000000") + "]"), "too large");
        refused(post("/margins/orders?mode=null", "[" + good + "]"), "`mode`");
        refused(post("/margins/basket?consider_positions=maybe", "[" + good + "]"), "`consider_positions`");
        final Instrument future = instrument(i -> "NFO".equals(i.exchange) && i.isFuture());
        refused(post("/margins/orders", "[" + order(future, "BUY", "NRML", "MARKET", 1, 0) + "]"), "lot size");
        refused(post("/charges/orders", "[" + good + "]"), "Missing `average_price`");
        refused(post("/charges/orders", "[" + note("NSE", "INFY", "BUY", "CNC", 1, 1.0).replace("\"order_id\":\"1\"",
            "\"order_id\":[]") + "]"), "`order_id`");
        refused(http.rawPost("/margins/orders", "application/x-www-form-urlencoded", "exchange=NSE"),
            "Content-Type: application/json");
        final StringBuilder many = new StringBuilder("[").append(good);
        for (int i = 0; i < Margins.MAX_ORDERS; i++)
        {
            many.append(',').append(good);
        }
        refused(post("/margins/orders", many.append(']').toString()), "Too many orders");

        assertEquals(405, http.get("/margins/orders").statusCode());
        assertEquals(404, post("/margins/nothing", "[" + good + "]").statusCode());
        http.accessToken = "bogus";
        final HttpResponse<String> stranger = post("/margins/orders", "[" + good + "]");
        assertEquals(403, stranger.statusCode());
        assertEquals("TokenException", SimHttp.json(stranger).get("error_type").asText());
    }

    private HttpResponse<String> post(final String path, final String body) throws Exception
    {
        return http.rawPost(path, "application/json", body);
    }

    private static JsonNode ok(final HttpResponse<String> response) throws Exception
    {
        assertEquals(200, response.statusCode(), response.body());
        final JsonNode json = SimHttp.json(response);
        assertEquals("success", json.get("status").asText());
        return json.get("data");
    }

    private static void refused(final HttpResponse<String> response, final String fragment) throws Exception
    {
        assertEquals(400, response.statusCode(), response.body());
        final JsonNode json = SimHttp.json(response);
        assertEquals("error", json.get("status").asText());
        assertEquals("InputException", json.get("error_type").asText());
        assertTrue(json.get("message").asText().contains(fragment), json.get("message").asText());
    }

    private static String order(
        final String exchange, final String tradingsymbol, final String side, final String product,
        final String orderType, final long quantity, final double price)
    {
        final ObjectNode n = SimHttp.MAPPER.createObjectNode();
        n.put("exchange", exchange);
        n.put("tradingsymbol", tradingsymbol);
        n.put("transaction_type", side);
        n.put("variety", "regular");
        n.put("product", product);
        n.put("order_type", orderType);
        n.put("quantity", quantity);
        n.put("price", price);
        n.put("trigger_price", 0);
        return n.toString();
    }

    private static String order(
        final Instrument instrument, final String side, final String product, final String orderType,
        final long quantity, final double price)
    {
        return order(instrument.exchange, instrument.tradingsymbol, side, product, orderType, quantity, price);
    }

    private static String note(
        final String exchange, final String tradingsymbol, final String side, final String product,
        final long quantity, final double averagePrice)
    {
        final ObjectNode n = SimHttp.MAPPER.createObjectNode();
        n.put("order_id", "1");
        n.put("exchange", exchange);
        n.put("tradingsymbol", tradingsymbol);
        n.put("transaction_type", side);
        n.put("variety", "regular");
        n.put("product", product);
        n.put("order_type", "MARKET");
        n.put("quantity", quantity);
        n.put("average_price", averagePrice);
        return n.toString();
    }

    private long ltp(final Instrument instrument)
    {
        return sim.agent().market().ltpPaise[instrument.index];
    }

    private Instrument instrument(final java.util.function.Predicate<Instrument> which)
    {
        return sim.agent().universe().instruments().stream().filter(which).findFirst().orElseThrow();
    }

    private List<Instrument> callSpread()
    {
        final Map<Long, List<Instrument>> byExpiry = sim.agent().universe().instruments().stream()
            .filter(i -> "NFO".equals(i.exchange) && "CE".equals(i.instrumentType) &&
                "NIFTY 50".equals(i.underlying.tradingsymbol))
            .collect(Collectors.groupingBy(i -> i.expiryEpochDay, TreeMap::new, Collectors.toList()));
        final List<Instrument> calls = new ArrayList<>(byExpiry.values().iterator().next());
        calls.sort(Comparator.comparingLong(i -> i.strikePaise));
        final int middle = calls.size() / 2;
        return List.of(calls.get(middle), calls.get(middle + 1));
    }

    static Map<String, String> shape(final JsonNode node)
    {
        final Map<String, String> shape = new TreeMap<>();
        collect(node, "", shape);
        return shape;
    }

    private static void collect(final JsonNode node, final String path, final Map<String, String> shape)
    {
        shape.put(path, node.isNumber() ? "number" : node.getNodeType().toString());
        if (node.isObject())
        {
            for (final Map.Entry<String, JsonNode> field : node.properties())
            {
                collect(field.getValue(), path + "." + field.getKey(), shape);
            }
        }
        else if (node.isArray())
        {
            for (final JsonNode element : (ArrayNode)node)
            {
                collect(element, path + "[]", shape);
            }
        }
    }
}
