package io.quantumleap.gateway.http;

import io.micronaut.http.HttpStatus;

/** Thrown by controllers to answer with a given status and an {@link ApiError}. */
public final class ApiException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient HttpStatus status;
    private final String code;

    public ApiException(final HttpStatus status, final String code, final String message)
    {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(final String message)
    {
        return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", message);
    }

    public static ApiException notFound(final String message)
    {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", message);
    }

    /** Parses an optional ISO-8601 instant query parameter, naming the field when it is malformed. */
    public static java.time.Instant instant(final String field, final String value, final java.time.Instant fallback)
    {
        if (value == null || value.isBlank())
        {
            return fallback;
        }
        try
        {
            return java.time.Instant.parse(value);
        }
        catch (final java.time.format.DateTimeParseException ex)
        {
            throw badRequest(field + ": '" + value + "' is not an ISO-8601 instant like 2026-11-30T09:15:00Z");
        }
    }

    public HttpStatus status()
    {
        return status;
    }

    public String code()
    {
        return code;
    }
}
