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
        assertEquals(1 + 2 + 1 + 1 + 3, lines.size(), () -> String.join("\n", lines));
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
