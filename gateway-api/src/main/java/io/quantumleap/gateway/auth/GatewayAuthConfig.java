package io.quantumleap.gateway.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Authentication settings ({@code quantumleap.auth.*}; env {@code QLEAP_TOKEN_TTL} etc. through application.yml).
 */
@ConfigurationProperties("quantumleap.auth")
public interface GatewayAuthConfig
{
    /** How long an issued JWT is valid. */
    @Bindable(defaultValue = "8h")
    Duration getTokenTtl();

    /** Failed logins in a row before a user name is locked out. */
    @Bindable(defaultValue = "5")
    int getMaxFailuresPerUser();

    /** Failed logins in a row before a client address is locked out. */
    @Bindable(defaultValue = "20")
    int getMaxFailuresPerAddress();

    @Bindable(defaultValue = "15m")
    Duration getLockout();

    /**
     * How long a session seen valid is trusted before the database is asked again: the delay before a logout made
     * through another gateway process on the same database takes effect here.
     */
    @Bindable(defaultValue = "10s")
    Duration getSessionRecheck();
}
