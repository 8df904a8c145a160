package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;

/**
 * The margin one order needs, a row of {@code POST /margins/orders} (or a basket's total, {@code POST
 * /margins/basket}); a missing amount reads as 0.
 *
 * @param type          {@code equity} or {@code commodity}: the segment whose funds the order draws on.
 * @param tradingsymbol exchange symbol.
 * @param exchange      e.g. {@code NSE}.
 * @param span          SPAN margin.
 * @param exposure      exposure margin.
 * @param optionPremium premium of a bought option.
 * @param additional    additional margin.
 * @param var           VaR margin (cash equity).
 * @param leverage      how many times the margin the order's value is (1 for delivery).
 * @param charges       the charges of the order as if it executed whole ({@code charges.total}).
 * @param total         the margin the order needs, charges left out.
 */
public record KiteOrderMargin(
    String type,
    String tradingsymbol,
    String exchange,
    BigDecimal span,
    BigDecimal exposure,
    BigDecimal optionPremium,
    BigDecimal additional,
    BigDecimal var,
    BigDecimal leverage,
    BigDecimal charges,
    BigDecimal total)
{
    static List<KiteOrderMargin> listFrom(final JsonNode data)
    {
        KiteJson.requireArray(data, "data");
        final KiteOrderMargin[] margins = new KiteOrderMargin[data.size()];
        for (int i = 0; i < margins.length; i++)
        {
            margins[i] = from(KiteJson.requireObject(data.get(i), "order margin"));
        }
        return List.of(margins);
    }

    static KiteOrderMargin from(final JsonNode node)
    {
        return new KiteOrderMargin(
            KiteJson.textOrEmpty(node, "type"),
            KiteJson.textOrEmpty(node, "tradingsymbol"),
            KiteJson.textOrEmpty(node, "exchange"),
            KiteJson.decimal(node, "span"),
            KiteJson.decimal(node, "exposure"),
            KiteJson.decimal(node, "option_premium"),
            KiteJson.decimal(node, "additional"),
            KiteJson.decimal(node, "var"),
            KiteJson.decimal(node, "leverage"),
            KiteJson.decimal(KiteJson.object(node, "charges"), "total"),
            KiteJson.decimal(node, "total"));
    }
}
