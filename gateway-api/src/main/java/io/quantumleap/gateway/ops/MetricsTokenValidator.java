package io.quantumleap.gateway.ops;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * A Prometheus server's token for {@code GET /metrics} ({@code quantumleap.metrics-token}, {@code
 * QLEAP_METRICS_TOKEN}): a bearer token that does not expire, as a scrape configuration holds it, and opens nothing
 * but {@code /metrics}. Unset (the default), only an ops or admin session's token reads the metrics.
 */
@Singleton
final class MetricsTokenValidator implements TokenValidator<HttpRequest<?>>
{
    static final String ROLE = "metrics";
    static final int MIN_LENGTH = 32;

    private final byte[] token;

    MetricsTokenValidator(@Value("${quantumleap.metrics-token:}") final String token)
    {
        if (!token.isEmpty() && token.length() < MIN_LENGTH)
        {
            throw new ConfigurationException("QLEAP_METRICS_TOKEN: give at least " + MIN_LENGTH + " characters (for " +
                "example `openssl rand -hex 32`), not " + token.length());
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Publisher<Authentication> validateToken(final String presented, final HttpRequest<?> request)
    {
        if (token.length == 0 || !"/metrics".equals(request.getPath()) ||
            !MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8)))
        {
            return Publishers.empty();
        }
        return Publishers.just(Authentication.build(ROLE, List.of(ROLE)));
    }
}
