package io.quantumleap.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.quantumleap.gateway.http.ApiError;
import jakarta.inject.Singleton;

/**
 * The per-user and per-address buckets of the REST API and what a refusal looks like: 429 with
 * {@code Retry-After} (whole seconds, rounded up) and an {@link ApiError} saying which limit was hit, counted in
 * {@code qleap.http.rate.limited{scope=user|address}}.
 */
@Singleton
final class RateLimits
{
    /** Idle keys are swept once this many are tracked (bounds memory under a flood of addresses). */
    static final int SWEEP_ABOVE_KEYS = 10_000;

    private final KeyedRateLimiter users;
    private final KeyedRateLimiter addresses;
    private final Counter userRefusals;
    private final Counter addressRefusals;

    RateLimits(final RateLimitConfig config, final MeterRegistry registry)
    {
        users = config.getUserRate() <= 0 ? null :
            new KeyedRateLimiter(System::nanoTime, config.getUserRate(), config.getUserBurst(), SWEEP_ABOVE_KEYS);
        addresses = config.getAddressRate() <= 0 ? null :
            new KeyedRateLimiter(System::nanoTime, config.getAddressRate(), config.getAddressBurst(), SWEEP_ABOVE_KEYS);
        userRefusals = Counter.builder("qleap.http.rate.limited").tag("scope", "user")
            .description("REST requests refused with 429 because a rate limit was exceeded").register(registry);
        addressRefusals = Counter.builder("qleap.http.rate.limited").tag("scope", "address")
            .description("REST requests refused with 429 because a rate limit was exceeded").register(registry);
    }

    /** @return null to let the request through, else the 429 to answer with. */
    MutableHttpResponse<ApiError> checkUser(final String username)
    {
        if (users == null)
        {
            return null;
        }
        final long waitNs = users.tryAcquire(username);
        if (waitNs == 0)
        {
            return null;
        }
        userRefusals.increment();
        return refusal(waitNs, "user '" + username + "'", users);
    }

    /** @return null to let the request through, else the 429 to answer with. */
    MutableHttpResponse<ApiError> checkAddress(final String address)
    {
        if (addresses == null)
        {
            return null;
        }
        final long waitNs = addresses.tryAcquire(address);
        if (waitNs == 0)
        {
            return null;
        }
        addressRefusals.increment();
        return refusal(waitNs, "address " + address, addresses);
    }

    private static MutableHttpResponse<ApiError> refusal(
        final long waitNs, final String who, final KeyedRateLimiter limiter)
    {
        final long seconds = Math.max(1, (waitNs + 999_999_999L) / 1_000_000_000L);
        return HttpResponse.<ApiError>status(HttpStatus.TOO_MANY_REQUESTS)
            .header("Retry-After", Long.toString(seconds))
            .body(new ApiError("rate_limited", "too many requests from " + who + ": the limit is " +
                limiter.ratePerSecond() + " per second (bursts of " + limiter.burst() + "); retry in " +
                seconds + " s"));
    }
}
