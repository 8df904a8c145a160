package io.quantumleap.engine.kite.rest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The reply of the session token exchange ({@code POST /session/token}).
 *
 * @param userId       Kite user id.
 * @param userName     full name.
 * @param apiKey       the app's api_key.
 * @param accessToken  token for every later call, valid until 06:00 IST.
 * @param publicToken  public token.
 * @param refreshToken refresh token, empty when the app has none.
 * @param loginTime    IST {@code yyyy-mm-dd hh:mm:ss}.
 * @param exchanges    exchanges the user may trade.
 * @param products     products the user may use.
 */
public record KiteSession(
    String userId,
    String userName,
    String apiKey,
    String accessToken,
    String publicToken,
    String refreshToken,
    String loginTime,
    List<String> exchanges,
    List<String> products)
{
    static KiteSession from(final JsonNode data)
    {
        KiteJson.requireObject(data, "data");
        final String accessToken = KiteJson.text(data, "access_token");
        if (null == accessToken || accessToken.isEmpty())
        {
            throw new IllegalArgumentException("field access_token: missing from the session reply");
        }
        return new KiteSession(
            KiteJson.textOrEmpty(data, "user_id"),
            KiteJson.textOrEmpty(data, "user_name"),
            KiteJson.textOrEmpty(data, "api_key"),
            accessToken,
            KiteJson.textOrEmpty(data, "public_token"),
            KiteJson.textOrEmpty(data, "refresh_token"),
            KiteJson.textOrEmpty(data, "login_time"),
            KiteJson.strings(data, "exchanges"),
            KiteJson.strings(data, "products"));
    }
}
