package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.quantumleap.engine.kite.ticker.KiteTickerDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteSimulatorClosedMarketTest
{
    private static final long SUNDAY_11_00_IST =
        LocalDateTime.of(2026, 12, 6, 11, 0).toInstant(ZoneOffset.ofHoursMinutes(5, 30)).toEpochMilli();
    private static final long FRIDAY_15_29_IST_S =
        LocalDateTime.of(2026, 12, 4, 15, 29).toEpochSecond(ZoneOffset.ofHoursMinutes(5, 30));

    private KiteSimulator sim;
    private SimHttp http;
    private ManualClock clock;

    private void start(final long nowMs, final boolean marketHours) throws Exception
    {
        clock = new ManualClock(nowMs);
        sim = new KiteSimulator(SimHttp.context(clock).moveProbability(1.0)
            .enforceMarketHours(marketHours)).start();
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

    private JsonNode dayCandle(final Instrument instrument, final String day) throws Exception
    {
        final HttpResponse<String> response = http.get("/instruments/historical/" + instrument.token + "/day?from=" +
            day + "&to=" + day + "&oi=1");
        assertEquals(200, response.statusCode(), response.body());
        final JsonNode candles = SimHttp.json(response).path("data").path("candles");
        assertEquals(1, candles.size(), candles.toString());
        return candles.get(0);
    }

    private JsonNode quote(final String kind, final String key) throws Exception
    {
        final HttpResponse<String> response = http.get("/quote" + kind + "?i=" + key.replace(" ", "+"));
        assertEquals(200, response.statusCode(), response.body());
        return SimHttp.json(response).path("data").path(key);
    }

    private static void assertPrice(final JsonNode expected, final JsonNode actual)
    {
        assertEquals(0, expected.decimalValue().compareTo(actual.decimalValue()), expected + " vs " + actual);
    }

    private Instrument first(final String segment)
    {
        return sim.agent().universe().instruments().stream().filter(i -> segment.equals(i.segment)).findFirst()
            .orElseThrow();
    }

    @Test
    void shouldQuoteTheLastSessionsDayCandleOnAClosedDayWhenMarketHoursAreKept() throws Exception
    {
        start(SUNDAY_11_00_IST, true);
        final Instrument infy = sim.agent().universe().byKey("NSE", "INFY");
        final JsonNode friday = dayCandle(infy, "2026-12-04");
        final JsonNode thursday = dayCandle(infy, "2026-12-03");

        final JsonNode quote = quote("", "NSE:INFY");

        assertPrice(friday.get(4), quote.get("last_price"));
        assertPrice(friday.get(1), quote.get("ohlc").get("open"));
        assertPrice(friday.get(2), quote.get("ohlc").get("high"));
        assertPrice(friday.get(3), quote.get("ohlc").get("low"));
        assertPrice(thursday.get(4), quote.get("ohlc").get("close"));
        assertEquals(friday.get(5).asLong(), quote.get("volume").asLong());
        assertEquals("2026-12-04 15:29:59", quote.get("last_trade_time").asText());
        assertEquals(0, friday.get(4).decimalValue().subtract(thursday.get(4).decimalValue())
            .compareTo(quote.get("net_change").decimalValue()), quote.toString());
        final BigDecimal average = quote.get("average_price").decimalValue();
        assertTrue(average.compareTo(friday.get(3).decimalValue()) >= 0 &&
            average.compareTo(friday.get(2).decimalValue()) <= 0, quote.toString());
        assertEquals(0, new BigDecimal(infy.closePaise).movePointLeft(2).compareTo(friday.get(4).decimalValue()));
        assertEquals(quote.get("last_price"), quote("/ltp", "NSE:INFY").get("last_price"));
        assertEquals(quote.get("ohlc"), quote("/ohlc", "NSE:INFY").get("ohlc"));
    }

    @Test
    void shouldQuoteEachSegmentsOwnLastSessionAndIndicesOnAClosedDay() throws Exception
    {
        start(SUNDAY_11_00_IST, true);
        final Instrument crude = first("MCX-FUT");
        final Instrument nifty = sim.agent().universe().byKey("NSE", "NIFTY 50");

        final JsonNode crudeQuote = quote("", crude.key());
        final JsonNode niftyQuote = quote("", "NSE:NIFTY 50");

        assertEquals("2026-12-04 23:54:59", crudeQuote.get("last_trade_time").asText());
        assertPrice(dayCandle(crude, "2026-12-04").get(4), crudeQuote.get("last_price"));
        assertEquals(dayCandle(crude, "2026-12-04").get(6).asLong(), crudeQuote.get("oi").asLong());
        assertPrice(dayCandle(nifty, "2026-12-04").get(4), niftyQuote.get("last_price"));
        assertPrice(dayCandle(nifty, "2026-12-03").get(4), niftyQuote.get("ohlc").get("close"));
    }

    @Test
    void shouldShowTheLastSessionsCircuitLimitsOnAClosedDay() throws Exception
    {
        start(SUNDAY_11_00_IST, true);
        final Instrument stock = sim.agent().universe().instruments().stream()
            .filter(i -> "NSE".equals(i.segment) && i.bandPercent > 0).findFirst().orElseThrow();
        final long thursdayClose = dayCandle(stock, "2026-12-03").get(4).decimalValue().movePointRight(2)
            .longValueExact();

        final JsonNode quote = quote("", stock.key());

        assertEquals(Instrument.roundToTick(thursdayClose - thursdayClose * stock.bandPercent / 100, stock.tickPaise),
            quote.get("lower_circuit_limit").decimalValue().movePointRight(2).longValueExact(), quote.toString());
        assertEquals(Instrument.roundToTick(thursdayClose + thursdayClose * stock.bandPercent / 100, stock.tickPaise),
            quote.get("upper_circuit_limit").decimalValue().movePointRight(2).longValueExact(), quote.toString());
    }

    @Test
    void shouldSnapshotTheLastSessionOnSubscribeAndSendNoTicksWhileClosed() throws Exception
    {
        start(SUNDAY_11_00_IST, true);
        final Instrument infy = sim.agent().universe().byKey("NSE", "INFY");
        final JsonNode friday = dayCandle(infy, "2026-12-04");
        final long thursdayClose = dayCandle(infy, "2026-12-03").get(4).decimalValue().movePointRight(2)
            .longValueExact();
        final TickerClient client = TickerClient.connect(sim, http.accessToken);
        client.send("{\"a\":\"mode\",\"v\":[\"full\",[" + infy.token + "]]}");

        final byte[] snapshot = client.nextTickFrame();
        final List<long[]> packets = new ArrayList<>();
        new KiteTickerDecoder().decode(new UnsafeBuffer(snapshot), 0, snapshot.length, packet -> packets.add(
            new long[] { packet.lastPricePaise(), packet.volumeTraded(), packet.closePricePaise(),
                packet.lastTradeTimeS(), packet.exchangeTimeS() }));
        sim.step(20);
        final List<Integer> later = new ArrayList<>();
        for (byte[] frame = client.binary.poll(1_500, TimeUnit.MILLISECONDS); frame != null;
            frame = client.binary.poll(1_500, TimeUnit.MILLISECONDS))
        {
            later.add(frame.length);
            if (later.size() >= 3)
            {
                break;
            }
        }

        assertEquals(1, packets.size());
        final long[] packet = packets.get(0);
        assertEquals(friday.get(4).decimalValue().movePointRight(2).longValueExact(), packet[0]);
        assertEquals(friday.get(5).asLong(), packet[1]);
        assertEquals(thursdayClose, packet[2]);
        assertEquals(FRIDAY_15_29_IST_S + 59, packet[3]);
        assertEquals(FRIDAY_15_29_IST_S + 59, packet[4]);
        assertTrue(later.stream().allMatch(length -> length == 1), later.toString());
    }

    @Test
    void shouldShowTheLastSessionBeforeTheOpenAndStartANewOneFromItsCloseAtTheOpen() throws Exception
    {
        final long monday08 = ManualClock.MONDAY_10_00_IST - 2 * 3_600_000L;
        start(monday08, true);
        final Instrument infy = sim.agent().universe().byKey("NSE", "INFY");
        final JsonNode friday = dayCandle(infy, "2026-11-27");
        final JsonNode before = quote("", "NSE:INFY");
        clock.advanceMs(75 * 60_000L);

        sim.step(5);
        final JsonNode after = quote("", "NSE:INFY");

        assertPrice(friday.get(4), before.get("last_price"));
        assertEquals(friday.get(5).asLong(), before.get("volume").asLong());
        assertEquals("2026-11-27 15:29:59", before.get("last_trade_time").asText());
        assertPrice(friday.get(4), after.get("ohlc").get("close"));
        assertPrice(friday.get(4), after.get("ohlc").get("open"));
        assertTrue(after.get("volume").asLong() < friday.get(5).asLong(), after.toString());
        assertEquals("2026-11-30 09:15:00", after.get("last_trade_time").asText());
        assertEquals(0, after.get("last_price").decimalValue().subtract(friday.get(4).decimalValue())
            .compareTo(after.get("net_change").decimalValue()), after.toString());
    }

    @Test
    void shouldKeepTheAlwaysOpenMarketOnAClosedDayWithoutMarketHours() throws Exception
    {
        start(SUNDAY_11_00_IST, false);
        final Instrument infy = sim.agent().universe().byKey("NSE", "INFY");

        final JsonNode quote = quote("", "NSE:INFY");

        assertEquals("2026-12-06 11:00:00", quote.get("last_trade_time").asText());
        assertEquals(0, new BigDecimal(infy.closePaise).movePointLeft(2)
            .compareTo(quote.get("ohlc").get("close").decimalValue()));
        assertEquals(0, new BigDecimal(infy.closePaise).movePointLeft(2)
            .compareTo(dayCandle(infy, "2026-12-04").get(4).decimalValue()));
    }
}
