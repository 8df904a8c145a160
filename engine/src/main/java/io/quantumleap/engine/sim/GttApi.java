package io.quantumleap.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * Kite's GTT endpoints, {@code /gtt/triggers[/{id}]}: parses the form fields {@code type}, {@code condition} and
 * {@code orders} (the last two JSON, as every official client sends them) and answers with the shapes of
 * gokiteconnect's GTT mocks. Runs on the simulator thread.
 */
final class GttApi
{
    static final List<String> TYPES = Arrays.asList(Gtt.SINGLE, Gtt.TWO_LEG);
    /** GTT orders are LIMIT orders only. */
    static final List<String> ORDER_TYPES = List.of("LIMIT");
    static final List<String> PRODUCTS = Arrays.asList("CNC", "NRML", "MIS");

    private final SimAgent sim;
    private final ObjectMapper mapper;

    GttApi(final SimAgent sim, final ObjectMapper mapper)
    {
        this.sim = sim;
        this.mapper = mapper;
    }

    /** @return the {@code data} of the reply to a request of the user of {@code gtts} whose path starts with /gtt. */
    JsonNode handle(final RestRequest r, final String[] parts, final Gtts gtts)
    {
        if (parts.length < 2 || parts.length > 3 || !"triggers".equals(parts[1]))
        {
            throw KiteError.notFound("Route not found: " + r.method + " " + r.path);
        }
        if (parts.length == 2)
        {
            if ("GET".equals(r.method))
            {
                final ArrayNode list = mapper.createArrayNode();
                for (final Gtt gtt : gtts.all())
                {
                    if (!Gtt.DELETED.equals(gtt.status))
                    {
                        list.insert(0, gtts.json(gtt));
                    }
                }
                return list;
            }
            if ("POST".equals(r.method))
            {
                return triggerId(gtts.place(spec(r)));
            }
            throw RestApi.methodNotAllowed(r);
        }
        final long id = triggerId(parts[2]);
        switch (r.method)
        {
            case "GET":
                return gtts.json(gtts.get(id, false));
            case "PUT":
                return triggerId(gtts.modify(id, spec(r)));
            case "DELETE":
                return triggerId(gtts.delete(id));
            default:
                throw RestApi.methodNotAllowed(r);
        }
    }

    private JsonNode triggerId(final Gtt gtt)
    {
        return mapper.createObjectNode().put("trigger_id", gtt.id);
    }

    private static long triggerId(final String text)
    {
        try
        {
            final long id = KiteNumbers.isWhole(text) ? Long.parseLong(text) : 0;
            if (id > 0)
            {
                return id;
            }
        }
        catch (final NumberFormatException ex)
        {
            // answered below
        }
        throw KiteError.input("Invalid `trigger_id` '" + text + "'; expected a positive whole number.");
    }

    private Gtts.Spec spec(final RestRequest r)
    {
        final Gtts.Spec spec = new Gtts.Spec();
        spec.type = RestApi.oneOf(RestApi.required(r, "type"), "type", TYPES);
        final JsonNode condition = json(r, "condition");
        if (!condition.isObject())
        {
            throw KiteError.input("Invalid `condition`: expected a JSON object with exchange, tradingsymbol, " +
                "trigger_values and last_price.");
        }
        spec.exchange = RestApi.oneOf(text(condition, "exchange", "condition.exchange"), "condition.exchange",
            RestApi.EXCHANGES);
        spec.tradingsymbol = text(condition, "tradingsymbol", "condition.tradingsymbol");
        spec.instrument = sim.universe().byKey(spec.exchange, spec.tradingsymbol);
        if (spec.instrument == null)
        {
            throw KiteError.input("Invalid `condition.tradingsymbol` " + spec.tradingsymbol + " on `exchange` " +
                spec.exchange + ": no such instrument.");
        }
        final JsonNode values = condition.get("trigger_values");
        if (values == null || !values.isArray() || values.isEmpty())
        {
            throw KiteError.input("Missing `condition.trigger_values`; expected a list of prices like [1500.5].");
        }
        spec.triggerValues = new String[values.size()];
        for (int i = 0; i < values.size(); i++)
        {
            spec.triggerValues[i] = price(values.get(i), "condition.trigger_values[" + i + "]");
        }
        final String lastPrice = price(condition.get("last_price"), "condition.last_price");
        spec.lastPrice = Double.parseDouble(lastPrice);
        if (!(spec.lastPrice > 0))
        {
            throw KiteError.input("Invalid `condition.last_price` " + lastPrice + "; it must be > 0.");
        }
        final JsonNode orders = json(r, "orders");
        if (!orders.isArray() || orders.isEmpty())
        {
            throw KiteError.input("Invalid `orders`: expected a JSON list of one order (single) or two (two-leg).");
        }
        spec.legs = new Gtts.LegSpec[orders.size()];
        for (int i = 0; i < orders.size(); i++)
        {
            spec.legs[i] = leg(orders.get(i), "orders[" + i + "]", spec);
        }
        return spec;
    }

