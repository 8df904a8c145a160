package io.quantumleap.gateway.audit;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import io.quantumleap.gateway.http.ApiError;
import io.quantumleap.gateway.http.ApiException;
import io.quantumleap.persistence.Storage;
import io.quantumleap.persistence.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Writes the audit trail: logins, user changes, orders, risk changes and broker connects. Details never carry a
 * secret or a token. A failure to write is logged and counted, and never fails the user's request.
 */
public final class Audit
{
    private static final Logger LOG = LoggerFactory.getLogger(Audit.class);

    private final Storage log;
    private final JsonMapper json;
    private final Clock clock;
    private final AtomicLong failures = new AtomicLong();

    public Audit(final Storage log, final JsonMapper json, final Clock clock)
    {
        this.log = log;
        this.json = json;
        this.clock = clock;
    }

    public void record(final UUID userId, final AuditEvent eventType, final Map<String, ?> detail)
    {
        try
        {
            log.audit(userId, eventType.stored(), json.writeValueAsString(storable(detail)), clock.instant());
        }
        catch (final StorageException | IOException ex)
        {
            failures.incrementAndGet();
            LOG.warn("audit entry '{}' could not be written: {}", eventType.stored(), ex.getMessage());
        }
        catch (final RuntimeException ex)
        {
            // A detail the serializer cannot write is a bug here, not the user's: their request goes on.
            failures.incrementAndGet();
            LOG.warn("audit entry '{}' could not be written", eventType.stored(), ex);
        }
    }

    /**
     * The detail as PostgreSQL's jsonb can hold it: a NUL character (U+0000) or a lone surrogate (half of a UTF-16
     * pair without the other), which jsonb refuses, becomes U+FFFD in every text, key or value, so a request that
     * carried one is still in the trail.
     */
    static Object storable(final Object value)
    {
        if (value instanceof String text)
        {
            return storableText(text);
        }
        if (value instanceof Map<?, ?> map)
        {
            final Map<Object, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(storable(k), storable(v)));
            return copy;
        }
        if (value instanceof java.util.Collection<?> list)
        {
            return list.stream().map(Audit::storable).toList();
        }
        return value;
    }

    private static String storableText(final String text)
    {
        StringBuilder copy = null;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            final boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() &&
                Character.isLowSurrogate(text.charAt(i + 1));
            if (pair)
            {
                if (copy != null)
                {
                    copy.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            final boolean refused = c == '\0' || Character.isSurrogate(c);
            if (refused && copy == null)
            {
                copy = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (copy != null)
            {
                copy.append(refused ? '\uFFFD' : c);
            }
        }
        return copy == null ? text : copy.toString();
    }

    /**
     * Answers a request by {@code work} and records it: {@code detail} as {@code work} left it, with the refusal's
     * {@code error} code and {@code message} when it threw an {@link ApiException} (answered as that error) or
     * answered with an {@link ApiError}, and the {@code http_status} answered.
     */
    public HttpResponse<?> answer(
        final Authentication auth, final AuditEvent eventType, final Map<String, Object> detail,
        final Supplier<HttpResponse<?>> work)
    {
        HttpResponse<?> response = null;
        try
        {
            response = work.get();
            return response;
        }
        catch (final ApiException ex)
        {
            response = HttpResponse.status(ex.status()).body(new ApiError(ex.code(), ex.getMessage()));
            return response;
        }
        finally
        {
            if (response != null && response.body() instanceof ApiError refusal)
            {
                detail.putIfAbsent("error", refusal.error());
                detail.putIfAbsent("message", refusal.message());
            }
            detail.put("http_status", response == null ? 500 : response.code());
            record(userId(auth), eventType, detail);
        }
    }

    /** @throws ApiException 401 when the caller's token carries no user id (what is stored per user needs one). */
    public static UUID requireUserId(final Authentication authentication)
    {
        final UUID user = userId(authentication);
        if (user == null)
        {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", "the token names no user; log in again");
        }
        return user;
    }

    /** The user id carried in the caller's token, or null. */
    public static UUID userId(final Authentication authentication)
    {
        final Object uid = authentication == null ? null : authentication.getAttributes().get("uid");
        try
        {
            return uid == null ? null : UUID.fromString(uid.toString());
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    /** Entries that could not be written since the start. */
    public long failures()
    {
        return failures.get();
    }
}
