package io.quantumleap.persistence.account;

import java.time.Instant;
import java.util.UUID;

/**
 * A Kite session token, decrypted.
 *
 * @param id           row id.
 * @param accountId    the account.
 * @param accessToken  Kite access_token (secret; hidden by {@link #toString()}).
 * @param refreshToken refresh token or null (secret).
 * @param brokerUserId Kite user_id.
 * @param issuedAt     when Kite issued it.
 * @param expiresAt    when it stops working (06:00 IST the next day).
 */
public record OAuthToken(UUID id, UUID accountId, String accessToken, String refreshToken, String brokerUserId,
    Instant issuedAt, Instant expiresAt)
{
    @Override
    public String toString()
    {
        return "OAuthToken[id=" + id + ", accountId=" + accountId + ", accessToken=***, brokerUserId=" +
            brokerUserId + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