    private static Gtts.LegSpec leg(final JsonNode o, final String prefix, final Gtts.Spec spec)
    {
        if (!o.isObject())
        {
            throw KiteError.input("Invalid `" + prefix + "`: expected an object with transaction_type, quantity, " +
                "order_type, product and price.");
        }
        for (final String field : new String[] {"exchange", "tradingsymbol"})
        {
            final JsonNode value = o.get(field);
            final String expected = "exchange".equals(field) ? spec.exchange : spec.tradingsymbol;
            if (value != null && !value.isNull() && !value.asText().isEmpty() && !expected.equals(value.asText()))
            {
                throw KiteError.input("Invalid `" + prefix + "." + field + "` " + value.asText() + "; a GTT's " +
                    "orders are for its condition's instrument, " + expected + ".");
            }
        }
        final Gtts.LegSpec leg = new Gtts.LegSpec();
        leg.transactionType = RestApi.oneOf(text(o, "transaction_type", prefix + ".transaction_type"),
            prefix + ".transaction_type", RestApi.TRANSACTION_TYPES);
        RestApi.oneOf(text(o, "order_type", prefix + ".order_type"), prefix + ".order_type", ORDER_TYPES);
        leg.product = RestApi.oneOf(text(o, "product", prefix + ".product"), prefix + ".product", PRODUCTS);
        leg.quantity = quantity(o.get("quantity"), prefix + ".quantity");
        leg.price = price(o.get("price"), prefix + ".price");
        return leg;
    }

    private JsonNode json(final RestRequest r, final String field)
    {
        final JsonNode node = JsonInput.read(mapper, RestApi.required(r, field), "`" + field + "`");
        if (node == null)
        {
            throw KiteError.input("Invalid `" + field + "`: empty.");
        }
        return node;
    }

    private static String text(final JsonNode node, final String name, final String field)
    {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isEmpty())
        {
            throw KiteError.input("Missing `" + field + "`; it is required.");
        }
        return value.asText();
    }

    /** A price sent as a JSON number or a numeric string, as plain decimal text. */
    private static String price(final JsonNode value, final String field)
    {
        if (value == null || value.isNull())
        {
            throw KiteError.input("Missing `" + field + "`; it is required.");
        }
        final BigDecimal decimal = decimal(value, field);
        if (decimal.signum() < 0)
        {
            throw KiteError.input("Invalid `" + field + "` " + value + "; it must not be negative.");
        }
        return KiteNumbers.bounded(decimal, field, value.toString()).toPlainString();
    }

    private static long quantity(final JsonNode value, final String field)
    {
        if (value == null || value.isNull())
        {
            throw KiteError.input("Missing `" + field + "`; it is required.");
        }
        final BigDecimal decimal = KiteNumbers.bounded(decimal(value, field), field, value.toString());
        if (decimal.signum() <= 0 || decimal.scale() > 0 ||
            decimal.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0)
        {
            throw KiteError.input("Invalid `" + field + "` " + value + "; it must be a positive whole number.");
        }
        return decimal.longValueExact();
    }

    private static BigDecimal decimal(final JsonNode value, final String field)
    {
        try
        {
            if (value.isNumber())
            {
                return value.decimalValue();
            }
            if (value.isTextual() && KiteNumbers.decimal(value.asText()) != null)
            {
                return KiteNumbers.decimal(value.asText());
            }
        }
        catch (final NumberFormatException ex)
        {
            // answered below
        }
        throw KiteError.input("Invalid `" + field + "` " + value + "; expected a number.");
    }
}
