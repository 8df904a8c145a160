package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantumleap.engine.kite.ticker.KiteTickerDecoder;
import io.quantumleap.engine.kite.ticker.PacketKind;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteSimulatorSegmentsTest extends SimulatorFixture
{
    @Override
    KiteSimulator.Context context()
    {
        return SimHttp.context(clock).moveProbability(1.0);
    }

    private Map<String, Instrument> onePerSegment()
    {
        final Map<String, Instrument> picked = new LinkedHashMap<>();
        for (final Instrument i : sim.agent().universe().instruments())
        {
            picked.putIfAbsent(i.isIndex() ? i.exchange + "-INDICES" : i.segment, i);
        }
        return picked;
    }

    @Test
    void shouldServeEverySegmentWithItsSegmentCodeTicksLotsAndMultipliers() throws Exception
    {
        final Map<String, Instrument> picked = onePerSegment();

        assertEquals("[NSE-INDICES, BSE-INDICES, NSE, NFO-FUT, NFO-OPT, BSE, BFO-FUT, BFO-OPT, CDS-FUT, MCX-FUT]",
            picked.keySet().toString());
        assertEquals(265, picked.get("BSE-INDICES").token);
        assertEquals(128053508, sim.agent().universe().byKey("BSE", "INFY").token);
        final Instrument usdinr = picked.get("CDS-FUT");
        assertEquals(3, usdinr.token & 0xFF);
        assertEquals(25_000, usdinr.tickPaise);
        assertEquals(1_000, usdinr.multiplier);
        final Instrument crude = picked.get("MCX-FUT");
        assertEquals(7, crude.token & 0xFF);
        assertEquals(1, crude.lotSize);
        assertEquals(100, crude.multiplier);
        final Instrument sensexFuture = picked.get("BFO-FUT");
        assertEquals(20, sensexFuture.lotSize);
        assertEquals(1_000, sensexFuture.maxOrderQty());
        final String cds = http.get("/instruments/CDS").body();
        assertTrue(cds.contains("," + usdinr.tradingsymbol + ",USDINR,88.45," + usdinr.expiry + ",0.0,0.0025,1,FUT," +
            "CDS-FUT,CDS"), cds);
        final String mcx = http.get("/instruments/MCX").body();
        assertTrue(mcx.contains(crude.tradingsymbol), mcx);
    }

    @Test
    void shouldDecodeFullModeTicksOfEverySegmentToTheSimulatorsPrices() throws Exception
    {
        final Map<String, Instrument> picked = onePerSegment();
        final StringJoiner tokens = new StringJoiner(",");
        for (final Instrument i : picked.values())
        {
            tokens.add(Long.toString(i.token));
        }
        sim.step(3);
        final TickerClient client = TickerClient.connect(sim, http.accessToken);
        client.send("{\"a\":\"mode\",\"v\":[\"full\",[" + tokens + "]]}");

        final byte[] frame = client.nextTickFrame();
        final Map<Long, long[]> decoded = new HashMap<>();
        final Map<Long, PacketKind> kinds = new HashMap<>();
        final KiteTickerDecoder decoder = new KiteTickerDecoder();
        decoder.decode(new UnsafeBuffer(frame), 0, frame.length, packet ->
        {
            kinds.put(packet.instrumentToken(), packet.kind());
            decoded.put(packet.instrumentToken(), new long[] { packet.lastPricePaise(), packet.priceDivisor(),
                packet.closePricePaise(), packet.kind() == PacketKind.FULL ? packet.bidPricePaise(0) : 0 });
        });
        assertEquals(0, decoder.malformedFrames());
        final Market market = sim.agent().market();
        for (final Instrument i : picked.values())
        {
            final long[] values = decoded.get(i.token);
            assertNotNull(values, i.toString());
            assertEquals(i.isIndex() ? PacketKind.INDEX_FULL : PacketKind.FULL, kinds.get(i.token), i.toString());
            final long ltp = sim.agent().call(() -> market.ltpPaise[i.index]);
            assertEquals(ltp, values[0], i.toString());
            assertEquals(i.unitsPerRupee, values[1], i.toString());
            assertEquals(i.closePaise, values[2], i.toString());
            if (!i.isIndex())
            {
                assertEquals(0, values[3] % i.tickPaise, i.toString());
            }
            final JsonNode quote = SimHttp.json(http.get("/quote/ltp?i=" + i.exchange + ":" +
                i.tradingsymbol.replace(" ", "+"))).get("data").get(i.exchange + ":" + i.tradingsymbol);
            assertEquals((double)values[0] / values[1], quote.get("last_price").asDouble(), 1e-9, i.toString());
        }
        assertEquals(10_000_000, decoded.get(picked.get("CDS-FUT").token)[1]);
    }

    @Test
    void shouldAllowEachProductOnlyWhereKiteDoes() throws Exception
    {
        final Map<String, Instrument> picked = onePerSegment();

        assertInput(place(picked.get("NFO-FUT"), "CNC", 65, "MARKET", null), "`product`");
        assertInput(place(picked.get("NSE"), "NRML", 1, "MARKET", null), "`product`");
        assertInput(place(picked.get("MCX-FUT"), "CNC", 1, "MARKET", null), "`product`");
        assertInput(place(picked.get("CDS-FUT"), "MTF", 1, "MARKET", null), "`product`");
        assertEquals("COMPLETE", http.latest(orderId(place(picked.get("MCX-FUT"), "NRML", 1, "MARKET", null)))
            .get("status").asText());
        assertEquals("COMPLETE", http.latest(orderId(place(picked.get("BSE"), "CNC", 1, "MARKET", null)))
            .get("status").asText());
        assertEquals("COMPLETE", http.latest(orderId(place(picked.get("BFO-FUT"), "MIS", 20, "MARKET", null)))
            .get("status").asText());
    }

    @Test
    void shouldRejectLotsOffMultiplesAndMarketTypesBannedInTheSegment() throws Exception
    {
        final Map<String, Instrument> picked = onePerSegment();

        final JsonNode offLot = http.latest(orderId(place(picked.get("BFO-FUT"), "NRML", 25, "MARKET", null)));
        assertEquals("REJECTED", offLot.get("status").asText());
        assertTrue(offLot.get("status_message").asText().contains("lot size 20"), offLot.toString());
        final Instrument bse = picked.get("BSE");
        final long ltp = sim.agent().call(() -> sim.agent().market().ltpPaise[bse.index]);
        final String trigger = Double.toString(bse.rupees(Instrument.roundToTick(ltp * 101 / 100, bse.tickPaise)));
        final JsonNode slm = http.latest(orderId(http.post("/orders/regular", "exchange", "BSE", "tradingsymbol",
            bse.tradingsymbol, "transaction_type", "BUY", "order_type", "SL-M", "quantity", "1", "product", "CNC",
            "trigger_price", trigger)));
        assertEquals("REJECTED", slm.get("status").asText());
        assertTrue(slm.get("status_message").asText().contains("not allowed on BSE"), slm.toString());
    }

    @Test
    void shouldTakeCurrencyPricesWithFourDecimalsAndShowThemInRupees() throws Exception
    {
        final Instrument usdinr = onePerSegment().get("CDS-FUT");
        final long ltp = sim.agent().call(() -> sim.agent().market().ltpPaise[usdinr.index]);
        final long limit = Instrument.roundToTick(ltp * 99 / 100, usdinr.tickPaise);
        final String price = new java.math.BigDecimal(limit).movePointLeft(7).stripTrailingZeros().toPlainString();

        final JsonNode order = http.latest(orderId(place(usdinr, "NRML", 2, "LIMIT", price)));

        assertEquals("OPEN", order.get("status").asText(), order.toString());
        assertEquals(Double.parseDouble(price), order.get("price").asDouble(), 1e-9);
        assertInput(place(usdinr, "NRML", 2, "LIMIT", "88.12345"), "at most 4 decimals");
        assertInput(place(onePerSegment().get("NSE"), "CNC", 1, "LIMIT", "100.125"), "at most 2 decimals");
        assertInput(place(onePerSegment().get("NSE"), "CNC", 1, "LIMIT", "100.10000001"), "at most 2 decimals");
        assertInput(place(usdinr, "NRML", 2, "LIMIT", "88.45000001"), "at most 4 decimals");
        final JsonNode offTick = http.latest(orderId(place(usdinr, "NRML", 2, "LIMIT", "88.4501")));
        assertEquals("REJECTED", offTick.get("status").asText());
        assertTrue(offTick.get("status_message").asText().contains("0.0025"), offTick.toString());
    }

    @Test
    void shouldValueCurrencyAndCommodityPositionsWithTheirMultiplier() throws Exception
    {
        final Instrument crude = onePerSegment().get("MCX-FUT");
        orderId(place(crude, "NRML", 2, "MARKET", null));

        final JsonNode net = SimHttp.json(http.get("/portfolio/positions")).get("data").get("net");
        JsonNode position = null;
        for (final JsonNode p : net)
        {
            if (crude.tradingsymbol.equals(p.get("tradingsymbol").asText()))
            {
                position = p;
            }
        }
        assertNotNull(position);
        assertEquals(100, position.get("multiplier").asLong());
        assertEquals(position.get("buy_quantity").asDouble() * position.get("buy_price").asDouble() * 100,
            position.get("buy_value").asDouble(), 0.01);
        assertEquals(position.get("value").asDouble() + 2 * position.get("last_price").asDouble() * 100,
            position.get("pnl").asDouble(), 0.01);
    }

    private HttpResponse<String> place(
        final Instrument i, final String product, final long qty, final String type, final String price)
        throws Exception
    {
        if (price == null)
        {
            return http.post("/orders/regular", "exchange", i.exchange, "tradingsymbol", i.tradingsymbol,
                "transaction_type", "BUY", "order_type", type, "quantity", Long.toString(qty), "product", product);
        }
        return http.post("/orders/regular", "exchange", i.exchange, "tradingsymbol", i.tradingsymbol,
            "transaction_type", "BUY", "order_type", type, "quantity", Long.toString(qty), "product", product,
            "price", price);
    }

    private static String orderId(final HttpResponse<String> response) throws Exception
    {
        assertEquals(200, response.statusCode(), response.body());
        return SimHttp.json(response).get("data").get("order_id").asText();
    }

    private void assertInput(final HttpResponse<String> response, final String fragment) throws Exception
    {
        final long errorsBefore = sim.errorCount();
        assertEquals(400, response.statusCode(), response.body());
        final JsonNode body = SimHttp.json(response);
        assertEquals("error", body.get("status").asText());
        assertEquals("InputException", body.get("error_type").asText());
        assertTrue(body.get("message").asText().contains(fragment), body.toString());
        assertTrue(errorsBefore >= 1);
    }

    @Test
    void shouldKeepEachSegmentsOwnSessionWhenMarketHoursAreEnforced() throws Exception
    {
        final ManualClock evening = new ManualClock(ManualClock.MONDAY_10_00_IST + 10 * 3_600_000L);
        restart(SimHttp.context(evening).enforceMarketHours(true));
        final Map<String, Instrument> picked = onePerSegment();
        final Instrument crude = picked.get("MCX-FUT");
        final Instrument usdinr = picked.get("CDS-FUT");
        final Market market = sim.agent().market();
        final long usdinrBefore = sim.agent().call(() -> market.ltpPaise[usdinr.index]);
        final long usdinrRange = sim.agent().call(() -> market.highPaise[usdinr.index] - market.lowPaise[usdinr.index]);

        sim.step(50);

        assertInput(place(picked.get("NSE"), "CNC", 1, "MARKET", null), "Markets are closed");
        assertInput(place(usdinr, "NRML", 1, "MARKET", null), "Markets are closed");
        assertEquals("COMPLETE", http.latest(orderId(place(crude, "NRML", 1, "MARKET", null))).get("status").asText());
        assertEquals(usdinrBefore, (long)sim.agent().call(() -> market.ltpPaise[usdinr.index]));
        assertEquals(usdinrRange,
            (long)sim.agent().call(() -> market.highPaise[usdinr.index] - market.lowPaise[usdinr.index]));
        assertTrue(sim.agent().call(() -> market.highPaise[crude.index] - market.lowPaise[crude.index]) > 0);
    }
}
