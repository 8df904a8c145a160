package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One segment of {@code GET /user/margins}; a missing field reads as 0.
 *
 * @param enabled        whether the segment is enabled.
 * @param net            net available margin.
 * @param cash           available cash.
 * @param openingBalance opening balance.
 * @param liveBalance    live balance.
 * @param collateral     collateral.
 * @param debits         utilised debits.
 * @param exposure       utilised exposure.
 * @param span           utilised SPAN.
 * @param optionPremium  utilised option premium.
 */
public record KiteSegmentMargins(
    boolean enabled,
    BigDecimal net,
    BigDecimal cash,
    BigDecimal openingBalance,
    BigDecimal liveBalance,
    BigDecimal collateral,
    BigDecimal debits,
    BigDecimal exposure,
    BigDecimal span,
    BigDecimal optionPremium)
{
    static KiteSegmentMargins from(final JsonNode node)
    {
        KiteJson.requireObject(node, "segment margins");
        final JsonNode available = KiteJson.object(node, "available");
        final JsonNode utilised = KiteJson.object(node, "utilised");
        return new KiteSegmentMargins(
            KiteJson.bool(node, "enabled"),
            KiteJson.decimal(node, "net"),
            KiteJson.decimal(available, "cash"),
            KiteJson.decimal(available, "opening_balance"),
            KiteJson.decimal(available, "live_balance"),
            KiteJson.decimal(available, "collateral"),
            KiteJson.decimal(utilised, "debits"),
            KiteJson.decimal(utilised, "exposure"),
            KiteJson.decimal(utilised, "span"),
            KiteJson.decimal(utilised, "option_premium"));
    }

    static Map<String, KiteSegmentMargins> mapFrom(final JsonNode data)
    {
        KiteJson.requireObject(data, "data");
        final Map<String, KiteSegmentMargins> result = new LinkedHashMap<>();
        for (final Map.Entry<String, JsonNode> field : data.properties())
        {
            result.put(field.getKey(), from(field.getValue()));
        }
        return result;
    }
}
