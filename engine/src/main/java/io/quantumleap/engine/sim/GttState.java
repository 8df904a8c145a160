package io.quantumleap.engine.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;

/**
 * The GTT triggers in a file next to the paper broker's book, so they outlive a restart as they outlive a day on
 * Kite: unlike the book, they are not of one trading day. The whole file is written again (to a temporary file,
 * then moved over) whenever the triggers changed, before the reply or update that tells of the change. A start
 * takes back every trigger still active, and those that ended on the day of the start; an active trigger whose
 * instrument is no longer listed (an expired contract) comes back expired.
 *
 * <p>Owned by the simulator thread.
 */
final class GttState
{
    private static final int VERSION = 1;

    private final Path file;
    private final ObjectMapper mapper;
    private long savedChanges = -1;
    private long failures;

    GttState(final Path file, final ObjectMapper mapper)
    {
        this.file = file;
        this.mapper = mapper;
    }

    /** The triggers' file beside the paper broker's book {@code bookFile}: {@code paper-broker-gtt.json}. */
    static Path besideBook(final Path bookFile)
    {
        final String name = bookFile.getFileName().toString();
        final int dot = name.lastIndexOf('.');
        return bookFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + "-gtt.json");
    }

    /**
     * Takes the triggers back into a book that has none yet. A file that cannot be read is moved aside
     * ({@code .unreadable}) and the simulator starts without triggers.
     *
     * @return triggers taken back.
     * @throws IllegalStateException when such a file cannot be moved aside, naming it.
     */
    int restore(final Gtts gtts, final InstrumentUniverse universe, final long nowMs)
    {
        int restored = 0;
        final JsonNode root = read();
        if (root != null)
        {
            final LocalDate today = KiteTime.date(nowMs);
            for (final JsonNode t : root.path("triggers"))
            {
                final Gtt gtt = trigger(t, universe, nowMs);
                final int legs = gtt.legs.length;
                if (gtt.id <= 0 || legs < 1 || legs > 2 || gtt.triggerUnits.length != legs)
                {
                    System.err.println("kite-sim: a GTT trigger of " + file + " is left out: " + t);
                    continue;
                }
                if (gtt.isActive() || !KiteTime.date(gtt.updatedAtMs).isBefore(today))
                {
                    gtts.restore(gtt);
                    restored++;
                }
            }
            gtts.ids().gtt = Math.max(gtts.ids().gtt, root.path("next_id").asLong());
        }
        savedChanges = gtts.changes;
        save(gtts);
        return restored;
    }

    /** @return the file's triggers, null when there is no file or it was unreadable and moved aside. */
    private JsonNode read()
    {
        if (!Files.exists(file))
        {
            return null;
        }
        String problem;
        try
        {
            final JsonNode root = mapper.readTree(file.toFile());
            if (root != null && root.path("version").asInt() == VERSION && root.path("triggers").isArray())
            {
                return root;
            }
            problem = "is not of version " + VERSION;
        }
        catch (final IOException ex)
        {
            problem = "cannot be read (" + (ex instanceof JsonProcessingException ?
                ((JsonProcessingException)ex).getOriginalMessage() : ex.getMessage()) + ")";
        }
        final Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
        try
        {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("the GTT triggers " + file + " " + problem + " and cannot be moved " +
                "aside: " + ex.getMessage(), ex);
        }
        System.err.println("kite-sim: the GTT triggers " + file + " " + problem + "; moved aside to " + aside +
            ", starting without them");
        return null;
    }

    /**
     * Writes the triggers if they changed since the last save. A failure is reported and counted, and the
     * simulator goes on: they are written with the next change.
     *
     * @return true when the file was written.
     */
    boolean saveIfChanged(final Gtts gtts)
    {
        if (gtts.changes == savedChanges)
        {
            return false;
        }
        return save(gtts);
    }

    long failures()
    {
        return failures;
    }

    private boolean save(final Gtts gtts)
    {
        final ObjectNode root = mapper.createObjectNode();
        root.put("version", VERSION);
        root.put("next_id", gtts.ids().gtt);
        final ArrayNode list = root.putArray("triggers");
        for (final Gtt gtt : gtts.all())
        {
            list.add(json(gtt));
        }
        try
        {
            PaperBrokerState.replace(file, mapper.writeValueAsBytes(root));
        }
        catch (final IOException ex)
        {
            failures++;
            System.err.println("kite-sim: the GTT triggers could not be written to " + file + " (" + failures +
                " failures so far): " + ex);
            return false;
        }
        savedChanges = gtts.changes;
        return true;
    }

    private ObjectNode json(final Gtt gtt)
    {
        final ObjectNode t = mapper.createObjectNode()
            .put("id", gtt.id)
            .put("created_ms", gtt.createdAtMs)
            .put("updated_ms", gtt.updatedAtMs)
            .put("expires_ms", gtt.expiresAtMs)
            .put("exchange", gtt.exchange)
            .put("tradingsymbol", gtt.tradingsymbol)
            .put("instrument_token", gtt.instrumentToken)
            .put("type", gtt.type)
            .put("status", gtt.status)
            .put("last_price", gtt.lastPrice)
            .put("fire_above", gtt.fireAbove)
            .put("rejection_reason", gtt.rejectionReason);
        final ArrayNode values = t.putArray("trigger_values");
        for (final long value : gtt.triggerUnits)
        {
            values.add(value);
        }
        final ArrayNode legs = t.putArray("legs");
        for (final Gtt.Leg leg : gtt.legs)
        {
            final ObjectNode l = legs.addObject()
                .put("transaction_type", leg.transactionType)
                .put("quantity", leg.quantity)
                .put("product", leg.product)
                .put("price", leg.priceUnits)
                .put("fired", leg.fired);
            if (leg.fired)
            {
                l.put("fired_ms", leg.firedAtMs)
                    .put("triggered_at", leg.triggeredAtUnits)
                    .put("result_status", leg.resultStatus)
                    .put("order_id", leg.orderId)
                    .put("result_reason", leg.resultReason);
            }
        }
        return t;
    }

    private static Gtt trigger(final JsonNode t, final InstrumentUniverse universe, final long nowMs)
    {
        final String exchange = t.path("exchange").asText();
        final String tradingsymbol = t.path("tradingsymbol").asText();
        final Instrument instrument = universe.byKey(exchange, tradingsymbol);
        final Gtt gtt = new Gtt(t.path("id").asLong(), t.path("created_ms").asLong(), exchange, tradingsymbol,
            instrument != null ? instrument.token : t.path("instrument_token").asLong(), instrument);
        gtt.updatedAtMs = t.path("updated_ms").asLong();
        gtt.expiresAtMs = t.path("expires_ms").asLong();
        gtt.type = t.path("type").asText();
        gtt.status = t.path("status").asText();
        gtt.lastPrice = t.path("last_price").asDouble();
        gtt.fireAbove = t.path("fire_above").asBoolean();
        final JsonNode reason = t.get("rejection_reason");
        gtt.rejectionReason = reason == null || reason.isNull() ? null : reason.asText();
        final JsonNode values = t.path("trigger_values");
        gtt.triggerUnits = new long[values.size()];
        for (int i = 0; i < gtt.triggerUnits.length; i++)
        {
            gtt.triggerUnits[i] = values.get(i).asLong();
        }
        final JsonNode legs = t.path("legs");
        gtt.legs = new Gtt.Leg[legs.size()];
        for (int i = 0; i < gtt.legs.length; i++)
        {
            final JsonNode l = legs.get(i);
            final Gtt.Leg leg = new Gtt.Leg(l.path("transaction_type").asText(), l.path("quantity").asLong(),
                l.path("product").asText(), l.path("price").asLong());
            leg.fired = l.path("fired").asBoolean();
            if (leg.fired)
            {
                leg.firedAtMs = l.path("fired_ms").asLong();
                leg.triggeredAtUnits = l.path("triggered_at").asLong();
                leg.resultStatus = l.path("result_status").asText();
                leg.orderId = l.path("order_id").asText();
                leg.resultReason = l.path("result_reason").asText();
            }
            gtt.legs[i] = leg;
        }
        if (gtt.isActive() && (instrument == null || nowMs >= gtt.expiresAtMs))
        {
            gtt.status = Gtt.EXPIRED;
            gtt.updatedAtMs = nowMs;
        }
        return gtt;
    }
}
