package io.quantumleap.engine.kite.rest;

/**
 * A failed Kite REST call, typed by {@link KiteErrorType}. Carries the HTTP status (0 when no reply arrived)
 * and the endpoint, so one log line says what failed where.
 */
public final class KiteException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final KiteErrorType type;
    private final int httpStatus;
    private final String endpoint;

    /**
     * @param type       of the failure.
     * @param httpStatus of the reply, 0 when none arrived.
     * @param endpoint   method and path of the call, e.g. {@code POST /orders/regular}.
     * @param message    Kite's message or the client's description.
     * @param cause      the underlying exception, may be null.
     */
    public KiteException(
        final KiteErrorType type,
        final int httpStatus,
        final String endpoint,
        final String message,
        final Throwable cause)
    {
        super(type + " " + endpoint + (0 != httpStatus ? " HTTP " + httpStatus : "") + ": " + message, cause);
        this.type = type;
        this.httpStatus = httpStatus;
        this.endpoint = endpoint;
    }

    /**
     * @return the failure type.
     */
    public KiteErrorType type()
    {
        return type;
    }

    /**
     * @return the HTTP status of the reply, 0 when none arrived.
     */
    public int httpStatus()
    {
        return httpStatus;
    }

    /**
     * @return method and path of the failed call.
     */
    public String endpoint()
    {
        return endpoint;
    }

    /**
     * @return the message without the type and endpoint prefix.
     */
    public String reason()
    {
        final String message = getMessage();
        final int index = message.indexOf(": ");
        return index < 0 ? message : message.substring(index + 2);
    }
}
