package io.quantumleap.persistence.account;

import java.util.UUID;

/**
 * An account's Kite app credentials, decrypted.
 *
 * @param accountId   the account.
 * @param apiKey      Kite api_key (not secret).
 * @param apiSecret   Kite api_secret (secret: never logged; {@link #toString()} hides it).
 * @param redirectUrl OAuth redirect, or null.
 */
public record BrokerConfig(UUID accountId, String apiKey, String apiSecret, String redirectUrl)
{
    @Override
    public String toString()
    {
        return "BrokerConfig[accountId=" + accountId + ", apiKey=" + apiKey + ", apiSecret=***, redirectUrl=" +
            redirectUrl + "]";
    }
}
