package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The paper broker's book in a file, so a simulator that restarts within the trading day still has its orders,
 * trades and positions, as a broker keeps them while its client restarts. The file is a log of JSON lines: after
 * each REST call, before its reply goes out, and after each market step, the orders and positions that changed
 * since are appended (an order with the history entries it gained), with the new trades, the id sequences and the
 * live orders; every few seconds the market's day so far (prices, volumes), so a restart does not rewind it. A start
 * takes the book back from the log and writes it again compacted, one line per order, with the holdings and the
 * day's opening balances. A book of an earlier day is moved aside, as a broker's order book starts empty every day,
 * once what a broker carries into the next day is taken from it: overnight positions, the day's deliveries into the
 * holdings, the AMOs still waiting for their session and the cash the day settled into the opening balances
 * ({@link Broker#carryForward}). Writes are not synced: the book survives the process being killed, not the machine
 * losing power.
 *
 * <p>Owned by the simulator thread.
 */
final class PaperBrokerState
{
    private static final int VERSION = 2;

    private final Path file;
    private final ObjectMapper mapper;
    private FileChannel log;
    private FileChannel lockChannel;
    private long savedChanges = -1;
    private int savedTrades;
    private long failures;

    PaperBrokerState(final Path file, final ObjectMapper mapper)
    {
        this.file = file;
        this.mapper = mapper;
    }

    /**
     * Takes the book of {@code tradingDate} back into a broker that has issued no order yet, and opens the log.
     *
     * @param market the market whose day the book keeps too, or null for a book that keeps none (every paper user's
     *               but the first: one book holds the market).
     * @return orders taken back; 0 when there is no book of that day.
     * @throws IllegalStateException when the file cannot be read or written, naming it and why.
     */
    int restore(final Broker broker, final InstrumentUniverse universe, final Market market,
        final LocalDate tradingDate, final Function<LocalDate, InstrumentUniverse> universeOf)
    {
        lock();
        int restored = 0;
        try
        {
            if (Files.exists(file))
            {
                final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                final JsonNode header = lines.isEmpty() ? null : parse(lines.get(0), 1);
                final LocalDate bookDate = header == null || header.path("version").asInt() != VERSION ? null :
                    date(header.path("trading_date").asText());
                if (tradingDate.equals(bookDate))
                {
                    restored = replay(broker, universe, market, lines);
                }
                else
                {
                    String carried = "";
                    if (bookDate != null && bookDate.isBefore(tradingDate))
                    {
                        carried = carryForward(broker, universe, tradingDate, universeOf.apply(bookDate), lines);
                    }
                    final String day = header == null ? "unreadable" : header.path("trading_date").asText("unknown");
                    final Path aside = file.resolveSibling(file.getFileName() + "." + day);
                    Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                    System.err.println("kite-sim: the paper broker's book " + (header == null ?
                        "could not be read" : "is of " + day + ", not " + tradingDate) + carried +
                        "; moved aside to " + aside);
                }
            }
            replace(file, compacted(broker, market, tradingDate));
            log = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        catch (final IOException | UncheckedIOException ex)
        {
            close();
            throw new IllegalStateException("the paper broker's book " + file + " cannot be read or written: " +
                ex.getMessage() + "; move it aside to start with an empty book", ex);
        }
        broker.changedOrders.clear();
        broker.changedPositions.clear();
        savedTrades = broker.trades.size();
        savedChanges = broker.changes;
        return restored;
    }

    /**
     * Appends what changed since the last save. A failure is reported and counted, and the simulator goes on: the
     * changes are written with the next ones.
     *
     * @return true when something was written.
     */
    boolean saveIfChanged(final Broker broker)
    {
        if (broker.changes == savedChanges || log == null)
        {
            return false;
        }
        final StringBuilder lines = new StringBuilder(1024);
        final Map<Order, Integer> historyBefore = new HashMap<>();
        try
        {
            for (final Order order : broker.changedOrders)
            {
                historyBefore.put(order, order.historySaved);
                line(lines, mapper.createObjectNode().set("order", order(order, order.historySaved)));
                order.historySaved = order.history.size();
            }
            for (final Position position : broker.changedPositions)
            {
                line(lines, mapper.createObjectNode().set("position", position(position)));
            }
            for (int i = savedTrades; i < broker.trades.size(); i++)
            {
                line(lines, mapper.createObjectNode().set("trade", trade(broker.trades.get(i))));
            }
            line(lines, mapper.createObjectNode().set("sequences", sequences(broker)));
            line(lines, mapper.createObjectNode().set("live", live(broker)));
            append(lines);
        }
        catch (final IOException ex)
        {
            historyBefore.forEach((order, saved) -> order.historySaved = saved);
            failures++;
            System.err.println("kite-sim: the paper broker's book could not be written to " + file + " (" +
                failures + " failures so far): " + ex);
            return false;
        }
        broker.changedOrders.clear();
        broker.changedPositions.clear();
        savedTrades = broker.trades.size();
        savedChanges = broker.changes;
        return true;
    }

    /**
     * Appends the market's day so far (prices, volumes, open interest), so a restart does not take the market back to
     * its opening; called every few seconds and on stop, not on every tick.
     */
    void saveMarket(final Market market)
    {
        if (log == null)
        {
            return;
        }
        final StringBuilder lines = new StringBuilder(64 * 1024);
        try
        {
            line(lines, mapper.createObjectNode().set("market", market.snapshot(mapper)));
            append(lines);
        }
        catch (final IOException ex)
        {
            failures++;
            System.err.println("kite-sim: the market's day could not be written to " + file + ": " + ex);
        }
    }

    /**
     * A running simulator's new day ({@link Broker#rollOver}, already done): what the ended day's log still lacked is
     * appended, the log is moved aside with its date as at a start, and the new day's book is written compacted. A
     * failure is reported and counted, and the book is not kept for the rest of the day.
     */
    void rollOver(final Broker broker, final Market market, final LocalDate ended, final LocalDate tradingDate)
    {
        if (log == null)
        {
            return;
        }
        try
        {
            log.close();
            log = null;
            final Path aside = file.resolveSibling(file.getFileName() + "." + ended);
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            replace(file, compacted(broker, market, tradingDate));
            log = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            System.err.println("kite-sim: the paper broker's book of " + ended + " moved aside to " + aside +
                "; " + file + " keeps " + tradingDate + "'s");
        }
        catch (final IOException ex)
        {
            failures++;
            System.err.println("kite-sim: the paper broker's book " + file + " did not roll over to " + tradingDate +
                " and is not kept until the simulator restarts: " + ex);
        }
        broker.changedOrders.clear();
        broker.changedPositions.clear();
        savedTrades = broker.trades.size();
        savedChanges = broker.changes;
    }

    long failures()
    {
        return failures;
    }

    /** One simulator per book: a second one would overwrite the first's changes with its own. */
    private void lock()
    {
        final Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        boolean locked = false;
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            locked = lockChannel.tryLock() != null;
        }
        catch (final java.nio.channels.OverlappingFileLockException ex)
        {
            locked = false;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("the paper broker's book " + file + " cannot be locked: " + ex, ex);
        }
        if (!locked)
        {
            close();
            throw new IllegalStateException("the paper broker's book " + file + " is in use by another simulator: " +
                "give this one another book");
        }
    }

    void close()
    {
        try
        {
            if (log != null)
            {
                log.close();
            }
            if (lockChannel != null)
            {
                lockChannel.close();
            }
        }
        catch (final IOException ex)
        {
            System.err.println("kite-sim: the paper broker's book " + file + " did not close: " + ex);
        }
    }

    private static LocalDate date(final String text)
    {
        try
        {
            return LocalDate.parse(text);
        }
        catch (final DateTimeParseException ex)
        {
            return null;
        }
    }

    /**
     * Opens the day's book with what an earlier day's book left ({@link Broker#carryForward}): its positions and
     * holdings, and its AMOs still waiting for their session, read with that day's universe, whose contracts' tokens
     * differ from today's. A waiting AMO keeps its id and history and is released at its time, as the broker keeps an
     * AMO placed after one day's close for the next day's session.
     *
     * @return what was carried, for the start's log.
     */
    private String carryForward(
        final Broker broker, final InstrumentUniverse universe, final LocalDate tradingDate,
        final InstrumentUniverse earlierUniverse, final List<String> lines)
    {
        final Broker earlier = broker.emptyCopy(earlierUniverse);
        replay(earlier, earlierUniverse, null, lines);
        final int positions = broker.carryForward(universe, tradingDate.toEpochDay(), earlier);
        final Map<String, Order.Iceberg> icebergs = new HashMap<>();
        int amos = 0;
        for (final Order order : earlier.liveOrders)
        {
            final Instrument instrument = universe.byKey(order.instrument.exchange, order.instrument.tradingsymbol);
            if (Order.AMO_REQ_RECEIVED.equals(order.status) && instrument != null)
            {
                replayOrder(broker, universe, order(order, 0).put("instrument_token", instrument.token), icebergs);
                broker.liveOrders.add(broker.orders.get(order.orderId));
                amos++;
            }
        }
        return "; carried into the day: " + count(positions, "overnight position") + ", " +
            count(broker.holdings().size(), "holding") + ", " + count(amos, "waiting AMO") + ", " +
            openingBalances(broker);
    }

    /** @return the day's opening balances, for the log. */
    static String openingBalances(final Broker broker)
    {
        return String.format(Locale.ROOT, "opening balance ₹%.2f (commodity ₹%.2f)",
            KiteJson.rupees(broker.openingBalancePaise), KiteJson.rupees(broker.commodityBalancePaise));
    }

    /** @return "1 thing" or "N things", for the log. */
    static String count(final int count, final String what)
    {
        return count + " " + what + (count == 1 ? "" : "s");
    }

    private static Position position(final InstrumentUniverse universe, final JsonNode p)
    {
        final Instrument instrument = universe.byToken(p.path("instrument_token").asLong());
        if (instrument == null)
        {
            return null;
        }
        final Position position = new Position(instrument, p.path("product").asText());
        position.buyQty = p.path("buy_quantity").asLong();
        position.buyValueUnits = p.path("buy_value").asLong();
        position.sellQty = p.path("sell_quantity").asLong();
        position.sellValueUnits = p.path("sell_value").asLong();
        position.overnightQty = p.path("overnight_quantity").asLong();
        position.overnightValueUnits = p.path("overnight_value").asLong();
        position.overnightClosePaise = p.path("overnight_close").asLong(instrument.closePaise);
        return position;
    }

    private static List<Broker.Holding> holdings(final InstrumentUniverse universe, final JsonNode list)
    {
        final List<Broker.Holding> holdings = new ArrayList<>();
        for (final JsonNode h : list)
        {
            final Instrument instrument = universe.byToken(h.path("instrument_token").asLong());
            if (instrument != null)
            {
                final Broker.Holding holding = new Broker.Holding(instrument, h.path("quantity").asLong(),
                    h.path("average_price").asLong(), h.path("isin").asText());
                holding.t1Qty = h.path("t1_quantity").asLong();
                holdings.add(holding);
            }
        }
        return holdings;
    }

    private ArrayNode holdings(final Broker broker)
    {
        final ArrayNode list = mapper.createArrayNode();
        for (final Broker.Holding holding : broker.holdings())
        {
            list.addObject().put("instrument_token", holding.instrument.token).put("quantity", holding.qty)
                .put("t1_quantity", holding.t1Qty).put("average_price", holding.averagePricePaise)
                .put("isin", holding.isin);
        }
        return list;
    }

    private int replay(
        final Broker broker, final InstrumentUniverse universe, final Market market, final List<String> lines)
    {
        final Map<String, Order.Iceberg> icebergs = new HashMap<>();
        List<String> live = List.of();
        JsonNode day = null;
        for (int i = 1; i < lines.size(); i++)
        {
            final JsonNode line = parse(lines.get(i), i + 1);
            if (line == null)
            {
                continue;
            }
            if (line.has("order"))
            {
                replayOrder(broker, universe, line.get("order"), icebergs);
            }
            else if (line.has("position"))
            {
                final Position position = position(universe, line.get("position"));
                if (position != null)
                {
                    broker.putPosition(position);
                }
            }
            else if (line.has("holdings"))
            {
                broker.restoreHoldings(holdings(universe, line.get("holdings")));
            }
            else if (line.has("funds"))
            {
                final JsonNode funds = line.get("funds");
                broker.openingBalancePaise = funds.path("opening_balance").asLong(broker.openingBalancePaise);
                broker.commodityBalancePaise =
                    funds.path("commodity_opening_balance").asLong(broker.commodityBalancePaise);
            }
            else if (line.has("trade"))
            {
                final JsonNode t = line.get("trade");
                final Order order = broker.orders.get(t.path("order_id").asText());
                if (order != null)
                {
                    broker.trades.add(new Trade(t.path("trade_id").asText(), order, t.path("price").asLong(),
                        t.path("quantity").asLong(), t.path("fill_ms").asLong()));
                }
            }
            else if (line.has("sequences"))
            {
                final JsonNode sequences = line.get("sequences");
                broker.ids.order = Math.max(broker.ids.order, sequences.path("order").asLong());
                broker.ids.exchange = Math.max(broker.ids.exchange, sequences.path("exchange").asLong());
                broker.ids.trade = Math.max(broker.ids.trade, sequences.path("trade").asLong());
            }
            else if (line.has("market"))
            {
                day = line.get("market");
            }
            else if (line.has("live"))
            {
                final List<String> ids = new ArrayList<>();
                line.get("live").forEach((id) -> ids.add(id.asText()));
                live = ids;
            }
        }
        for (final String id : live)
        {
            final Order order = broker.orders.get(id);
            if (order != null)
            {
                broker.liveOrders.add(order);
            }
        }
        if (day != null && market != null)
        {
            market.restore(day);
        }
        return broker.orders.size();
    }

    private JsonNode parse(final String line, final int number)
    {
        try
        {
            final JsonNode node = mapper.readTree(line);
            return node != null && node.isObject() ? node : null;
        }
        catch (final IOException ex)
        {
            System.err.println("kite-sim: line " + number + " of the paper broker's book " + file + " is left out " +
                "(cut short when the simulator was killed?): " + ex.getMessage());
            return null;
        }
    }

    private void replayOrder(final Broker broker, final InstrumentUniverse universe, final JsonNode o,
        final Map<String, Order.Iceberg> icebergs)
    {
        final String orderId = o.path("order_id").asText();
        Order order = broker.orders.get(orderId);
        if (order == null)
        {
            final Instrument instrument = universe.byToken(o.path("instrument_token").asLong());
            if (instrument == null)
            {
                System.err.println("kite-sim: order " + orderId + " of the saved book is left out: instrument " +
                    o.path("instrument_token").asLong() + " is not in today's universe");
                return;
            }
            order = new Order(orderId, o.path("variety").asText(), instrument, o.path("transaction_type").asText(),
                o.path("product").asText(), text(o, "tag"), o.path("guid").asText(),
                o.path("order_timestamp_ms").asLong(), o.path("market_protection").asDouble());
            broker.orders.put(orderId, order);
        }
        update(order, o, icebergs);
        final int from = Math.min(o.path("history_from").asInt(), order.history.size());
        while (order.history.size() > from)
        {
            order.history.remove(order.history.size() - 1);
        }
        for (final JsonNode snapshot : o.path("history"))
        {
            if (snapshot.isObject())
            {
                order.history.add((ObjectNode)snapshot);
            }
        }
        order.historySaved = order.history.size();
    }

    private byte[] compacted(final Broker broker, final Market market, final LocalDate tradingDate)
        throws IOException
    {
        final StringBuilder lines = new StringBuilder(4096);
        line(lines, mapper.createObjectNode().put("version", VERSION).put("trading_date", tradingDate.toString()));
        line(lines, mapper.createObjectNode().set("holdings", holdings(broker)));
        line(lines, mapper.createObjectNode().set("funds", mapper.createObjectNode()
            .put("opening_balance", broker.openingBalancePaise).put("commodity_opening_balance",
                broker.commodityBalancePaise)));
        for (final Order order : broker.orders.values())
        {
            line(lines, mapper.createObjectNode().set("order", order(order, 0)));
            order.historySaved = order.history.size();
        }
        for (final Position position : broker.positions.values())
        {
            line(lines, mapper.createObjectNode().set("position", position(position)));
        }
        for (final Trade trade : broker.trades)
        {
            line(lines, mapper.createObjectNode().set("trade", trade(trade)));
        }
        line(lines, mapper.createObjectNode().set("sequences", sequences(broker)));
        line(lines, mapper.createObjectNode().set("live", live(broker)));
        if (market != null)
        {
            line(lines, mapper.createObjectNode().set("market", market.snapshot(mapper)));
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void append(final StringBuilder lines) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining())
        {
            log.write(bytes);
        }
    }

    private void line(final StringBuilder lines, final JsonNode node) throws IOException
    {
        lines.append(mapper.writeValueAsString(node)).append('\n');
    }

    private ObjectNode sequences(final Broker broker)
    {
        return mapper.createObjectNode().put("order", broker.ids.order).put("exchange", broker.ids.exchange)
            .put("trade", broker.ids.trade);
    }

    private ArrayNode live(final Broker broker)
    {
        final ArrayNode live = mapper.createArrayNode();
        broker.liveOrders.forEach((order) -> live.add(order.orderId));
        return live;
    }

    private ObjectNode trade(final Trade trade)
    {
        return mapper.createObjectNode().put("trade_id", trade.tradeId).put("order_id", trade.order.orderId)
            .put("price", trade.pricePaise).put("quantity", trade.qty).put("fill_ms", trade.fillTimestampMs);
    }

    private ObjectNode position(final Position position)
    {
        return mapper.createObjectNode().put("instrument_token", position.instrument.token)
            .put("product", position.product).put("buy_quantity", position.buyQty)
            .put("buy_value", position.buyValueUnits).put("sell_quantity", position.sellQty)
            .put("sell_value", position.sellValueUnits).put("overnight_quantity", position.overnightQty)
            .put("overnight_value", position.overnightValueUnits)
            .put("overnight_close", position.overnightClosePaise);
    }

    private ObjectNode order(final Order order, final int historyFrom)
    {
        final ObjectNode o = mapper.createObjectNode()
            .put("order_id", order.orderId)
            .put("variety", order.variety)
            .put("instrument_token", order.instrument.token)
            .put("transaction_type", order.transactionType)
            .put("product", order.product)
            .put("tag", order.tag)
            .put("guid", order.guid)
            .put("order_timestamp_ms", order.orderTimestampMs)
            .put("market_protection", order.marketProtection)
            .put("parent_order_id", order.parentOrderId)
            .put("amo_release_ms", order.amoReleaseMs)
            .put("cover_trigger", order.coverTriggerPaise)
            .put("cover_stop_leg", order.coverStopLeg)
            .put("iceberg_leg", order.icebergLeg)
            .put("auction_number", order.auctionNumber)
            .put("order_type", order.orderType)
            .put("validity", order.validity)
            .put("validity_ttl", order.validityTtl)
            .put("quantity", order.quantity)
            .put("disclosed_quantity", order.disclosedQuantity)
            .put("price", order.pricePaise)
            .put("trigger_price", order.triggerPricePaise)
            .put("exchange_order_id", order.exchangeOrderId)
            .put("exchange_timestamp_ms", order.exchangeTimestampMs)
            .put("exchange_update_timestamp_ms", order.exchangeUpdateTimestampMs)
            .put("status", order.status)
            .put("status_message", order.statusMessage)
            .put("filled_quantity", order.filledQuantity)
            .put("filled_value", order.filledValuePaise)
            .put("cancelled_quantity", order.cancelledQuantity)
            .put("modified", order.modified)
            .put("triggered", order.triggered)
            .put("modify_count", order.modifyCount)
            .put("margin_blocked", order.marginBlockedPaise);
        if (order.iceberg != null)
        {
            o.putObject("iceberg").put("legs", order.iceberg.legs).put("leg_quantity", order.iceberg.legQuantity)
                .put("total_quantity", order.iceberg.totalQuantity).put("first_order_id", order.iceberg.firstOrderId)
                .put("placed_quantity", order.iceberg.placedQuantity);
        }
        final ArrayNode extraTags = o.putArray("extra_tags");
        order.extraTags.forEach(extraTags::add);
        o.put("history_from", historyFrom);
        o.putArray("history").addAll(order.history.subList(historyFrom, order.history.size()));
        return o;
    }

    /**
     * Replaces a file's content whole: written beside it, then moved over it in one step, so a crash leaves the old
     * file or the new one, never part of either.
     */
    static void replace(final Path file, final byte[] content) throws IOException
    {
        Files.createDirectories(file.toAbsolutePath().getParent());
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void update(final Order order, final JsonNode o, final Map<String, Order.Iceberg> icebergs)
    {
        order.parentOrderId = text(o, "parent_order_id");
        order.amoReleaseMs = o.path("amo_release_ms").asLong();
        order.coverTriggerPaise = o.path("cover_trigger").asLong();
        order.coverStopLeg = o.path("cover_stop_leg").asBoolean();
        order.icebergLeg = o.path("iceberg_leg").asInt();
        order.auctionNumber = text(o, "auction_number");
        order.orderType = text(o, "order_type");
        order.validity = text(o, "validity");
        order.validityTtl = o.path("validity_ttl").asInt();
        order.quantity = o.path("quantity").asLong();
        order.disclosedQuantity = o.path("disclosed_quantity").asLong();
        order.pricePaise = o.path("price").asLong();
        order.triggerPricePaise = o.path("trigger_price").asLong();
        order.exchangeOrderId = text(o, "exchange_order_id");
        order.exchangeTimestampMs = o.path("exchange_timestamp_ms").asLong();
        order.exchangeUpdateTimestampMs = o.path("exchange_update_timestamp_ms").asLong();
        order.status = text(o, "status");
        order.statusMessage = text(o, "status_message");
        order.filledQuantity = o.path("filled_quantity").asLong();
        order.filledValuePaise = o.path("filled_value").asLong();
        order.cancelledQuantity = o.path("cancelled_quantity").asLong();
        order.modified = o.path("modified").asBoolean();
        order.triggered = o.path("triggered").asBoolean();
        order.modifyCount = o.path("modify_count").asInt();
        order.marginBlockedPaise = o.path("margin_blocked").asLong();
        final JsonNode iceberg = o.get("iceberg");
        if (iceberg != null && iceberg.isObject())
        {
            order.iceberg = icebergs.computeIfAbsent(iceberg.path("first_order_id").asText(), (first) ->
                new Order.Iceberg(iceberg.path("legs").asInt(), iceberg.path("leg_quantity").asLong(),
                    iceberg.path("total_quantity").asLong(), first));
            order.iceberg.placedQuantity = iceberg.path("placed_quantity").asLong();
        }
        order.extraTags.clear();
        o.path("extra_tags").forEach((tag) -> order.extraTags.add(tag.asText()));
    }

    private static String text(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
