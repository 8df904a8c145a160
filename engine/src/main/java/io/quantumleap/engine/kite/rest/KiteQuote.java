package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instrument of {@code GET /quote}, {@code /quote/ohlc} or {@code /quote/ltp}; fields a reply does not
 * carry (all but the token and last price for ltp, for example) read as 0 or empty.
 *
 * @param instrumentToken   Kite instrument token.
 * @param timestamp         IST, may be null.
 * @param lastPrice         last traded price.
 * @param lastQuantity      last traded quantity.
 * @param volume            day volume.
 * @param averagePrice      volume weighted average price.
 * @param buyQuantity       total pending buy quantity.
 * @param sellQuantity      total pending sell quantity.
 * @param oi                open interest.
 * @param netChange         absolute change from the previous close.
 * @param lowerCircuitLimit lower circuit.
 * @param upperCircuitLimit upper circuit.
 * @param open              day open.
 * @param high              day high.
 * @param low               day low.
 * @param close             previous session close.
 * @param bids              buy depth, best first.
 * @param asks              sell depth, best first.
 */
public record KiteQuote(
    long instrumentToken,
    String timestamp,
    BigDecimal lastPrice,
    long lastQuantity,
    long volume,
    BigDecimal averagePrice,
    long buyQuantity,
    long sellQuantity,
    long oi,
    BigDecimal netChange,
    BigDecimal lowerCircuitLimit,
    BigDecimal upperCircuitLimit,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    List<DepthLevel> bids,
    List<DepthLevel> asks)
{
    /**
     * One depth level.
     *
     * @param price    price.
     * @param quantity quantity.
     * @param orders   number of orders.
     */
    public record DepthLevel(BigDecimal price, long quantity, long orders)
    {
    }

    static KiteQuote from(final JsonNode node)
    {
        KiteJson.requireObject(node, "quote");
        final JsonNode ohlc = KiteJson.object(node, "ohlc");
        final JsonNode depth = KiteJson.object(node, "depth");
        return new KiteQuote(
            KiteJson.longValue(node, "instrument_token"),
            KiteJson.text(node, "timestamp"),
            KiteJson.decimal(node, "last_price"),
            KiteJson.longValue(node, "last_quantity"),
            KiteJson.longValue(node, "volume"),
            KiteJson.decimal(node, "average_price"),
            KiteJson.longValue(node, "buy_quantity"),
            KiteJson.longValue(node, "sell_quantity"),
            KiteJson.longValue(node, "oi"),
            KiteJson.decimal(node, "net_change"),
            KiteJson.decimal(node, "lower_circuit_limit"),
            KiteJson.decimal(node, "upper_circuit_limit"),
            KiteJson.decimal(ohlc, "open"),
            KiteJson.decimal(ohlc, "high"),
            KiteJson.decimal(ohlc, "low"),
            KiteJson.decimal(ohlc, "close"),
            levels(KiteJson.array(depth, "buy")),
            levels(KiteJson.array(depth, "sell")));
    }

    static Map<String, KiteQuote> mapFrom(final JsonNode data)
    {
        KiteJson.requireObject(data, "data");
        final Map<String, KiteQuote> result = new LinkedHashMap<>();
        for (final Map.Entry<String, JsonNode> field : data.properties())
        {
            result.put(field.getKey(), from(field.getValue()));
        }
        return result;
    }

    private static List<DepthLevel> levels(final JsonNode array)
    {
        final DepthLevel[] levels = new DepthLevel[array.size()];
        for (int i = 0; i < levels.length; i++)
        {
            final JsonNode level = KiteJson.requireObject(array.get(i), "depth level");
            levels[i] = new DepthLevel(
                KiteJson.decimal(level, "price"),
                KiteJson.longValue(level, "quantity"),
                KiteJson.longValue(level, "orders"));
        }
        return List.of(levels);
    }
}
