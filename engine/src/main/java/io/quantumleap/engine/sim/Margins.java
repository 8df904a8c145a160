package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumleap.engine.charges.ChargeBreakdown;
import io.quantumleap.engine.charges.ChargeSchedule;
import io.quantumleap.engine.charges.ChargeSegment;
import io.quantumleap.engine.charges.ChargeVenue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Kite's margin and charges calculators: {@code POST /margins/orders}, {@code POST /margins/basket} and
 * {@code POST /charges/orders} (the virtual contract note), each taking a JSON array of orders. Runs on the
 * simulator thread.
 *
 * <p>The margin of an order is what the paper broker's RMS blocks for it ({@link #requiredPaise}): cash equity
 * CNC 100% of the value (a CNC sell, of holdings, needs none), MIS, CO and MTF 20% (leverage 5) reported as
 * {@code var}; futures 12% of the contract value (NRML; half for MIS), currency futures 3%, MCX futures 10%,
 * reported as three quarters {@code span} and one quarter {@code exposure} (NFO: span 9% + exposure 3%); bought
 * options their premium ({@code option_premium}); sold options as futures on the underlying's value. The price is
 * the order's {@code price}, or the last price for MARKET and SL-M orders and a price of 0. Charges come from
 * {@link ChargeSchedule} at that price, as if the whole order executed, as Kite shows them: STT/CTT, the exchange
 * charge, the SEBI fee and GST unrounded, brokerage and stamp duty to the paisa; their {@code total} includes the DP
 * charge (₹13 + GST) of a delivery sell, which Kite's shape has no field for.
 *
 * <p>{@code mode=compact} keeps the shape but zeroes everything except {@code total}; {@code mode=full}, or no
 * mode, gives the breakdown (the official JS client always sends a mode). A basket's {@code initial} is
 * the sum of its orders; its {@code final} nets hedges simply: a sold option whose risk a bought option of the same
 * underlying, expiry and type covers (lot for lot, the cheapest cover first) needs as span only the spread's
 * worst loss, the strike difference, when that is less; the premium of sold options is credited against the
 * premium paid; {@code consider_positions=true} lets bought options already held cover the basket's sold ones.
 * Futures are not netted. So {@code final} never exceeds {@code initial}. The paper broker's funds net the options
 * held the same way ({@link Broker#usedMarginPaise}), so a spread placed blocks what its basket's {@code final} said.
 */
final class Margins
{
    /** At most this many orders in one request. */
    static final int MAX_ORDERS = 100;

    private static final ChargeSchedule SCHEDULE = ChargeSchedule.zerodha();

    private final SimAgent sim;
    private final ObjectMapper mapper;

    Margins(final SimAgent sim, final ObjectMapper mapper)
    {
        this.sim = sim;
        this.mapper = mapper;
    }

    /** The paths whose body is a JSON array rather than form fields (PROTOCOL.md section B.7). */
    static boolean takesJsonBody(final String path)
    {
        final String[] parts = RestApi.segments(path);
        return parts.length == 2 && ("margins".equals(parts[0]) || "charges".equals(parts[0]));
    }

    /**
     * Margin for {@code qty} of an order that adds to a position, in paise: the RMS rule of the class comment.
     *
     * @param pricePaise the order's price in the instrument's unit.
     * @param spotPaise  the underlying's last price, for sold options.
     */
    static long requiredPaise(
        final Instrument instrument, final String product, final boolean buy, final long qty, final long pricePaise,
        final long spotPaise)
    {
        final boolean intraday = "MIS".equals(product) || "CO".equals(product);
        if (instrument.isOption())
        {
            if (buy)
            {
                return instrument.moneyPaise(qty * pricePaise);
            }
            return instrument.moneyPaise(qty * spotPaise) * (intraday ? 6 : 12) / 100;
        }
        final long notionalPaise = instrument.moneyPaise(qty * pricePaise);
        if (instrument.isFuture())
        {
            final int percent = instrument.isCurrency() ? 3 : instrument.isCommodity() ? 10 : 12;
            return notionalPaise * (intraday ? percent / 2 : percent) / 100;
        }
        if ("CNC".equals(product))
        {
            return notionalPaise;
        }
        return notionalPaise * 20 / 100;
    }

    /** The SPAN part of a derivative's required margin; the rest is exposure margin. */
    static long spanPaise(final long requiredPaise)
    {
        return requiredPaise * 3 / 4;
    }

    /**
     * Answer one of the three routes; {@code parts} is the path split at slashes, {@code broker} the book of the
     * user asking (whose positions a basket may consider).
     */
    JsonNode answer(final RestRequest r, final String[] parts, final long nowMs, final Broker broker)
    {
        if (parts.length != 2 || !("margins".equals(parts[0]) && ("orders".equals(parts[1]) ||
            "basket".equals(parts[1])) || "charges".equals(parts[0]) && "orders".equals(parts[1])))
        {
            throw RestApi.routeNotFound(r);
        }
        if (!"POST".equals(r.method))
        {
            throw RestApi.methodNotAllowed(r);
        }
        final boolean contractNote = "charges".equals(parts[0]);
        final boolean basket = "basket".equals(parts[1]);
        final boolean compact = !contractNote && compact(r);
        final Iterable<Position> positions = basket && considerPositions(r) ? broker.positions() : List.of();
        final List<Leg> legs = legs(body(r), contractNote);
        final int date = tradeDate(nowMs);
        for (final Leg leg : legs)
        {
            charge(leg, date);
        }
        if (contractNote)
        {
            final ArrayNode data = mapper.createArrayNode();
            for (final Leg leg : legs)
            {
                data.add(contractNote(leg));
            }
            return data;
        }
        final ArrayNode rows = mapper.createArrayNode();
        for (final Leg leg : legs)
        {
            rows.add(row(leg, compact));
        }
        return basket ? basket(legs, rows, compact, positions) : rows;
    }

    private static boolean compact(final RestRequest r)
    {
        final String mode = r.queryParam("mode");
        if (mode == null || mode.isEmpty() || "full".equals(mode))
        {
            return false;
        }
        if (!"compact".equals(mode))
        {
            throw KiteError.input("Invalid `mode` '" + mode + "'; accepted: compact, full (the default).");
        }
        return true;
    }

    private static boolean considerPositions(final RestRequest r)
    {
        final String value = r.queryParam("consider_positions");
        if (value == null || value.isEmpty() || "false".equals(value))
        {
            return false;
        }
        if (!"true".equals(value))
        {
            throw KiteError.input("Invalid `consider_positions` '" + value + "'; accepted: true, false.");
        }
        return true;
    }

    private JsonNode body(final RestRequest r)
    {
        if (r.contentType == null || !r.contentType.toLowerCase(Locale.ROOT).startsWith("application/json"))
        {
            throw KiteError.input("Send the orders as a JSON array with `Content-Type: application/json`, not " +
                (r.contentType == null ? "no content type" : r.contentType) + ".");
        }
        final JsonNode json = JsonInput.read(mapper, r.body, "JSON body");
        if (json == null || !json.isArray() || json.isEmpty())
        {
            throw KiteError.input("The body must be a JSON array of 1.." + MAX_ORDERS + " orders, e.g. " +
                "[{\"exchange\":\"NSE\",\"tradingsymbol\":\"INFY\",\"transaction_type\":\"BUY\",\"variety\":" +
                "\"regular\",\"product\":\"CNC\",\"order_type\":\"MARKET\",\"quantity\":1}].");
        }
        if (json.size() > MAX_ORDERS)
        {
            throw KiteError.input("Too many orders: " + json.size() + "; at most " + MAX_ORDERS + ".");
        }
        return json;
    }

    private List<Leg> legs(final JsonNode orders, final boolean contractNote)
    {
        final List<Leg> legs = new ArrayList<>(orders.size());
        for (int i = 0; i < orders.size(); i++)
        {
            try
            {
                legs.add(leg(orders.get(i), contractNote));
            }
            catch (final KiteError error)
            {
                throw KiteError.input("orders[" + i + "]: " + error.getMessage());
            }
        }
        return legs;
    }

    private Leg leg(final JsonNode order, final boolean contractNote)
    {
        if (!order.isObject())
        {
            throw KiteError.input("each order must be a JSON object, not " + abbreviated(order) + ".");
        }
        final Leg leg = new Leg();
        leg.exchange = RestApi.oneOf(text(order, "exchange"), "exchange", RestApi.EXCHANGES);
        leg.tradingsymbol = text(order, "tradingsymbol");
        leg.transactionType = RestApi.oneOf(text(order, "transaction_type"), "transaction_type",
            RestApi.TRANSACTION_TYPES);
        leg.variety = RestApi.oneOf(text(order, "variety"), "variety", RestApi.VARIETIES);
        leg.product = RestApi.oneOf(text(order, "product"), "product", RestApi.PRODUCTS);
        leg.orderType = RestApi.oneOf(text(order, "order_type"), "order_type", RestApi.ORDER_TYPES);
        leg.quantity = quantity(order);
        if (contractNote)
        {
            final JsonNode orderId = order.get("order_id");
            if (orderId != null && !orderId.isNull() && !orderId.isTextual())
            {
                throw KiteError.input("`order_id` must be a string, not " + abbreviated(orderId) + ".");
            }
        }
        final Instrument instrument = sim.universe().byKey(leg.exchange, leg.tradingsymbol);
        if (instrument == null)
        {
            throw KiteError.input("Invalid `tradingsymbol` " + leg.tradingsymbol + " on `exchange` " + leg.exchange +
                ": no such instrument.");
        }
        if ("co".equals(leg.variety))
        {
            Broker.checkTradable(instrument, null);
            Broker.checkCoverProduct(leg.product);
        }
        else
        {
            Broker.checkTradable(instrument, leg.product);
        }
        if (instrument.lotSize > 1 && leg.quantity % instrument.lotSize != 0)
        {
            throw KiteError.input("Invalid `quantity` " + leg.quantity + "; it must be a multiple of the lot size " +
                instrument.lotSize + " of " + instrument.tradingsymbol + ".");
        }
        leg.instrument = instrument;
        final long ltp = sim.market().ltpPaise[instrument.index];
        if (contractNote)
        {
            final Long average = price(order, "average_price", instrument, true);
            leg.pricePaise = average == 0 ? ltp : average;
        }
        else
        {
            final Long price = price(order, "price", instrument, false);
            price(order, "trigger_price", instrument, false);
            final boolean atMarket = "MARKET".equals(leg.orderType) || "SL-M".equals(leg.orderType);
            leg.pricePaise = atMarket || price == null || price == 0 ? ltp : price;
        }
        leg.valuePaise = valuePaise(instrument, leg.quantity, leg.pricePaise);
        margin(leg);
        return leg;
    }

    private static String text(final JsonNode order, final String field)
    {
        final JsonNode value = order.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty()))
        {
            throw KiteError.input("Missing `" + field + "`; it is required.");
        }
        if (!value.isTextual())
        {
            throw KiteError.input("`" + field + "` must be a string, not " + abbreviated(value) + ".");
        }
        return value.asText();
    }

    private static long quantity(final JsonNode order)
    {
        final JsonNode value = order.get("quantity");
        if (value == null || value.isNull())
        {
            throw KiteError.input("Missing `quantity`; it is required.");
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() <= 0)
        {
            throw KiteError.input("Invalid `quantity` " + abbreviated(value) + "; it must be a whole number " +
                "1.." + Integer.MAX_VALUE + ".");
        }
        return value.asLong();
    }

    /** A price in rupees as a JSON number, in the instrument's unit; null (or 0 when required) when absent. */
    private static Long price(final JsonNode order, final String field, final Instrument instrument,
        final boolean required)
    {
        final JsonNode value = order.get(field);
        if (value == null || value.isNull())
        {
            if (required)
            {
                throw KiteError.input("Missing `" + field + "`; it is required (0 for the last price).");
            }
            return null;
        }
        if (!value.isNumber())
        {
            throw KiteError.input("`" + field + "` must be a number of rupees like 1520.05, not " +
                abbreviated(value) + ".");
        }
        // Read as written (JsonInput): 1e-400 is not 0, and no number is infinite.
        final BigDecimal rupees = value.decimalValue();
        if (rupees.signum() < 0)
        {
            throw KiteError.input("Invalid `" + field + "` " + abbreviated(value) + "; it must not be negative.");
        }
        if (rupees.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0)
        {
            throw KiteError.input("Invalid `" + field + "` " + abbreviated(value) + "; too large.");
        }
        return RestApi.units(KiteNumbers.bounded(rupees, field, abbreviated(value)).toPlainString(), field,
            instrument);
    }

    private static long valuePaise(final Instrument instrument, final long quantity, final long pricePaise)
    {
        try
        {
            final long value = Math.multiplyExact(Math.multiplyExact(quantity, pricePaise), instrument.multiplier) /
                (instrument.unitsPerRupee / 100);
            if (value <= ChargeSchedule.MAX_TURNOVER_PAISE)
            {
                return value;
            }
        }
        catch (final ArithmeticException ex)
        {
            // Falls through to the refusal below: the product does not fit in a long.
        }
        throw KiteError.input("The order's value (`quantity` x price) is too large; at most ₹" +
            ChargeSchedule.MAX_TURNOVER_PAISE / 100 + ".");
    }

    private void margin(final Leg leg)
    {
        final Instrument instrument = leg.instrument;
        final boolean buy = leg.isBuy();
        if ("CNC".equals(leg.product) && !buy)
        {
            return;
        }
        final long spot = instrument.isOption() ? sim.market().ltpPaise[instrument.underlying.index] : 0;
        final long required = requiredPaise(instrument, leg.product, buy, leg.quantity, leg.pricePaise, spot);
        if (instrument.isOption() && buy)
        {
            leg.premiumPaise = required;
        }
        else if (instrument.isDerivative())
        {
            leg.spanPaise = spanPaise(required);
            leg.exposurePaise = required - leg.spanPaise;
        }
        else
        {
            leg.varPaise = required;
            leg.leverage = "CNC".equals(leg.product) ? 1 : 5;
        }
    }

    private void charge(final Leg leg, final int date)
    {
        try
        {
            charge(leg.instrument, leg.product, leg.isBuy(), leg.valuePaise, date, leg.charges);
        }
        catch (final IllegalArgumentException ex)
        {
            throw KiteError.input("No charges for " + leg.instrument.key() + ": " + ex.getMessage());
        }
    }

    /**
     * What an executed order of {@code valuePaise} costs in charges, as its contract note shows them: the broker
     * debits them at the day's end.
     *
     * @return the charges to the paisa; a value past {@link ChargeSchedule#MAX_TURNOVER_PAISE} is charged as that.
     */
    static long chargesPaise(final Instrument instrument, final String product, final boolean buy,
        final long valuePaise, final long tradeMs)
    {
        final ChargeBreakdown charges = new ChargeBreakdown();
        charge(instrument, product, buy, Math.min(valuePaise, ChargeSchedule.MAX_TURNOVER_PAISE), tradeDate(tradeMs),
            charges);
        return charges.totalPaise();
    }

    private static void charge(final Instrument instrument, final String product, final boolean buy,
        final long valuePaise, final int date, final ChargeBreakdown out)
    {
        final boolean option = instrument.isOption();
        final ChargeSegment segment = instrument.isCommodity() ?
            option ? ChargeSegment.COMMODITY_OPTIONS : ChargeSegment.COMMODITY_FUTURES :
            instrument.isCurrency() ? option ? ChargeSegment.CURRENCY_OPTIONS : ChargeSegment.CURRENCY_FUTURES :
            instrument.isDerivative() ? option ? ChargeSegment.OPTIONS : ChargeSegment.FUTURES :
            "MIS".equals(product) || "CO".equals(product) ? ChargeSegment.EQUITY_INTRADAY :
            ChargeSegment.EQUITY_DELIVERY;
        final ChargeVenue venue = instrument.isCommodity() ? ChargeVenue.MCX :
            instrument.isBse() ? ChargeVenue.BSE : ChargeVenue.NSE;
        SCHEDULE.charge(date, segment, venue, buy, valuePaise, out);
    }

    /** The trade date as yyyymmdd; a date before the first table is charged by the first table. */
    private static int tradeDate(final long nowMs)
    {
        final LocalDate date = KiteTime.date(nowMs);
        return Math.max(SCHEDULE.firstEffectiveDate(),
            date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth());
    }

    private ObjectNode chargesJson(final ChargeBreakdown c)
    {
        return chargesJson(c.transactionTaxNanoRupees(), c.commodityTax() ? "ctt" : "stt", c.exchangeNanoRupees(),
            c.sebiNanoRupees(), c.brokeragePaise(), c.stampDutyPaise(), c.gstNanoRupees(), c.totalNanoRupees());
    }

    private ObjectNode zeroCharges()
    {
        return chargesJson(0, "", 0, 0, 0, 0, 0, 0);
    }

    /** Kite's charges object: STT/CTT, exchange charge, SEBI fee, GST (all IGST, as in the mocks), total unrounded. */
    private ObjectNode chargesJson(
        final long taxNano, final String taxType, final long exchangeNano, final long sebiNano,
        final long brokeragePaise, final long stampPaise, final long gstNano, final long totalNano)
    {
        final ObjectNode n = mapper.createObjectNode();
        n.put("transaction_tax", rupees(taxNano));
        n.put("transaction_tax_type", taxType);
        n.put("exchange_turnover_charge", rupees(exchangeNano));
        n.put("sebi_turnover_charge", rupees(sebiNano));
        n.put("brokerage", KiteJson.rupees(brokeragePaise));
        n.put("stamp_duty", KiteJson.rupees(stampPaise));
        final ObjectNode gst = n.putObject("gst");
        gst.put("igst", rupees(gstNano));
        gst.put("cgst", 0);
        gst.put("sgst", 0);
        gst.put("total", rupees(gstNano));
        n.put("total", rupees(totalNano));
        return n;
    }

    private static double rupees(final long nanoRupees)
    {
        return nanoRupees / 1e9;
    }

    private ObjectNode row(final Leg leg, final boolean compact)
    {
        final String type = leg.instrument.isCommodity() ? "commodity" : "equity";
        final ObjectNode n = margin(type, leg.tradingsymbol, leg.exchange, compact ? 0 : leg.spanPaise,
            compact ? 0 : leg.exposurePaise, compact ? 0 : leg.premiumPaise, compact ? 0 : leg.varPaise,
            compact ? 0 : leg.leverage, compact ? zeroCharges() : chargesJson(leg.charges));
        n.put("total", KiteJson.rupees(leg.totalPaise()));
        return n;
    }

    private ObjectNode margin(
        final String type, final String tradingsymbol, final String exchange, final long spanPaise,
        final long exposurePaise, final long premiumPaise, final long varPaise, final int leverage,
        final ObjectNode charges)
    {
        final ObjectNode n = mapper.createObjectNode();
        n.put("type", type);
        n.put("tradingsymbol", tradingsymbol);
        n.put("exchange", exchange);
        n.put("span", KiteJson.rupees(spanPaise));
        n.put("exposure", KiteJson.rupees(exposurePaise));
        n.put("option_premium", KiteJson.rupees(premiumPaise));
        n.put("additional", 0);
        n.put("bo", 0);
        n.put("cash", 0);
        n.put("var", KiteJson.rupees(varPaise));
        final ObjectNode pnl = n.putObject("pnl");
        pnl.put("realised", 0);
        pnl.put("unrealised", 0);
        n.put("leverage", leverage);
        n.set("charges", charges);
        n.put("total", KiteJson.rupees(spanPaise + exposurePaise + premiumPaise + varPaise));
        return n;
    }

    private ObjectNode contractNote(final Leg leg)
    {
        final ObjectNode n = mapper.createObjectNode();
        n.put("transaction_type", leg.transactionType);
        n.put("tradingsymbol", leg.tradingsymbol);
        n.put("exchange", leg.exchange);
        n.put("variety", leg.variety);
        n.put("product", leg.product);
        n.put("order_type", leg.orderType);
        n.put("quantity", leg.quantity);
        n.put("price", leg.instrument.rupees(leg.pricePaise));
        n.set("charges", chargesJson(leg.charges));
        return n;
    }

    private ObjectNode basket(
        final List<Leg> legs, final ArrayNode rows, final boolean compact, final Iterable<Position> positions)
    {
        long span = 0;
        long exposure = 0;
        long premium = 0;
        long var = 0;
        long premiumReceived = 0;
        for (final Leg leg : legs)
        {
            span += leg.spanPaise;
            exposure += leg.exposurePaise;
            premium += leg.premiumPaise;
            var += leg.varPaise;
            if (leg.instrument.isOption() && !leg.isBuy())
            {
                premiumReceived += leg.valuePaise;
            }
        }
        final long hedgedSpan = span - hedgeBenefitPaise(legs, positions);
        final ObjectNode data = mapper.createObjectNode();
        final ObjectNode initial = compact ? margin("", "", "", 0, 0, 0, 0, 0, zeroCharges()) :
            margin("", "", "", span, exposure, premium, var, 0, zeroCharges());
        initial.put("total", KiteJson.rupees(span + exposure + premium + var));
        final long finalTotal = Math.max(0, hedgedSpan + exposure + premium - premiumReceived + var);
        final ObjectNode last = compact ? margin("", "", "", 0, 0, 0, 0, 0, zeroCharges()) :
            margin("", "", "", hedgedSpan, exposure, premium - premiumReceived, var, 0, zeroCharges());
        last.put("total", KiteJson.rupees(finalTotal));
        data.set("initial", initial);
        data.set("final", last);
        data.set("orders", rows);
        data.set("charges", compact ? zeroCharges() : sumOfCharges(legs));
        return data;
    }

    /**
     * Span saved by covering each sold option of the basket with bought options of the same underlying, expiry
     * and type (from the basket, and from positions when asked), the cheapest cover first: the covered part needs
     * only the spread's worst loss when that is below its span.
     */
    private long hedgeBenefitPaise(final List<Leg> legs, final Iterable<Position> positions)
    {
        final List<Instrument> coverInstruments = new ArrayList<>();
        final List<long[]> coverQty = new ArrayList<>();
        for (final Leg leg : legs)
        {
            if (leg.instrument.isOption() && leg.isBuy())
            {
                coverInstruments.add(leg.instrument);
                coverQty.add(new long[] {leg.quantity});
            }
        }
        for (final Position position : positions)
        {
            if (position.instrument.isOption() && position.quantity() > 0)
            {
                coverInstruments.add(position.instrument);
                coverQty.add(new long[] {position.quantity()});
            }
        }
        long benefit = 0;
        for (final Leg leg : legs)
        {
            if (leg.instrument.isOption() && !leg.isBuy() && leg.spanPaise != 0)
            {
                benefit += coverBenefitPaise(leg.instrument, leg.quantity, leg.spanPaise, coverInstruments, coverQty);
            }
        }
        return benefit;
    }

    /**
     * Span saved by covering {@code quantity} of the sold option {@code sold}, whose span is {@code spanPaise}, with
     * the bought options of the same underlying, expiry and type in the pool, the cheapest cover first: the covered
     * part needs only the spread's worst loss when that is below its span. Takes what it covers out of the pool.
     *
     * @param coverInstruments bought options that may cover.
     * @param coverQty         the quantity of each still free to cover, one element each.
     */
    static long coverBenefitPaise(
        final Instrument sold, final long quantity, final long spanPaise, final List<Instrument> coverInstruments,
        final List<long[]> coverQty)
    {
        final boolean call = "CE".equals(sold.instrumentType);
        long benefit = 0;
        long open = quantity;
        while (open > 0)
        {
            int best = -1;
            long bestRisk = Long.MAX_VALUE;
            for (int i = 0; i < coverInstruments.size(); i++)
            {
                final Instrument cover = coverInstruments.get(i);
                if (coverQty.get(i)[0] > 0 && cover.underlying == sold.underlying &&
                    cover.expiryEpochDay == sold.expiryEpochDay && cover.instrumentType.equals(sold.instrumentType))
                {
                    final long risk = Math.max(0, call ? cover.strikePaise - sold.strikePaise :
                        sold.strikePaise - cover.strikePaise);
                    if (risk < bestRisk)
                    {
                        bestRisk = risk;
                        best = i;
                    }
                }
            }
            if (best < 0)
            {
                break;
            }
            final long covered = Math.min(open, coverQty.get(best)[0]);
            coverQty.get(best)[0] -= covered;
            open -= covered;
            final long spanOfCovered = spanPaise * covered / quantity;
            benefit += Math.max(0, spanOfCovered - sold.moneyPaise(bestRisk * covered));
        }
        return benefit;
    }

    private ObjectNode sumOfCharges(final List<Leg> legs)
    {
        long tax = 0;
        long exchange = 0;
        long sebi = 0;
        long brokerage = 0;
        long stamp = 0;
        long gst = 0;
        long total = 0;
        String taxType = "";
        for (final Leg leg : legs)
        {
            final ChargeBreakdown c = leg.charges;
            tax += c.transactionTaxNanoRupees();
            exchange += c.exchangeNanoRupees();
            sebi += c.sebiNanoRupees();
            brokerage += c.brokeragePaise();
            stamp += c.stampDutyPaise();
            gst += c.gstNanoRupees();
            total += c.totalNanoRupees();
            final String type = c.commodityTax() ? "ctt" : "stt";
            taxType = taxType.isEmpty() || taxType.equals(type) ? type : "stt+ctt";
        }
        return chargesJson(tax, taxType, exchange, sebi, brokerage, stamp, gst, total);
    }

    private static String abbreviated(final JsonNode value)
    {
        final String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** One order of a request, resolved against the universe, with its margin and charges. */
    private static final class Leg
    {
        String exchange;
        String tradingsymbol;
        String transactionType;
        String variety;
        String product;
        String orderType;
        long quantity;
        Instrument instrument;
        long pricePaise;
        long valuePaise;
        long spanPaise;
        long exposurePaise;
        long premiumPaise;
        long varPaise;
        int leverage = 1;
        final ChargeBreakdown charges = new ChargeBreakdown();

        boolean isBuy()
        {
            return "BUY".equals(transactionType);
        }

        long totalPaise()
        {
            return spanPaise + exposurePaise + premiumPaise + varPaise;
        }
    }
}
