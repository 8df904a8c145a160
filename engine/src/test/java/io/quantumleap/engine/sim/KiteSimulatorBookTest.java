package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KiteSimulatorBookTest
{
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(ManualClock.MONDAY_10_00_IST);
    private KiteSimulator sim;
    private SimHttp http;

    @AfterEach
    void stop()
    {
        if (sim != null)
        {
            sim.close();
        }
    }

    private void start(final Path book, final ManualClock simClock) throws Exception
    {
        if (sim != null)
        {
            sim.close();
        }
        sim = new KiteSimulator(SimHttp.context(simClock).bookFile(book)).start();
        http = new SimHttp(sim);
        http.login();
    }

    private String place(final String... fields) throws Exception
    {
        final String[] form = new String[10 + fields.length];
        System.arraycopy(new String[]{ "exchange", "NSE", "tradingsymbol", "INFY", "transaction_type", "BUY",
            "quantity", "3", "product", "CNC" }, 0, form, 0, 10);
        System.arraycopy(fields, 0, form, 10, fields.length);
        final JsonNode reply = SimHttp.json(http.post("/orders/regular", form));
        assertEquals("success", reply.path("status").asText(), reply.toString());
        return reply.path("data").path("order_id").asText();
    }

    private JsonNode data(final String path) throws Exception
    {
        return SimHttp.json(http.get(path)).path("data");
    }

    private String restingPrice() throws Exception
    {
        final BigDecimal ltp = data("/quote/ltp?i=NSE:INFY").path("NSE:INFY").path("last_price").decimalValue();
        return ltp.multiply(new BigDecimal("0.97")).divide(new BigDecimal("0.05"), 0, RoundingMode.DOWN)
            .multiply(new BigDecimal("0.05")).toPlainString();
    }

    @Test
    void shouldTakeItsBookBackAfterARestartWithinTheTradingDay() throws Exception
    {
        final Path book = dir.resolve("paper-broker.jsonl");
        start(book, clock);
        final String filled = place("order_type", "MARKET");
        final String resting = place("order_type", "LIMIT", "price", restingPrice());
        final JsonNode orders = data("/orders");
        final JsonNode trades = data("/trades");
        final JsonNode history = data("/orders/" + resting);
        final JsonNode positions = data("/portfolio/positions").path("net");
        assertEquals("OPEN", history.get(history.size() - 1).path("status").asText(), history.toString());

        start(book, clock);

        assertEquals(orders, data("/orders"));
        assertEquals(trades, data("/trades"));
        assertEquals(history, data("/orders/" + resting));
        final JsonNode restored = data("/portfolio/positions").path("net");
        assertEquals(positions.size(), restored.size());
        assertEquals(positions.get(0).path("quantity"), restored.get(0).path("quantity"));
        assertEquals(positions.get(0).path("average_price"), restored.get(0).path("average_price"));
        final JsonNode filledHistory = data("/orders/" + filled);
        assertEquals("COMPLETE", filledHistory.get(filledHistory.size() - 1).path("status").asText(), filled);

        final java.net.http.HttpResponse<String> cancel = http.delete("/orders/regular/" + resting);
        assertEquals(200, cancel.statusCode(), cancel.body());
        final JsonNode cancelled = data("/orders/" + resting);
        assertEquals("CANCELLED", cancelled.get(cancelled.size() - 1).path("status").asText());
        final Set<String> ids = new HashSet<>();
        orders.forEach((order) -> ids.add(order.path("order_id").asText()));
        final String next = place("order_type", "MARKET");
        assertFalse(ids.contains(next), next);
        assertTrue(next.compareTo(resting) > 0, next + " after " + resting);
        assertEquals(6, data("/portfolio/positions").path("net").get(0).path("quantity").asLong());
    }

    @Test
    void shouldNotRewindTheMarketsDayWhenItRestarts() throws Exception
    {
        final Path book = dir.resolve("paper-broker.jsonl");
        start(book, clock);
        sim.step(200);
        place("order_type", "MARKET");
        final JsonNode before = data("/quote?i=NSE:INFY").path("NSE:INFY");

        start(book, clock);

        final JsonNode after = data("/quote?i=NSE:INFY").path("NSE:INFY");
        assertEquals(before.path("last_price"), after.path("last_price"));
        assertEquals(before.path("ohlc"), after.path("ohlc"));
        assertEquals(before.path("volume"), after.path("volume"));
        assertTrue(after.path("volume").asLong() > 0, after.toString());
        assertTrue(after.path("depth").path("buy").get(0).path("price").decimalValue()
            .compareTo(after.path("last_price").decimalValue()) <= 0, after.toString());
    }

    @Test
    void shouldStartAFreshBookOnAnotherTradingDayAndKeepTheOldOneAside() throws Exception
    {
        final Path book = dir.resolve("paper-broker.jsonl");
        start(book, clock);
        place("order_type", "MARKET");

        start(book, new ManualClock(ManualClock.MONDAY_10_00_IST + 24 * 3_600_000L));

        assertEquals(0, data("/orders").size());
        assertEquals(0, data("/trades").size());
        assertTrue(Files.readString(dir.resolve("paper-broker.jsonl.2026-11-30")).contains("\"order_id\""));
    }

    @Test
    void shouldCarryOvernightPositionsAndDeliveriesIntoTheNextDays() throws Exception
    {
        final Path book = dir.resolve("paper-broker.jsonl");
        final long day = 24 * 3_600_000L;
        start(book, clock);
        place("order_type", "MARKET");
        placeOrder("exchange", "NSE", "tradingsymbol", "SBIN", "transaction_type", "SELL", "quantity", "2",
            "product", "CNC", "order_type", "MARKET");
        placeOrder("exchange", "NFO", "tradingsymbol", "NIFTY26DECFUT", "transaction_type", "BUY", "quantity", "65",
            "product", "NRML", "order_type", "MARKET");
        placeOrder("exchange", "NSE", "tradingsymbol", "INFY", "transaction_type", "BUY", "quantity", "1",
            "product", "MIS", "order_type", "MARKET");
        final JsonNode future = row(data("/portfolio/positions").path("net"), "NIFTY26DECFUT", "NRML");
        final JsonNode dayOne = data("/orders");
        final BigDecimal openingOne = openingBalance("equity");
        final BigDecimal commodityOpening = openingBalance("commodity");
        final BigDecimal charges = charges(dayOne);

        start(book, new ManualClock(ManualClock.MONDAY_10_00_IST + day));

        assertEquals(0, data("/orders").size());
        final JsonNode positions = data("/portfolio/positions");
        assertEquals(1, positions.path("net").size(), positions.toString());
        assertEquals(0, positions.path("day").size(), positions.toString());
        final JsonNode carried = row(positions.path("net"), "NIFTY26DECFUT", "NRML");
        assertEquals(65, carried.path("quantity").asLong());
        assertEquals(65, carried.path("overnight_quantity").asLong());
        assertEquals(65, carried.path("buy_quantity").asLong());
        assertEquals(0, carried.path("day_buy_quantity").asLong());
        assertEquals(future.path("average_price").decimalValue(), carried.path("average_price").decimalValue());
        final BigDecimal last = carried.path("last_price").decimalValue();
        assertEquals(last.subtract(carried.path("close_price").decimalValue()).multiply(BigDecimal.valueOf(65))
            .setScale(2, RoundingMode.HALF_UP), carried.path("m2m").decimalValue().setScale(2, RoundingMode.HALF_UP));
        assertEquals(last.subtract(carried.path("average_price").decimalValue()).multiply(BigDecimal.valueOf(65))
            .setScale(2, RoundingMode.HALF_UP), carried.path("pnl").decimalValue().setScale(2, RoundingMode.HALF_UP));
        final JsonNode infy = holding("INFY");
        assertEquals(10, infy.path("quantity").asLong());
        assertEquals(3, infy.path("t1_quantity").asLong());
        assertEquals(14, holding("SBIN").path("quantity").asLong());
        final BigDecimal openingTwo = openingBalance("equity");
        final BigDecimal futureMark = carried.path("close_price").decimalValue()
            .subtract(future.path("average_price").decimalValue()).multiply(BigDecimal.valueOf(65));
        final BigDecimal settled = value(dayOne, "SBIN").subtract(value(dayOne, "INFY"))
            .add(value(dayOne, "INFY", "MIS")).add(futureMark).subtract(charges);
        assertTrue(openingOne.add(settled).subtract(openingTwo).abs().compareTo(new BigDecimal("0.10")) <= 0,
            openingOne + " + " + settled + " against " + openingTwo);
        assertEquals(commodityOpening, openingBalance("commodity"));

        final java.net.http.HttpResponse<String> dayPart = http.put("/portfolio/positions", "exchange", "NFO",
            "tradingsymbol", "NIFTY26DECFUT", "transaction_type", "BUY", "position_type", "day", "quantity", "65",
            "old_product", "NRML", "new_product", "MIS");
        assertEquals(400, dayPart.statusCode(), dayPart.body());
        assertTrue(dayPart.body().contains("exceeds the convertible bought quantity 0. 65 carried from earlier days " +
            "convert with `position_type` overnight."), dayPart.body());
        final java.net.http.HttpResponse<String> overnight = http.put("/portfolio/positions", "exchange", "NFO",
            "tradingsymbol", "NIFTY26DECFUT", "transaction_type", "BUY", "position_type", "overnight", "quantity",
            "65", "old_product", "NRML", "new_product", "MIS");
        assertEquals(200, overnight.statusCode(), overnight.body());
        start(book, new ManualClock(ManualClock.MONDAY_10_00_IST + day));

        final JsonNode converted = data("/portfolio/positions").path("net");
        assertEquals(0, row(converted, "NIFTY26DECFUT", "NRML").path("overnight_quantity").asLong());
        assertEquals(0, row(converted, "NIFTY26DECFUT", "NRML").path("quantity").asLong());
        final JsonNode intraday = row(converted, "NIFTY26DECFUT", "MIS");
        assertEquals(65, intraday.path("overnight_quantity").asLong());
        assertEquals(carried.path("average_price"), intraday.path("average_price"));
        assertEquals(3, holding("INFY").path("t1_quantity").asLong());
        assertEquals(openingTwo, openingBalance("equity"));

        start(book, new ManualClock(ManualClock.MONDAY_10_00_IST + 2 * day));

        assertEquals(openingTwo, openingBalance("equity"));
        assertEquals(0, data("/portfolio/positions").path("net").size());
        assertEquals(13, holding("INFY").path("quantity").asLong());
        assertEquals(0, holding("INFY").path("t1_quantity").asLong());
        assertEquals(14, holding("SBIN").path("quantity").asLong());
    }

    @Test
    void shouldRollItsBookOverAtMidnightWhileRunning() throws Exception
    {
        final Path book = dir.resolve("paper-broker.jsonl");
        start(book, clock);
        place("order_type", "MARKET");
        final String resting = place("order_type", "LIMIT", "price", restingPrice());
        placeOrder("exchange", "NFO", "tradingsymbol", "NIFTY26DECFUT", "transaction_type", "SELL", "quantity", "65",
            "product", "NRML", "order_type", "MARKET");
        placeOrder("exchange", "NSE", "tradingsymbol", "SBIN", "transaction_type", "BUY", "quantity", "1",
            "product", "MIS", "order_type", "MARKET");
        assertEquals(3, data("/trades").size());

        clock.advanceMs(14 * 3_600_000L);
        sim.step(1);

        final JsonNode orders = data("/orders");
        assertEquals(1, orders.size(), orders.toString());
        assertEquals(resting, orders.get(0).path("order_id").asText());
        assertEquals("CANCELLED", http.latest(resting).path("status").asText());
        assertEquals(0, data("/trades").size());
        final JsonNode net = data("/portfolio/positions").path("net");
        assertEquals(1, net.size(), net.toString());
        assertEquals(-65, row(net, "NIFTY26DECFUT", "NRML").path("overnight_quantity").asLong());
        assertEquals(3, holding("INFY").path("t1_quantity").asLong());
        assertTrue(Files.readString(dir.resolve("paper-broker.jsonl.2026-11-30")).contains("\"trade\""));

        start(book, clock);

        assertEquals(net, data("/portfolio/positions").path("net"));
        assertEquals(3, holding("INFY").path("t1_quantity").asLong());
        assertEquals(1, data("/orders").size());
    }

    @Test
    void shouldCloseTheMarketsDayAtMidnightAndBeginTheNextFromItsLastPrices() throws Exception
    {
        final Path book = dir.resolve("paper-broker.jsonl");
        start(book, clock);
        placeOrder("exchange", "NFO", "tradingsymbol", "NIFTY26DECFUT", "transaction_type", "SELL", "quantity", "65",
            "product", "NRML", "order_type", "MARKET");
        sim.step(20);
        final JsonNode monday = quote("NFO:NIFTY26DECFUT");
        final BigDecimal openingMonday = openingBalance("equity");
        final BigDecimal charges = charges(data("/orders"));

        clock.advanceMs(14 * 3_600_000L);
        sim.step(1);

        final BigDecimal lastMonday = quote("NFO:NIFTY26DECFUT").path("last_price").decimalValue();
        final JsonNode carried = row(data("/portfolio/positions").path("net"), "NIFTY26DECFUT", "NRML");
        assertEquals(lastMonday, carried.path("close_price").decimalValue());
        assertEquals(0, carried.path("m2m").decimalValue().signum(), carried.toString());
        final BigDecimal settled = carried.path("average_price").decimalValue().subtract(lastMonday)
            .multiply(BigDecimal.valueOf(65));
        assertTrue(openingMonday.add(settled).subtract(charges).subtract(openingBalance("equity")).abs()
            .compareTo(new BigDecimal("0.05")) <= 0, openingMonday + " + " + settled + " - " + charges);

        sim.step(1);

        final JsonNode tuesday = quote("NFO:NIFTY26DECFUT");
        assertEquals(lastMonday, tuesday.path("ohlc").path("close").decimalValue());
        assertEquals(lastMonday, tuesday.path("ohlc").path("open").decimalValue());
        assertTrue(tuesday.path("volume").asLong() < monday.path("volume").asLong(), tuesday.toString());
        final BigDecimal lower = tuesday.path("lower_circuit_limit").decimalValue();
        final BigDecimal upper = tuesday.path("upper_circuit_limit").decimalValue();
        assertTrue(upper.subtract(lastMonday).subtract(lastMonday.subtract(lower)).abs()
            .compareTo(new BigDecimal("0.10")) <= 0, lower + " " + lastMonday + " " + upper);
        final boolean up = lastMonday.compareTo(monday.path("ohlc").path("close").decimalValue()) > 0;
        final BigDecimal edge = up ? upper : lower;
        assertTrue(up ? edge.compareTo(monday.path("upper_circuit_limit").decimalValue()) > 0 :
            edge.compareTo(monday.path("lower_circuit_limit").decimalValue()) < 0, monday + " " + tuesday);
        placeOrder("exchange", "NFO", "tradingsymbol", "NIFTY26DECFUT", "transaction_type", up ? "SELL" : "BUY",
            "quantity", "65", "product", "NRML", "order_type", "LIMIT", "price", edge.toPlainString());
        final JsonNode beyond = SimHttp.json(http.post("/orders/regular", "exchange", "NFO", "tradingsymbol",
            "NIFTY26DECFUT", "transaction_type", up ? "SELL" : "BUY", "quantity", "65", "product", "NRML",
            "order_type", "LIMIT", "price", (up ? edge.add(BigDecimal.ONE) : edge.subtract(BigDecimal.ONE))
                .toPlainString()));
        assertTrue(beyond.toString().contains("outside the circuit limits"), beyond.toString());
        final BigDecimal last = tuesday.path("last_price").decimalValue();
        assertEquals(last.subtract(lastMonday).multiply(BigDecimal.valueOf(-65)).setScale(2, RoundingMode.HALF_UP),
            row(data("/portfolio/positions").path("net"), "NIFTY26DECFUT", "NRML").path("m2m").decimalValue()
                .setScale(2, RoundingMode.HALF_UP));
    }

    /** What the contract notes of {@code orders} charge, STT to the rupee as the broker debits it. */
    private BigDecimal charges(final JsonNode orders) throws Exception
    {
        BigDecimal charges = BigDecimal.ZERO;
        for (final JsonNode note : SimHttp.json(http.rawPost("/charges/orders", "application/json",
            orders.toString())).path("data"))
        {
            final BigDecimal tax = note.path("charges").path("transaction_tax").decimalValue();
            charges = charges.add(note.path("charges").path("total").decimalValue().subtract(tax)
                .add(tax.setScale(0, RoundingMode.HALF_UP)));
        }
        assertTrue(charges.compareTo(BigDecimal.ONE) > 0, charges.toString());
        return charges;
    }

    private JsonNode quote(final String key) throws Exception
    {
        return data("/quote?i=" + key).path(key);
    }

    @Test
    void shouldKeepAnAmoPlacedAfterTheCloseForTheNextDaysSession() throws Exception
    {
        final Path book = dir.resolve("paper-broker.jsonl");
        final long hour = 3_600_000L;
        final ManualClock evening = new ManualClock(ManualClock.MONDAY_10_00_IST + 7 * hour);
        startWithMarketHours(book, evening);
        final JsonNode reply = SimHttp.json(http.post("/orders/amo", "exchange", "NSE", "tradingsymbol", "INFY",
            "transaction_type", "BUY", "quantity", "2", "product", "CNC", "order_type", "MARKET"));
        assertEquals("success", reply.path("status").asText(), reply.toString());
        final String amo = reply.path("data").path("order_id").asText();
        final JsonNode placed = data("/orders/" + amo);

        final ManualClock morning = new ManualClock(ManualClock.MONDAY_10_00_IST + 22 * hour);
        startWithMarketHours(book, morning);

        assertEquals(placed, data("/orders/" + amo));
        assertEquals(1, data("/orders").size());
        morning.advanceMs(hour + 20 * 60_000L);
        sim.step(1);
        final JsonNode released = http.latest(amo);
        assertEquals("COMPLETE", released.path("status").asText(), released.toString());
        assertEquals(2, row(data("/portfolio/positions").path("net"), "INFY", "CNC").path("quantity").asLong());
    }

    private void startWithMarketHours(final Path book, final ManualClock simClock) throws Exception
    {
        if (sim != null)
        {
            sim.close();
        }
        sim = new KiteSimulator(SimHttp.context(simClock).bookFile(book).enforceMarketHours(true)).start();
        http = new SimHttp(sim);
        http.login();
    }

    private void placeOrder(final String... form) throws Exception
    {
        final JsonNode reply = SimHttp.json(http.post("/orders/regular", form));
        assertEquals("success", reply.path("status").asText(), reply.toString());
    }

    private static JsonNode row(final JsonNode positions, final String tradingsymbol, final String product)
    {
        for (final JsonNode position : positions)
        {
            if (tradingsymbol.equals(position.path("tradingsymbol").asText()) &&
                product.equals(position.path("product").asText()))
            {
                return position;
            }
        }
        throw new AssertionError("no " + tradingsymbol + " " + product + " in " + positions);
    }

    private BigDecimal openingBalance(final String segment) throws Exception
    {
        return data("/user/margins").path(segment).path("available").path("opening_balance").decimalValue();
    }

    private static BigDecimal value(final JsonNode orders, final String tradingsymbol, final String... product)
    {
        BigDecimal sum = BigDecimal.ZERO;
        for (final JsonNode order : orders)
        {
            if (order.path("tradingsymbol").asText().equals(tradingsymbol) &&
                (product.length == 0 || order.path("product").asText().equals(product[0])))
            {
                sum = sum.add(order.path("average_price").decimalValue()
                    .multiply(BigDecimal.valueOf(order.path("filled_quantity").asLong())));
            }
        }
        return sum;
    }

    private JsonNode holding(final String tradingsymbol) throws Exception
    {
        for (final JsonNode holding : data("/portfolio/holdings"))
        {
            if (tradingsymbol.equals(holding.path("tradingsymbol").asText()))
            {
                return holding;
            }
        }
        throw new AssertionError("no holding of " + tradingsymbol);
    }

    @Test
    void shouldLeaveOutALineCutShortAndCompactTheBookWhenItStarts() throws Exception
    {
        final Path book = dir.resolve("paper-broker.jsonl");
        start(book, clock);
        final String resting = place("order_type", "LIMIT", "price", restingPrice());
        place("order_type", "MARKET");
        final JsonNode orders = data("/orders");
        sim.close();
        sim = null;
        final long appendedLines = Files.readAllLines(book).size();
        Files.writeString(book, "{\"order\":{\"order_id\":\"2611", StandardOpenOption.APPEND);

        start(book, clock);

        assertEquals(orders, data("/orders"));
        final List<String> lines = Files.readAllLines(book);
        assertEquals(1 + 1 + 1 + 2 + 1 + 1 + 3, lines.size(), () -> String.join("\n", lines));
        assertTrue(appendedLines > lines.size(), appendedLines + " lines before compaction");
        assertEquals(200, http.delete("/orders/regular/" + resting).statusCode());
    }

    @Test
    void shouldMoveABookItCannotReadAsideRatherThanLoseIt() throws Exception
    {
        final Path book = dir.resolve("paper-broker.jsonl");
        Files.writeString(book, "not a book");

        start(book, clock);

        assertEquals(0, data("/orders").size());
        assertEquals("not a book", Files.readString(dir.resolve("paper-broker.jsonl.unreadable")));
    }

    @Test
    void shouldRefuseABookAnotherSimulatorKeeps() throws Exception
    {
        final Path book = dir.resolve("paper-broker.jsonl");
        start(book, clock);

        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> new KiteSimulator(SimHttp.context(clock).bookFile(book)).start());

        assertTrue(refused.getMessage().contains("is in use by another simulator"), refused.getMessage());
        place("order_type", "MARKET");
        sim.close();
        sim = null;
        start(book, clock);
        assertEquals(1, data("/orders").size());
    }

    @Test
    void shouldRefuseToStartOnABookItCannotWrite() throws Exception
    {
        final Path book = dir.resolve("paper-broker.jsonl");
        Files.createDirectories(book);

        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> new KiteSimulator(SimHttp.context(clock).bookFile(book)).start());

        assertTrue(refused.getMessage().contains(book.toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("move it aside"), refused.getMessage());
    }
}
