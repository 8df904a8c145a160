package io.quantumleap.engine.sim;

/**
 * A request the simulator answers with Kite's error envelope
 * {@code {"status":"error","message":...,"error_type":...}}. Thrown only on the simulator thread.
 */
final class KiteError extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    final int httpStatus;
    final String errorType;

    KiteError(final int httpStatus, final String errorType, final String message)
    {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.errorType = errorType;
    }

    static KiteError input(final String message)
    {
        return new KiteError(400, "InputException", message);
    }

    static KiteError token(final String message)
    {
        return new KiteError(403, "TokenException", message);
    }

    static KiteError permission(final String message)
    {
        return new KiteError(403, "PermissionException", message);
    }

    static KiteError order(final String message)
    {
        return new KiteError(400, "OrderException", message);
    }

    static KiteError tooManyRequests()
    {
        return new KiteError(429, "NetworkException", "Too many requests");
    }

    static KiteError notFound(final String message)
    {
        return new KiteError(404, "GeneralException", message);
    }

    /** The error envelope Kite sends for an injected failure with this HTTP status. */
    static KiteError forStatus(final int httpStatus)
    {
        switch (httpStatus)
        {
            case 400:
                return input("Invalid input (simulated fault)");
            case 429:
                return tooManyRequests();
            case 502:
                return new KiteError(502, "DataException", "Unknown content type from the OMS (simulated fault)");
            case 503:
                return new KiteError(503, "NetworkException", "Gateway not reachable (simulated fault)");
            case 504:
                return new KiteError(504, "DataException", "Gateway timed out (simulated fault)");
            default:
                return new KiteError(httpStatus, "GeneralException", "Internal server error (simulated fault)");
        }
    }
}
