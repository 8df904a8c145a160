package io.quantumleap.gateway.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Request rate limits of the REST API ({@code quantumleap.rate-limit.*}; env {@code QLEAP_RATE_LIMIT_*} through
 * application.yml). A rate of 0 turns that limit off.
 */
@ConfigurationProperties("quantumleap.rate-limit")
public interface RateLimitConfig
{
    /** Sustained requests per second one user may make. */
    @Bindable(defaultValue = "20")
    int getUserRate();

    /** Requests one user may make at once after being idle. */
    @Bindable(defaultValue = "100")
    int getUserBurst();

    /** Sustained requests per second from one client address, logged in or not. */
    @Bindable(defaultValue = "50")
    int getAddressRate();

    /** Requests one client address may make at once after being idle. */
    @Bindable(defaultValue = "200")
    int getAddressBurst();
}
