package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteSimulatorVarietiesTest
{
    private static final long HOUR_MS = 3_600_000L;

    private ManualClock clock;
    private KiteSimulator sim;
    private SimHttp http;

    private void start(final long nowMs) throws Exception
    {
        start(nowMs, false);
    }

    private void start(final long nowMs, final boolean apiOrderRules) throws Exception
    {
        clock = new ManualClock(nowMs);
        sim = new KiteSimulator(SimHttp.context(clock).requireMarketProtection(apiOrderRules)).start();
        http = new SimHttp(sim);
        http.login();
    }

    @AfterEach
    void stop()
    {
        if (sim != null)
        {
            sim.close();
        }
    }

    private long ltp(final String exchange, final String symbol)
    {
        final Instrument i = sim.agent().universe().byKey(exchange, symbol);
        return sim.agent().call(() -> sim.agent().market().ltpPaise[i.index]);
    }

    private static String rupees(final long paise)
    {
        return Double.toString(paise / 100.0);
    }

    private List<String> statuses(final String orderId) throws Exception
    {
        final List<String> statuses = new ArrayList<>();
        for (final JsonNode snapshot : SimHttp.json(http.get("/orders/" + orderId)).get("data"))
        {
            statuses.add(snapshot.get("status").asText());
        }
        return statuses;
    }

    private static String orderId(final HttpResponse<String> response) throws Exception
    {
        assertEquals(200, response.statusCode(), response.body());
        return SimHttp.json(response).get("data").get("order_id").asText();
    }

    private void assertInput(final HttpResponse<String> response, final String fragment) throws Exception
    {
        assertEquals(400, response.statusCode(), response.body());
        final JsonNode body = SimHttp.json(response);
        assertEquals("error", body.get("status").asText());
        assertEquals("InputException", body.get("error_type").asText());
        assertTrue(body.get("message").asText().contains(fragment), body.toString());
    }

    private HttpResponse<String> infy(final String variety, final String... extra) throws Exception
    {
        final List<String> form = new ArrayList<>(List.of("exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "quantity", "10"));
        form.addAll(List.of(extra));
        return http.post("/orders/" + variety, form.toArray(new String[0]));
    }

    @Test
    void shouldQueueAnAmoOutsideMarketHoursAndSendItAtTheNextSessionsOpen() throws Exception
    {
        start(ManualClock.MONDAY_10_00_IST + 10 * HOUR_MS);

        final String id = orderId(infy("amo", "order_type", "MARKET", "product", "CNC"));

        final JsonNode queued = http.latest(id);
        assertEquals("AMO REQ RECEIVED", queued.get("status").asText());
        assertEquals("amo", queued.get("variety").asText());
        assertTrue(queued.get("exchange_order_id").isNull());
        sim.step(1);
        assertEquals("AMO REQ RECEIVED", http.latest(id).get("status").asText());
        clock.advanceMs(13 * HOUR_MS + 60_000);
        sim.step(1);
        http.login();
        final JsonNode sent = http.latest(id);
        assertEquals("COMPLETE", sent.get("status").asText(), sent.toString());
        assertEquals(List.of("PUT ORDER REQ RECEIVED", "VALIDATION PENDING", "AMO REQ RECEIVED", "OPEN PENDING", "OPEN",
            "COMPLETE"), statuses(id));
        assertEquals("2026-12-01 09:01:00", sent.get("exchange_timestamp").asText());
    }

    @Test
    void shouldModifyAndCancelAQueuedAmo() throws Exception
    {
        start(ManualClock.MONDAY_10_00_IST + 10 * HOUR_MS);
        final long ltp = ltp("NSE", "INFY");
        final String id = orderId(infy("amo", "order_type", "LIMIT", "product", "CNC", "price",
            rupees(Instrument.roundToTick(ltp * 98 / 100, 5))));

        assertEquals(200, http.put("/orders/amo/" + id, "quantity", "12").statusCode());
        assertEquals("AMO REQ RECEIVED", http.latest(id).get("status").asText());
        assertEquals(12, http.latest(id).get("quantity").asLong());
        assertInput(http.put("/orders/regular/" + id, "quantity", "11"), "`variety`");
        assertEquals(200, http.delete("/orders/amo/" + id).statusCode());
        assertEquals("CANCELLED", http.latest(id).get("status").asText());
    }

    @Test
    void shouldTakeAnAmoAtAnyTimeWithTheMarketAlwaysOpenAndSendItAMinuteLater() throws Exception
    {
        start(ManualClock.MONDAY_10_00_IST);
        final long ltp = ltp("NSE", "INFY");

        final String id = orderId(infy("amo", "order_type", "LIMIT", "product", "CNC", "price",
            rupees(Instrument.roundToTick(ltp * 98 / 100, 5))));
        clock.advanceMs(30_000);
        sim.step(1);
        final int modified = http.put("/orders/amo/" + id, "quantity", "12").statusCode();
        clock.advanceMs(29_000);
        sim.step(1);
        final String beforeTheMinute = http.latest(id).get("status").asText();
        clock.advanceMs(1_000);
        sim.step(1);

        assertEquals(200, modified);
        assertEquals("AMO REQ RECEIVED", beforeTheMinute);
        final JsonNode sent = http.latest(id);
        assertEquals("OPEN", sent.get("status").asText(), sent.toString());
        assertEquals(12, sent.get("quantity").asLong());
        assertEquals("2026-11-30 10:01:00", sent.get("exchange_timestamp").asText());
    }

    @Test
    void shouldRefuseAnAmoDuringMarketHoursWhenHoursAreKeptAndIndexOptionMarketAmos() throws Exception
    {
        clock = new ManualClock(ManualClock.MONDAY_10_00_IST);
        sim = new KiteSimulator(SimHttp.context(clock).enforceMarketHours(true)).start();
        http = new SimHttp(sim);
        http.login();
        final long errors = sim.errorCount();

        assertInput(infy("amo", "order_type", "MARKET", "product", "CNC"), "AMO");
        clock.advanceMs(8 * HOUR_MS);
        final Instrument option = sim.agent().universe().instruments().stream()
            .filter(Instrument::isIndexOption).findFirst().orElseThrow();
        assertInput(http.post("/orders/amo", "exchange", "NFO", "tradingsymbol", option.tradingsymbol,
            "transaction_type", "BUY", "order_type", "MARKET", "quantity", Long.toString(option.lotSize), "product",
            "NRML"), "index options");
        assertEquals(errors + 2, sim.errorCount());
        assertEquals(0, SimHttp.json(http.get("/orders")).get("data").size());
    }

    @Test
    void shouldPlaceACoverOrdersStopLossAsASecondLegAndExitItByCancellingTheLeg() throws Exception
    {
        start(ManualClock.MONDAY_10_00_IST);
        final long ltp = ltp("NSE", "INFY");
        final String trigger = rupees(Instrument.roundToTick(ltp * 98 / 100, 5));

        final String entry = orderId(infy("co", "order_type", "MARKET", "product", "MIS", "trigger_price", trigger));

        assertEquals("COMPLETE", http.latest(entry).get("status").asText());
        assertEquals("CO", http.latest(entry).get("product").asText());
        final JsonNode book = SimHttp.json(http.get("/orders")).get("data");
        assertEquals(2, book.size());
        final JsonNode leg = book.get(1);
        final String legId = leg.get("order_id").asText();
        assertEquals(entry, leg.get("parent_order_id").asText());
        assertEquals("co", leg.get("variety").asText());
        assertEquals("SL-M", leg.get("order_type").asText());
        assertEquals("SELL", leg.get("transaction_type").asText());
        assertEquals("TRIGGER PENDING", leg.get("status").asText());
        assertEquals(Double.parseDouble(trigger), leg.get("trigger_price").asDouble(), 1e-9);

        assertInput(http.put("/portfolio/positions", "exchange", "NSE", "tradingsymbol", "INFY", "transaction_type",
            "BUY", "position_type", "day", "quantity", "1", "old_product", "CO", "new_product", "MIS"),
            "A cover order's position cannot be converted");
        final String lower = rupees(Instrument.roundToTick(ltp * 97 / 100 + 10, 5));
        assertEquals(200, http.put("/orders/co/" + legId, "trigger_price", lower, "parent_order_id", entry)
            .statusCode());
        assertInput(http.put("/orders/co/" + legId, "quantity", "5"), "trigger_price");
        assertInput(http.delete("/orders/co/" + legId + "?parent_order_id=123"), "`parent_order_id`");
        assertEquals(200, http.delete("/orders/co/" + legId + "?parent_order_id=" + entry).statusCode());

        assertEquals("COMPLETE", http.latest(legId).get("status").asText());
        for (final JsonNode position : SimHttp.json(http.get("/portfolio/positions")).get("data").get("net"))
        {
            if ("CO".equals(position.get("product").asText()))
            {
                assertEquals(0, position.get("quantity").asLong());
            }
        }
    }

    @Test
    void shouldModifyTheStopLossLegOfACoverOrderWithALimitEntryUnderTheApiOrderRules() throws Exception
    {
        start(ManualClock.MONDAY_10_00_IST, true);
        final long ltp = ltp("NSE", "INFY");
        final String entry = orderId(infy("co", "order_type", "LIMIT", "product", "MIS", "price",
            rupees(Instrument.roundToTick(ltp * 101 / 100, 5)), "trigger_price",
            rupees(Instrument.roundToTick(ltp * 98 / 100, 5))));
        assertEquals("COMPLETE", http.latest(entry).get("status").asText());
        final JsonNode leg = SimHttp.json(http.get("/orders")).get("data").get(1);
        final String legId = leg.get("order_id").asText();
        assertEquals("SL-M", leg.get("order_type").asText());

        final String lower = rupees(Instrument.roundToTick(ltp * 97 / 100 + 10, 5));
        final HttpResponse<String> modified =
            http.put("/orders/co/" + legId, "trigger_price", lower, "parent_order_id", entry);

        assertEquals(200, modified.statusCode(), modified.body());
        assertEquals("TRIGGER PENDING", http.latest(legId).get("status").asText());
        assertEquals(Double.parseDouble(lower), http.latest(legId).get("trigger_price").asDouble(), 1e-9);
    }

    @Test
    void shouldRefuseCoverOrdersWithoutAStopInRange() throws Exception
    {
        start(ManualClock.MONDAY_10_00_IST);
        final long ltp = ltp("NSE", "INFY");

        assertInput(infy("co", "order_type", "MARKET", "product", "MIS"), "`trigger_price`");
        assertInput(infy("co", "order_type", "MARKET", "product", "MIS", "trigger_price",
            rupees(Instrument.roundToTick(ltp * 90 / 100, 5))), "allowed range");
        assertInput(infy("co", "order_type", "MARKET", "product", "MIS", "trigger_price",
            rupees(Instrument.roundToTick(ltp * 101 / 100, 5))), "allowed range");
        assertInput(infy("co", "order_type", "SL", "product", "MIS", "price", rupees(ltp), "trigger_price",
            rupees(ltp)), "`order_type`");
        assertInput(infy("co", "order_type", "MARKET", "product", "CNC", "trigger_price",
            rupees(Instrument.roundToTick(ltp * 98 / 100, 5))), "`product`");
        assertEquals(0, SimHttp.json(http.get("/orders")).get("data").size());
        final JsonNode range = SimHttp.json(http.get("/instruments/trigger_range/BUY?i=NSE:INFY")).get("data")
            .get("NSE:INFY");
        assertEquals(408065, range.get("instrument_token").asLong());
        assertTrue(range.get("lower").asDouble() < ltp / 100.0 && range.get("upper").asDouble() > ltp / 100.0,
            range.toString());
    }

    @Test
    void shouldPlaceIcebergLegsOneAfterAnotherAsChildOrders() throws Exception
    {
        start(ManualClock.MONDAY_10_00_IST);
        final long ltp = ltp("NSE", "INFY");

        final String first = orderId(infy("iceberg", "order_type", "LIMIT", "product", "CNC", "price",
            rupees(Instrument.roundToTick(ltp * 102 / 100, 5)), "iceberg_legs", "4", "iceberg_quantity", "3"));

        final JsonNode book = SimHttp.json(http.get("/orders")).get("data");
        assertEquals(4, book.size());
        long total = 0;
        for (int leg = 0; leg < 4; leg++)
        {
            final JsonNode order = book.get(leg);
            assertEquals("iceberg", order.get("variety").asText());
            assertEquals("COMPLETE", order.get("status").asText());
            final JsonNode meta = order.get("meta").get("iceberg");
            assertEquals(leg + 1, meta.get("leg").asInt());
            assertEquals(4, meta.get("legs").asInt());
            assertEquals(3, meta.get("leg_quantity").asLong());
            assertEquals(10, meta.get("total_quantity").asLong());
            assertEquals(leg == 0, order.get("parent_order_id").isNull());
            if (leg > 0)
            {
                assertEquals(first, order.get("parent_order_id").asText());
            }
            total += order.get("quantity").asLong();
        }
        assertEquals(10, total);
        assertEquals(1, book.get(3).get("quantity").asLong());
        assertEquals(0, book.get(3).get("meta").get("iceberg").get("remaining_quantity").asLong());
    }

    @Test
    void shouldStopAnIcebergWhenItsLegIsCancelled() throws Exception
    {
        start(ManualClock.MONDAY_10_00_IST);
        final long ltp = ltp("NSE", "INFY");
        final String first = orderId(infy("iceberg", "order_type", "LIMIT", "product", "CNC", "price",
            rupees(Instrument.roundToTick(ltp * 95 / 100, 5)), "iceberg_legs", "5", "iceberg_quantity", "2",
            "validity", "TTL", "validity_ttl", "5"));

        final JsonNode open = http.latest(first);
        assertEquals("OPEN", open.get("status").asText());
        assertEquals(8, open.get("meta").get("iceberg").get("remaining_quantity").asLong());
        assertInput(http.put("/orders/iceberg/" + first, "quantity", "4"), "iceberg");
        assertEquals(200, http.put("/orders/iceberg/" + first, "quantity", "2", "price",
            rupees(Instrument.roundToTick(ltp * 96 / 100, 5))).statusCode());
        assertEquals(200, http.delete("/orders/iceberg/" + first).statusCode());
        sim.step(1);

        assertEquals(1, SimHttp.json(http.get("/orders")).get("data").size());
        assertEquals("CANCELLED", http.latest(first).get("status").asText());
    }

    @Test
    void shouldRefuseIcebergsWithLegsOrQuantitiesOutOfRange() throws Exception
    {
        start(ManualClock.MONDAY_10_00_IST);
        final long errors = sim.errorCount();
        final String price = rupees(Instrument.roundToTick(ltp("NSE", "INFY") * 95 / 100, 5));

        assertInput(infy("iceberg", "order_type", "LIMIT", "product", "CNC", "price", price, "iceberg_legs", "1",
            "iceberg_quantity", "10"), "`iceberg_legs`");
        assertInput(infy("iceberg", "order_type", "LIMIT", "product", "CNC", "price", price, "iceberg_legs", "11",
            "iceberg_quantity", "1"), "`iceberg_legs`");
        assertInput(infy("iceberg", "order_type", "LIMIT", "product", "CNC", "price", price, "iceberg_legs", "2"),
            "`iceberg_quantity`");
        assertInput(infy("iceberg", "order_type", "LIMIT", "product", "CNC", "price", price, "iceberg_quantity", "5"),
            "`iceberg_legs`");
        assertInput(infy("iceberg", "order_type", "LIMIT", "product", "CNC", "price", price, "iceberg_legs", "2",
            "iceberg_quantity", "2"), "does not split");
        assertInput(infy("iceberg", "order_type", "LIMIT", "product", "CNC", "price", price, "iceberg_legs", "x",
            "iceberg_quantity", "2"), "`iceberg_legs`");
        final Instrument crude = sim.agent().universe().instruments().stream().filter(Instrument::isCommodity)
            .findFirst().orElseThrow();
        assertInput(http.post("/orders/iceberg", "exchange", "MCX", "tradingsymbol", crude.tradingsymbol,
            "transaction_type", "BUY", "order_type", "MARKET", "quantity", "4", "product", "NRML", "iceberg_legs", "2",
            "iceberg_quantity", "2"), "not available on MCX");
        assertInput(infy("iceberg", "order_type", "LIMIT", "product", "CNC", "price", price, "iceberg_legs", "2",
            "iceberg_quantity", "5", "autoslice", "true"), "`autoslice`");
        assertEquals(errors + 8, sim.errorCount());
        assertEquals(0, SimHttp.json(http.get("/orders")).get("data").size());
    }

    @Test
    void shouldOpenAnAuctionThroughTheAdminEndpointNumberedAfterThoseBefore() throws Exception
    {
        start(ManualClock.MONDAY_10_00_IST);
        sim.openAuction("1", "NSE", "INFY", 10);

        final HttpResponse<String> opened = http.rawPost("/__sim/auctions", "application/json",
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"SBIN\",\"minutes\":30}");
        final HttpResponse<String> again = http.rawPost("/__sim/auctions", "application/json",
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"SBIN\",\"auction_number\":\"2\"}");
        final JsonNode holders = SimHttp.json(http.get("/portfolio/holdings/auctions")).get("data");
        clock.advanceMs(11 * 60_000L);
        final JsonNode later = SimHttp.json(http.get("/__sim/auctions")).get("data");

        assertEquals(200, opened.statusCode(), opened.body());
        final JsonNode open = SimHttp.json(opened).get("data");
        assertEquals(2, open.size(), opened.body());
        assertEquals("2", open.get(1).get("auction_number").asText());
        assertEquals("SBIN", open.get(1).get("tradingsymbol").asText());
        assertEquals("2026-11-30 10:30:00", open.get(1).get("end").asText());
        assertInput(again, "auction 2 is open already, for NSE:SBIN");
        assertEquals("2", holders.get(holders.size() - 1).get("auction_number").asText(), holders.toString());
        assertEquals(1, later.size(), later.toString());
        assertInput(http.rawPost("/__sim/auctions", "application/json", "{\"exchange\":\"NSE\"}"),
            "`exchange` and `tradingsymbol`");
        assertInput(http.rawPost("/__sim/auctions", "application/json",
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"NIFTY 50\"}"), "not an index");
        assertInput(http.rawPost("/__sim/auctions", "application/json",
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"SBIN\",\"minutes\":0}"), "1 to 1440 minutes");
        assertInput(http.rawPost("/__sim/auctions", "application/json",
            "{\"exchange\":\"NSE\",\"tradingsymbol\":\"NOSUCH\"}"), "no such instrument");
        assertInput(http.rawPost("/__sim/auctions", "application/json", "[]"), "JSON object");
    }

    @Test
    void shouldAcceptAuctionSellsOnlyWhileTheAuctionRunsAndExecuteThemAtItsEnd() throws Exception
    {
        start(ManualClock.MONDAY_10_00_IST);
        final String price = rupees(ltp("NSE", "SBIN"));
        final String[] sell = { "exchange", "NSE", "tradingsymbol", "SBIN", "transaction_type", "SELL",
            "order_type", "LIMIT", "quantity", "5", "product", "CNC", "price", price, "auction_number", "20" };

        assertInput(http.post("/orders/auction", sell), "No auction is open");
        sim.openAuction("20", "NSE", "SBIN", 30);
        final JsonNode auctions = SimHttp.json(http.get("/portfolio/holdings/auctions")).get("data");
        assertEquals(1, auctions.size());
        assertEquals("20", auctions.get(0).get("auction_number").asText());
        assertEquals("SBIN", auctions.get(0).get("tradingsymbol").asText());
        assertInput(http.post("/orders/auction", "exchange", "NSE", "tradingsymbol", "SBIN", "transaction_type",
            "SELL", "order_type", "LIMIT", "quantity", "5", "product", "CNC", "price", price), "`auction_number`");
        assertInput(http.post("/orders/auction", "exchange", "NSE", "tradingsymbol", "SBIN", "transaction_type",
            "BUY", "order_type", "LIMIT", "quantity", "5", "product", "CNC", "price", price, "auction_number", "20"),
            "SELL");
        assertInput(http.post("/orders/auction", "exchange", "NSE", "tradingsymbol", "INFY", "transaction_type",
            "SELL", "order_type", "LIMIT", "quantity", "5", "product", "CNC", "price", price, "auction_number", "20"),
            "NSE:SBIN");

        final String id = orderId(http.post("/orders/auction", sell));
        assertEquals("OPEN", http.latest(id).get("status").asText());
        assertEquals("20", http.latest(id).get("auction_number").asText());
        sim.step(1);
        assertEquals("OPEN", http.latest(id).get("status").asText());
        clock.advanceMs(31 * 60_000L);
        sim.step(1);

        final JsonNode done = http.latest(id);
        assertEquals("COMPLETE", done.get("status").asText());
        assertEquals(Double.parseDouble(price), done.get("average_price").asDouble(), 1e-9);
        assertEquals(0, SimHttp.json(http.get("/portfolio/holdings/auctions")).get("data").size());
    }

    @Test
    void shouldAnswerAnUnknownVarietyInThePathWithAnInputException() throws Exception
    {
        start(ManualClock.MONDAY_10_00_IST);
        final long errors = sim.errorCount();

        assertInput(infy("bracket", "order_type", "MARKET", "product", "CNC"), "`variety`");
        final String id = orderId(infy("regular", "order_type", "LIMIT", "product", "CNC", "price",
            rupees(Instrument.roundToTick(ltp("NSE", "INFY") * 95 / 100, 5))));
        assertInput(http.put("/orders/bracket/" + id, "quantity", "3"), "`variety`");
        assertInput(http.put("/orders/iceberg/" + id, "quantity", "3"), "does not match");
        assertInput(http.delete("/orders/co/" + id), "does not match");
        assertInput(http.delete("/orders/regular/" + id + "?parent_order_id=42"), "`parent_order_id`");

        assertEquals(errors + 5, sim.errorCount());
        assertFalse(http.latest(id).get("status").asText().isEmpty());
        assertEquals("OPEN", http.latest(id).get("status").asText());
    }

    @Test
    void shouldSendTheTickerOrderUpdatesOfAnAmoAndOfACoverOrdersSecondLeg() throws Exception
    {
        start(ManualClock.MONDAY_10_00_IST);
        final TickerClient client = TickerClient.connect(sim, http.accessToken);
        final String trigger = rupees(Instrument.roundToTick(ltp("NSE", "INFY") * 98 / 100, 5));

        final String entry = orderId(infy("co", "order_type", "MARKET", "product", "MIS", "trigger_price", trigger));

        JsonNode legUpdate = null;
        while (legUpdate == null)
        {
            final JsonNode data = SimHttp.MAPPER.readTree(client.nextText()).get("data");
            if (entry.equals(data.get("parent_order_id").asText(null)) &&
                "TRIGGER PENDING".equals(data.get("status").asText()))
            {
                legUpdate = data;
            }
        }
        assertEquals("co", legUpdate.get("variety").asText());
        assertEquals("SL-M", legUpdate.get("order_type").asText());
        clock.advanceMs(10 * HOUR_MS);
        final String amo = orderId(infy("amo", "order_type", "MARKET", "product", "CNC"));
        String amoStatus = null;
        while (!"AMO REQ RECEIVED".equals(amoStatus))
        {
            final JsonNode data = SimHttp.MAPPER.readTree(client.nextText()).get("data");
            amoStatus = amo.equals(data.get("order_id").asText()) ? data.get("status").asText() : null;
        }
    }

    @Test
    void shouldHoldAReleasedEquityAmoUntilTheContinuousSessionOpensWhenHoursAreEnforced() throws Exception
    {
        clock = new ManualClock(ManualClock.MONDAY_10_00_IST + 10 * HOUR_MS);
        sim = new KiteSimulator(SimHttp.context(clock).enforceMarketHours(true)).start();
        http = new SimHttp(sim);
        http.login();
        final String id = orderId(infy("amo", "order_type", "MARKET", "product", "CNC"));

        clock.advanceMs(13 * HOUR_MS + 60_000);
        sim.step(1);
        http.login();
        assertEquals("OPEN", http.latest(id).get("status").asText());
        clock.advanceMs(15 * 60_000);
        sim.step(1);

        assertEquals("COMPLETE", http.latest(id).get("status").asText());
    }
}
