package io.quantumleap.gateway;

import io.micronaut.context.annotation.Factory;
import io.quantumleap.gateway.auth.AuthService;
import io.quantumleap.gateway.auth.GatewayAuthConfig;
import io.quantumleap.gateway.auth.InMemorySessionRegistry;
import io.quantumleap.gateway.auth.InMemoryUserStore;
import io.quantumleap.gateway.auth.LoginThrottle;
import io.quantumleap.gateway.auth.PasswordHasher;
import io.quantumleap.gateway.auth.SessionRegistry;
import io.quantumleap.gateway.auth.UserStore;
import io.quantumleap.gateway.live.LiveState;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The one place that assembles the plain-Java pieces the controllers use. */
@Factory
class GatewayFactory
{
    @Singleton
    Clock clock()
    {
        return Clock.systemUTC();
    }

    @Singleton
    PasswordHasher passwordHasher()
    {
        return new PasswordHasher();
    }

    @Singleton
    LoginThrottle loginThrottle(final Clock clock, final GatewayAuthConfig config)
    {
        return new LoginThrottle(clock, config.getMaxFailuresPerUser(), config.getMaxFailuresPerAddress(), config.getLockout());
    }

    @Singleton
    UserStore userStore()
    {
        return new InMemoryUserStore();
    }

    @Singleton
    SessionRegistry sessionRegistry(final Clock clock)
    {
        return new InMemorySessionRegistry(clock);
    }

    @Singleton
    LiveState liveState()
    {
        return new LiveState();
    }

    @Singleton
    AuthService authService(final UserStore users, final PasswordHasher hasher, final LoginThrottle throttle)
    {
        return new AuthService(users, hasher, throttle);
    }
}
