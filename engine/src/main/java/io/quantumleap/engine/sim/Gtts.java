package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumleap.engine.kite.ticker.KiteTickerProtocol;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user's GTT triggers: Kite's rules for placing, modifying and deleting them, and the check after each market
 * step that places a trigger's LIMIT order through the {@link Broker} when the last price reaches its value.
 * Owned by the simulator thread.
 *
 * <p>The check looks only at instruments with an active trigger whose last price moved since it last looked: at
 * most {@link #MAX_ACTIVE} triggers, no allocation unless one fires.
 */
final class Gtts
{
    /** Kite's limit of active GTTs per user. */
    static final int MAX_ACTIVE = 250;
    /** The first trigger id of a fresh book. */
    static final long FIRST_ID = 100_001;
    /** How close to the last price a trigger value may be: 0.25%, in hundredths of a percent. */
    static final long MIN_DISTANCE_BASIS_POINTS = 25;

    private final ObjectMapper mapper;
    private final Market market;
    private final Broker broker;
    private final SimClock clock;
    private final String userId;
    private final int appId;
    private final Map<Long, Gtt> triggers = new LinkedHashMap<>();
    /** Instruments with at least one active trigger, and their active triggers in placement order. */
    private final List<Watch> watched = new ArrayList<>();
    private final Watch[] watchByIndex;
    private int activeCount;
    private long nextExpiryMs = Long.MAX_VALUE;
    /** Changes to the triggers so far: the book of triggers is saved when this moves. */
    long changes;

    /** An instrument's active triggers and the last price they were checked at. */
    private static final class Watch
    {
        final Instrument instrument;
        final List<Gtt> active = new ArrayList<>();
        long checkedLtp;

        Watch(final Instrument instrument)
        {
            this.instrument = instrument;
        }
    }

    /** A place or modify request whose fields are well formed; prices are as sent, in rupees. */
    static final class Spec
    {
        Instrument instrument;
        String type;
        String exchange;
        String tradingsymbol;
        double lastPrice;
        String[] triggerValues;
        LegSpec[] legs;
    }

    /** One order of a {@link Spec}. */
    static final class LegSpec
    {
        String transactionType;
        long quantity;
        String product;
        String price;
    }

    Gtts(
        final ObjectMapper mapper,
        final InstrumentUniverse universe,
        final Market market,
        final Broker broker,
        final SimClock clock,
        final String userId,
        final int appId)
    {
        this.mapper = mapper;
        this.market = market;
        this.broker = broker;
        this.clock = clock;
        this.userId = userId;
        this.appId = appId;
        this.watchByIndex = new Watch[universe.size()];
    }

    /** @return the broker's id sequences, whose {@code gtt} numbers the triggers. */
    IdSequences ids()
    {
        return broker.ids;
    }

    /** @return every trigger, in placement order. */
    Collection<Gtt> all()
    {
        return triggers.values();
    }

    int activeCount()
    {
        return activeCount;
    }

    /** @throws KiteError InputException when there is no such trigger (or it was deleted, for {@code live}). */
    Gtt get(final long id, final boolean live)
    {
        final Gtt gtt = triggers.get(id);
        if (gtt == null || (live && Gtt.DELETED.equals(gtt.status)))
        {
            throw KiteError.input("Invalid `trigger_id` " + id + ": no such GTT" + (gtt == null ? "." :
                "; it was deleted."));
        }
        return gtt;
    }

    /** Place a trigger; throws InputException naming the field for anything Kite would refuse. */
    Gtt place(final Spec spec)
    {
        final Instrument instrument = spec.instrument;
        if (activeCount >= MAX_ACTIVE)
        {
            throw KiteError.input("You can have at most " + MAX_ACTIVE + " active GTTs; delete one before placing " +
                "another.");
        }
        final long nowMs = clock.epochMillis();
        final Gtt gtt = new Gtt(ids().gtt, nowMs, instrument.exchange, instrument.tradingsymbol, instrument.token,
            instrument);
        apply(gtt, spec, check(spec, instrument));
        ids().gtt++;
        gtt.status = Gtt.ACTIVE;
        gtt.updatedAtMs = nowMs;
        gtt.expiresAtMs = expiryMs(instrument, nowMs);
        triggers.put(gtt.id, gtt);
        activate(gtt);
        changes++;
        return gtt;
    }

    /** Replace an active trigger's type, condition and orders; the instrument cannot change. */
    Gtt modify(final long id, final Spec spec)
    {
        final Instrument instrument = spec.instrument;
        final Gtt gtt = get(id, true);
        if (!gtt.isActive())
        {
            throw KiteError.input("GTT " + id + " is " + gtt.status + "; only an active GTT can be modified.");
        }
        if (gtt.instrument != instrument)
        {
            throw KiteError.input("`condition.tradingsymbol` " + instrument.exchange + ":" + instrument.tradingsymbol +
                " differs from GTT " + id + "'s " + gtt.exchange + ":" + gtt.tradingsymbol + "; the instrument of a " +
                "GTT cannot be modified.");
        }
        final long ltp = check(spec, instrument);
        deactivate(gtt);
        apply(gtt, spec, ltp);
        gtt.updatedAtMs = clock.epochMillis();
        activate(gtt);
        changes++;
        return gtt;
    }

    /** Delete a trigger that has not been deleted yet; an active one stops watching the market. */
    Gtt delete(final long id)
    {
        final Gtt gtt = get(id, true);
        if (gtt.isActive())
        {
            deactivate(gtt);
        }
        gtt.status = Gtt.DELETED;
        gtt.updatedAtMs = clock.epochMillis();
        changes++;
        return gtt;
    }

    /**
     * After a market step: fire the active triggers whose condition the last price meets, in placement order, and
     * expire those past their expiry.
     */
    void onMarketStep()
    {
        if (activeCount == 0)
        {
            return;
        }
        final long[] ltps = market.ltpPaise;
        int w = 0;
        while (w < watched.size())
        {
            final Watch watch = watched.get(w);
            final long ltp = ltps[watch.instrument.index];
            if (ltp != watch.checkedLtp)
            {
                watch.checkedLtp = ltp;
                int i = 0;
                while (i < watch.active.size())
                {
                    final Gtt gtt = watch.active.get(i);
                    final int leg = gtt.legToFire(ltp);
                    if (leg < 0)
                    {
                        i++;
                    }
                    else
                    {
                        fire(gtt, leg, ltp);
                    }
                }
            }
            if (w < watched.size() && watched.get(w) == watch)
            {
                w++;
            }
        }
        final long nowMs = clock.epochMillis();
        if (nowMs >= nextExpiryMs)
        {
            expire(nowMs);
        }
    }

    /**
     * Takes a trigger back from the saved book; an active one watches the market again (if the price is already past
     * it, it fires at the next move that leaves the price past it).
     */
    void restore(final Gtt gtt)
    {
        triggers.put(gtt.id, gtt);
        ids().gtt = Math.max(ids().gtt, gtt.id + 1);
        if (gtt.isActive())
        {
            activate(gtt);
        }
    }

    private void fire(final Gtt gtt, final int index, final long ltp)
    {
        final long nowMs = clock.epochMillis();
        deactivate(gtt);
        gtt.status = Gtt.TRIGGERED;
        gtt.updatedAtMs = nowMs;
        final Gtt.Leg leg = gtt.legs[index];
        leg.fired = true;
        leg.firedAtMs = nowMs;
        leg.triggeredAtUnits = ltp;
        final OrderRequest request = new OrderRequest();
        request.variety = "regular";
        request.exchange = gtt.exchange;
        request.tradingsymbol = gtt.tradingsymbol;
        request.transactionType = leg.transactionType;
        request.orderType = "LIMIT";
        request.quantity = leg.quantity;
        request.product = leg.product;
        request.pricePaise = leg.priceUnits;
        request.validity = "DAY";
        changes++;
        try
        {
            final Order order = broker.place(request, gtt.instrument);
            leg.orderId = order.orderId;
            final boolean rejected = Order.REJECTED.equals(order.status);
            leg.resultStatus = rejected ? Gtt.RESULT_FAILED : Gtt.RESULT_SUCCESS;
            leg.resultReason = rejected ? order.statusMessage : "";
        }
        catch (final KiteError error)
        {
            leg.orderId = "";
            leg.resultStatus = Gtt.RESULT_FAILED;
            leg.resultReason = error.getMessage();
        }
    }

    private void expire(final long nowMs)
    {
        for (final Gtt gtt : new ArrayList<>(triggers.values()))
        {
            if (gtt.isActive() && nowMs >= gtt.expiresAtMs)
            {
                deactivate(gtt);
                gtt.status = Gtt.EXPIRED;
                gtt.updatedAtMs = nowMs;
                changes++;
            }
        }
        nextExpiryMs = Long.MAX_VALUE;
        for (final Gtt gtt : triggers.values())
        {
            if (gtt.isActive())
            {
                nextExpiryMs = Math.min(nextExpiryMs, gtt.expiresAtMs);
            }
        }
    }

    private void activate(final Gtt gtt)
    {
        final int index = gtt.instrument.index;
        Watch watch = watchByIndex[index];
        if (watch == null)
        {
            watch = new Watch(gtt.instrument);
            watch.checkedLtp = market.ltpPaise[index];
            watchByIndex[index] = watch;
            watched.add(watch);
        }
        watch.active.add(gtt);
        activeCount++;
        nextExpiryMs = Math.min(nextExpiryMs, gtt.expiresAtMs);
    }

    private void deactivate(final Gtt gtt)
    {
        final int index = gtt.instrument.index;
        final Watch watch = watchByIndex[index];
        if (watch != null && watch.active.remove(gtt))
        {
            activeCount--;
            if (watch.active.isEmpty())
            {
                watched.remove(watch);
                watchByIndex[index] = null;
            }
        }
    }

    /**
     * Kite's checks of a trigger against its instrument and the market now.
     *
     * @return the last price the trigger values were checked against.
     */
    private long check(final Spec spec, final Instrument instrument)
    {
        if (instrument.isIndex())
        {
            throw KiteError.input("`condition.tradingsymbol` " + instrument.tradingsymbol + " is an index; a GTT " +
                "needs a tradable instrument.");
        }
        final int count = Gtt.SINGLE.equals(spec.type) ? 1 : 2;
        if (spec.triggerValues.length != count)
        {
            throw KiteError.input("`condition.trigger_values` needs " + count + " value" + (count == 1 ? "" :
                "s (lower, upper)") + " for a " + spec.type + " GTT, not " + spec.triggerValues.length + ".");
        }
        if (spec.legs.length != count)
        {
            throw KiteError.input("`orders` needs " + count + " order" + (count == 1 ? "" :
                "s (for the lower, then the upper trigger)") + " for a " + spec.type + " GTT, not " +
                spec.legs.length + ".");
        }
        final long ltp = market.ltpPaise[instrument.index];
        final long[] values = new long[count];
        for (int i = 0; i < count; i++)
        {
            final String field = "condition.trigger_values[" + i + "]";
            values[i] = onTick(RestApi.units(spec.triggerValues[i], field, instrument), field, instrument);
            if (values[i] <= 0)
            {
                throw KiteError.input("Invalid `" + field + "` " + spec.triggerValues[i] + "; it must be > 0.");
            }
            final long distance = Math.abs(values[i] - ltp);
            final long minimum = minDistanceUnits(instrument, ltp);
            if (distance < minimum)
            {
                throw KiteError.input("`" + field + "` " + spec.triggerValues[i] + " is too close to the last price " +
                    instrument.priceText(ltp) + "; a trigger must be at least " + instrument.priceText(minimum) +
                    " away (0.25%, or 0.09 below 50).");
            }
        }
        if (count == 2 && !(values[0] < ltp && ltp < values[1]))
        {
            throw KiteError.input("`condition.trigger_values` of a two-leg GTT must be the lower value below the " +
                "last price " + instrument.priceText(ltp) + " and the upper value above it: " +
                spec.triggerValues[0] + ", " + spec.triggerValues[1] + ".");
        }
        for (int i = 0; i < count; i++)
        {
            checkLeg(spec.legs[i], "orders[" + i + "]", instrument);
        }
        return ltp;
    }

    private static void checkLeg(final LegSpec leg, final String prefix, final Instrument instrument)
    {
        final boolean derivative = instrument.isDerivative();
        if (derivative ? !("NRML".equals(leg.product) || "MIS".equals(leg.product)) :
            !("CNC".equals(leg.product) || "MIS".equals(leg.product)))
        {
            throw KiteError.input("Invalid `" + prefix + ".product` " + leg.product + " for a GTT on " +
                instrument.exchange + "; accepted: " + (derivative ? "NRML, MIS." : "CNC, MIS."));
        }
        final long lot = Math.max(1, instrument.lotSize);
        if (leg.quantity % lot != 0)
        {
            throw KiteError.input("Invalid `" + prefix + ".quantity` " + leg.quantity + "; it must be a multiple of " +
                "the lot size " + lot + ".");
        }
        final String field = prefix + ".price";
        final long price = onTick(RestApi.units(leg.price, field, instrument), field, instrument);
        if (price <= 0)
        {
            throw KiteError.input("Invalid `" + field + "` " + leg.price + "; it must be > 0.");
        }
    }

    private static long onTick(final long units, final String field, final Instrument instrument)
    {
        final long tick = Math.max(1, instrument.tickPaise);
        if (units % tick != 0)
        {
            throw KiteError.input("Invalid `" + field + "` " + instrument.priceText(units) + "; it must be a " +
                "multiple of the tick size " + instrument.priceText(tick) + ".");
        }
        return units;
    }

    /** 0.25% of the last price, or 9 paise when it is below 50 rupees. */
    static long minDistanceUnits(final Instrument instrument, final long ltp)
    {
        if (ltp < 50 * instrument.unitsPerRupee)
        {
            return 9 * instrument.unitsPerRupee / 100;
        }
        return (ltp * MIN_DISTANCE_BASIS_POINTS + 9_999) / 10_000;
    }

    private static void apply(final Gtt gtt, final Spec spec, final long ltp)
    {
        final Instrument instrument = gtt.instrument;
        gtt.type = spec.type;
        gtt.lastPrice = spec.lastPrice;
        gtt.triggerUnits = new long[spec.triggerValues.length];
        for (int i = 0; i < gtt.triggerUnits.length; i++)
        {
            gtt.triggerUnits[i] = RestApi.units(spec.triggerValues[i], "condition.trigger_values", instrument);
        }
        gtt.fireAbove = gtt.triggerUnits[0] > ltp;
        gtt.legs = new Gtt.Leg[spec.legs.length];
        for (int i = 0; i < gtt.legs.length; i++)
        {
            final LegSpec leg = spec.legs[i];
            gtt.legs[i] = new Gtt.Leg(leg.transactionType, leg.quantity, leg.product,
                RestApi.units(leg.price, "orders.price", instrument));
        }
    }

    /** A year from placement; for a derivative, no later than the end of its expiry day. */
    static long expiryMs(final Instrument instrument, final long nowMs)
    {
        final LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(nowMs), KiteTime.IST);
        long expiryMs = now.plusYears(1).toInstant(KiteTime.IST).toEpochMilli();
        if (instrument.isDerivative() && instrument.expiryEpochDay > 0)
        {
            expiryMs = Math.min(expiryMs, LocalDate.ofEpochDay(instrument.expiryEpochDay).atTime(LocalTime.MAX)
                .withNano(0).toInstant(KiteTime.IST).toEpochMilli());
        }
        return expiryMs;
    }

    /** Kite's trigger object (gokiteconnect's gtt_get_order.json). */
    ObjectNode json(final Gtt gtt)
    {
        final ObjectNode n = mapper.createObjectNode();
        n.put("id", gtt.id);
        n.put("user_id", userId);
        n.putNull("parent_trigger");
        n.put("type", gtt.type);
        n.put("created_at", KiteTime.dateTime(gtt.createdAtMs));
        n.put("updated_at", KiteTime.dateTime(gtt.updatedAtMs));
        n.put("expires_at", KiteTime.dateTime(gtt.expiresAtMs));
        n.put("status", gtt.status);
        final ObjectNode condition = n.putObject("condition");
        condition.put("exchange", gtt.exchange);
        condition.put("last_price", gtt.lastPrice);
        condition.put("tradingsymbol", gtt.tradingsymbol);
        final ArrayNode values = condition.putArray("trigger_values");
        for (final long value : gtt.triggerUnits)
        {
            values.add(rupees(gtt, value));
        }
        condition.put("instrument_token", gtt.instrumentToken);
        final ArrayNode orders = n.putArray("orders");
        for (final Gtt.Leg leg : gtt.legs)
        {
            final ObjectNode o = orders.addObject();
            o.put("account_id", "");
            o.put("parent_order_id", "");
            legFields(o, gtt, leg, "");
            o.put("guid", "");
            if (leg.fired)
            {
                o.set("result", result(gtt, leg));
            }
            else
            {
                o.putNull("result");
            }
        }
        final ObjectNode meta = n.putObject("meta");
        if (gtt.rejectionReason != null)
        {
            meta.put("rejection_reason", gtt.rejectionReason);
        }
        return n;
    }

    private ObjectNode result(final Gtt gtt, final Gtt.Leg leg)
    {
        final ObjectNode r = mapper.createObjectNode();
        r.put("account_id", userId);
        r.put("parent_order_id", "");
        legFields(r, gtt, leg, "DAY");
        r.put("meta", "{\"app_id\":" + appId + ",\"gtt\":" + gtt.id + "}");
        r.put("guid", "");
        r.put("timestamp", KiteTime.dateTime(leg.firedAtMs));
        r.put("triggered_at", rupees(gtt, leg.triggeredAtUnits));
        final ObjectNode orderResult = r.putObject("order_result");
        orderResult.put("status", leg.resultStatus);
        orderResult.put("order_id", leg.orderId);
        orderResult.put("rejection_reason", leg.resultReason);
        return r;
    }

    private static void legFields(final ObjectNode o, final Gtt gtt, final Gtt.Leg leg, final String validity)
    {
        o.put("exchange", gtt.exchange);
        o.put("tradingsymbol", gtt.tradingsymbol);
        o.put("validity", validity);
        o.put("product", leg.product);
        o.put("order_type", "LIMIT");
        o.put("transaction_type", leg.transactionType);
        o.put("quantity", leg.quantity);
        o.put("disclosed_quantity", 0);
        o.put("price", rupees(gtt, leg.priceUnits));
        o.put("trigger_price", 0);
    }

    private static double rupees(final Gtt gtt, final long units)
    {
        return (double)units / KiteTickerProtocol.priceDivisor(gtt.instrumentToken);
    }
}
