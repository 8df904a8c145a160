package io.quantumleap.gateway.http;

import io.micronaut.http.HttpStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Thrown by controllers to answer with a given status and an {@link ApiError}. */
public final class ApiException extends RuntimeException
{
    private static final long serialVersionUID = 1L;
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    /** A date alone, {@code 2026-11-30}. */
    private static final int DATE_LENGTH = 10;

    private final transient HttpStatus status;
    private final String code;
    private final long retryAfterSeconds;
    private final transient List<String> instruments;

    public ApiException(final HttpStatus status, final String code, final String message)
    {
        this(status, code, message, 0);
    }

    /**
     * @param retryAfterSeconds sent as {@code Retry-After}; 0 for none.
     */
    public ApiException(final HttpStatus status, final String code, final String message, final long retryAfterSeconds)
    {
        this(status, code, message, retryAfterSeconds, null);
    }

    private ApiException(
        final HttpStatus status, final String code, final String message, final long retryAfterSeconds,
        final List<String> instruments)
    {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
        this.instruments = instruments == null ? null : List.copyOf(instruments);
    }

    public static ApiException badRequest(final String message)
    {
        return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", message);
    }

    /**
     * 400 for instruments the journal knows nothing of, or of neither form: the message for people, and every one of
     * them in the answer's {@code instruments} ({@link ApiError#instruments()}) for a client to leave them out and ask
     * again.
     */
    public static ApiException unknownInstruments(final String message, final List<String> instruments)
    {
        return new ApiException(HttpStatus.BAD_REQUEST, "bad_request", message, 0, instruments);
    }

    /** 400 for a range given backwards: {@code from} after its end, named {@code toName}; says to swap them. */
    public static ApiException backwards(final Object from, final String toName, final Object to)
    {
        return badRequest("from: " + from + " is after " + toName + " " + to + "; swap them");
    }

    /**
     * 409 {@code broker_not_connected}: the account's broker session needs a login.
     *
     * @param accountId the account.
     * @param state     where its session stands, as the API names it ({@code login_required}, {@code token_expired}).
     */
    public static ApiException brokerNotConnected(final long accountId, final String state)
    {
        return new ApiException(HttpStatus.CONFLICT, "broker_not_connected", "account " + accountId +
            " is not connected to the broker (" + state + "): connect it (GET /api/broker/kite/connect, or the " +
            "Broker page) and ask again");
    }

    public static ApiException notFound(final String message)
    {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", message);
    }

    /** A request whose thread was interrupted while it waited (the server is stopping); keeps the thread marked. */
    public static ApiException interrupted()
    {
        Thread.currentThread().interrupt();
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "interrupted", "the server is shutting down");
    }

    /**
     * Waits for the engine's answer to a command a request sent; a server stopping meanwhile is a 503.
     *
     * @throws TimeoutException when the engine has not answered within {@code timeout}: the caller says what that
     *                          means for its request.
     */
    public static <T> T awaitEngine(final CompletableFuture<T> answer, final Duration timeout) throws TimeoutException
    {
        try
        {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            throw interrupted();
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Parses an optional time query parameter, naming the field when it is malformed: an ISO-8601 instant
     * ({@code 2026-11-30T09:15:00Z}), a date-time with an offset, or an IST date-time or date (the exchange's clock, as
     * {@code qleap replay} takes them: {@code 2026-11-30T14:45}, {@code 2026-11-30}).
     */
    public static Instant instant(final String field, final String value, final Instant fallback)
    {
        return instant(field, value, fallback, null);
    }

    /**
     * {@link #instant} for a parameter that takes something besides a time, which the caller reads before it: its
     * refusal names that too, after the times, so that a caller who gave a malformed one of those learns it is taken.
     *
     * @param orElse what else the parameter takes, with an example ({@code a journal index like 1234}); null for
     *               nothing, the refusal then {@link #instant}'s.
     */
    public static Instant instant(final String field, final String value, final Instant fallback, final String orElse)
    {
        if (value == null || value.isBlank())
        {
            return fallback;
        }
        final String stripped = value.strip();
        // Kite writes its times with a space: 2026-11-30 14:45:00.
        final String text = stripped.length() > 10 && stripped.charAt(10) == ' ' ?
            stripped.substring(0, 10) + 'T' + stripped.substring(11) : stripped;
        try
        {
            if (text.length() == DATE_LENGTH)
            {
                return LocalDate.parse(text).atStartOfDay(IST).toInstant();
            }
            final TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from,
                LocalDateTime::from);
            return parsed instanceof OffsetDateTime offset ? offset.toInstant() :
                ((LocalDateTime)parsed).atOffset(IST).toInstant();
        }
        catch (final DateTimeParseException ex)
        {
            throw badRequest(field + ": '" + value + "' is not a time: give an instant like 2026-11-30T09:15:00Z, " +
                "or an IST date-time like 2026-11-30T14:45 (or 2026-11-30 14:45:00, as Kite writes it) or a date " +
                "like 2026-11-30" + (orElse == null ? "" : ", or " + orElse));
        }
    }

    /**
     * {@link #instant} for the end of a range, as {@code qleap replay} reads its {@code --to} and {@code --state-at}: a
     * date alone means the whole of that IST day, up to the next day's start when the end is exclusive, to the day's
     * last nanosecond when it is inclusive ({@code to=2026-11-30} takes in the 30th, where the start of it would take
     * nothing of it).
     */
    public static Instant instantUntil(
        final String field, final String value, final Instant fallback, final boolean inclusive)
    {
        return instantUntil(field, value, fallback, inclusive, null);
    }

    /**
     * {@link #instantUntil} for a parameter that takes something besides a time, as {@link #instant(String, String,
     * Instant, String)} reads one.
     */
    public static Instant instantUntil(
        final String field, final String value, final Instant fallback, final boolean inclusive, final String orElse)
    {
        final Instant at = instant(field, value, fallback, orElse);
        if (value == null || value.strip().length() != DATE_LENGTH)
        {
            return at;
        }
        // IST keeps no daylight saving: every day is 24 hours.
        final Instant nextDay = at.plus(Duration.ofDays(1));
        return inclusive ? nextDay.minusNanos(1) : nextDay;
    }

    public HttpStatus status()
    {
        return status;
    }

    /** @return seconds to wait before asking again ({@code Retry-After}), 0 when the answer does not say. */
    public long retryAfterSeconds()
    {
        return retryAfterSeconds;
    }

    public String code()
    {
        return code;
    }

    /** @return what {@link ApiError#instruments()} names; null when the answer names no instruments. */
    public List<String> instruments()
    {
        return instruments;
    }
}
