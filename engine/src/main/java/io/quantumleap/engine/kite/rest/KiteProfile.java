package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * {@code GET /user/profile}.
 *
 * @param userId     Kite user id.
 * @param userName   full name.
 * @param email      e-mail address.
 * @param userType   e.g. {@code individual}.
 * @param broker     e.g. {@code ZERODHA}.
 * @param exchanges  exchanges the user may trade.
 * @param products   products the user may use.
 * @param orderTypes order types the user may use.
 */
public record KiteProfile(
    String userId,
    String userName,
    String email,
    String userType,
    String broker,
    List<String> exchanges,
    List<String> products,
    List<String> orderTypes)
{
    static KiteProfile from(final JsonNode data)
    {
        KiteJson.requireObject(data, "data");
        return new KiteProfile(
            KiteJson.textOrEmpty(data, "user_id"),
            KiteJson.textOrEmpty(data, "user_name"),
            KiteJson.textOrEmpty(data, "email"),
            KiteJson.textOrEmpty(data, "user_type"),
            KiteJson.textOrEmpty(data, "broker"),
            KiteJson.strings(data, "exchanges"),
            KiteJson.strings(data, "products"),
            KiteJson.strings(data, "order_types"));
    }
}
