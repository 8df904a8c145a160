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
public final class MetricsTokenValidator implements TokenValidator<HttpRequest<?>>
{
    static final String ROLE = "metrics";
    static final int MIN_LENGTH = 32;

    private final byte[] token;

    MetricsTokenValidator(@Value("${quantumleap.metrics-token:}") final String token)
    {
        final String refused = refused(token);
        if (refused != null)
        {
            throw new ConfigurationException(refused);
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checked again before anything starts (a bean is made at its first use: the first request, which would fail).
     *
     * @param token the configured token, empty when none is.
     * @return why it cannot be used, or null when it can (or none is set).
     */
    public static String refused(final String token)
    {
        return token == null || token.isEmpty() || token.length() >= MIN_LENGTH ? null :
            "QLEAP_METRICS_TOKEN: give at least " + MIN_LENGTH + " characters (for example `openssl rand -hex 32`), " +
            "not " + token.length();
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
