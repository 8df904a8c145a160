package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The paper broker's book in a file, so a simulator that restarts within the trading day still has its orders,
 * trades and positions, as a broker keeps them while its client restarts. The whole book is written, to a new file
 * moved over the old one, whenever it changed: after each REST call, before its reply goes out, and after each
 * market step. A book of another trading day is left alone: a broker's order book starts empty every day.
 *
 * <p>Owned by the simulator thread.
 */
final class PaperBrokerState
{
    private static final int VERSION = 1;

    private final Path file;
    private final ObjectMapper mapper;
    private long savedChanges = -1;
    private long failures;

    PaperBrokerState(final Path file, final ObjectMapper mapper)
    {
        this.file = file;
        this.mapper = mapper;
    }

    /**
     * Takes the book of {@code tradingDate} back into a broker that has issued no order yet.
     *
     * @return orders taken back; 0 when there is no book of that day.
     * @throws IllegalStateException when the file cannot be read; naming it and why.
     */
    int restore(final Broker broker, final InstrumentUniverse universe, final LocalDate tradingDate)
    {
        if (!Files.exists(file))
        {
            return 0;
        }
        final JsonNode root;
        try
        {
            root = mapper.readTree(file.toFile());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("the paper broker's book " + file + " cannot be read: " + ex.getMessage() +
                "; move it aside to start with an empty book", ex);
        }
        if (root == null || root.path("version").asInt() != VERSION ||
            !tradingDate.toString().equals(root.path("trading_date").asText()))
        {
            return 0;
        }
        final Map<String, Order.Iceberg> icebergs = new HashMap<>();
        int restored = 0;
        for (final JsonNode o : root.path("orders"))
        {
            final Instrument instrument = universe.byToken(o.path("instrument_token").asLong());
            if (instrument == null)
            {
                System.err.println("kite-sim: order " + o.path("order_id").asText() + " of the saved book is left " +
                    "out: instrument " + o.path("instrument_token").asLong() + " is not in today's universe");
                continue;
            }
            final Order order = order(o, instrument, icebergs);
            broker.orders.put(order.orderId, order);
            restored++;
        }
        for (final JsonNode id : root.path("live"))
        {
            final Order order = broker.orders.get(id.asText());
            if (order != null)
            {
                broker.liveOrders.add(order);
            }
        }
        for (final JsonNode t : root.path("trades"))
        {
            final Order order = broker.orders.get(t.path("order_id").asText());
            if (order != null)
            {
                broker.trades.add(new Trade(t.path("trade_id").asText(), order, t.path("price").asLong(),
                    t.path("quantity").asLong(), t.path("fill_ms").asLong()));
            }
        }
        for (final JsonNode p : root.path("positions"))
        {
            final Instrument instrument = universe.byToken(p.path("instrument_token").asLong());
            if (instrument != null)
            {
                final Position position = new Position(instrument, p.path("product").asText());
                position.buyQty = p.path("buy_quantity").asLong();
                position.buyValueUnits = p.path("buy_value").asLong();
                position.sellQty = p.path("sell_quantity").asLong();
                position.sellValueUnits = p.path("sell_value").asLong();
                broker.positions.put(instrument.token + ":" + position.product, position);
            }
        }
        final JsonNode sequences = root.path("sequences");
        broker.orderSequence = Math.max(broker.orderSequence, sequences.path("order").asLong());
        broker.exchangeSequence = Math.max(broker.exchangeSequence, sequences.path("exchange").asLong());
        broker.tradeSequence = Math.max(broker.tradeSequence, sequences.path("trade").asLong());
        savedChanges = broker.changes;
        return restored;
    }

    /**
     * Writes the book when it changed since the last write. A failure is reported and counted, and the simulator
     * goes on: the next change tries again.
     *
     * @return true when the book was written.
     */
    boolean saveIfChanged(final Broker broker, final LocalDate tradingDate)
    {
        if (broker.changes == savedChanges)
        {
            return false;
        }
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(temporary, mapper.writeValueAsBytes(book(broker, tradingDate)));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            savedChanges = broker.changes;
            return true;
        }
        catch (final IOException ex)
        {
            failures++;
            System.err.println("kite-sim: the paper broker's book could not be written to " + file + " (" +
                failures + " failures so far): " + ex);
            return false;
        }
    }

    long failures()
    {
        return failures;
    }

    private ObjectNode book(final Broker broker, final LocalDate tradingDate)
    {
        final ObjectNode root = mapper.createObjectNode();
        root.put("version", VERSION);
        root.put("trading_date", tradingDate.toString());
        root.putObject("sequences").put("order", broker.orderSequence).put("exchange", broker.exchangeSequence)
            .put("trade", broker.tradeSequence);
        final ArrayNode orders = root.putArray("orders");
        for (final Order order : broker.orders.values())
        {
            orders.add(order(order));
        }
        final ArrayNode live = root.putArray("live");
        broker.liveOrders.forEach((order) -> live.add(order.orderId));
        final ArrayNode trades = root.putArray("trades");
        for (final Trade trade : broker.trades)
        {
            trades.addObject().put("trade_id", trade.tradeId).put("order_id", trade.order.orderId)
                .put("price", trade.pricePaise).put("quantity", trade.qty).put("fill_ms", trade.fillTimestampMs);
        }
        final ArrayNode positions = root.putArray("positions");
        for (final Position position : broker.positions.values())
        {
            positions.addObject().put("instrument_token", position.instrument.token).put("product", position.product)
                .put("buy_quantity", position.buyQty).put("buy_value", position.buyValueUnits)
                .put("sell_quantity", position.sellQty).put("sell_value", position.sellValueUnits);
        }
        return root;
    }

    private ObjectNode order(final Order order)
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
        o.putArray("history").addAll(order.history);
        return o;
    }

    private static Order order(final JsonNode o, final Instrument instrument, final Map<String, Order.Iceberg> icebergs)
    {
        final Order order = new Order(o.path("order_id").asText(), o.path("variety").asText(), instrument,
            o.path("transaction_type").asText(), o.path("product").asText(), text(o, "tag"), o.path("guid").asText(),
            o.path("order_timestamp_ms").asLong(), o.path("market_protection").asDouble());
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
            {
                final Order.Iceberg shared = new Order.Iceberg(iceberg.path("legs").asInt(),
                    iceberg.path("leg_quantity").asLong(), iceberg.path("total_quantity").asLong(), first);
                shared.placedQuantity = iceberg.path("placed_quantity").asLong();
                return shared;
            });
        }
        o.path("extra_tags").forEach((tag) -> order.extraTags.add(tag.asText()));
        for (final JsonNode snapshot : o.path("history"))
        {
            if (snapshot.isObject())
            {
                order.history.add((ObjectNode)snapshot);
            }
        }
        return order;
    }

    private static String text(final JsonNode node, final String field)
    {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
